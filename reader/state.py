"""What the app remembers between runs: last document, positions, languages, layout, theme.

Stored as JSON in the user config dir (or `$READER_HOME/config`), written atomically. A missing
or unreadable file means defaults: losing the reading position must never stop the app. A damaged
file is moved aside (never deleted) and `read_state` says so in one line for the app to show.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reader import atomic
from reader.paths import config_dir


@dataclass
class DocumentState:
    unit: str = ""
    langs: list[str] = field(default_factory=list)
    layout: str = "auto"


@dataclass
class AppState:
    last_document: str = ""
    theme: str = ""
    title_lang: str = ""  # the language titles are shown in; "" = each document's original
    documents: dict[str, DocumentState] = field(default_factory=dict)

    def document(self, doc_id: str) -> DocumentState:
        return self.documents.setdefault(doc_id, DocumentState())


def state_path() -> Path:
    return config_dir() / "state.json"


def load_state(path: Path | None = None) -> AppState:
    """The saved state, or defaults (see `read_state` for the message to show)."""
    return read_state(path)[0]


def read_state(path: Path | None = None) -> tuple[AppState, str]:
    """The saved state and a one-line warning for the user ("" when all is well). A missing
    file means defaults quietly; an unreadable one means defaults and a warning; a damaged one
    (not JSON, wrong shape) is moved aside to `state.json.damaged-<time>`, never deleted."""
    path = path or state_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return AppState(), ""
    except OSError as exc:
        return AppState(), f"the saved reading positions ({path}) cannot be read: {exc.strerror or exc}"
    try:
        return _parse(json.loads(raw.decode("utf-8"))), ""
    except (ValueError, TypeError) as exc:
        why = str(exc).splitlines()[0][:120]
    backup = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.rename(backup)
    except OSError as exc:
        return (
            AppState(),
            f"the saved reading positions ({path}) are damaged ({why}) and could not be moved aside ({exc.strerror})",
        )
    return (
        AppState(),
        f"the saved reading positions ({path}) were damaged ({why}); the file was moved to {backup}",
    )


def _strings(value: object, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"{what} is not a list of strings")
    return value


def _string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} is not a string")
    return value


def _parse(data: object) -> AppState:
    """Validated, never trusted: a wrong type anywhere is a `TypeError` naming the field."""
    if not isinstance(data, dict):
        raise TypeError("the file does not hold a JSON object")
    documents = data.get("documents", {})
    if not isinstance(documents, dict):
        raise TypeError("documents is not an object")
    parsed = {}
    for key, value in documents.items():
        if not isinstance(value, dict):
            raise TypeError(f"documents.{key} is not an object")
        parsed[key] = DocumentState(
            unit=_string(value.get("unit", ""), f"documents.{key}.unit"),
            langs=_strings(value.get("langs", []), f"documents.{key}.langs"),
            layout=_string(value.get("layout", "auto"), f"documents.{key}.layout"),
        )
    return AppState(
        last_document=_string(data.get("last_document", ""), "last_document"),
        theme=_string(data.get("theme", ""), "theme"),
        title_lang=_string(data.get("title_lang", ""), "title_lang"),
        documents=parsed,
    )


def save_state(state: AppState, path: Path | None = None) -> None:
    """Write atomically. A state file that is a symlink (dotfiles kept elsewhere) is written
    through: the file it points to is replaced, the link stays."""
    path = path or state_path()
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    atomic.write_text(path, json.dumps(asdict(state), ensure_ascii=False, indent=1))
