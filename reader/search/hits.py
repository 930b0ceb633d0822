"""Hit building: which language a matched unit is shown in, the exact spans of the match in the
stored text (bigram spans merged: 人民 + 民法 + 法院 → 人民法院), and its KWIC snippet."""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import pairwise

from reader.search import crossscript
from reader.search.query import DIRECT, FIELD_LANG, ParsedQuery, typed_language

CONTEXT = {"zh": 16, "vi": 40, "en": 40}


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


def build_hit(stored: dict, score: float, matched: list, parsed: ParsedQuery) -> Hit:
    """A `Hit` from a unit's stored fields and the (field, term) pairs it matched."""
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
        spans = term_spans(
            fieldname,
            texts[lang],
            terms,
            '"' in parsed.text or via != "direct",
            query_order(fieldname, parsed.text, terms),
        )
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
    if not isinstance(titles, dict):
        titles = {}
    title = titles.get(lang) or next(iter(titles.values()), stored["doc"])
    text = texts.get(lang, "")
    return Hit(
        doc=stored["doc"],
        unit=stored["unit"],
        lang=lang,
        score=score,
        via=via_of[lang],
        spans=span_map[lang],
        kwic=kwic(text, span_map[lang], lang),
        text=texts,
        title=title,
        date=stored.get("date", ""),
    )


def query_order(fieldname: str, query: str, terms: set[str]) -> list[str]:
    """The matched terms in the order the query writes them (for words, not Chinese bigrams)."""
    if fieldname == "zh":
        return []
    from reader.search.analyzers import TERM_SPANS

    return [term for term, _, _ in TERM_SPANS[fieldname](query) if term in terms]


def term_spans(
    fieldname: str, text: str, terms: set[str], phrase: bool, order: list[str] | None = None
) -> list[tuple[int, int]]:
    """Where `terms` occur in `text`, merged; for phrases only the longest runs (not stray words).
    With the query's word `order` (two words or more), neighbouring words are joined only where
    they read as the query does: "toa an" lights "Tòa án" in "Chánh án Tòa án", not "án Tòa án"."""
    from reader.search.analyzers import TERM_SPANS

    found = [(term, start, end) for term, start, end in TERM_SPANS[fieldname](text) if term in terms]
    if order and len(order) > 1:
        merged = merge_spans(_in_query_order(found, order, text))  # joined by order, not by spaces
    else:
        merged = merge_spans([(start, end) for _, start, end in found], text)
    bigrams = [t for t in terms if len(t) == 2] if fieldname == "zh" else []
    if phrase or len(bigrams) > 1:  # keep the runs that cover it, not stray words
        longest = max((e - s for s, e in merged), default=0)
        merged = [(s, e) for s, e in merged if e - s == longest]
    return merged


def _in_query_order(found: list[tuple[str, int, int]], order: list[str], text: str) -> list[tuple[int, int]]:
    """Runs of `order` found word after word (only spaces between) as one span each; the other
    matched words alone only when the text has no such run (they are stray halves of it)."""
    spans: list[tuple[int, int]] = []
    runs: list[tuple[int, int]] = []
    i, n = 0, len(order)
    while i < len(found):
        window = found[i : i + n]
        if [term for term, _, _ in window] == order and all(
            not text[a[2] : b[1]].strip() for a, b in pairwise(window)
        ):
            runs.append((window[0][1], window[-1][2]))
            i += n
        else:
            spans.append((found[i][1], found[i][2]))
            i += 1
    return runs or spans
