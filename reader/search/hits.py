"""Hit building: which language a matched unit is shown in, the exact spans of the match in the
stored text (bigram spans merged: 人民 + 民法 + 法院 → 人民法院), and its KWIC snippet."""

from __future__ import annotations

import json
from dataclasses import dataclass

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
        spans = term_spans(fieldname, texts[lang], terms, '"' in parsed.text or via != "direct")
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


def term_spans(fieldname: str, text: str, terms: set[str], phrase: bool) -> list[tuple[int, int]]:
    """Where `terms` occur in `text`, merged; for phrases only the longest runs (not stray words)."""
    from reader.search.analyzers import TERM_SPANS

    spans = [(start, end) for term, start, end in TERM_SPANS[fieldname](text) if term in terms]
    merged = merge_spans(spans, text)
    bigrams = [t for t in terms if len(t) == 2] if fieldname == "zh" else []
    if phrase or len(bigrams) > 1:  # keep the runs that cover it, not stray words
        longest = max((e - s for s, e in merged), default=0)
        merged = [(s, e) for s, e in merged if e - s == longest]
    return merged
