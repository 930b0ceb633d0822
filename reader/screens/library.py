"""The library: every document with its date, source, languages and bookmark count."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input

from reader import messages
from reader.corpus import DocumentInfo
from reader.screens.base import BaseScreen
from reader.text import LANGUAGE_NAMES, LANGUAGES, fold, sanitize_line
from reader.widgets.footer import Footer
from reader.widgets.plain import Plain
from reader.wrap import cell_width, truncate

TITLE_LANGS = ("", *LANGUAGES)  # "" = each document's original language
LIST_KEYS = "jkgGqfItD?/B"  # keys the list keeps; any other letter typed there starts the filter


def title_language_name(lang: str) -> str:
    return LANGUAGE_NAMES[lang] if lang else "the original"


def document_titles(infos: list[DocumentInfo], lang: str) -> dict[str, str]:
    """Each document's title in `lang`; equal titles are told apart by their id."""
    return {doc_id: title + suffix for doc_id, (title, suffix) in _titles(infos, lang).items()}


def _titles(infos: list[DocumentInfo], lang: str) -> dict[str, tuple[str, str]]:
    titles = {info.id: sanitize_line(info.title(lang or None)) for info in infos}
    repeated = Counter(titles.values())
    return {doc_id: (t, f" ({doc_id})" if repeated[t] > 1 else "") for doc_id, t in titles.items()}


class DocumentTable(DataTable):
    """The library's list: Home/End and g/G to the first/last row, j/k up and down."""

    BINDINGS = [
        Binding("home,g", "first", "First", show=False, id="library.first"),
        Binding("end,G", "last", "Last", show=False, id="library.last"),
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
    ]

    def on_key(self, event: events.Key) -> None:
        """A letter typed in the list starts filtering (filter-as-you-type). Handled here, by the
        key's own widget: keys typed quickly (a cold start, a paste) all reach the table before
        the focus moves to the filter, and must go to the filter all the same, in order."""
        filter_input = self.screen.query_one("#filter", Input)
        if self._typing and event.key in ("enter", "backspace"):  # still the filter's, in order
            event.stop()
            if event.key == "enter":
                filter_input.post_message(Input.Submitted(filter_input, filter_input.value))
            else:
                filter_input.action_delete_left()
        elif event.is_printable and event.character and (self._typing or event.character not in LIST_KEYS):
            event.stop()
            self._typing = True  # the focus moves later: until then, every letter is the filter's
            filter_input.insert_text_at_cursor(event.character)
            filter_input.focus()

    _typing = False

    def on_focus(self) -> None:
        self._typing = False

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=max(self.row_count - 1, 0))


class LibraryScreen(BaseScreen):
    AUTO_FOCUS = "#documents"
    BINDINGS = [
        # priority: runs as the key arrives, so letters typed right after Esc start a new filter
        Binding("escape", "clear_filter", "Clear filter", show=False, priority=True, id="library.clear"),
        Binding("f", "focus_filter", "Filter", id="library.filter"),
        Binding("I", "import_document", "Import", id="library.import"),
        Binding("D,delete", "remove_document", "Remove", show=False, id="library.remove"),
        Binding("t", "title_language", "Title language", show=False, id="library.title-lang"),
        Binding("q", "app.quit", "Quit", id="library.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.infos: list[DocumentInfo] = []
        self.counts: dict[str, int] = {}
        self._width = 0  # the width the columns were made for

    def compose(self) -> ComposeResult:
        yield Plain("Library", classes="screen-title")
        # select_on_focus off: letters typed before the focus lands are already in the filter,
        # and selecting them would let the next letter replace them (a lost first key)
        yield Input(placeholder="Filter by title, source, date or id…", id="filter", select_on_focus=False)
        yield DocumentTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Plain("", id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_documents()

    def on_resize(self) -> None:
        super().on_resize()
        if self.query(DataTable) and self.app.size.width != self._width:
            self._fill()

    def refresh_documents(self) -> None:
        try:
            self.infos = self.services.corpus.infos()
        except Exception as exc:
            self.post_message(messages.Failed("Corpus error", str(exc)))
            self.infos = []
        for warning in self.services.corpus.warnings():  # a document left out is said, not hidden
            self.notify(warning, title="Library", severity="warning", timeout=20)
        self.refresh_bookmarks()

    def refresh_bookmarks(self) -> None:
        self.counts = self.services.bookmark_counts()
        self._fill()

    @property
    def title_lang(self) -> str:
        return self.services.state.title_lang

    def _fill(self) -> None:
        """(Re)build the table; the columns too, so that they fit the width after a resize."""
        table = self.query_one(DataTable)
        keep = table.cursor_row
        current = (
            table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        )
        table.clear(columns=True)
        self._width = self.app.size.width
        # Columns after the title, each with its width (cells of padding included); the narrower
        # the terminal, the fewer: Source goes first, then Date; Languages and ★ always stay.
        extra = {
            "date": ("Date", 12),
            "source": ("Source", 22),
            "langs": ("Languages", 11),
            "bookmarks": ("★", 4),
        }
        for dropped in ("source", "date"):
            if self._width - sum(width for _, width in extra.values()) >= 24:
                break
            del extra[dropped]
        title_width = max(12, self._width - sum(width for _, width in extra.values()) - 4)
        table.add_column("Title", key="title", width=title_width)
        for key, (label, _) in extra.items():
            table.add_column(label, key=key)
        folded = fold(self.query_one("#filter", Input).value.strip())
        titles = _titles(self.infos, self.title_lang)
        for info in self.infos:
            haystack = fold(" ".join([info.id, info.date, info.source, *info.titles.values()]))
            if folded and not all(part in haystack for part in folded.split()):
                continue
            langs = " ".join(
                lang.upper() if lang == info.original_language else lang for lang in info.languages
            )
            count = self.counts.get(info.id, 0)
            title, suffix = titles[info.id]  # the id that tells equal titles apart is never cut
            cells = {
                "date": Text(info.date or "—"),
                "source": Text(truncate(sanitize_line(info.source), 20) or "—"),
                "langs": Text(langs),
                "bookmarks": Text(str(count) if count else ""),
            }
            table.add_row(
                Text(
                    truncate(truncate(title, max(title_width - cell_width(suffix), 2)) + suffix, title_width)
                ),
                *(cells[key] for key in extra),
                key=info.id,
            )
        rows = [key.value for key in table.rows]
        if current in rows:
            table.move_cursor(row=rows.index(current))
        elif table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        shown, total = table.row_count, len(self.infos)
        noun = "document" if total == 1 else "documents"
        count_text = f"{shown} of {total} {noun}" if shown != total else f"{total} {noun}"
        self.query_one("#library-status", Plain).show(
            f"{count_text} · t: titles in {title_language_name(self.title_lang)} · D removes an import"
        )

    def _current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self._fill()  # with the value as it is now: Changed messages of fast typing may be pending
        table = self.query_one(DataTable)
        table.focus()  # so that, back from the document, keys go to the list again
        if table.row_count == 1 and (doc_id := self._current_id()):
            self.post_message(messages.OpenDocument(doc_id))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.post_message(messages.OpenDocument(event.row_key.value))

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.value:
            filter_input.value = ""
        self.query_one(DataTable).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_title_language(self) -> None:
        state = self.services.state
        state.title_lang = TITLE_LANGS[(TITLE_LANGS.index(state.title_lang) + 1) % len(TITLE_LANGS)]
        self.post_message(messages.SettingsChanged())
        self._fill()
        self.notify(f"Titles in {title_language_name(state.title_lang)}.")

    def action_import_document(self) -> None:
        from reader.dialogs.import_document import ImportDialog

        def done(doc_ids: list[str] | None) -> None:
            if doc_ids:
                self.post_message(messages.DocumentsChanged(f"Imported {', '.join(doc_ids)}."))

        self.app.push_screen(ImportDialog(self.services.corpus), done)

    def action_remove_document(self) -> None:
        from reader.dialogs.confirm import ConfirmDialog

        doc_id = self._current_id()
        info = next((info for info in self.infos if info.id == doc_id), None)
        if info is None:
            return
        if info.bundled:
            self.notify(f"{info.id} comes with reader; only imported documents can be removed.")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(info.id)

        title = document_titles([info], self.title_lang)[info.id]
        question = f"Remove “{title}” ({info.id}) from the library? Its files are deleted; bookmarks keep their text."
        self.app.push_screen(ConfirmDialog(question), answered)

    def _remove(self, doc_id: str) -> None:
        from reader.ingest.importer import remove_document

        try:
            remove_document(doc_id, self.services.corpus)
        except Exception as exc:
            self.post_message(messages.Failed(f"Could not remove {doc_id}", str(exc)))
            return
        self.services.corpus.reload()
        self.post_message(messages.DocumentsChanged(f"Removed {doc_id}."))
