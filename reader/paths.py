"""Where user state lives: platformdirs' user dirs, or under `$READER_HOME` when it is set."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "reader"


def _home() -> Path | None:
    value = os.environ.get("READER_HOME")
    return Path(value).expanduser() if value else None


def check_home() -> None:
    """`UserError` when `$READER_HOME` names something that is not a folder (a common slip:
    pointing it at a file); stores call this before blaming the disk."""
    home = _home()
    if home is not None and (home.exists() or home.is_symlink()) and not home.is_dir():
        from reader.errors import UserError

        raise UserError(f"READER_HOME ({home}) is not a directory")


def data_dir() -> Path:
    """Bookmarks and imported documents."""
    if home := _home():
        return home / "data"
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    if home := _home():
        return home / "config"
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """The search index (rebuildable at any time)."""
    if home := _home():
        return home / "cache"
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def user_corpus_dir() -> Path:
    return data_dir() / "corpus"


def overlay_dir() -> Path:
    """Alignment edits to bundled documents, one folder per document (the corpus stays read-only)."""
    return data_dir() / "edits"


def _resource(name: str) -> Path:
    """A top-level folder shipped inside the package as `data/<name>` (wheel) or beside the
    package (source tree)."""
    package = Path(__file__).resolve().parent
    installed = package / "data" / name
    return installed if installed.is_dir() else package.parent / name


def bundled_corpus_dir() -> Path:
    return _resource("corpus")


def styles_dir() -> Path:
    return _resource("styles")
