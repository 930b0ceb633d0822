"""The library: every document with its date, source, languages and bookmark count."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Footer, Input

from reader.corpus import DocumentInfo
from reader.screens.base import BaseScreen
from reader.text import fold, sanitize_line
from reader.widgets.plain import Plain
from reader.wrap import truncate


class LibraryScreen(BaseScreen):
    AUTO_FOCUS = "#documents"
    BINDINGS = [
        Binding("j", "cursor('down')", "Down", show=False, id="library.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="library.up"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear"),
        Binding("f", "focus_filter", "Filter", id="library.filter"),
        Binding("I", "import_document", "Import", id="library.import"),
        Binding("q", "app.quit", "Quit", id="library.quit"),
    ]

    class OpenDocument(Message):
        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, infos: list[DocumentInfo], counts: dict[str, int]) -> None:
        super().__init__()
        self.infos = infos
        self.counts = counts

    def compose(self) -> ComposeResult:
        yield Plain("Library", classes="screen-title")
        yield Input(placeholder="Filter by title, source, date or id…", id="filter")
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_resize(self) -> None:
        super().on_resize()
        if self.query(DataTable):
            self._fill(self.query_one("#filter", Input).value)

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one(DataTable)
        table.add_column("Title", key="title")
        table.add_column("Date", key="date")
        table.add_column("Source", key="source")
        table.add_column("Languages", key="langs")
        table.add_column("★", key="bookmarks")
        self._fill("")

    def set_data(self, infos: list[DocumentInfo], counts: dict[str, int]) -> None:
        self.infos, self.counts = infos, counts
        self._fill(self.query_one("#filter", Input).value)

    def _fill(self, needle: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        folded = fold(needle.strip())
        title_width = max(16, self.app.size.width - 52)  # date, source, languages and ★ stay visible
        for info in self.infos:
            haystack = fold(" ".join([info.id, info.date, info.source, *info.titles.values()]))
            if folded and not all(part in haystack for part in folded.split()):
                continue
            langs = " ".join(
                lang.upper() if lang == info.original_language else lang for lang in info.languages
            )
            count = self.counts.get(info.id, 0)
            table.add_row(
                Text(truncate(sanitize_line(info.title()), title_width)),
                Text(info.date or "—"),
                Text(truncate(sanitize_line(info.source), 20) or "—"),
                Text(langs),
                Text(str(count) if count else ""),
                key=info.id,
            )

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        table = self.query_one(DataTable)
        table.focus()  # so that, back from the document, keys go to the list again
        if table.row_count == 1:
            self._open_row(0)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.post_message(self.OpenDocument(event.row_key.value))

    def _open_row(self, index: int) -> None:
        table = self.query_one(DataTable)
        key = table.coordinate_to_cell_key(Coordinate(index, 0)).row_key.value
        if key:
            self.post_message(self.OpenDocument(key))

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.value:
            filter_input.value = ""
        self.query_one(DataTable).focus()

    def action_cursor(self, direction: str) -> None:
        table = self.query_one(DataTable)
        if table.has_focus:
            table.action_cursor_down() if direction == "down" else table.action_cursor_up()

    def on_key(self, event) -> None:
        """Typing a letter in the table starts filtering (filter-as-you-type)."""
        table = self.query_one(DataTable)
        list_keys = table.has_focus or self.focused is None  # (None: typed before focus settled)
        if list_keys and event.is_printable and event.character and event.character not in "jkqfI?/B":
            filter_input = self.query_one("#filter", Input)
            filter_input.focus()
            filter_input.insert_text_at_cursor(event.character)
            event.stop()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_import_document(self) -> None:
        self.app.action_import_document()  # type: ignore[attr-defined]
