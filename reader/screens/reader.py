"""The reader: a document's aligned units in parallel columns, with bookmarks and search hits."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer

from reader.model import Document
from reader.screens.editing import EditingScreen
from reader.text import LANGUAGE_NAMES
from reader.widgets.aligned_view import AlignedView, Highlight, ViewRow
from reader.widgets.plain import Plain, plain
from reader.widgets.row_layout import INTERLEAVED, SIDE_BY_SIDE

NARROW = 100  # below this many columns the layout is interleaved unless chosen otherwise


@dataclass
class SearchContext:
    """Hits of a search inside this document, to step through with n / N."""

    query: str
    hits: list[tuple[str, str, list[tuple[int, int]]]] = field(default_factory=list)  # unit, lang, spans
    position: int = 0  # index into `units`

    @property
    def units(self) -> list[str]:
        """Units with a hit, in the order given, each once (n / N step over these)."""
        return list(dict.fromkeys(unit for unit, _, _ in self.hits))


class ReaderScreen(EditingScreen):
    BINDINGS = [
        Binding("escape,q", "back", "Back", id="reader.back"),
        Binding("b", "toggle_bookmark", "Bookmark", id="reader.bookmark"),
        Binding("e", "edit_note", "Note", id="reader.note"),
        Binding("1", "toggle_lang('zh')", "中文", show=False, id="reader.toggle-zh"),
        Binding("2", "toggle_lang('vi')", "Tiếng Việt", show=False, id="reader.toggle-vi"),
        Binding("3", "toggle_lang('en')", "English", show=False, id="reader.toggle-en"),
        Binding("l", "rotate_langs", "Swap columns", id="reader.rotate"),
        Binding("i", "toggle_layout", "Interleave", id="reader.layout"),
        Binding("right_square_bracket", "next_uneven", "Next non-1:1", show=False, id="reader.next-uneven"),
        Binding("left_square_bracket", "prev_uneven", "Prev non-1:1", show=False, id="reader.prev-uneven"),
        Binding("r", "readings", "Readings", id="reader.readings"),
        Binding("n", "next_hit", "Next hit", show=False, id="reader.next-hit"),
        Binding("N", "prev_hit", "Previous hit", show=False, id="reader.prev-hit"),
        Binding("y", "copy_unit", "Copy unit", show=False, id="reader.copy"),
    ]

    class PositionChanged(Message):
        def __init__(self, doc_id: str, unit: str, langs: list[str], layout: str) -> None:
            super().__init__()
            self.doc_id, self.unit, self.langs, self.layout = doc_id, unit, langs, layout

    def __init__(
        self,
        doc: Document,
        unit: str = "",
        langs: list[str] | None = None,
        layout: str = "auto",
        bookmarks: set[str] | None = None,
        search: SearchContext | None = None,
    ) -> None:
        super().__init__()
        self.doc = doc
        self.start_unit = unit
        self.langs = [lang for lang in (langs or doc.languages) if lang in doc.versions] or doc.languages
        self.layout_choice = layout  # "auto", "side" or "interleaved"
        self.bookmarks = bookmarks or set()
        self.search = search
        self.show_readings = False
        self._hidden_at: dict[str, int] = {}  # column of each hidden language when it was hidden

    def compose(self) -> ComposeResult:
        yield Plain(self.doc.title(), classes="screen-title", id="doc-title")
        yield AlignedView(id="view")
        yield Plain("", id="readings")
        yield Plain("", id="status")
        yield Footer()

    @property
    def view(self) -> AlignedView:
        return self.query_one(AlignedView)

    def on_mount(self) -> None:
        super().on_mount()
        view = self.view
        rows = [
            ViewRow(unit.id, unit.text, unit.paragraph_start, unit.is_one_to_one) for unit in self.doc.units
        ]
        view.set_bookmarks(self.bookmarks)
        view.configure(tuple(self.langs), self._mode())
        view.set_rows(rows, self.doc.original_language)
        self._apply_search()
        index = self.doc.unit_index.get(self.start_unit, 0)
        view.move_to(index, center=True)
        view.focus()
        self._update_status()

    def _mode(self) -> str:
        if self.layout_choice in (SIDE_BY_SIDE, INTERLEAVED):
            return self.layout_choice
        return INTERLEAVED if self.app.size.width < NARROW and len(self.langs) > 1 else SIDE_BY_SIDE

    def on_resize(self) -> None:
        super().on_resize()
        if self.is_mounted:
            self.view.configure(tuple(self.langs), self._mode())

    # -- status ---------------------------------------------------------------------------

    def _update_status(self) -> None:
        view = self.view
        unit = self.doc.units[view.cursor] if self.doc.units else None
        if unit is None:
            self.query_one("#status", Plain).show("This document has no text.")
            return
        shape = ", ".join(f"{lang} {a}:{b}" for lang, (a, b) in unit.shape.items() if (a, b) != (1, 1))
        parts = [
            f"{unit.id}",
            f"{view.cursor + 1}/{len(self.doc.units)}",
            "layout: interleaved" if view.interleaved else "layout: side by side",
            " | ".join(LANGUAGE_NAMES[lang] for lang in self.langs),
        ]
        if shape:
            parts.append(f"≠ {shape}")
        if unit.id in self.bookmarks:
            parts.append("★ bookmarked")
        if self.search and self.search.hits:
            count = len(self.search.units)
            parts.append(f"hit {self.search.position + 1}/{count} for “{self.search.query}” (n/N)")
        self.query_one("#status", Plain).show("  ·  ".join(parts))
        if self.show_readings:
            self._show_readings()

    @on(AlignedView.CursorMoved)
    def _cursor_moved(self, event: AlignedView.CursorMoved) -> None:
        self._update_status()
        self._post_position()

    def _post_position(self) -> None:
        unit = self.doc.units[self.view.cursor].id if self.doc.units else ""
        self.post_message(self.PositionChanged(self.doc.id, unit, list(self.langs), self.layout_choice))

    # -- languages and layout -------------------------------------------------------------

    def action_toggle_lang(self, lang: str) -> None:
        if lang not in self.doc.versions:
            self.notify(f"This document has no {LANGUAGE_NAMES[lang]} version.", severity="warning")
            return
        if lang in self.langs:
            if len(self.langs) == 1:
                self.notify("At least one language stays visible.", severity="warning")
                return
            self._hidden_at[lang] = self.langs.index(lang)
            self.langs.remove(lang)
        else:  # back where it was, so hiding and showing again keeps the column order
            self.langs.insert(self._hidden_at.pop(lang, len(self.langs)), lang)
        self._relayout()

    def action_rotate_langs(self) -> None:
        if len(self.langs) > 1:
            self.langs = [*self.langs[1:], self.langs[0]]
            self._relayout()

    def action_toggle_layout(self) -> None:
        self.layout_choice = SIDE_BY_SIDE if self._mode() == INTERLEAVED else INTERLEAVED
        self._relayout()

    def _relayout(self) -> None:
        self.view.configure(tuple(self.langs), self._mode())
        self._apply_search()
        self._update_status()
        self._post_position()

    # -- navigation -----------------------------------------------------------------------

    def _jump_uneven(self, step: int) -> None:
        units = self.doc.units
        index = self.view.cursor + step
        while 0 <= index < len(units):
            if not units[index].is_one_to_one:
                self.view.move_to(index)
                return
            index += step
        self.notify("No more units that are not 1:1 in this direction.")

    def action_next_uneven(self) -> None:
        self._jump_uneven(1)

    def action_prev_uneven(self) -> None:
        self._jump_uneven(-1)

    def action_back(self) -> None:
        self.app.pop_screen()

    # -- search hits ----------------------------------------------------------------------

    def _apply_search(self) -> None:
        highlight = Highlight()
        if self.search:
            for unit_id, lang, spans in self.search.hits:
                index = self.doc.unit_index.get(unit_id)
                if index is not None:
                    highlight.spans.setdefault((index, lang), []).extend(spans)
        self.view.set_highlight(highlight)

    def _step_hit(self, step: int) -> None:
        if not self.search or not self.search.hits:
            self.notify("No search hits in this document. Press / to search.")
            return
        units = self.search.units
        self.search.position = (self.search.position + step) % len(units)
        unit_id = units[self.search.position]
        self.view.move_to(self.doc.unit_index.get(unit_id, 0), center=True)
        self._update_status()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_prev_hit(self) -> None:
        self._step_hit(-1)

    # -- bookmarks ------------------------------------------------------------------------

    def current_unit_id(self) -> str:
        return self.doc.units[self.view.cursor].id if self.doc.units else ""

    def set_bookmarks(self, units: set[str]) -> None:
        self.bookmarks = units
        self.view.set_bookmarks(self._bookmarks())  # each on the unit holding it after merges
        self._update_status()

    def action_toggle_bookmark(self) -> None:
        self.app.toggle_bookmark(self.doc, self.current_unit_id())  # type: ignore[attr-defined]

    def action_edit_note(self) -> None:
        self.app.edit_bookmark_note(self.doc, self.current_unit_id())  # type: ignore[attr-defined]

    # -- readings and copy ----------------------------------------------------------------

    def action_readings(self) -> None:
        self.show_readings = not self.show_readings
        readings = self.query_one("#readings", Plain)
        readings.display = self.show_readings
        if self.show_readings:
            self._show_readings()

    def _show_readings(self) -> None:
        from reader.readings import hanviet, pinyin

        unit = self.doc.units[self.view.cursor] if self.doc.units else None
        text = unit.text.get("zh", "") if unit else ""
        widget = self.query_one("#readings", Plain)
        if not text:
            widget.show("No Chinese text in this unit.")
            return
        widget.show(
            Content.assemble(
                plain("Pinyin: ", "bold"),
                plain(pinyin(text)),
                "\n",
                plain("Hán-Việt: ", "bold"),
                plain(hanviet(text)),
            )
        )

    def action_copy_unit(self) -> None:
        unit = self.doc.units[self.view.cursor] if self.doc.units else None
        if unit:
            self.app.copy_to_clipboard("\n".join(unit.text[lang] for lang in self.langs))
            self.notify("Unit copied to the clipboard.")
