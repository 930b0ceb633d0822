"""Export bookmarks: Markdown, CSV, JSON, JSON Lines, TMX 1.4b and an Anki import file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reader import atomic
from reader.bookmarks import Bookmark
from reader.errors import PathTaken, UserError, storage_error
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


def render(bookmarks: Sequence[Bookmark], fmt: str, bom: bool = False, raw: bool = False) -> bytes:
    """The export as bytes. CSV cells that a spreadsheet would run as a formula get a leading
    `'` unless `raw`; `bom` starts a CSV with a UTF-8 BOM (for Excel)."""
    if fmt not in _RENDERERS:
        raise UserError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    text = csv_format.render(bookmarks, raw) if fmt == "csv" else _RENDERERS[fmt][1](bookmarks)
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom and fmt == "csv" else data


def write_export(
    bookmarks: Sequence[Bookmark],
    fmt: str,
    path: Path,
    force: bool = False,
    bom: bool = False,
    raw: bool = False,
) -> None:
    """Render and write with `write_file`'s rules; `raw` writes CSV cells without formula guards."""
    write_file(path, render(bookmarks, fmt, bom, raw), force)


def write_file(path: Path, data: bytes, force: bool = False) -> None:
    """Write an export atomically (shared by every export). Nothing already at `path` is replaced
    unless `force`, and then only a regular file: a directory, device, FIFO, socket or symlink is
    refused (`PathTaken`), so an export never writes through a link to somewhere else. The file
    gets the user's umask mode; a replaced file keeps its mode."""
    try:
        kind = atomic.kind_of(path)
        if kind is not None and (not force or kind != "a file"):
            raise PathTaken(path, kind)
        if not path.parent.is_dir():
            raise UserError(f"{path.parent}: no such directory")
        atomic.write_bytes(path, data, replace=force)
    except atomic.NotRegularFile as exc:  # appeared since we looked
        raise PathTaken(path, exc.kind) from None
    except FileExistsError:
        raise PathTaken(path, atomic.kind_of(path) or "a file") from None
    except OSError as exc:
        raise storage_error(exc, "writing the export", path) from None
