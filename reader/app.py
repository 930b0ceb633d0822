"""The Textual app: wires the screens to the core (corpus, search, bookmarks, state).

Slow work (building the search index, importing) runs in thread workers that post messages;
screens change only in message handlers. Whoosh, jieba and pyvi are never imported on the way
to the first screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from reader.corpus import Corpus, CorpusError
from reader.model import Document
from reader.paths import styles_dir
from reader.screens.base import BaseScreen
from reader.screens.library import LibraryScreen
from reader.state import AppState, load_state, save_state

if TYPE_CHECKING:
    from reader.screens.reader import SearchContext

# The reader, search and bookmarks screens are imported when first opened, not on the way to
# the first screen; their messages reach the handlers below by name (on_<screen>_<message>).


class IndexProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class IndexReady(Message):
    def __init__(self, message: str, ok: bool) -> None:
        super().__init__()
        self.message, self.ok = message, ok


class ImportDone(Message):
    def __init__(self, doc_ids: list[str], error: str = "") -> None:
        super().__init__()
        self.doc_ids, self.error = doc_ids, error


class ReaderApp(App):
    """Read parallel zh / vi / en texts."""

    TITLE = "reader"
    CSS_PATH = [str(styles_dir() / "reader.tcss")]
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("B", "bookmarks", "Bookmarks", id="app.bookmarks"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="app.quit"),
    ]

    def __init__(
        self, open_doc: str | None = None, corpus: Corpus | None = None, build_index: bool = True
    ) -> None:
        super().__init__()
        self.corpus = corpus or Corpus()
        self.build_index = build_index
        self.open_doc = open_doc
        self.state: AppState = load_state()
        self._store: Any = None
        self._engine: Any = None
        self.activity = ""  # background work shown in the title bars
        self._state_timer: Any = None

    # -- core services (created on first use) ---------------------------------------------

    def bookmark_store(self) -> Any:
        if self._store is None:
            from reader.bookmarks import BookmarkStore

            self._store = BookmarkStore()
            if self._store.warning:
                self.notify(
                    self._store.warning, title="Bookmarks", severity="warning", markup=False, timeout=20
                )
        return self._store

    def search_engine(self) -> Any:
        if self._engine is None:
            from reader.search import SearchEngine

            self._engine = SearchEngine(self.corpus)
        return self._engine

    # -- start-up -------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.state.theme and self.state.theme in self.available_themes:
            self.theme = self.state.theme
        try:
            infos = self.corpus.infos()
        except CorpusError as exc:
            infos = []
            self.notify(str(exc), title="Corpus error", severity="error", markup=False, timeout=15)
        self.push_screen(LibraryScreen(infos, self._bookmark_counts()))
        target = self.open_doc or self.state.last_document
        if target:
            self.open_document(target, quiet=not self.open_doc)
        if self.build_index:
            self.call_after_refresh(self._build_index)

    def _bookmark_counts(self) -> dict[str, int]:
        try:
            return self.bookmark_store().counts()
        except Exception as exc:  # a damaged store must not stop reading
            self.notify(f"Bookmarks unavailable: {exc}", severity="error", markup=False)
            return {}

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _build_index(self) -> None:
        try:
            engine = self.search_engine()
            message = engine.ensure_index(
                progress=lambda done, total: self.post_message(IndexProgress(done, total))
            )
            self.post_message(IndexReady(message, True))
            engine.warm()
        except Exception as exc:
            self.post_message(IndexReady(f"Search index unavailable: {exc}", False))

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        self.set_activity(f"indexing {event.done}/{event.total}…")

    @on(IndexReady)
    def _index_ready(self, event: IndexReady) -> None:
        self.set_activity("")
        if event.message:
            self.notify(event.message, severity="information" if event.ok else "error", markup=False)

    def set_activity(self, text: str) -> None:
        self.activity = text
        for screen in self.screen_stack:
            if isinstance(screen, BaseScreen):
                screen.show_activity(text)

    def push_screen(self, screen, *args, **kwargs):
        result = super().push_screen(screen, *args, **kwargs)
        if isinstance(screen, BaseScreen) and self.activity:
            self.call_after_refresh(screen.show_activity, self.activity)
        return result

    # -- documents ------------------------------------------------------------------------

    def load(self, doc_id: str, quiet: bool = False) -> Document | None:
        try:
            return self.corpus.get(doc_id)
        except KeyError:
            if not quiet:
                self.notify(f"No document {doc_id!r}.", severity="error", markup=False)
        except CorpusError as exc:
            self.notify(str(exc), title="Corpus error", severity="error", markup=False)
        return None

    def open_document(
        self, doc_id: str, unit: str = "", search: SearchContext | None = None, quiet: bool = False
    ) -> None:
        from reader.screens.reader import ReaderScreen

        doc = self.load(doc_id, quiet)
        if doc is None:
            return
        saved = self.state.document(doc_id)
        try:
            marks = self.bookmark_store().units(doc_id)
        except Exception:
            marks = set()
        screen = ReaderScreen(
            doc,
            unit=unit or saved.unit,
            langs=saved.langs or None,
            layout=saved.layout,
            bookmarks=marks,
            search=search,
        )
        while isinstance(self.screen, ReaderScreen):
            self.pop_screen()
        self.push_screen(screen)

    @on(LibraryScreen.OpenDocument)
    def _open_from_library(self, event: LibraryScreen.OpenDocument) -> None:
        self.open_document(event.doc_id)

    def on_reader_screen_position_changed(self, event: Any) -> None:
        self.state.last_document = event.doc_id
        saved = self.state.document(event.doc_id)
        saved.unit, saved.langs, saved.layout = event.unit, event.langs, event.layout
        self._save_state_soon()

    def _save_state_soon(self) -> None:
        if self._state_timer is not None:
            self._state_timer.stop()
        self._state_timer = self.set_timer(0.5, self.save_state)

    def save_state(self) -> None:
        self.state.theme = self.theme
        try:
            save_state(self.state)
        except OSError as exc:
            self.notify(f"Could not save the reading position: {exc}", severity="warning", markup=False)

    def watch_theme(self, theme: str) -> None:
        if self.is_attached and theme != self.state.theme:
            self._save_state_soon()

    def on_unmount(self) -> None:
        self.save_state()

    # -- search ---------------------------------------------------------------------------

    def action_search(self) -> None:
        from reader.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            self.screen.focus_query()
            return
        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen):
                while self.screen is not screen:
                    self.pop_screen()
                screen.focus_query()
                return
        self.push_screen(SearchScreen())

    def on_search_screen_open(self, event: Any) -> None:
        from reader.screens.reader import SearchContext

        hit = event.hit
        hits = [(hit.unit, hit.lang, list(hit.spans))]
        try:
            inside = self.search_engine().search(event.query, doc=hit.doc, limit=1000)
            hits = [(h.unit, h.lang, list(h.spans)) for h in inside.hits] or hits
        except Exception:
            pass
        doc = self.load(hit.doc)
        if doc is None:
            return
        hits.sort(key=lambda item: doc.unit_index.get(item[0], 0))
        context = SearchContext(event.query, hits)
        context.position = context.units.index(hit.unit) if hit.unit in context.units else 0
        self.open_document(hit.doc, unit=hit.unit, search=context)

    # -- bookmarks ------------------------------------------------------------------------

    def _refresh_bookmark_views(self, doc_id: str) -> None:
        from reader.screens.bookmarks import BookmarksScreen
        from reader.screens.reader import ReaderScreen

        store = self.bookmark_store()
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen) and screen.doc.id == doc_id:
                screen.set_bookmarks(store.units(doc_id))
            elif isinstance(screen, BookmarksScreen):
                screen.set_bookmarks(store.list())
            elif isinstance(screen, LibraryScreen):
                screen.set_data(screen.infos, store.counts())

    def toggle_bookmark(self, doc: Document, unit_id: str) -> None:
        if not unit_id:
            return
        try:
            added = self.bookmark_store().toggle(doc, unit_id)
        except Exception as exc:
            self.notify(f"Could not save the bookmark: {exc}", severity="error", markup=False)
            return
        self.notify(
            f"Bookmarked {unit_id}." if added else f"Removed the bookmark on {unit_id}.", markup=False
        )
        self._refresh_bookmark_views(doc.id)

    def edit_bookmark_note(self, doc: Document, unit_id: str) -> None:
        from reader.dialogs.note import NoteDialog

        store = self.bookmark_store()
        existing = store.find(doc.id, unit_id)

        def done(result: tuple[str, list[str]] | None) -> None:
            if result is None:
                return
            note, tags = result
            try:
                if existing is None:
                    store.add(doc, unit_id, note=note, tags=tags)
                else:
                    store.update(existing.id, note=note, tags=tags)
            except Exception as exc:
                self.notify(f"Could not save the note: {exc}", severity="error", markup=False)
                return
            self.notify(f"Saved the note on {unit_id}.", markup=False)
            self._refresh_bookmark_views(doc.id)

        heading = f"Note and tags for {unit_id}" + ("" if existing else " (adds a bookmark)")
        note = existing.note if existing else ""
        tags = existing.tags if existing else ()
        self.push_screen(NoteDialog(heading, note, tags), done)

    def edit_bookmark(self, bookmark: Any) -> None:
        from reader.dialogs.note import NoteDialog

        def done(result: tuple[str, list[str]] | None) -> None:
            if result is not None:
                self.bookmark_store().update(bookmark.id, note=result[0], tags=result[1])
                self._refresh_bookmark_views(bookmark.doc_id)

        heading = f"Note and tags for {bookmark.unit_id}"
        self.push_screen(NoteDialog(heading, bookmark.note, bookmark.tags), done)

    def delete_bookmark(self, bookmark: Any) -> None:
        from reader.dialogs.confirm import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self.bookmark_store().remove(bookmark.id)
                self.notify(f"Deleted the bookmark on {bookmark.unit_id}.", markup=False)
                self._refresh_bookmark_views(bookmark.doc_id)

        self.push_screen(ConfirmDialog(f"Delete the bookmark on {bookmark.unit_id}?"), done)

    def action_bookmarks(self) -> None:
        from reader.screens.bookmarks import BookmarksScreen

        if isinstance(self.screen, BookmarksScreen):
            return
        try:
            bookmarks = self.bookmark_store().list()
        except Exception as exc:
            self.notify(f"Bookmarks unavailable: {exc}", severity="error", markup=False)
            return
        self.push_screen(BookmarksScreen(bookmarks))

    def on_bookmarks_screen_open(self, event: Any) -> None:
        self.open_document(event.bookmark.doc_id, unit=event.bookmark.unit_id)

    def export_bookmarks(self) -> None:
        from reader.dialogs.export import ExportDialog
        from reader.export import FORMATS

        def done(result: tuple[str, Path, bool] | None) -> None:
            if result is None:
                return
            fmt, path, force = result
            self._export(fmt, path, force)

        self.push_screen(ExportDialog(dict(FORMATS), Path.cwd()), done)

    def _export(self, fmt: str, path: Path, force: bool) -> None:
        from reader.errors import UserError
        from reader.export import write_export

        try:
            bookmarks = self.bookmark_store().list()
            write_export(bookmarks, fmt, path, force=force)
        except UserError as exc:
            self.notify(str(exc), title="Export failed", severity="error", markup=False)
            return
        self.notify(f"Exported {len(bookmarks)} bookmarks to {path}", markup=False)

    # -- import ---------------------------------------------------------------------------

    def action_import_document(self) -> None:
        from reader.dialogs.import_document import ImportDialog, ImportRequest

        def done(request: ImportRequest | None) -> None:
            if request is not None:
                self.set_activity(f"importing {request.path.name}…")
                self._import(request)

        self.push_screen(ImportDialog(), done)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _import(self, request: Any) -> None:
        from reader.errors import UserError
        from reader.ingest.importer import ImportOptions, import_path

        options = ImportOptions(lang=request.lang, translations=request.translations)
        try:
            results = import_path(request.path, self.corpus, options)
        except (UserError, CorpusError) as exc:
            self.post_message(ImportDone([], str(exc)))
            return
        except Exception as exc:  # never a traceback in the UI
            self.post_message(ImportDone([], f"import failed: {exc}"))
            return
        self.post_message(ImportDone([result.doc.id for result in results]))

    @on(ImportDone)
    def _import_done(self, event: ImportDone) -> None:
        self.set_activity("")
        if event.error:
            self.notify(event.error, title="Import failed", severity="error", markup=False, timeout=10)
            return
        self.corpus.reload()
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.set_data(self.corpus.infos(), self._bookmark_counts())
        self.notify(f"Imported {', '.join(event.doc_ids)}.", markup=False)
        if self.build_index:
            self._build_index()

    # -- help and command palette ---------------------------------------------------------

    def _key_sections(self, screen: Screen) -> list[tuple[str, list[Binding]]]:
        sections: list[tuple[str, list[Binding]]] = []
        focused = screen.focused
        if focused is not None:
            sections.append(("This panel", _bindings_of(focused)))
        sections.append(("This screen", _bindings_of(screen)))
        sections.append(("Everywhere", _bindings_of(self)))
        return [section for section in sections if section[1]]

    def action_help(self) -> None:
        from reader.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self._key_sections(self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, BaseScreen):
            return
        for title, bindings in self._key_sections(screen):
            for binding in bindings:
                if binding.description and binding.action not in ("quit", "help"):
                    owner: Any = screen if title != "Everywhere" else self
                    if title == "This panel" and screen.focused is not None:
                        owner = screen.focused
                    yield SystemCommand(
                        binding.description,
                        f"{title} · key: {binding.key}",
                        _runner(owner, binding.action),
                    )


def _bindings_of(node: Any) -> list[Binding]:
    """The node's keys, with those of its reader base classes (e.g. the reader's editing keys)."""
    classes = [cls for cls in type(node).__mro__ if cls.__module__.startswith("reader.")]
    return [b for cls in classes for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]


def _runner(node: Any, action: str) -> Any:
    async def run() -> None:
        await node.run_action(action)

    return run
