"""The Textual app: a shell that pushes screens, runs the background work and keeps shared state.

Screens post the messages of `reader.messages`; the app opens documents (keeping the screen
stack shallow), builds the search index in a worker, and tells screens about shared changes
through reactives they watch (`activity`, `bookmarks_version`, `documents_version`). Whoosh,
jieba and pyvi are never imported on the way to the first screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from reader import messages
from reader.corpus import Corpus, CorpusError
from reader.notices import NoticesApp
from reader.paths import styles_dir
from reader.screens.base import BaseScreen
from reader.screens.library import LibraryScreen
from reader.services import Services
from reader.state import save_state


class ReaderApp(NoticesApp):
    """Read parallel zh / vi / en texts."""

    TITLE = "reader"
    CSS_PATH = [str(styles_dir() / "reader.tcss")]
    SAVE_DELAY = 0.5  # seconds of quiet before the reading position is written
    WATCH_SECONDS = 2.0  # how often the library is checked for changes made by other processes
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("B", "bookmarks", "Bookmarks", id="app.bookmarks"),
        Binding("ctrl+o", "library", "Library", id="app.library"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="app.quit"),
    ]

    activity: reactive[str] = reactive("")  # background work, shown in the title bars
    bookmarks_version: reactive[int] = reactive(0)
    documents_version: reactive[int] = reactive(0)

    def __init__(
        self, open_doc: str | None = None, corpus: Corpus | None = None, build_index: bool = True
    ) -> None:
        super().__init__()
        self.services = Services(corpus)
        self.build_index = build_index
        self.open_doc = open_doc
        self._save_timer: Timer | None = None
        self._corpus_stamp: tuple = ()

    @property
    def corpus(self) -> Corpus:
        return self.services.corpus

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
        self._corpus_stamp = self.corpus.stamp()
        self.set_interval(self.WATCH_SECONDS, self._watch_corpus)

    def _watch_corpus(self) -> None:
        """Another process (`reader import`, `reader remove`) changed the library: show it."""
        if self.corpus.stamp() != self._corpus_stamp:
            self.post_message(
                messages.DocumentsChanged("The library changed on disk; it is up to date again.")
            )

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _build_index(self) -> None:
        engine = self.services.search_engine

        def progress(done: int, total: int) -> None:
            self.post_message(messages.IndexProgress(done, total))

        try:
            message = engine.ensure_index(progress=progress)
        except Exception as exc:
            self.post_message(messages.IndexReady(f"Search index unavailable: {exc}", False))
            return
        self.post_message(messages.IndexReady(message, True))
        engine.warm()

    @on(messages.IndexProgress)
    def _index_progress(self, event: messages.IndexProgress) -> None:
        self.activity = f"indexing {event.done}/{event.total}…"

    @on(messages.IndexReady)
    def _index_ready(self, event: messages.IndexReady) -> None:
        self.activity = ""
        if event.message:
            self.notify(event.message, severity="information" if event.ok else "error")

    def after_worker_failed(self) -> None:
        self.activity = ""

    # -- documents and navigation ---------------------------------------------------------

    def _pop_to_library(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()

    @on(messages.OpenDocument)
    def _open_document(self, event: messages.OpenDocument) -> None:
        from reader.screens.reader import ReaderScreen
        from reader.screens.search import SearchScreen

        try:
            doc = self.services.corpus.get(event.doc_id)
        except KeyError:
            if not event.quiet:
                self.notify(f"No document {event.doc_id!r}.", severity="error")
            return
        except CorpusError as exc:
            self.notify(str(exc), title="Corpus error", severity="error")
            return
        from_search = isinstance(self.screen, SearchScreen)
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

    @on(messages.PositionChanged)
    def _position_changed(self, event: messages.PositionChanged) -> None:
        state = self.services.state
        state.last_document = event.doc_id
        saved = state.document(event.doc_id)
        saved.unit, saved.langs, saved.layout = event.unit, event.langs, event.layout
        self._save_soon()

    @on(messages.SettingsChanged)
    def _save_soon(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        if self.SAVE_DELAY:
            self._save_timer = self.set_timer(self.SAVE_DELAY, self.save_state)
        else:
            self.save_state()

    def save_state(self) -> None:
        self.services.state.theme = self.theme
        try:
            save_state(self.services.state)
        except OSError as exc:
            self.notify(f"Could not save the reading position: {exc}", severity="warning")

    def watch_theme(self, theme: str) -> None:
        if self.is_attached and theme != self.services.state.theme:
            self._save_soon()

    def on_unmount(self) -> None:
        self.save_state()

    @on(messages.DocumentsChanged)
    def _documents_changed(self, event: messages.DocumentsChanged) -> None:
        self.services.corpus.reload()
        self._corpus_stamp = self.corpus.stamp()
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
