"""How has a term been rendered? The corpus's renderings of a term, one column per other language
(most frequent first, with counts), and KWIC examples of the highlighted rendering with the term
and its counterpart lit up; Enter on an example asks the app to open its unit (`OpenUnit`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader import messages
from reader.screens.base import BaseScreen
from reader.text import LANGUAGE_NAMES, LANGUAGES, sanitize_line
from reader.widgets.footer import Footer
from reader.widgets.plain import Plain, plain

EXAMPLES = 20  # KWIC examples kept per rendering
CONTEXT = {"zh": 24, "vi": 60, "en": 60}  # characters shown on each side of a highlighted span


def kwic(text: str, span: tuple[int, int], lang: str, style: str) -> Content:
    """One line: the span highlighted, with some context on each side ("…" where cut)."""
    start, end = span
    room = CONTEXT.get(lang, 60)
    left = text[max(0, start - room) : start]
    right = text[end : end + room]
    left = ("…" if start > room else "") + left
    right = right + ("…" if end + room < len(text) else "")
    return Content.assemble(
        plain(sanitize_line(left)), plain(sanitize_line(text[start:end]), style), plain(sanitize_line(right))
    )


def example_content(example: Any, term_lang: str, lang: str) -> Content:
    """Three lines: where, the term in its unit, the rendering in the aligned text."""
    where = plain(f"{example.doc} · {example.unit}", "dim")
    term = Content.assemble(
        plain(f"{term_lang}: "), kwic(example.term_text, example.term_span, term_lang, "bold reverse")
    )
    rendered = Content.assemble(plain(f"{lang}: "), kwic(example.text, example.span, lang, "bold underline"))
    return Content("\n").join([where, term, rendered])


class RenderingsScreen(BaseScreen):
    """The renderings of `term` (written in `lang`), read from the link store at `store_path`
    (the cache dir's by default), brought up to date first when a `corpus` is given."""

    DEFAULT_CSS = """
    RenderingsScreen #renderings-columns { height: 1fr; }
    RenderingsScreen .renderings-column { width: 1fr; }
    RenderingsScreen .renderings-column > Plain { height: 1; text-style: bold; }
    RenderingsScreen .renderings-column > OptionList { height: 1fr; }
    RenderingsScreen #renderings-examples { height: 2fr; }
    RenderingsScreen #renderings-status { height: 1; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="renderings.back"),
        Binding("tab", "app.focus_next", "Next list", show=False, id="renderings.next"),
        Binding("e", "focus_examples", "Examples", id="renderings.examples"),
        Binding("a", "add_to_glossary", "Add to glossary", id="renderings.add"),
    ]

    class Loaded(Message):
        def __init__(self, found: Any, error: str = "") -> None:
            super().__init__()
            self.found, self.error = found, error

    class OpenUnit(Message):
        """Open this unit in the reader, the term at `span` of its `lang` text highlighted, and
        the rendering at `rendering_span` of its `other` text."""

        def __init__(
            self,
            doc: str,
            unit: str,
            lang: str,
            span: tuple[int, int],
            other: str = "",
            rendering_span: tuple[int, int] | None = None,
        ) -> None:
            super().__init__()
            self.doc, self.unit, self.lang, self.span = doc, unit, lang, span
            self.other, self.rendering_span = other, rendering_span

    def __init__(self, term: str, lang: str, *, store_path: Path | None = None, corpus: Any = None) -> None:
        super().__init__()
        self.term, self.lang = term, lang
        self.others = [other for other in LANGUAGES if other != lang]
        self.store_path = store_path
        self.corpus = corpus
        self.found: Any = None
        self.shown: list[Any] = []  # the examples listed, in order
        self._examples_of = ""  # the language of the rendering whose examples are listed

    def compose(self) -> ComposeResult:
        yield Plain(f"Renderings of {self.term} ({LANGUAGE_NAMES[self.lang]})", classes="screen-title")
        with Horizontal(id="renderings-columns"):
            for other in self.others:
                with Vertical(classes="renderings-column"):
                    yield Plain(LANGUAGE_NAMES[other])
                    yield OptionList(id=f"renderings-{other}")
        yield OptionList(id="renderings-examples")
        yield Plain("Linking the corpus…" if self.corpus is not None else "Looking…", id="renderings-status")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self._load()

    @work(thread=True, exclusive=True, group="renderings")
    def _load(self) -> None:
        from reader.links.renderings import renderings
        from reader.links.store import LinkStore

        store = LinkStore(self.store_path)  # its own connection: sqlite's belong to one thread
        try:
            if self.corpus is not None:
                store.ensure(self.corpus)
            found = renderings(store, self.term, self.lang, examples=EXAMPLES)
        except Exception as exc:  # a locked or unreadable cache: say so on the screen
            self.post_message(self.Loaded(None, f"Could not read the word links: {exc}"))
            return
        finally:
            store.close()
        self.post_message(self.Loaded(found))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        status = self.query_one("#renderings-status", Plain)
        if event.found is None:
            status.show(event.error)
            return
        self.found = found = event.found
        for other in self.others:
            options = self.query_one(f"#renderings-{other}", OptionList)
            options.clear_options()
            options.add_options(
                [
                    Option(Content.assemble(plain(r.text, "bold"), plain(f"  {r.count}", "dim")), id=str(i))
                    for i, r in enumerate(found.renderings.get(other, []))
                ]
            )
            missing = found.unrendered.get(other, 0)
            if missing:
                options.add_option(Option(plain(f"(no rendering found: {missing})", "dim"), disabled=True))
        if not found.occurrences:
            status.show(f"{self.term} does not occur in the corpus.")
            return
        unrendered = sum(found.unrendered.values())
        status.show(
            f"{found.occurrences} occurrences"
            + (f"; {unrendered} with no rendering found in some language" if unrendered else "")
            + " · tab: next list · enter on an example: open it"
        )
        first = next((o for o in self.others if found.renderings.get(o)), None)
        if first:
            options = self.query_one(f"#renderings-{first}", OptionList)
            options.focus()
            options.highlighted = 0
            self._show_examples(first, 0)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        list_id = event.option_list.id or ""
        if list_id.startswith("renderings-") and list_id != "renderings-examples" and event.option.id:
            self._show_examples(list_id.removeprefix("renderings-"), int(event.option.id))

    def on_descendant_focus(self, event: Any) -> None:
        """A column taking the focus shows the examples of its highlighted rendering."""
        widget = event.widget
        list_id = getattr(widget, "id", "") or ""
        if isinstance(widget, OptionList) and list_id != "renderings-examples" and widget.option_count:
            if widget.highlighted is None:
                widget.highlighted = 0  # shows them through OptionHighlighted
            else:
                self._show_examples(list_id.removeprefix("renderings-"), widget.highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "renderings-examples":
            example = self.shown[event.option_index]
            other = self._examples_of
            self.post_message(
                self.OpenUnit(example.doc, example.unit, self.lang, example.term_span, other, example.span)
            )
        else:
            self.action_focus_examples()

    def chosen_forms(self) -> dict[str, list[str]]:
        """The term and, in each other language, the rendering highlighted in its column (the
        most frequent one when none is)."""
        forms = {self.lang: [self.term]}
        for other in self.others:
            lists = self.query(f"#renderings-{other}").results(OptionList)
            column = next(iter(lists), None)
            if self.found is None or column is None:
                continue
            renderings = self.found.renderings.get(other, [])
            index = column.highlighted or 0
            if index < len(renderings):
                forms[other] = [renderings[index].text]
        return forms

    def action_add_to_glossary(self) -> None:
        """The term with the renderings highlighted, as a user glossary entry (after a yes)."""
        from reader.dialogs.confirm import ConfirmDialog

        forms = self.chosen_forms()
        if len(forms) < 2:
            self.notify("Highlight a rendering in at least one other language first.")
            return
        shown = " · ".join(f"{lang} {forms[lang][0]}" for lang in LANGUAGES if lang in forms)

        def answered(yes: bool | None) -> None:
            if yes:
                self._add(forms)

        self.app.push_screen(ConfirmDialog(f"Add to your glossary as a term: {shown}?"), answered)

    def _add(self, forms: dict[str, list[str]]) -> None:
        from reader.errors import UserError
        from reader.terms.store import add_entry

        try:
            entry = add_entry("term", forms, note="added from the renderings view")
        except UserError as exc:
            self.notify(str(exc), title="Not added", severity="error", markup=False)
            return
        self.notify(f"Added {entry.id} to {entry.path} (reader terms list shows it).", markup=False)

    @on(OpenUnit)
    def _open_unit(self, event: OpenUnit) -> None:
        if hasattr(self.app, "services"):  # in reader's app (the widget tests mount it alone)
            self.app.post_message(open_unit_in_reader(event, self.term))

    def _show_examples(self, other: str, index: int) -> None:
        if self.found is None:
            return
        rendering = self.found.renderings[other][index]
        self._examples_of = other
        self.shown = list(rendering.examples)
        examples = self.query_one("#renderings-examples", OptionList)
        examples.clear_options()
        examples.add_options([Option(example_content(e, self.lang, other)) for e in self.shown])
        if rendering.count > len(self.shown):
            more = f"… and {rendering.count - len(self.shown)} more (reader renderings lists every unit)"
            examples.add_option(Option(plain(more, "dim"), disabled=True))

    def action_focus_examples(self) -> None:
        examples = self.query_one("#renderings-examples", OptionList)
        examples.focus()
        if self.shown and examples.highlighted is None:
            examples.highlighted = 0

    def action_back(self) -> None:
        self.dismiss()


def open_unit_in_reader(event: RenderingsScreen.OpenUnit, term: str) -> messages.OpenDocument:
    """The reader at the example's unit, the term and its rendering highlighted (n / N stay)."""
    from reader.screens.reader import SearchContext

    hits = [(event.unit, event.lang, [event.span])]
    if event.other and event.rendering_span:
        hits.append((event.unit, event.other, [event.rendering_span]))
    context = SearchContext(query=term, hits=hits, documents=[event.doc], doc_id=event.doc)
    return messages.OpenDocument(event.doc, event.unit, context)
