"""From stored links to the spans that translate a span: look-up in either direction, and merging
neighbouring pieces (Viện kiểm sát + nhân dân + tối cao → one span)."""

from __future__ import annotations

import re

Span = tuple[int, int, int, int]
_GAP = re.compile(r"[\s\-–—'’]*")  # what may sit between two pieces of one rendering


_ORDER = ("zh", "vi", "en")
_PAIRS = {
    (a, b): ((f"{a}-{b}", False) if _ORDER.index(a) < _ORDER.index(b) else (f"{b}-{a}", True))
    for a in _ORDER
    for b in _ORDER
    if a != b
}


def pair_key(a: str, b: str) -> tuple[str, bool]:
    """The stored pair for two languages and whether it is read backwards ("vi","zh" → zh-vi)."""
    return _PAIRS[a, b]


def linked(
    links: dict[str, list[Span]], lang: str, other: str, start: int, end: int
) -> list[tuple[int, int]]:
    """Spans of `other` linked to anything overlapping [start, end) of `lang`."""
    key, backwards = _PAIRS[lang, other]
    spans = links.get(key)
    if not spans:
        return []
    if backwards:
        return [(a0, a1) for a0, a1, b0, b1 in spans if b0 < end and start < b1]
    return [(b0, b1) for a0, a1, b0, b1 in spans if a0 < end and start < a1]


def merge(spans: list[tuple[int, int]], text: str, gap: re.Pattern[str] = _GAP) -> list[tuple[int, int]]:
    """Overlapping spans, and spans with only spaces, hyphens or apostrophes between them, as one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or gap.fullmatch(text[merged[-1][1] : start])):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def counterparts_in(
    links: dict[str, list[Span]], texts: dict[str, str], lang: str, spans: list[tuple[int, int]]
) -> dict[str, list[tuple[int, int]]]:
    """For each other language with text, the merged spans linked to any of `spans`."""
    out: dict[str, list[tuple[int, int]]] = {}
    for other, text in texts.items():
        if other == lang or not text:
            continue
        found = [piece for start, end in spans for piece in linked(links, lang, other, start, end)]
        out[other] = merge(found, text)
    return out
