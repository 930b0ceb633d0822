"""Search over aligned units: query parsing with filters, ranking, spans and KWIC snippets.

Direct matches (zh bigrams, vi folded and exact syllables, en stems) rank above matches through
readings (Hán-Việt, pinyin: `crossscript`); each hit says which way it matched. Any input gives
results or a message, never an exception.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from reader.corpus import Corpus
from reader.paths import cache_dir
from reader.search import crossscript
from reader.search.index import IndexManager, Progress, date_number
from reader.text import fold, is_cjk, sanitize_line

FIELD_LANG = {"zh": "zh", "vi": "vi", "vi_exact": "vi", "en": "en"}
BOOSTS = {"zh": 2.0, "vi": 1.0, "vi_exact": 3.0, "en": 1.5}
READING_BOOST = 0.15  # with zh's 2.0, as the former reading fields' 0.3: below direct matches
DIRECT = ("zh", "vi", "vi_exact", "en")
_FILTER = re.compile(r'(?<!\S)(lang|doc|date|source):("[^"]*"|\S+)', re.IGNORECASE)
_DATE_RANGE = re.compile(
    r"^(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)?(?:\.\.|–|—)?(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)?$"
)
CONTEXT = {"zh": 16, "vi": 40, "en": 40}
TIME_LIMIT = 0.02  # the first page never waits for scoring every match; counts become estimates
COUNT_LIMIT = 0.01  # an exact count after the first page, when it is this quick


@dataclass
class Hit:
    doc: str
    unit: str
    lang: str
    score: float
    via: str
    spans: list[tuple[int, int]]
    kwic: tuple[str, str, str]
    text: dict[str, str]
    title: str
    date: str
    order: int = 0

    def to_json(self) -> dict:
        return {
            "doc": self.doc,
            "unit": self.unit,
            "lang": self.lang,
            "score": round(self.score, 4),
            "via": self.via,
            "spans": [list(span) for span in self.spans],
            "kwic": list(self.kwic),
            "text": self.text,
            "title": self.title,
            "date": self.date,
        }


@dataclass
class SearchResults:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    estimated: bool = False
    message: str = ""


@dataclass
class ParsedQuery:
    text: str
    langs: tuple[str, ...]
    doc: str | None = None
    date_range: tuple[int, int] | None = None
    source: str | None = None
    errors: list[str] = field(default_factory=list)
    readings: dict[str, str] = field(default_factory=dict)  # zh term → reading kind that gave it


def parse_filters(query: str, lang: str | None, doc: str | None) -> ParsedQuery:
    """Pull `lang:`, `doc:`, `date:` and `source:` filters out of the query text."""
    parsed = ParsedQuery(text="", langs=("zh", "vi", "en"), doc=doc)
    if lang:
        parsed.langs = (lang,) if lang in ("zh", "vi", "en") else ()
        if not parsed.langs:
            parsed.errors.append(f"unknown language {lang!r} (use zh, vi or en)")
    for match in _FILTER.finditer(query):
        key, value = match.group(1).lower(), match.group(2).strip('"')
        if key == "lang":
            if value in ("zh", "vi", "en"):
                parsed.langs = (value,)
            else:
                parsed.errors.append(f"lang:{value} is not zh, vi or en")
        elif key == "doc":
            parsed.doc = value
        elif key == "source":
            parsed.source = value
        elif key == "date":
            found = _DATE_RANGE.match(value)
            if not found or not (found.group(1) or found.group(2)):
                parsed.errors.append(
                    f"date:{value} is not YYYY, YYYY-MM, YYYY-MM-DD or a range like 2023..2024-06"
                )
                continue
            start, end = found.group(1), found.group(2)
            if ".." not in value and "–" not in value and "—" not in value:
                end = start
            low = date_number(start) if start else 0
            high = _upper(end) if end else 99991231
            parsed.date_range = (low, high)
    parsed.text = _FILTER.sub(" ", query).strip()
    return parsed


def _upper(date: str) -> int:
    parts = date.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 12
    day = int(parts[2]) if len(parts) > 2 else 31
    return year * 10000 + month * 100 + day


def merge_spans(spans: list[tuple[int, int]], text: str = "") -> list[tuple[int, int]]:
    """Merge overlapping or touching spans (人民 + 民法 + 法院 → 人民法院), and words separated
    only by spaces (Lang + Son → "Lang Son") when the text is given."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or (text and not text[merged[-1][1] : start].strip())):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def typed_language(query: str) -> str | None:
    """The language a query is visibly written in: Han → zh, Vietnamese marks → vi, else None.
    A hit in that language is shown first ("Lạng Sơn" shows the Vietnamese match, not "Lang Son")."""
    if any(is_cjk(ch) for ch in query):
        return "zh"
    if fold(query) != query.lower():
        return "vi"
    return None


def kwic(text: str, spans: list[tuple[int, int]], lang: str) -> tuple[str, str, str]:
    if not spans:
        return "", "", text[: CONTEXT[lang] * 2]
    start, end = spans[0]
    width = CONTEXT[lang]
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    if start > width:
        left = "…" + left
    if end + width < len(text):
        right = right + "…"
    return left, text[start:end], right


class SearchEngine:
    def __init__(self, corpus: Corpus, index_dir: Path | None = None):
        self.corpus = corpus
        self.manager = IndexManager(corpus, index_dir or cache_dir() / "index")
        self._lock = threading.Lock()
        self._index = None
        self._searcher = None
        self._present: frozenset[str] | None = None

    def ensure_index(self, progress: Progress | None = None) -> str:
        with self._lock:
            message = self.manager.ensure(progress)
            self._close()
            return message

    def warm(self) -> None:
        """Load the reading tables and find which of their characters the index has, so the
        first cross-script query does not wait for them."""
        with self._lock:
            try:
                self._present_characters(self._get_searcher().reader())
            except Exception:  # no usable index yet: the first search builds it, and this set
                self._close()

    def _close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None
        self._index = None
        self._present = None

    def _get_searcher(self):
        if self._searcher is None:
            index = self.manager.open()
            self._index, self._searcher = index, index.searcher()
        else:
            searcher = self._searcher.refresh()
            if searcher is not self._searcher:
                self._present = None  # the index changed
            self._searcher = searcher
        return self._searcher

    def _present_characters(self, reader) -> frozenset[str]:
        """The characters with readings that occur in the index (found once per index version:
        checking them per query cost more than the search itself on a segmented index)."""
        if self._present is None:
            self._present = frozenset(ch for ch in crossscript.common_characters() if ("zh", ch) in reader)
        return self._present

    def search(
        self, query: str, lang: str | None = None, doc: str | None = None, limit: int = 20
    ) -> SearchResults:
        """Never raises: problems come back as `SearchResults.message`."""
        try:
            with self._lock:
                try:
                    searcher = self._get_searcher()
                except Exception:
                    self._close()
                    self.manager.ensure(None)  # missing or damaged: rebuild, then search
                    searcher = self._get_searcher()
                return self._search(searcher, query, lang, doc, max(1, min(int(limit), 10000)))
        except Exception as exc:  # a malformed query or an index problem: a message, not a crash
            return SearchResults(message=f"Search failed: {exc}")

    def _search(self, searcher, query: str, lang: str | None, doc: str | None, limit: int) -> SearchResults:
        from whoosh import query as Q
        from whoosh.collectors import TimeLimit

        parsed = parse_filters(sanitize_line(query), lang, doc)
        if parsed.errors:
            return SearchResults(message="; ".join(parsed.errors))
        if not parsed.text.strip():
            return SearchResults(message="Type some words to search for (filters alone match nothing).")
        fields = [f for f in DIRECT if FIELD_LANG[f] in parsed.langs]
        if fold(parsed.text) == parsed.text.lower():
            fields = [f for f in fields if f != "vi_exact"]  # no marks typed: nothing to prefer
        user_query = self._parse(parsed.text, searcher.schema, fields)
        if "zh" in parsed.langs:
            user_query = self._with_readings(user_query, parsed, searcher.reader())
        if user_query is None:
            return SearchResults(message="Nothing to search for in that query.")
        filters = []
        if parsed.doc:
            filters.append(Q.Term("doc", parsed.doc))
        if parsed.date_range:
            filters.append(Q.NumericRange("datenum", *parsed.date_range))
        if parsed.source:
            source_terms = [t.text for t in searcher.schema["source"].analyzer(parsed.source)]
            filters.extend(Q.Term("source", t) for t in source_terms)
        final = Q.And([user_query, *filters]) if filters else user_query
        collector = searcher.collector(limit=limit, terms=True)
        timed = _time_limited(collector, TIME_LIMIT)
        estimated = False
        try:
            searcher.search_with_collector(final, timed)
        except TimeLimit:
            estimated = True
        results = collector.results()
        hits = [hit for hit in (self._hit(found, parsed) for found in results) if hit is not None]
        if not estimated and len(hits) < limit:
            total = results.scored_length()  # fewer than a page: every match was scored
        else:
            exact = None if estimated else _count(searcher, final)
            total = results.estimated_length() if exact is None else exact
            estimated = exact is None
        return SearchResults(hits=hits, total=max(total, len(hits)), estimated=estimated)

    @staticmethod
    def _parse(text: str, schema, fields: list[str]):
        from whoosh.qparser import MultifieldParser, plugins

        direct = [f for f in fields if f in DIRECT]
        parser = MultifieldParser(fields, schema, fieldboosts={f: BOOSTS[f] for f in fields})
        parser.remove_plugin_class(plugins.FieldsPlugin)  # field:value only through our filters
        parser.remove_plugin_class(plugins.BoostPlugin)
        parsed = parser.parse(text)
        if parsed is None or (not direct and not fields):
            return None
        return None if parsed.__class__.__name__ == "NullQuery" else parsed

    def _with_readings(self, query, parsed: ParsedQuery, reader):
        """`query` OR the Chinese terms a plain-word query spells as Hán-Việt or pinyin."""
        from whoosh import query as Q

        if crossscript.syllables(parsed.text) is None:
            return query
        present = self._present_characters(reader)
        expansions = crossscript.expand(parsed.text, present, lambda term: ("zh", term) in reader)
        alternatives = []
        seen = set()
        for kind, chains in expansions.items():
            for chain in chains:
                if chain in seen:
                    continue
                seen.add(chain)
                for term in chain:
                    parsed.readings.setdefault(term, kind)
                if len(chain) == 1:
                    alternatives.append(Q.Term("zh", chain[0], boost=READING_BOOST))
                else:
                    alternatives.append(Q.Phrase("zh", list(chain), boost=READING_BOOST))
        if not alternatives:
            return query
        readings = Q.Or(alternatives)
        return readings if query is None else Q.Or([query, readings])

    def _hit(self, hit, parsed: ParsedQuery) -> Hit | None:
        stored = hit.fields()
        matched = hit.matched_terms() or []
        by_field: dict[str, set[str]] = {}
        for fieldname, term in matched:
            if fieldname in FIELD_LANG:
                by_field.setdefault(fieldname, set()).add(
                    term.decode("utf-8") if isinstance(term, bytes) else term
                )
        texts = {lang: stored.get(lang, "") for lang in ("zh", "vi", "en") if stored.get(lang)}
        span_map: dict[str, list[tuple[int, int]]] = {}
        via_of: dict[str, str] = {}
        for fieldname in DIRECT:
            terms = by_field.get(fieldname)
            lang = FIELD_LANG[fieldname]
            if not terms or lang not in texts or via_of.get(lang) == "direct":
                continue
            via = "direct"
            if fieldname == "zh" and parsed.readings and terms <= parsed.readings.keys():
                via = crossscript.KINDS[parsed.readings[min(terms)]]
            spans = self._spans(fieldname, texts[lang], terms, '"' in parsed.text or via != "direct")
            if spans:
                span_map[lang] = spans
                via_of[lang] = via
        if not span_map:
            lang = next((lang for lang in parsed.langs if lang in texts), next(iter(texts), "en"))
            span_map[lang] = []
            via_of[lang] = "direct"
        # The language that matched directly comes first, then the readings.
        typed = typed_language(parsed.text)
        lang = min(
            span_map, key=lambda code: (via_of[code] != "direct", code != typed, -len(span_map[code]), code)
        )
        try:
            titles = json.loads(stored.get("title") or "{}")
        except ValueError:
            titles = {}
        title = titles.get(lang) or next(iter(titles.values()), stored["doc"])
        text = texts.get(lang, "")
        return Hit(
            doc=stored["doc"],
            unit=stored["unit"],
            lang=lang,
            score=float(hit.score or 0.0),
            via=via_of[lang],
            spans=span_map[lang],
            kwic=kwic(text, span_map[lang], lang),
            text=texts,
            title=title,
            date=stored.get("date", ""),
            order=int(stored.get("order", 0)),
        )

    def _spans(self, fieldname: str, text: str, terms: set[str], phrase: bool) -> list[tuple[int, int]]:
        from reader.search.analyzers import TERM_SPANS

        spans = [(start, end) for term, start, end in TERM_SPANS[fieldname](text) if term in terms]
        merged = merge_spans(spans, text)
        bigrams = [t for t in terms if len(t) == 2] if fieldname == "zh" else []
        if phrase or len(bigrams) > 1:  # keep the runs that cover it, not stray words
            longest = max((e - s for s, e in merged), default=0)
            merged = [(s, e) for s, e in merged if e - s == longest]
        return merged


def _count(searcher, query) -> int | None:
    """The exact number of matching units, or None when counting would take too long."""
    from whoosh.collectors import TimeLimit

    counter = searcher.collector(scored=False)
    try:
        searcher.search_with_collector(query, _time_limited(counter, COUNT_LIMIT))
    except TimeLimit:
        return None
    return len(counter.results())


def _time_limited(collector, seconds: float):
    from whoosh.collectors import TimeLimitCollector

    return TimeLimitCollector(collector, timelimit=seconds, use_alarm=False)
