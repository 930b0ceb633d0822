"""Messages the screens and the app exchange (toolong's shape: small dataclasses, handled with `@on`).

Screens say what the user asked for (open this hit, toggle that bookmark); the app owns the
navigation and the background work, and tells every screen about shared changes through its
reactives (`activity`, `bookmarks_version`, `documents_version`), which screens `watch`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.bookmarks import Bookmark
    from reader.model import Document
    from reader.screens.reader import SearchContext


# -- navigation ---------------------------------------------------------------------------


@dataclass
class OpenDocument(Message):
    """Open a document in the reader, at a unit (or where the user left it); with `search`, the
    query's hits in it to step through (built in the search or reader screen's worker)."""

    doc_id: str
    unit: str = ""
    search: SearchContext | None = None
    quiet: bool = False  # a missing document is not reported (the last one, at start-up)
    notice: str = ""  # said once the document is open (e.g. "search wrapped")


@dataclass
class OpenHit(Message):
    """Open a document at a search hit (`unit`; "" for its first hit, None for its last); the app
    finds the query's other hits there in a worker. n / N post it to cross into another document."""

    query: str
    doc_id: str
    unit: str | None
    documents: list[str] = field(default_factory=list)  # documents with hits, in the listed order
    notice: str = ""  # said once it is open (e.g. "search wrapped")


@dataclass
class OpenBookmark(Message):
    bookmark: Bookmark


@dataclass
class PositionChanged(Message):
    """The reader's place, languages or layout changed (saved for the next run)."""

    doc_id: str
    unit: str
    langs: list[str] = field(default_factory=list)
    layout: str = "auto"


# -- bookmarks ----------------------------------------------------------------------------


@dataclass
class ToggleBookmark(Message):
    doc: Document
    unit_id: str


@dataclass
class SaveWord(Message):
    """Keep a word of a unit for study: the unit's bookmark gains the tag `word:WORD` (an Anki
    export makes a card with the word on the front)."""

    doc: Document
    unit_id: str
    word: str


@dataclass
class EditNote(Message):
    """Edit the note and tags on a unit (adding a bookmark when there is none)."""

    doc: Document
    unit_id: str


@dataclass
class EditBookmark(Message):
    bookmark: Bookmark


@dataclass
class DeleteBookmark(Message):
    bookmark: Bookmark
    ask: bool = True


@dataclass
class ExportBookmarks(Message):
    """Open the export dialog (all bookmarks, or only those with `tag`)."""

    tag: str = ""


@dataclass
class BookmarksChanged(Message):
    """The bookmark store changed: every screen showing bookmarks reads them again."""


# -- documents and background work ------------------------------------------------------


@dataclass
class DocumentsChanged(Message):
    """Documents were imported or removed."""

    message: str = ""


@dataclass
class IndexProgress(Message):
    done: int
    total: int


@dataclass
class IndexReady(Message):
    message: str
    ok: bool


@dataclass
class SettingsChanged(Message):
    """A setting in the saved state changed (e.g. the title language): save it soon."""


@dataclass
class Failed(Message):
    """Something the user asked for failed; the app shows `error` (never as markup)."""

    doing: str
    error: str
