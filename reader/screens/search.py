"""Search across the corpus: KWIC lines with the match highlighted and the aligned counterpart;
more results load on reaching the end of the list."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList
from textual.widgets.option_list import Option

from reader import messages
from reader.screens.base import BaseScreen
from reader.screens.library import document_titles
from reader.search.engine import Hit, SearchResults
from reader.text import LANGUAGE_NAMES, LANGUAGES, sanitize_line
from reader.widgets.plain import Plain, plain

LANG_FILTERS: tuple[str | None, ...] = (None, *LANGUAGES)
COUNTERPART_CHARS = 160
PAGE = 50  # results listed at first, and added each time the end of the list is reached


def kwic_content(hit: Hit, title: str = "") -> Content:
    """Three lines: where (document · unit · language), the KWIC line, the aligned counterpart."""
    left, match, right = (sanitize_line(part) for part in hit.kwic)
    via = "" if hit.via == "direct" else f" · via {hit.via}"
    where = plain(f"{title or hit.title} · {hit.unit} · {hit.lang}{via}", "dim")
    kwic = Content.assemble(plain(left), plain(match, "bold reverse"), plain(right))
    others = [lang for lang in hit.text if lang != hit.lang and hit.text[lang]]
    counterpart = ""
    if others:
        text = sanitize_line(hit.text[others[0]])
        if len(text) > COUNTERPART_CHARS:
            text = text[: COUNTERPART_CHARS - 1] + "…"
        counterpart = f"{others[0]}:\u00a0{text}"  # never "zh:" alone at the end of a line
    return Content("\n").join([where, kwic, plain(counterpart, "italic")])


def units_phrase(count: int) -> str:
    return f"{count} matching unit{'' if count == 1 else 's'}"


class SearchScreen(BaseScreen):
    DEBOUNCE = 0.25  # seconds after the last keystroke before searching (0 in tests)
    BINDINGS = [
        Binding("escape", "back", "Back", id="search.back"),
        Binding("ctrl+l", "cycle_lang", "Language filter", id="search.lang"),
        Binding("down", "focus_results", "Results", show=False, id="search.results"),
        Binding("ctrl+t", "renderings", "Renderings", id="search.renderings"),
    ]

    @dataclass
    class Done(Message):
        query: str
        lang: str | None
        limit: int
        results: SearchResults

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.lang_index = 0
        self.hits: list[Hit] = []
        self.limit = PAGE
        self.total = 0
        self._shown: tuple[str, str | None] | None = None  # query and language of the listed hits
        self._debounce: Timer | None = None
        self._titles: dict[str, str] = {}

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
        self.focus_query()
        self._show_status("Type to search in Chinese, Vietnamese or English.")
        if self.initial:
            self._run()

    def focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    @property
    def lang(self) -> str | None:
        return LANG_FILTERS[self.lang_index]

    @property
    def query_text(self) -> str:
        return self.query_one("#query", Input).value

    def _show_status(self, text: str) -> None:
        label = LANGUAGE_NAMES[self.lang] if self.lang else "all languages"
        self.query_one("#search-status", Plain).show(f"[{label} · ctrl+l to change]  {text}")

    @on(Input.Changed, "#query")
    def _changed(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        if self.DEBOUNCE:
            self._debounce = self.set_timer(self.DEBOUNCE, self._run)
        else:
            self._run()

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        if self._shown != (self.query_text, self.lang):
            self._run()
        self.action_focus_results()

    def _run(self, limit: int = PAGE) -> None:
        query = self.query_text
        if not query.strip():
            self.query_one(OptionList).clear_options()
            self.hits, self._shown = [], None
            self._show_status("Type to search in Chinese, Vietnamese or English.")
            return
        self._show_status("Searching…" if limit == PAGE else f"Loading up to {limit} results…")
        self._search(query, self.lang, limit)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, lang: str | None, limit: int) -> None:
        results = self.services.search_engine.search(query, lang=lang, limit=limit)
        self.post_message(self.Done(query, lang, limit, results))

    def refresh_documents(self) -> None:
        self._titles = {}

    def _title(self, doc_id: str) -> str:
        if not self._titles:
            try:
                self._titles = document_titles(self.services.corpus.infos(), self.services.state.title_lang)
            except Exception:
                return ""
        return self._titles.get(doc_id, "")

    @on(Done)
    def _done(self, event: Done) -> None:
        if event.query != self.query_text or event.lang != self.lang:
            return
        results = event.results
        options = self.query_one(OptionList)
        keep = options.highlighted if self._shown == (event.query, event.lang) else None
        self.hits, self.limit, self.total = list(results.hits), event.limit, results.total
        self._shown = (event.query, event.lang)
        options.clear_options()
        options.add_options(
            [Option(kwic_content(hit, self._title(hit.doc)), id=str(i)) for i, hit in enumerate(self.hits)]
        )
        if keep is not None and self.hits:
            options.highlighted = min(keep, len(self.hits) - 1)
        elif self.hits and options.has_focus:
            options.highlighted = 0
        if results.notice:  # e.g. the index was damaged and rebuilt to answer this search
            self.notify(results.notice, title="Search index", severity="warning")
        if results.message:
            self._show_status(results.message)
        elif not self.hits:
            self._show_status("No matches.")
        elif len(self.hits) < results.total:
            about = "about " if results.estimated else ""
            self._show_status(
                f"{about}{units_phrase(results.total)}; showing {len(self.hits)}, more at the end of the list."
            )
        else:
            self._show_status(f"{units_phrase(results.total)}.")

    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Reaching the last result loads the next page."""
        if event.option_index == len(self.hits) - 1 and len(self.hits) < self.total:
            self._run(self.limit + PAGE)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        documents = list(dict.fromkeys(h.doc for h in self.hits))
        self.post_message(messages.OpenHit(self.query_text, hit.doc, hit.unit, documents))

    def action_cycle_lang(self) -> None:
        self.lang_index = (self.lang_index + 1) % len(LANG_FILTERS)
        self._run()

    def action_renderings(self) -> None:
        """How the corpus renders the query, language by language (issue 13's concordance)."""
        from reader.screens.renderings import RenderingsScreen

        term = self.query_text.strip()
        if not term:
            self.notify("Type a word or a name first.")
            return
        self.app.push_screen(
            RenderingsScreen(term, self.lang or term_language(term), corpus=self.services.corpus)
        )

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


def term_language(term: str) -> str:
    """The language a search term is written in: Chinese characters, Vietnamese letters or marks,
    else English (choose a language with ctrl+l for Vietnamese typed without marks)."""
    import unicodedata

    from reader.text import is_cjk

    if any(is_cjk(ch) for ch in term):
        return "zh"
    vietnamese = set("ăâđêôơưĂÂĐÊÔƠƯ")
    marks = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    for ch in term:
        if ch in vietnamese or set(unicodedata.normalize("NFD", ch)[1:]) & marks:
            return "vi"
    return "en"
