"""Search across the corpus: KWIC lines with the match highlighted and the aligned counterpart."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList
from textual.widgets.option_list import Option

from reader.screens.base import BaseScreen
from reader.text import LANGUAGE_NAMES, LANGUAGES, sanitize_line
from reader.widgets.plain import Plain, plain

LANG_FILTERS: tuple[str | None, ...] = (None, *LANGUAGES)
COUNTERPART_CHARS = 160


def kwic_content(hit: Any, width: int = 100) -> Content:
    """Three lines: where (document · unit · language), the KWIC line, the aligned counterpart."""
    left, match, right = (sanitize_line(part) for part in hit.kwic)
    via = "" if hit.via == "direct" else f" · via {hit.via}"
    where = plain(f"{hit.title} · {hit.unit} · {hit.lang}{via}", "dim")
    kwic = Content.assemble(plain(left), plain(match, "bold reverse"), plain(right))
    others = [lang for lang in hit.text if lang != hit.lang and hit.text[lang]]
    counterpart = ""
    if others:
        text = sanitize_line(hit.text[others[0]])
        if len(text) > COUNTERPART_CHARS:
            text = text[: COUNTERPART_CHARS - 1] + "…"
        counterpart = f"{others[0]}: {text}"
    return Content("\n").join([where, kwic, plain(counterpart, "italic")])


class SearchScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="search.back"),
        Binding("ctrl+l", "cycle_lang", "Language filter", id="search.lang"),
        Binding("down", "focus_results", "Results", show=False, id="search.results"),
    ]

    class Open(Message):
        def __init__(self, hit: Any, query: str) -> None:
            super().__init__()
            self.hit = hit
            self.query = query

    class Done(Message):
        def __init__(self, query: str, lang: str | None, results: Any) -> None:
            super().__init__()
            self.query, self.lang, self.results = query, lang, results

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.lang_index = 0
        self.hits: list[Any] = []
        self._shown: tuple[str, str | None] | None = None  # query and language of the listed hits
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Plain("Search", classes="screen-title")
        yield Input(
            value=self.initial,
            placeholder='Words, "phrases", AND/OR/NOT, prefix*, lang:zh doc:ID date:2024 source:…',
            id="query",
        )
        yield Plain("", id="search-status")
        yield OptionList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#query", Input).focus()
        self._show_status("Type to search in Chinese, Vietnamese or English.")
        if self.initial:
            self._run()

    def focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    @property
    def lang(self) -> str | None:
        return LANG_FILTERS[self.lang_index]

    def _show_status(self, text: str) -> None:
        label = LANGUAGE_NAMES[self.lang] if self.lang else "all languages"
        self.query_one("#search-status", Plain).show(f"[{label} · ctrl+l to change]  {text}")

    @on(Input.Changed, "#query")
    def _changed(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(0.25, self._run)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        if self._shown != (self.query_one("#query", Input).value, self.lang):
            self._run()
        self.action_focus_results()

    def _run(self) -> None:
        query = self.query_one("#query", Input).value
        if not query.strip():
            self.query_one(OptionList).clear_options()
            self._show_status("Type to search in Chinese, Vietnamese or English.")
            return
        self._show_status("Searching…")
        self._search(query, self.lang)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, lang: str | None) -> None:
        results = self.app.search_engine().search(query, lang=lang, limit=50)  # type: ignore[attr-defined]
        self.post_message(self.Done(query, lang, results))

    @on(Done)
    def _done(self, event: Done) -> None:
        if event.query != self.query_one("#query", Input).value or event.lang != self.lang:
            return
        results = event.results
        self.hits = list(results.hits)
        self._shown = (event.query, event.lang)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(kwic_content(hit), id=str(i)) for i, hit in enumerate(self.hits)])
        if self.hits and options.has_focus:
            options.highlighted = 0
        if results.message:
            self._show_status(results.message)
        elif not self.hits:
            self._show_status("No matches.")
        else:
            about = "about " if results.estimated else ""
            self._show_status(f"{about}{results.total} matching units; showing {len(self.hits)}.")

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        self.post_message(self.Open(hit, self.query_one("#query", Input).value))

    def action_cycle_lang(self) -> None:
        self.lang_index = (self.lang_index + 1) % len(LANG_FILTERS)
        self._run()

    def action_focus_results(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    def action_back(self) -> None:
        if self.query_one(OptionList).has_focus:
            self.focus_query()
        else:
            self.app.pop_screen()
