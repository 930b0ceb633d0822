"""Bookmarks: every saved passage with its document, excerpt and note; open, delete, export."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from reader.screens.base import BaseScreen
from reader.text import sanitize_line
from reader.widgets.plain import Plain, plain

EXCERPT_CHARS = 120


def _excerpt(text: str) -> str:
    text = sanitize_line(text)
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def bookmark_content(bookmark: Any) -> Content:
    """Document and unit, the original's excerpt, then the note and tags when there are any."""
    title = bookmark.titles.get(bookmark.original_language) or next(iter(bookmark.titles.values()), "")
    stale = "  (stale: the text changed since it was saved)" if bookmark.stale else ""
    lines = [plain(f"★ {title} · {bookmark.unit_id}{stale}", "bold")]
    lines.append(plain(_excerpt(bookmark.texts.get(bookmark.original_language, ""))))
    extra = " ".join(f"#{tag}" for tag in bookmark.tags)
    if bookmark.note or extra:
        lines.append(plain(f"✎ {_excerpt(bookmark.note)} {extra}".rstrip(), "italic"))
    return Content("\n").join(lines)


class BookmarksScreen(BaseScreen):
    BINDINGS = [
        Binding("escape,q", "back", "Back", id="bookmarks.back"),
        Binding("e", "edit", "Note", id="bookmarks.note"),
        Binding("d,delete", "delete", "Delete", id="bookmarks.delete"),
        Binding("x", "export", "Export", id="bookmarks.export"),
    ]

    class Open(Message):
        def __init__(self, bookmark: Any) -> None:
            super().__init__()
            self.bookmark = bookmark

    def __init__(self, bookmarks: list[Any]) -> None:
        super().__init__()
        self.bookmarks = bookmarks

    def compose(self) -> ComposeResult:
        yield Plain("Bookmarks", classes="screen-title")
        yield OptionList(id="bookmark-list")
        yield Plain("", id="bookmarks-status")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_bookmarks(self.bookmarks)
        self.query_one(OptionList).focus()

    def set_bookmarks(self, bookmarks: list[Any]) -> None:
        options = self.query_one(OptionList)
        keep = options.highlighted
        self.bookmarks = bookmarks
        options.clear_options()
        options.add_options([Option(bookmark_content(b), id=str(b.id)) for b in bookmarks])
        if bookmarks:
            options.highlighted = min(keep or 0, len(bookmarks) - 1)
        count = len(bookmarks)
        self.query_one("#bookmarks-status", Plain).show(
            f"{count} bookmark{'s' if count != 1 else ''}. Enter opens, e edits the note, d deletes, x exports."
            if count
            else "No bookmarks yet: press b on a passage in the reader."
        )

    def _current(self) -> Any | None:
        index = self.query_one(OptionList).highlighted
        return self.bookmarks[index] if index is not None and index < len(self.bookmarks) else None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if bookmark := self._current():
            self.post_message(self.Open(bookmark))

    def action_edit(self) -> None:
        if bookmark := self._current():
            self.app.edit_bookmark(bookmark)  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        if bookmark := self._current():
            self.app.delete_bookmark(bookmark)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        self.app.export_bookmarks()  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()
