"""How has a term been rendered? For every occurrence of a term in one language, the words linked
to it in each other language of the unit, normalised and counted.

A rendering is the linked span (pieces a word or two apart joined: "People's Procuracy of
Hanoi"), trimmed of surrounding punctuation and NFC-normalised. Renderings group when they differ
only in case, Vietnamese tone placement (hòa / hoà) or English inflection (court / courts); a
group shows its most frequent spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from reader.links.spans import counterparts_in
from reader.links.store import LinkStore
from reader.text import LANGUAGES

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")
MAX_GAP_WORDS = 2  # words between two linked pieces of one rendering
MAX_GAP_CHARS = 2  # Chinese characters between two linked pieces


@dataclass
class Rendering:
    lang: str
    key: str
    spellings: Counter[str] = field(default_factory=Counter)
    units: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.spellings.most_common(1)[0][0]

    @property
    def count(self) -> int:
        return sum(self.spellings.values())

    def to_json(self) -> dict:
        return {
            "lang": self.lang,
            "rendering": self.text,
            "count": self.count,
            "units": [{"doc": doc, "unit": unit} for doc, unit in self.units],
        }


@dataclass
class Concordance:
    term: str
    lang: str
    occurrences: int = 0
    unrendered: Counter[str] = field(default_factory=Counter)  # language → occurrences with no link
    renderings: dict[str, list[Rendering]] = field(default_factory=dict)


def normalise(text: str) -> str:
    """NFC, single spaces, no punctuation around."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    return _EDGE.sub("", text)


def group_key(text: str, lang: str) -> str:
    """What two spellings of one rendering share: case, tone placement, inflection aside."""
    text = normalise(text).lower()
    if lang == "vi":
        from reader.readings import vi_key

        return vi_key(text)
    if lang == "en":
        from reader.align.features import stem

        words = [w.replace("’", "'") for w in _LATIN_WORD.findall(text)]
        return " ".join(stem(re.sub(r"'s$", "", w)) for w in words)
    return text


def _gap_ok(gap: str, lang: str) -> bool:
    if lang == "zh":
        return len(gap.strip()) <= MAX_GAP_CHARS and not re.search(r"[，。；：！？、,.;:!?]", gap)
    return len(_LATIN_WORD.findall(gap)) <= MAX_GAP_WORDS and not re.search(r"[,;:!?()\"“”]", gap)


def rendering_span(text: str, pieces: list[tuple[int, int]], lang: str) -> tuple[int, int] | None:
    """The pieces joined across small gaps; of several groups, the longest."""
    if not pieces:
        return None
    groups: list[list[int]] = []
    for start, end in sorted(pieces):
        if groups and (start <= groups[-1][1] or _gap_ok(text[groups[-1][1] : start], lang)):
            groups[-1][1] = max(groups[-1][1], end)
        else:
            groups.append([start, end])
    start, end = max(groups, key=lambda g: (g[1] - g[0], -g[0]))
    return whole_words(text, start, end, lang)


_SYLLABLE = re.compile(r"[^\W\d_]+")


def whole_words(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """A span widened to the dictionary words it cuts through: "trợ tư pháp" → "tương trợ tư
    pháp" (tương trợ is one word), 讨会 → 研讨会. English spans are whole words already."""
    if lang == "zh":
        from reader.links.lexicon import cedict

        dictionary = cedict()
        if text[start:end] in dictionary:
            return start, end  # a word already: 法院 stays 法院 (国法 is a word too)
        for size in (4, 3, 2):
            for k in range(max(0, start - size + 1), start):
                if text[k : k + size] in dictionary and k + size > start:
                    start = k
                    break
        for size in (4, 3, 2):
            for k in range(end - size + 1, end):
                if k >= 0 and text[k : k + size] in dictionary and len(text[k : k + size]) == size:
                    end = max(end, k + size)
                    break
        return start, end
    if lang != "vi":
        return start, end
    from reader.readings import vi_key, vietnamese_words

    words = vietnamese_words()
    syllables = list(_SYLLABLE.finditer(text))
    inside = [n for n, m in enumerate(syllables) if start <= m.start() and m.end() <= end]
    if not inside:
        return start, end
    first, last = inside[0], inside[-1]
    for size in (2, 3):  # a word that starts before the span and ends inside it
        for k in range(first - size + 1, first):
            piece = syllables[max(k, 0) : k + size]
            if (
                k >= 0
                and len(piece) == size
                and k + size - 1 <= last
                and vi_key(" ".join(m.group() for m in piece)) in words
            ):
                start = min(start, piece[0].start())
    for size in (2, 3):  # a word that starts inside the span and ends after it
        for k in range(last - size + 2, last + 1):
            piece = syllables[k : k + size]
            if k >= first and len(piece) == size and vi_key(" ".join(m.group() for m in piece)) in words:
                end = max(end, piece[-1].end())
    return start, end


def renderings(store: LinkStore, term: str, lang: str, langs: list[str] | None = None) -> Concordance:
    """Every rendering of `term` (written in `lang`) in the other languages, most frequent first."""
    found = Concordance(term, lang)
    groups: dict[str, dict[str, Rendering]] = {}
    targets = [other for other in (langs or LANGUAGES) if other != lang]
    for row, spans in store.find(term, lang):
        for span in spans:
            found.occurrences += 1
            pieces = counterparts_in(
                row.links, {o: row.texts.get(o, "") for o in [lang, *targets]}, lang, [span]
            )
            for other in targets:
                text = row.texts.get(other, "")
                if not text:
                    continue
                where = rendering_span(text, pieces.get(other, []), other)
                spelling = normalise(text[where[0] : where[1]]) if where else ""
                if not spelling:
                    found.unrendered[other] += 1
                    continue
                key = group_key(spelling, other)
                group = groups.setdefault(other, {}).setdefault(key, Rendering(other, key))
                group.spellings[spelling] += 1
                if (row.doc, row.unit) not in group.units:
                    group.units.append((row.doc, row.unit))
    for other in targets:
        found.renderings[other] = sorted(groups.get(other, {}).values(), key=lambda r: (-r.count, r.text))
    return found


# ---- export ---------------------------------------------------------------------------------------


def to_csv(found: Concordance) -> str:
    """One row per rendering: term_lang, term, lang, rendering, count, units (doc/unit; …)."""
    from reader.export.csv_format import write_rows

    rows: list[list[object]] = [["term_lang", "term", "lang", "rendering", "count", "units"]]
    for lang, options in found.renderings.items():
        for option in options:
            units = "; ".join(f"{doc}/{unit}" for doc, unit in option.units)
            rows.append([found.lang, found.term, lang, option.text, option.count, units])
    return write_rows(rows)


def to_tbx(found: Concordance) -> str:
    """TBX-Basic: one concept entry with the term and every rendering, each rendering's count and
    share of the term's occurrences in a note (CAT tools import the entry as a glossary term)."""
    from xml.etree import ElementTree as ET

    martif = ET.Element("martif", {"type": "TBX-Basic", "xml:lang": found.lang})
    header = ET.SubElement(ET.SubElement(martif, "martifHeader"), "fileDesc")
    ET.SubElement(
        ET.SubElement(header, "sourceDesc"), "p"
    ).text = "reader renderings: how the corpus renders a term"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    entry = ET.SubElement(body, "termEntry", {"id": "t1"})
    source = ET.SubElement(entry, "langSet", {"xml:lang": found.lang})
    ET.SubElement(ET.SubElement(source, "tig"), "term").text = found.term
    for lang, options in found.renderings.items():
        if not options:
            continue
        lang_set = ET.SubElement(entry, "langSet", {"xml:lang": lang})
        for option in options:
            tig = ET.SubElement(lang_set, "tig")
            ET.SubElement(tig, "term").text = option.text
            ET.SubElement(tig, "note").text = f"{option.count} of {found.occurrences} occurrences"
    ET.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"
