"""Export bookmarks: Markdown, CSV, JSON, JSON Lines, TMX 1.4b and an Anki import file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reader import atomic
from reader.bookmarks import Bookmark
from reader.errors import UserError
from reader.export import anki, csv_format, json_format, markdown, tmx

# name → (file extension, renderer)
_RENDERERS: dict[str, tuple[str, Callable[[Sequence[Bookmark]], str]]] = {
    "md": ("md", markdown.render),
    "csv": ("csv", csv_format.render),
    "json": ("json", json_format.render),
    "jsonl": ("jsonl", json_format.render_lines),
    "tmx": ("tmx", tmx.render),
    "anki": ("txt", anki.render),
}
FORMATS: dict[str, str] = {name: ext for name, (ext, _) in _RENDERERS.items()}


def render(bookmarks: Sequence[Bookmark], fmt: str, bom: bool = False) -> bytes:
    if fmt not in _RENDERERS:
        raise UserError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    data = _RENDERERS[fmt][1](bookmarks).encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom and fmt == "csv" else data


def write_export(
    bookmarks: Sequence[Bookmark], fmt: str, path: Path, force: bool = False, bom: bool = False
) -> None:
    """Write atomically; refuse to overwrite without `force`; unwritable paths are user errors."""
    write_file(path, render(bookmarks, fmt, bom), force)


def write_file(path: Path, data: bytes, force: bool = False) -> None:
    """Write an export atomically; refuse to overwrite without `force` (shared by every export)."""
    if path.is_dir():
        raise UserError(f"{path}: is a directory; give a file name")
    if path.exists() and not force:
        raise UserError(f"{path}: already exists (use --force to overwrite)")
    if not path.parent.is_dir():
        raise UserError(f"{path.parent}: no such directory")
    try:
        atomic.write_bytes(path, data)
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror or exc})") from None
