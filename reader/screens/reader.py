"""The reader: a document's aligned units in parallel columns, with bookmarks and search hits."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from reader import messages
from reader.model import Document, Unit
from reader.screens.bookmark_flows import BookmarkFlowsScreen
from reader.screens.editing import EditingScreen
from reader.screens.word_mode import WordModeScreen
from reader.text import LANGUAGE_NAMES
from reader.widgets.aligned_view import AlignedView, Highlight, ViewRow
from reader.widgets.footer import Footer
from reader.widgets.plain import Plain, plain
from reader.widgets.row_layout import INTERLEAVED, SIDE_BY_SIDE

if TYPE_CHECKING:
    from reader.search.engine import Hit
    from reader.services import Services

NARROW = 100  # below this many columns the layout is interleaved unless chosen otherwise


@dataclass
class SearchContext:
    """Hits of a search inside this document, to step through with n / N, and the other documents
    with hits (in the order the search listed them), which n / N cross into."""

    query: str
    hits: list[tuple[str, str, list[tuple[int, int]]]] = field(default_factory=list)  # unit, lang, spans
    position: int = 0  # index into `units`
    documents: list[str] = field(default_factory=list)
    doc_id: str = ""
    to_light: list[Hit] = field(default_factory=list)  # hits whose translations the reader lights

    @property
    def units(self) -> list[str]:
        """Units with a hit, in the order given, each once (n / N step over these)."""
        return list(dict.fromkeys(unit for unit, _, _ in self.hits))

    @classmethod
    def build(
        cls, query: str, doc: Document, inside: Sequence[Hit], unit: str | None, documents: list[str]
    ) -> SearchContext:
        """`inside`: the query's hits in `doc`; start at `unit`, or at the last hit when None."""
        hits = sorted(
            ((h.unit, h.lang, list(h.spans)) for h in inside), key=lambda item: doc.unit_index.get(item[0], 0)
        )
        context = cls(query, hits, documents=documents or [doc.id], doc_id=doc.id)
        units = context.units
        if unit is None:
            context.position = max(len(units) - 1, 0)
        else:
            context.position = units.index(unit) if unit in units else 0
        return context

    @classmethod
    def find(cls, services: Services, hit: messages.OpenHit) -> messages.OpenDocument:
        """What to open for a hit: its document at the hit, with the query's hits there (the
        best 1,000, and a notice when there are more); the document alone, and why, if the
        search fails."""
        try:
            doc = services.corpus.get(hit.doc_id)
            found = services.search_engine.search(hit.query, doc=hit.doc_id, limit=HITS_IN_DOCUMENT)
        except Exception as exc:
            failed = f"The search's other hits here could not be found: {' '.join(str(exc).split())[:160]}"
            notice = " ".join(part for part in (hit.notice, failed) if part)
            return messages.OpenDocument(hit.doc_id, hit.unit or "", notice=notice)
        inside = found.hits
        context = cls.build(hit.query, doc, inside, hit.unit, hit.documents) if inside else None
        trouble = found.message
        if found.total > len(inside):
            trouble = f"n / N step through the best {len(inside):,} of the {found.total:,} hits here."
        if context is not None:
            # lit by the reader once open: the word links may first have to load (seconds)
            context.to_light = list(inside[:COUNTERPART_HITS])
            if len(inside) > COUNTERPART_HITS:
                unlit = f"Translations are lit for the best {COUNTERPART_HITS} hits."
                trouble = " ".join(part for part in (trouble, unlit) if part)
        unit = hit.unit or (context.units[context.position] if context else "")
        notice = " ".join(part for part in (hit.notice, trouble) if part)
        return messages.OpenDocument(hit.doc_id, unit, context, notice=notice)

    def neighbour(self, step: int) -> tuple[str, bool]:
        """The document n (step 1) or N (-1) goes to past the last or first hit, and whether
        that wraps round the list of documents."""
        docs = self.documents
        here = docs.index(self.doc_id) if self.doc_id in docs else 0
        target = here + step
        return docs[target % len(docs)], not 0 <= target < len(docs)


HITS_IN_DOCUMENT = 1000  # hits n / N step through in one document (more are said)
COUNTERPART_HITS = 300  # hits whose counterparts are lit in the reader (about 2 ms each)


def counterpart_hits(hits: Sequence[Hit]) -> tuple[list[tuple[str, str, list[tuple[int, int]]]], str]:
    """(unit, language, spans) of the words that translate each hit's match in the unit's
    other languages, to light them in the other columns; and, when the word links cannot be
    had, a line saying so (the hits themselves are lit regardless)."""
    try:
        from reader.links import counterparts

        return [
            (hit.unit, lang, list(spans))
            for hit in hits
            for lang, spans in counterparts(hit.text, hit.lang, hit.spans).items()
            if spans
        ], ""
    except Exception as exc:
        return [], f"The words that translate the match are not lit: {' '.join(str(exc).split())[:160]}"


class ReaderScreen(EditingScreen, WordModeScreen, BookmarkFlowsScreen):
    BINDINGS = [
        Binding("escape,q", "back", "Back", id="reader.back"),
        Binding("b", "toggle_bookmark", "Bookmark", id="reader.bookmark"),
        Binding("e", "edit_note", "Note", id="reader.note"),
        Binding("1", "toggle_lang('zh')", "中文", show=False, id="reader.toggle-zh"),
        Binding("2", "toggle_lang('vi')", "Tiếng Việt", show=False, id="reader.toggle-vi"),
        Binding("3", "toggle_lang('en')", "English", show=False, id="reader.toggle-en"),
        Binding("l", "rotate_langs", "Rotate columns", id="reader.rotate"),
        Binding("i", "toggle_layout", "Interleave", id="reader.layout"),
        Binding("right_square_bracket", "next_uneven", "Next non-1:1", show=False, id="reader.next-uneven"),
        Binding("left_square_bracket", "prev_uneven", "Prev non-1:1", show=False, id="reader.prev-uneven"),
        Binding(
            "right_curly_bracket", "next_doubtful", "Next unsure unit", show=False, id="reader.next-doubtful"
        ),
        Binding(
            "left_curly_bracket", "prev_doubtful", "Prev unsure unit", show=False, id="reader.prev-doubtful"
        ),
        Binding("f", "findings", "Glossary check", show=False, id="reader.findings"),
        Binding("r", "readings", "Readings", id="reader.readings"),
        Binding("n", "next_hit", "Next hit", show=False, id="reader.next-hit"),
        Binding("N", "prev_hit", "Previous hit", show=False, id="reader.prev-hit"),
        Binding("y", "copy_unit", "Copy unit", show=False, id="reader.copy"),
    ]

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
        self._readings_loaded = False

    @classmethod
    def opening(cls, doc: Document, services: Services, event: messages.OpenDocument) -> ReaderScreen:
        """The reader for an `OpenDocument`, where the user left it unless a unit is asked for."""
        saved = services.state.document(doc.id)
        return cls(
            doc,
            unit=event.unit or saved.unit,
            langs=saved.langs or None,
            layout=saved.layout,
            bookmarks=services.bookmarked_units(doc.id),
            search=event.search,
        )

    def compose(self) -> ComposeResult:
        title_lang = self.services.state.title_lang or None
        yield Plain(self.doc.title(title_lang), classes="screen-title", id="doc-title")
        yield AlignedView(id="view")
        yield Plain("", id="readings")
        yield Plain("", id="status")
        yield Footer()

    @property
    def view(self) -> AlignedView:
        return self.query_one(AlignedView)

    @property
    def unit(self) -> Unit | None:
        """The unit under the cursor."""
        return self.doc.units[self.view.cursor] if self.doc.units else None

    def default_focus(self) -> Widget | None:
        return self.view

    def on_mount(self) -> None:
        super().on_mount()
        view = self.view
        rows = [ViewRow.of(unit) for unit in self.doc.units]
        view.set_bookmarks(self._bookmarks())
        view.set_confirmed(self.confirmed)
        view.configure(tuple(self.langs), self._mode())
        view.set_rows(rows, self.doc.original_language)
        self._apply_search()
        if self.search and self.search.to_light:
            self._light_counterparts(self.search.to_light)
        index = self.doc.unit_index.get(self.start_unit, 0)
        view.move_to(index, center=True)
        view.focus()
        self._update_status()
        self._post_position()  # remembered even if the cursor never moves
        # The document's objects live as long as this screen: out of the cyclic collector's
        # sight, a full collection no longer walks them (100-250 ms pauses on a 10,000-unit
        # document, in the middle of paging). Unfrozen when the screen goes.
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()
        gc.enable()  # in case the view's pause outlived it

    def _mode(self) -> str:
        if self.layout_choice in (SIDE_BY_SIDE, INTERLEAVED):
            return self.layout_choice
        return INTERLEAVED if self.app.size.width < NARROW and len(self.langs) > 1 else SIDE_BY_SIDE

    def on_resize(self) -> None:
        super().on_resize()
        if self.is_mounted:
            self.view.configure(tuple(self.langs), self._mode())
            self._update_status()

    # -- status ---------------------------------------------------------------------------

    def _update_status(self) -> None:
        view = self.view
        unit = self.unit
        if unit is None:
            self.query_one("#status", Plain).show("This document has no text.")
            return
        shape = ", ".join(f"{lang} {a}:{b}" for lang, (a, b) in unit.shape.items() if (a, b) != (1, 1))
        parts = [f"{unit.id}", f"{view.cursor + 1}/{len(self.doc.units)}"]  # most useful first
        if unit.id in self.bookmarks:
            parts.append(self._bookmark_status(unit.id))
        if shape:
            parts.append(f"≠ {shape}")
        if unit.id in self.confirmed:
            parts.append("✓ confirmed")
        elif unit.doubtful:
            parts.append(f"? aligner unsure ({unit.confidence:.2f}; {{ }} step through such units)")
        if self.search and self.search.hits:
            count, docs = len(self.search.units), self.search.documents
            where = f" in document {docs.index(self.doc.id) + 1}/{len(docs)}" if len(docs) > 1 else ""
            parts.append(f"hit {self.search.position + 1}/{count}{where} for “{self.search.query}” (n/N)")
            if self.search.to_light:
                parts.append("⟳ finding the words that translate the hits…")
        layout = "interleaved" if view.interleaved else "side by side"
        parts.append(f"layout: {layout}{' (auto)' if self.layout_choice == 'auto' else ''}")
        parts.append(" | ".join(LANGUAGE_NAMES[lang] for lang in self.langs))
        self.query_one("#status", Plain).show("  ·  ".join(parts))
        if self.show_readings:
            self._show_readings()

    @on(AlignedView.CursorMoved)
    def _cursor_moved(self, event: AlignedView.CursorMoved) -> None:
        self._update_status()
        self._post_position()

    def _post_position(self) -> None:
        unit = self.unit.id if self.unit else ""
        self.post_message(messages.PositionChanged(self.doc.id, unit, list(self.langs), self.layout_choice))

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
        """Switch layout; switching to what the width would choose goes back to choosing by width."""
        wanted = SIDE_BY_SIDE if self._mode() == INTERLEAVED else INTERLEAVED
        self.layout_choice = "auto"
        if self._mode() != wanted:
            self.layout_choice = wanted
        self._relayout()

    def _relayout(self) -> None:
        self.view.configure(tuple(self.langs), self._mode())
        self._apply_search()
        self._update_status()
        self._post_position()

    # -- navigation -----------------------------------------------------------------------

    def _jump(self, step: int, wanted: Callable[[Unit], bool], what: str) -> None:
        units = self.doc.units
        index = self.view.cursor + step
        while 0 <= index < len(units):
            if wanted(units[index]):
                self.view.move_to(index)
                return
            index += step
        self.notify(f"No more {what} in this direction.")

    def action_next_uneven(self) -> None:
        self._jump(1, lambda unit: not unit.is_one_to_one, "units that are not 1:1")

    def action_prev_uneven(self) -> None:
        self._jump(-1, lambda unit: not unit.is_one_to_one, "units that are not 1:1")

    def _doubtful(self, unit: Unit) -> bool:
        return unit.doubtful and unit.id not in self.confirmed

    def action_next_doubtful(self) -> None:
        self._jump(1, self._doubtful, "units the aligner was unsure of (and nobody confirmed)")

    def action_prev_doubtful(self) -> None:
        self._jump(-1, self._doubtful, "units the aligner was unsure of (and nobody confirmed)")

    def action_back(self) -> None:
        if self.word_mode:
            self.set_word_mode(False)
            return
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

    @dataclass
    class CounterpartsLit(Message):
        """The words that translate the hits, found by `_light_counterparts`."""

        hits: list[tuple[str, str, list[tuple[int, int]]]]
        trouble: str

    @work(thread=True, exclusive=True, group="counterparts", exit_on_error=False)
    def _light_counterparts(self, hits: list[Hit]) -> None:
        lit, trouble = counterpart_hits(hits)
        self.post_message(self.CounterpartsLit(lit, trouble))

    @on(CounterpartsLit)
    def _counterparts_lit(self, event: CounterpartsLit) -> None:
        if self.search is None:
            return
        self.search.to_light = []
        self.search.hits += event.hits
        self._apply_search()
        self._update_status()
        if event.trouble:
            self.notify(event.trouble, severity="warning")

    def _step_hit(self, step: int) -> None:
        search = self.search
        if not search or not search.hits:
            self.notify("No search hits in this document. Press / to search.")
            return
        units = search.units
        target = search.position + step
        if not 0 <= target < len(units):
            doc_id, wrapped = search.neighbour(step)
            if doc_id != self.doc.id:
                where = "first" if step > 0 else "last"
                notice = f"Search wrapped to the {where} document with hits." if wrapped else ""
                unit = None if step < 0 else ""
                self.post_message(messages.OpenHit(search.query, doc_id, unit, search.documents, notice))
                return
            self.notify(f"Search wrapped to the {'first' if step > 0 else 'last'} hit.")
        search.position = target % len(units)
        self.view.move_to(self.doc.unit_index.get(units[search.position], 0), center=True)
        self._update_status()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_prev_hit(self) -> None:
        self._step_hit(-1)

    # -- bookmarks ------------------------------------------------------------------------

    def _bookmark_status(self, unit_id: str) -> str:
        """ "★ bookmarked", with the note and tags when there are any (e edits them)."""
        try:
            bookmark = self.services.bookmarks.find(self.doc.id, unit_id)
        except Exception:
            bookmark = None
        if bookmark is None or not (bookmark.note or bookmark.tags):
            return "★ bookmarked"
        tags = " ".join(f"#{tag}" for tag in bookmark.tags)
        return f"★ ✎ {' '.join(bookmark.note.split())} {tags}".rstrip()

    def refresh_bookmarks(self) -> None:
        self.bookmarks = self.services.bookmarked_units(self.doc.id)
        self.view.set_bookmarks(self._bookmarks())  # each on the unit holding it after merges
        self._update_status()

    def action_toggle_bookmark(self) -> None:
        if self.word_mode:
            self.save_word()
        elif self.unit:
            self.post_message(messages.ToggleBookmark(self.doc, self.unit.id))

    def action_edit_note(self) -> None:
        if self.unit:
            self.post_message(messages.EditNote(self.doc, self.unit.id))

    # -- readings and copy ----------------------------------------------------------------

    def action_readings(self) -> None:
        self.show_readings = not self.show_readings
        readings = self.query_one("#readings", Plain)
        readings.display = self.show_readings
        if self.show_readings:
            self._show_readings()

    def _show_readings(self) -> None:
        unit = self.unit
        text = unit.text.get("zh", "") if unit else ""
        widget = self.query_one("#readings", Plain)
        if not text:
            widget.show("No Chinese text in this unit.")
            return
        if not self._readings_loaded:
            widget.show("Loading the pinyin and Hán-Việt tables…")
        self._load_readings(text)

    def action_findings(self) -> None:
        self.notify("Checking the document against the glossary…", timeout=2)
        self._check_glossary(self.doc)

    @work(thread=True, exclusive=True, group="findings", exit_on_error=False)
    def _check_glossary(self, doc: Document) -> None:
        """The glossary check (issue 18's `reader terms check DOC`), off the UI thread."""
        from reader.terms import GlossaryError, check_document, load_glossary

        try:
            findings = check_document(load_glossary(), doc)
        except (GlossaryError, OSError) as exc:
            self.post_message(messages.Failed("Glossary check", str(exc)))
            return
        self.app.call_from_thread(self._show_findings, doc, findings)

    def _show_findings(self, doc: Document, findings: list) -> None:
        from reader.dialogs.findings import FindingsDialog

        if doc is not self.doc:  # edited meanwhile: the indexes belong to the old units
            return

        def go(index: int | None) -> None:
            if index is not None and index < len(self.doc.units):
                self.view.move_to(index)

        self.app.push_screen(FindingsDialog(self.doc.title(), findings), go)

    @work(thread=True, exclusive=True, group="readings", exit_on_error=False)
    def _load_readings(self, text: str) -> None:
        """The first call loads the reading tables (about a second): off the UI thread."""
        from reader.readings import hanviet, pinyin

        content = Content.assemble(
            plain("Pinyin: ", "bold"),
            plain(pinyin(text)),
            "\n",
            plain("Hán-Việt: ", "bold"),
            plain(hanviet(text)),
        )
        self._readings_loaded = True
        self.app.call_from_thread(self.query_one("#readings", Plain).show, content)

    def action_copy_unit(self) -> None:
        unit = self.unit
        if unit:
            self.app.copy_to_clipboard("\n".join(unit.text[lang] for lang in self.langs))
            self.notify("Unit copied to the clipboard.")
