"""Bookmarks: every saved passage with its document, each language's text and the note; filter by
tag; open, edit, delete, export."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader import messages
from reader.bookmarks import Bookmark
from reader.screens.bookmark_flows import BookmarkFlowsScreen
from reader.text import sanitize_line
from reader.widgets.footer import Footer
from reader.widgets.plain import Plain, plain

EXCERPT_CHARS = 120


def _excerpt(text: str) -> str:
    text = sanitize_line(text)
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def bookmark_content(bookmark: Bookmark) -> Content:
    """Document and unit, each language's text (the original first), then the note and tags."""
    stale = "  (stale: the text changed since it was saved)" if bookmark.stale else ""
    lines = [plain(f"★ {bookmark.title} · {bookmark.unit_id}{stale}", "bold")]
    for lang in bookmark.languages:
        if text := bookmark.texts.get(lang, ""):
            style = "" if lang == bookmark.original_language else "italic"
            lines.append(Content.assemble(plain(f"{lang}\u00a0", "dim"), plain(_excerpt(text), style)))
    extra = " ".join(f"#{tag}" for tag in bookmark.tags)
    if bookmark.note or extra:
        lines.append(plain(f"✎ {_excerpt(bookmark.note)} {extra}".rstrip(), "bold"))
    return Content("\n").join(lines)


class BookmarksScreen(BookmarkFlowsScreen):
    AUTO_FOCUS = "#bookmark-list"
    BINDINGS = [
        Binding("escape,q", "back", "Back", id="bookmarks.back"),
        Binding("e", "edit", "Note", id="bookmarks.note"),
        Binding("d,delete", "delete", "Delete", id="bookmarks.delete"),
        Binding("x", "export", "Export", id="bookmarks.export"),
        Binding("t", "focus_tag", "Tag filter", id="bookmarks.tag"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all: list[Bookmark] = []
        self.bookmarks: list[Bookmark] = []  # those shown (the tag filter applied)

    def compose(self) -> ComposeResult:
        yield Plain("Bookmarks", classes="screen-title")
        yield Input(placeholder="Filter by tag (t)…", id="tag-filter", compact=True)
        yield OptionList(id="bookmark-list")
        yield Plain("", id="bookmarks-status")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_bookmarks()
        self.query_one(OptionList).focus()

    def refresh_bookmarks(self) -> None:
        try:
            self.all = self.services.bookmarks.list()
        except Exception as exc:
            self.post_message(messages.Failed("Bookmarks unavailable", str(exc)))
            self.all = []
        self._show()

    @property
    def tag(self) -> str:
        return self.query_one("#tag-filter", Input).value.strip().lstrip("#")

    def _show(self) -> None:
        tag = self.tag
        shown = [b for b in self.all if not tag or any(t.startswith(tag) for t in b.tags)]
        options = self.query_one(OptionList)
        keep = options.highlighted
        self.bookmarks = shown
        options.clear_options()
        options.add_options([Option(bookmark_content(b), id=str(b.id)) for b in shown])
        if shown:
            options.highlighted = min(keep or 0, len(shown) - 1)
        count, total = len(shown), len(self.all)
        noun = "bookmark" if total == 1 else "bookmarks"
        if not total:
            status = "No bookmarks yet: press b on a passage in the reader."
        elif tag:
            status = (
                f"{count} of {total} {noun} tagged “{tag}…”. Enter opens, e note, d deletes, x exports these."
            )
        else:
            status = f"{total} {noun}. Enter opens, e edits the note, d deletes, x exports, t filters by tag."
        self.query_one("#bookmarks-status", Plain).show(status)

    @on(Input.Changed, "#tag-filter")
    def _tag_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#tag-filter")
    def _tag_submitted(self) -> None:
        self.query_one(OptionList).focus()

    def _current(self) -> Bookmark | None:
        index = self.query_one(OptionList).highlighted
        return self.bookmarks[index] if index is not None and index < len(self.bookmarks) else None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if bookmark := self._current():
            self.post_message(messages.OpenBookmark(bookmark))

    def action_edit(self) -> None:
        if bookmark := self._current():
            self.post_message(messages.EditBookmark(bookmark))

    def action_delete(self) -> None:
        if bookmark := self._current():
            self.post_message(messages.DeleteBookmark(bookmark, ask=bool(bookmark.note or bookmark.tags)))

    def action_export(self) -> None:
        self.post_message(messages.ExportBookmarks(self.tag))

    def action_focus_tag(self) -> None:
        self.query_one("#tag-filter", Input).focus()

    def action_back(self) -> None:
        if self.query_one("#tag-filter", Input).has_focus:
            self.query_one(OptionList).focus()
            return
        self.app.pop_screen()
