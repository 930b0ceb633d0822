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
from functools import cache
from itertools import pairwise

from reader.links.spans import counterparts_in, linked
from reader.links.store import LinkStore, UnitRow
from reader.text import LANGUAGES

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")
MAX_GAP_WORDS = 2  # words between two linked pieces of one rendering
MAX_GAP_CHARS = 2  # Chinese characters between two linked pieces


@dataclass(frozen=True)
class Example:
    """One occurrence of a rendering: the unit, the term where it is in the term's language, and
    the rendering where it is in its own (for KWIC lines with both highlighted)."""

    doc: str
    unit: str
    term_text: str
    term_span: tuple[int, int]
    text: str
    span: tuple[int, int]


@dataclass
class Rendering:
    lang: str
    key: str
    spellings: Counter[str] = field(default_factory=Counter)
    units: list[tuple[str, str]] = field(default_factory=list)
    _in: set[tuple[str, str]] = field(default_factory=set, repr=False)  # `units`, to look up
    examples: list[Example] = field(default_factory=list)  # the first `examples` asked for

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


CONJUNCTIONS = {"zh": "和与及或", "vi": ("và", "hoặc"), "en": ("and", "or")}


def has_conjunction(text: str, lang: str) -> bool:
    """Whether a text has an "and" or "or" (和, và): a term with none is rendered by words with
    none between them (公益诉讼 ↔ "public interest litigation", not "… litigation and
    procuratorial")."""
    if lang == "zh":
        return any(ch in CONJUNCTIONS["zh"] for ch in text)
    return any(word.lower() in CONJUNCTIONS.get(lang, ()) for word in _LATIN_WORD.findall(text))


def _gap_ok(gap: str, lang: str, conjunction: bool = True) -> bool:
    """Whether two pieces of one rendering may have `gap` between them (a conjunction only when
    `conjunction`)."""
    if not conjunction and has_conjunction(gap, lang):
        return False
    if lang == "zh":
        return len(gap.strip()) <= MAX_GAP_CHARS and not re.search(r"[，。；：！？、,.;:!?]", gap)
    return len(_LATIN_WORD.findall(gap)) <= MAX_GAP_WORDS and not re.search(r"[,;:!?()\"“”]", gap)


def rendering_span(
    text: str, pieces: list[tuple[int, int]], lang: str, conjunction: bool = True
) -> tuple[int, int] | None:
    """The pieces joined across small gaps (across "and" only when `conjunction`: the term has
    one); of several groups, the longest."""
    if not pieces:
        return None
    groups: list[list[int]] = []
    for start, end in sorted(pieces):
        if groups and (start <= groups[-1][1] or _gap_ok(text[groups[-1][1] : start], lang, conjunction)):
            groups[-1][1] = max(groups[-1][1], end)
        else:
            groups.append([start, end])
    start, end = max(groups, key=lambda g: (g[1] - g[0], -g[0]))
    return whole_words(text, start, end, lang)


_JOIN = re.compile(r"[ \-]?")
_SYLLABLE = re.compile(r"[^\W\d_]+")
ZH_WORD = 8  # the longest CC-CEDICT word looked up when segmenting
WINDOW = 40  # characters either side of a span read to widen it
ZH_WINDOW = 16  # Han characters either side of a span cut into words (a cut settles within a few)


def _zh_word_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """A Chinese span widened to word boundaries: the run of Han characters around it is cut
    into the fewest CC-CEDICT words, and an edge moves out only when no such cut has a boundary
    there (讨会 → 研讨会, but 试点 stays in 日起开展试点 and 平台 in 平台上, where 台上 is a word
    too). A span that is a word already stays."""
    from reader.links.lexicon import cedict_words
    from reader.text import is_cjk

    dictionary = cedict_words()
    if text[start:end] in dictionary:
        return start, end  # a word already: 北京 stays 北京 (北京市 is a word too)
    left = start
    while left > 0 and start - left < ZH_WINDOW and is_cjk(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < ZH_WINDOW and is_cjk(text[right]):
        right += 1
    run = text[left:right]
    size = len(run)
    inf = size + 1
    ahead = [inf] * (size + 1)  # fewest words for run[:k]
    behind = [inf] * (size + 1)  # fewest words for run[k:]
    ahead[0] = behind[size] = 0
    for k in range(size):
        for n in range(1, min(ZH_WORD, size - k) + 1):
            if n == 1 or run[k : k + n] in dictionary:
                ahead[k + n] = min(ahead[k + n], ahead[k] + 1)
    for k in range(size - 1, -1, -1):
        for n in range(1, min(ZH_WORD, size - k) + 1):
            if n == 1 or run[k : k + n] in dictionary:
                behind[k] = min(behind[k], behind[k + n] + 1)
    best = ahead[size]

    def boundary(k: int) -> bool:
        return ahead[k] + behind[k] == best

    a, b = start - left, end - left
    while a > 0 and not boundary(a):
        a -= 1
    while b < size and not boundary(b):
        b += 1
    return left + a, left + b


def whole_words(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """A span widened to the dictionary words it cuts through: "trợ tư pháp" → "tương trợ tư
    pháp" (tương trợ is one word), 讨会 → 研讨会 (`_zh_word_edges`). English spans are whole
    words already."""
    if lang == "zh":
        return _zh_word_edges(text, start, end)
    if lang != "vi":
        return start, end
    from reader.links.lexicon import vietnamese_words
    from reader.readings import vi_key

    words = vietnamese_words()
    # the syllables near the span only (two words of three syllables reach no further)
    syllables = list(_SYLLABLE.finditer(text, max(0, start - WINDOW), min(len(text), end + WINDOW)))
    if syllables and syllables[0].start() > 0 and text[syllables[0].start() - 1].isalpha():
        syllables = syllables[1:]  # cut through by the window: not a syllable
    if syllables and syllables[-1].end() < len(text) and text[syllables[-1].end()].isalpha():
        syllables = syllables[:-1]
    inside = [n for n, m in enumerate(syllables) if start <= m.start() and m.end() <= end]
    if not inside:
        return start, end
    first, last = inside[0], inside[-1]
    if all(syllables[n].group()[0].isupper() for n in inside):
        return start, end  # a name: Hoàng Hải Long, not "Ông Hoàng" Hải Long

    def word(k: int, size: int) -> bool:
        piece = syllables[k : k + size]
        return k >= 0 and len(piece) == size and vi_key(" ".join(m.group() for m in piece)) in words

    # the span's edges are cut through a word only when no word of the span itself ends there:
    # "dụng công" is a word, but "công nghệ thông tin" starts with one (công nghệ) and stays
    starts_word = any(word(first, size) for size in (2, 3) if first + size - 1 <= last)
    ends_word = any(word(last - size + 1, size) for size in (2, 3) if last - size + 1 >= first)
    if not starts_word:
        for size in (2, 3):  # a word that starts before the span and ends inside it
            for k in range(first - size + 1, first):
                if k + size - 1 <= last and word(k, size):
                    start = min(start, syllables[k].start())
                    ends_word = ends_word or k + size - 1 == last  # "dụng" → ứng dụng, not also dụng công
    if not ends_word:
        for size in (2, 3):  # a word that starts inside the span and ends after it
            for k in range(last - size + 2, last + 1):
                if k >= first and word(k, size):
                    end = max(end, syllables[k + size - 1].end())
    return start, end


def with_pivot(
    row: UnitRow,
    lang: str,
    other: str,
    pieces: dict[str, list[tuple[int, int]]],
    span: tuple[int, int] | None = None,
) -> list[tuple[int, int]]:
    """The pieces of `other` linked to the term, completed through the third language: what the
    term's counterpart there is linked to in `other` fills a missing rendering, or joins the direct
    one where it overlaps or nearly touches it (调解员 ↔ hòa giải viên completes "mediators" ↔ hòa
    giải). A neighbour linked to other words of the term's own text than the term (at `span`)
    translates those and stays out: 互赠 is "exchange", not part of "gifts" ↔ 礼品."""
    direct = pieces.get(other, [])
    third = next((t for t in LANGUAGES if t not in (lang, other) and row.texts.get(t)), None)
    if third is None or not pieces.get(third):
        return direct
    via = [p for start, end in pieces[third] for p in linked(row.links, third, other, start, end)]
    if not direct:
        return via
    text = row.texts[other]
    kept = list(direct)
    grown = True
    while grown:
        grown = False
        for start, end in via:
            if (start, end) in kept:
                continue
            if any(start < e2 and s2 < end for s2, e2 in kept) or (
                any(
                    (e2 <= start and _gap_ok(text[e2:start], other))
                    or (end <= s2 and _gap_ok(text[end:s2], other))
                    for s2, e2 in kept
                )
                and not _linked_elsewhere(row, other, (start, end), lang, span)
            ):
                kept.append((start, end))
                grown = True
    return kept


def _linked_elsewhere(
    row: UnitRow, lang: str, piece: tuple[int, int], term_lang: str, span: tuple[int, int] | None
) -> bool:
    """Whether a piece of `lang` is linked to words of the term's text outside the term."""
    if span is None:
        return False
    return any(e <= span[0] or s >= span[1] for s, e in linked(row.links, lang, term_lang, *piece))


def rendering_in(
    texts: dict[str, str], links: dict[str, list], lang: str, span: tuple[int, int], other: str
) -> str | None:
    """How one unit renders the words at `span` of its `lang` text in `other`, as `renderings`
    counts it (None when the links show nothing)."""
    text = texts.get(other, "")
    if not text:
        return None
    row = UnitRow("", "", 0, texts, links)
    where = render(row, lang, span, other, counterparts_in(links, texts, lang, [span]))
    return (normalise(text[where[0] : where[1]]) or None) if where else None


def render(
    row: UnitRow, lang: str, span: tuple[int, int], other: str, pieces: dict[str, list[tuple[int, int]]]
) -> tuple[int, int] | None:
    """Where the unit's `other` text renders the term at `span` of its `lang` text, from the
    term's counterpart `pieces` in each language (`counterparts_in`)."""
    text = row.texts.get(other, "")
    if not text:
        return None
    conjunction = has_conjunction(row.texts[lang][span[0] : span[1]], lang)
    where = rendering_span(text, with_pivot(row, lang, other, pieces, span), other, conjunction)
    return complete(row, lang, span, other, where, pieces) if where else None


def _unlinked_runs(row: UnitRow, lang: str, span: tuple[int, int], other: str, where: tuple[int, int]) -> int:
    """Runs of the term's content words that the rendering at `where` does not account for: linked
    neither to `other` nor, through the third language, to anything in `where` (xuyên ↔ cross ↔
    跨境 is accounted for). Words that are not content words neither start nor end a run."""
    text = row.texts[lang]
    third = next((t for t in LANGUAGES if t not in (lang, other) and row.texts.get(t)), None)
    runs, previous = 0, False
    for start, end, word in _words(text, span[0], span[1], lang):
        if not _content(word, lang):
            continue
        free = not linked(row.links, lang, other, start, end)
        if free and third:
            free = not any(
                b0 < where[1] and where[0] < b1
                for a0, a1 in linked(row.links, lang, third, start, end)
                for b0, b1 in linked(row.links, third, other, a0, a1)
            )
        runs += free and not previous
        previous = free
    return runs


def _words(text: str, start: int, end: int, lang: str) -> list[tuple[int, int, str]]:
    """The words of text[start:end]: Han characters one by one, else runs of letters or digits."""
    pattern = r"[^\W_]" if lang == "zh" else r"[^\W_]+"
    return [(start + m.start(), start + m.end(), m.group()) for m in re.finditer(pattern, text[start:end])]


@cache
def _function_words() -> dict[str, frozenset[str]]:
    from reader.align.features import EN_STOP
    from reader.links.stats import _VI_FUNCTION, _ZH_FUNCTION

    return {"zh": _ZH_FUNCTION, "vi": _VI_FUNCTION, "en": frozenset(EN_STOP)}


def _content(word: str, lang: str) -> bool:
    if word.isdigit() or word.lower() in _function_words()[lang]:
        return False
    return lang != "en" or len(word) > 2


def _neighbour(text: str, where: tuple[int, int], lang: str, before: bool) -> tuple[int, int] | None:
    """The word right before or after a span (a space or hyphen between at most): the longest
    dictionary word there (新冠 before 疫情, "tố tụng" after "cải cách"), or one word (in
    Chinese, a word of two characters or more only)."""
    if lang == "zh":
        from reader.links.lexicon import cedict_words
        from reader.text import is_cjk

        words = cedict_words()
        edge = where[0] if before else where[1]
        for size in (4, 3, 2):  # a character alone is too often a word of another phrase (受 疫情)
            a, b = (edge - size, edge) if before else (edge, edge + size)
            if a >= 0 and b <= len(text) and all(is_cjk(ch) for ch in text[a:b]) and text[a:b] in words:
                return a, b
        return None
    if before:
        found = list(re.finditer(r"[^\W_]+", text[: where[0]]))
        runs = [(m.start(), m.end()) for m in found]
        if not runs or not _JOIN.fullmatch(text[runs[-1][1] : where[0]]):
            return None
    else:
        runs = [(where[1] + m.start(), where[1] + m.end()) for m in re.finditer(r"[^\W_]+", text[where[1] :])]
        if not runs or not _JOIN.fullmatch(text[where[1] : runs[0][0]]):
            return None
    if lang != "vi":
        return runs[-1] if before else runs[0]
    from reader.links.lexicon import vietnamese_words
    from reader.readings import vi_key

    words = vietnamese_words()
    for size in (3, 2):
        piece = runs[-size:] if before else runs[:size]
        spaced = len(piece) == size and all(text[x[1] : y[0]] == " " for x, y in pairwise(piece))
        if spaced and vi_key(text[piece[0][0] : piece[-1][1]].lower()) in words:
            return piece[0][0], piece[-1][1]
    return runs[-1] if before else runs[0]


def complete(
    row: UnitRow,
    lang: str,
    span: tuple[int, int],
    other: str,
    where: tuple[int, int],
    pieces: dict[str, list[tuple[int, int]]],
) -> tuple[int, int]:
    """A rendering grown by a word beside it for each run of the term's words that no link
    accounts for, where that word is linked to nothing else either: "procedural reform" ↔ "cải
    cách" + tố tụng, "COVID-19 pandemic" ↔ 疫情 + 新冠 (unlinked words on both sides, next to
    the linked ones, translate each other). Vietnamese puts a modifier after the word it
    modifies, Chinese and English before: that side is tried first."""
    text = row.texts[other]
    third = next((t for t in LANGUAGES if t not in (lang, other)), "")
    around = pieces.get(third, [])
    for _ in range(_unlinked_runs(row, lang, span, other, where)):
        grown = False
        for before in (False, True) if other == "vi" else (True, False):
            near = _neighbour(text, where, other, before)
            if near is None or not _content(text[near[0] : near[1]], other):
                continue
            if linked(row.links, other, lang, *near):
                continue
            if any(
                not any(s < e2 and s2 < e for s2, e2 in around)
                for s, e in linked(row.links, other, third, *near)
            ):
                continue  # it translates a word of the third language that is not the term's
            where = (min(where[0], near[0]), max(where[1], near[1]))
            grown = True
            break
        if not grown:
            break
    return where


def renderings(
    store: LinkStore, term: str, lang: str, langs: list[str] | None = None, *, examples: int = 0
) -> Concordance:
    """Every rendering of `term` (written in `lang`) in the other languages, most frequent first;
    each keeps its first `examples` occurrences (`Example`) for KWIC lines."""
    found = Concordance(term, lang)
    groups: dict[str, dict[str, Rendering]] = {}
    targets = [other for other in (langs or LANGUAGES) if other != lang]
    for row, spans in store.find(term, lang):
        for span in spans:
            found.occurrences += 1
            pieces = counterparts_in(row.links, row.texts, lang, [span])
            for other in targets:
                text = row.texts.get(other, "")
                if not text:
                    continue
                where = render(row, lang, span, other, pieces)
                spelling = normalise(text[where[0] : where[1]]) if where else ""
                if not spelling:
                    found.unrendered[other] += 1
                    continue
                key = group_key(spelling, other)
                group = groups.setdefault(other, {}).setdefault(key, Rendering(other, key))
                group.spellings[spelling] += 1
                if len(group.examples) < examples and where:
                    group.examples.append(Example(row.doc, row.unit, row.texts[lang], span, text, where))
                if (row.doc, row.unit) not in group._in:
                    group._in.add((row.doc, row.unit))
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
    """TBX-Basic (`reader.terms.tbx`, the glossary export's writer): one concept with the term,
    preferred, and every rendering, admitted, each with its count and the term's occurrences in a
    note (CAT tools import it as a glossary entry)."""
    from reader.terms.tbx import PREFERRED, Concept, Term, write_tbx

    concept = Concept("t1", [f"renderings in the corpus of {found.term} ({found.lang})"])
    concept.terms[found.lang] = [Term(found.term, PREFERRED)]
    for lang, options in found.renderings.items():
        concept.terms[lang] = [
            Term(option.text, note=f"{option.count} of {found.occurrences} occurrences") for option in options
        ]
    return write_tbx(
        [concept],
        source_lang=found.lang,
        title="reader renderings",
        description="reader renderings: how the corpus renders a term",
    )
