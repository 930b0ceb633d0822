"""Search across the corpus: KWIC lines with the match highlighted and the aligned counterpart;
more results load on reaching the end of the list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader import messages
from reader.screens.base import BaseScreen
from reader.screens.library import document_titles
from reader.search.engine import Hit, SearchResults
from reader.text import LANGUAGE_NAMES, LANGUAGES
from reader.widgets.footer import Footer
from reader.widgets.plain import Plain, plain

LANG_FILTERS: tuple[str | None, ...] = (None, *LANGUAGES)
COUNTERPART_CHARS = 160
PAGE = 50  # results listed at first, and added each time the end of the list is reached


def excerpt(text: str, spans: Sequence[tuple[int, int]], chars: int, style: str) -> Content:
    """`text` around its first span, about `chars` characters (half for Chinese, which is twice
    as wide), the spans styled; "…" where it is cut. Shown literally, never as markup."""
    if len(text) > chars:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - chars // 4, len(text) - chars))
        end = start + chars
    else:
        start, end = 0, len(text)
    parts = [plain("…")] if start > 0 else []
    at = start
    for a, b in sorted(spans):
        a, b = max(a, at), min(b, end)
        if a >= b:
            continue
        parts += [plain(text[at:a]), plain(text[a:b], style)]
        at = b
    parts.append(plain(text[at:end]))
    if end < len(text):
        parts.append(plain("…"))
    return Content.assemble(*parts)


def width_in_chars(lang: str) -> int:
    return COUNTERPART_CHARS // 2 if lang == "zh" else COUNTERPART_CHARS


def kwic_content(
    hit: Hit, title: str = "", counterparts: dict[str, list[tuple[int, int]]] | None = None
) -> Content:
    """Where (document · unit · language), the matched text around the match, then each other
    language of the unit with the words that translate the match lit (once the word links are
    in: `counterparts`, language → spans)."""
    via = "" if hit.via == "direct" else f" · via {hit.via}"
    lines = [plain(f"{title or hit.title} · {hit.unit} · {hit.lang}{via}", "dim")]
    lines.append(excerpt(hit.text.get(hit.lang, ""), hit.spans, width_in_chars(hit.lang), "bold reverse"))
    for lang in LANGUAGES:
        text = hit.text.get(lang, "")
        if lang == hit.lang or not text:
            continue
        spans = (counterparts or {}).get(lang, [])
        # "zh:" joined to its text by a no-break space: never alone at the end of a line
        body = excerpt(text, spans, width_in_chars(lang), "bold underline")
        lines.append(Content.assemble(plain(f"{lang}:\u00a0", "italic"), body.stylize("italic")))
    return Content("\n").join(lines)


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

    @dataclass
    class Linked(Message):
        """The listed hits' counterparts (word links), in the order of `hits`."""

        hits: list[Hit]
        counterparts: list[dict[str, list[tuple[int, int]]]] = field(default_factory=list)

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
        self._typed_early = ""  # letters typed after `/` before the query box was mounted

    def compose(self) -> ComposeResult:
        yield Plain("Search", classes="screen-title")
        yield Input(
            value=self.initial,
            placeholder='Words, "phrases", AND/OR/NOT, prefix*, lang:zh doc:ID date:2024 source:…',
            id="query",
            select_on_focus=False,  # letters typed before the focus lands must not be replaced
        )
        yield Plain("", id="search-status")
        yield OptionList(id="results")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        """Letters typed right after `/` (a fast typist, a paste) arrive before the query box has
        the focus, with nothing focused; they are the query's, in order, not lost."""
        if self.focused is not None or not (event.is_printable and event.character):
            return
        event.stop()
        boxes = self.query("#query").results(Input)
        box = next(boxes, None)
        if box is None:
            self._typed_early += event.character
        else:
            box.insert_text_at_cursor(event.character)

    def on_mount(self) -> None:
        super().on_mount()
        box = self.query_one("#query", Input)
        if self._typed_early:
            box.insert_text_at_cursor(self._typed_early)
            self._typed_early = ""
        self.focus_query()
        self._show_status("Type to search in Chinese, Vietnamese or English.")
        if self.initial:
            self._run()

    def focus_query(self) -> None:
        """At once, not after a refresh: the next key typed is the query's."""
        self.set_focus(self.query_one("#query", Input))

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
        self._fill(self.hits, [{} for _ in self.hits], keep)
        if self.hits:
            self._link(list(self.hits))
        if keep is not None and self.hits:
            options.highlighted = min(keep, len(self.hits) - 1)
        elif self.hits and options.has_focus:
            options.highlighted = 0
        if results.notice:  # the index was rebuilt to answer, or the glossary could not be read
            self.notify(results.notice, title="Search", severity="warning")
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

    def _fill(self, hits: list[Hit], counterparts: list[dict], keep: int | None) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            [
                Option(kwic_content(hit, self._title(hit.doc), found), id=str(i))
                for i, (hit, found) in enumerate(zip(hits, counterparts, strict=True))
            ]
        )
        if keep is not None and hits:
            options.highlighted = min(keep, len(hits) - 1)

    @work(thread=True, exclusive=True, group="counterparts", exit_on_error=False)
    def _link(self, hits: list[Hit]) -> None:
        """The words that translate each match, from the word-link store, else linked on the
        spot with the dictionaries (they load on the first search: the hits show before)."""
        from reader.links import counterparts

        found = [counterparts(hit.text, hit.lang, hit.spans) for hit in hits]
        self.post_message(self.Linked(hits, found))

    @on(Linked)
    def _linked(self, event: Linked) -> None:
        if event.hits != self.hits:
            return  # the list changed meanwhile
        self._fill(self.hits, event.counterparts, self.query_one(OptionList).highlighted)

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
