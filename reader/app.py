"""The Textual app: a shell that pushes screens, runs the background work and keeps shared state.

Screens post the messages of `reader.messages`; the app opens documents (keeping the screen
stack shallow) and tells screens about shared changes through reactives they watch
(`activity`, `bookmarks_version`, `documents_version`). Its other jobs have modules of their
own: toasts and errors (`notices`), the index worker and the library watcher (`background`),
saving where the user is (`positions`). Whoosh, jieba and pyvi are never imported on the way
to the first screen.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from textual import on, work
from textual.actions import SkipAction
from textual.app import SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, TextArea

from reader import messages
from reader.background import BackgroundApp
from reader.corpus import Corpus, CorpusError
from reader.paths import styles_dir
from reader.positions import PositionsApp
from reader.screens.base import BaseScreen
from reader.screens.library import LibraryScreen
from reader.services import Services


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a document's objects are made: a 10,000-unit document
    makes some 200,000 objects, and full collections in the middle of that cost more than the
    work itself. (The reader then freezes them for as long as it shows the document.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ReaderApp(BackgroundApp, PositionsApp):
    """Read parallel zh / vi / en texts."""

    TITLE = "reader"
    CSS_PATH = [str(styles_dir() / "reader.tcss")]
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        # priority: `/` opens the search as it arrives, so letters typed right after it are the
        # query's (a non-priority binding runs only after they reached the list under it)
        Binding("slash", "search", "Search", priority=True, id="app.search"),
        Binding("B", "bookmarks", "Bookmarks", id="app.bookmarks"),
        Binding("ctrl+o", "library", "Library", id="app.library"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="app.quit"),
    ]

    bookmarks_version: reactive[int] = reactive(0)
    documents_version: reactive[int] = reactive(0)

    def __init__(
        self, open_doc: str | None = None, corpus: Corpus | None = None, build_index: bool = True
    ) -> None:
        super().__init__()
        self.services = Services(corpus)
        self.build_index = build_index
        self.open_doc = open_doc

    # -- start-up -------------------------------------------------------------------------

    def on_mount(self) -> None:
        state = self.services.state
        if state.theme and state.theme in self.available_themes:
            self.theme = state.theme
        self.push_screen(LibraryScreen())
        for title, warning in (
            ("Bookmarks", self.services.store_warning),
            ("Reading positions", self.services.state_warning),
        ):
            if warning:
                self.notify(warning, title=title, severity="warning", timeout=20)
        if target := self.open_doc or state.last_document:
            self.post_message(messages.OpenDocument(target, quiet=not self.open_doc))
        if self.build_index:
            self.call_after_refresh(self._build_index)
        self.watch_library()
        if not gc.isenabled():  # `reader` starts with the collector off (cli.run_app)
            self.call_after_refresh(self._collector_on)

    @staticmethod
    def _collector_on() -> None:
        gc.freeze()  # the start-up's objects: out of every later collection's way
        gc.enable()

    # -- documents and navigation ---------------------------------------------------------

    def _pop_to_library(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()

    @on(messages.OpenDocument)
    def _open_document(self, event: messages.OpenDocument) -> None:
        from reader.screens.reader import ReaderScreen

        try:
            with collector_paused():
                doc = self.services.corpus.get(event.doc_id)
                doc.units  # noqa: B018 -- built here, with the collector paused
        except KeyError:
            if not event.quiet:
                self.notify(f"No document {event.doc_id!r}.", severity="error")
            return
        except CorpusError as exc:
            self.notify(str(exc), title="Corpus error", severity="error")
            return
        # (not an isinstance check: that would import the search screen and engine on the way)
        from_search = self.is_screen_installed("search") and self.screen is self.get_screen("search")
        self._pop_to_library()  # a shallow stack: library, [search,] reader
        if from_search:
            self.push_screen("search")
        self.forget_notices()  # toasts about the last document do not follow into this one
        if event.notice:
            self.notify(event.notice)
        self.services.state.last_document = doc.id
        self.push_screen(ReaderScreen.opening(doc, self.services, event))

    @on(messages.OpenBookmark)
    def _open_bookmark(self, event: messages.OpenBookmark) -> None:
        self.post_message(messages.OpenDocument(event.bookmark.doc_id, event.bookmark.unit_id))

    @on(messages.OpenHit)
    def _open_hit(self, event: messages.OpenHit) -> None:
        self.activity = "finding the hits…"
        self._find_hits(event)

    @work(thread=True, exclusive=True, group="hits", exit_on_error=False)
    def _find_hits(self, event: messages.OpenHit) -> None:
        """The query's hits in the document, off the UI thread (the index may be rebuilding)."""
        from reader.screens.reader import SearchContext

        try:
            opening = SearchContext.find(self.services, event)
        finally:
            self.call_from_thread(setattr, self, "activity", "")
        self.post_message(opening)

    @on(messages.DocumentsChanged)
    def _documents_changed(self, event: messages.DocumentsChanged) -> None:
        self.services.corpus.reload()
        self.library_seen()
        self.documents_version += 1
        if event.message:
            self.notify(event.message)
        if self.build_index:
            self._build_index()

    # -- bookmarks ------------------------------------------------------------------------

    @on(messages.BookmarksChanged)
    def _bookmarks_changed(self) -> None:
        self.bookmarks_version += 1

    # -- screens --------------------------------------------------------------------------

    def action_library(self) -> None:
        self._pop_to_library()

    def action_search(self) -> None:
        from reader.screens.search import SearchScreen

        if isinstance(self.screen, ModalScreen) or isinstance(self.focused, (Input, TextArea)):
            raise SkipAction  # a `/` typed into a text box or a dialog is theirs
        if not self.is_screen_installed("search"):
            self.install_screen(SearchScreen(), "search")
        search = self.get_screen("search")
        if search in self.screen_stack:
            while self.screen is not search:
                self.pop_screen()
        else:
            self.push_screen(search)
        if isinstance(search, SearchScreen) and search.is_mounted:
            search.focus_query()

    def action_bookmarks(self) -> None:
        from reader.screens.bookmarks import BookmarksScreen

        if not isinstance(self.screen, BookmarksScreen):
            self.push_screen(BookmarksScreen())

    def action_help(self) -> None:
        from reader.dialogs.help import HelpScreen, key_sections

        if isinstance(self.screen, BaseScreen):
            self.push_screen(HelpScreen(key_sections(self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from reader.dialogs.help import key_commands

        yield from super().get_system_commands(screen)
        if isinstance(screen, BaseScreen):
            yield from key_commands(screen)
