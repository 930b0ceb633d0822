"""Structure as hard anchors for alignment: a book chapter by chapter, a law article by article.

Numbered legal structure (第X条 / Điều X / Article X, 第X章 / Chương X / Chapter X, 第X款 /
Khoản X / Clause X, ...) pairs paragraphs with the same kind and number on both sides; failing
that, two sides with the same number of headings pair their headings in order. Each stretch
between two anchors is then aligned on its own, which is also what keeps a 10,000-sentence book
fast: the aligner's cost grows with the square of what it is given at once. Anchors are dropped
(and the whole text aligned in one search) when a paired stretch is wildly longer on one side,
which means the structures do not correspond.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from reader.model import Bead, Version

_LATIN = re.compile(
    r"^(article|art\.|section|chapter|part|clause|điều|khoản|chương|mục|phần)\s+(\d+|[ivxlc]+)\b",
    re.IGNORECASE,
)
_HAN = re.compile(r"^第([0-9一二三四五六七八九十百零〇两]+)([条款章节编部])")
_LEVEL = {
    "article": "A",
    "art.": "A",
    "điều": "A",
    "条": "A",
    "chapter": "C",
    "chương": "C",
    "章": "C",
    "section": "S",
    "mục": "S",
    "节": "S",
    "clause": "K",
    "khoản": "K",
    "款": "K",
    "part": "P",
    "phần": "P",
    "编": "P",
    "部": "P",
}
_HAN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _han_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    total = current = 0
    for ch in text:
        if ch in _HAN_DIGITS:
            current = _HAN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def _roman(text: str) -> int:
    values = [_ROMAN[ch] for ch in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def structure_number(text: str) -> tuple[str, int] | None:
    """("A", 5) for "Điều 5.", "Article 5", "第五条"; None for other text."""
    if match := _HAN.match(text):
        return _LEVEL[match[2]], _han_number(match[1])
    if match := _LATIN.match(text):
        number = match[2]
        return _LEVEL[match[1].lower()], int(number) if number.isdigit() else _roman(number)
    return None


def _numbered(version: Version) -> list[tuple[tuple[str, int], int]]:
    starts = version.paragraph_start
    found = []
    for index, paragraph in enumerate(version.paragraphs):
        if key := structure_number(paragraph[0]):
            found.append((key, starts[index]))
    return found


def _common(a: list[tuple[str, int]], b: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """Index pairs of the longest common subsequence of two key lists (each key's first use)."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            rows[i][j] = rows[i + 1][j + 1] + 1 if a[i] == b[j] else max(rows[i + 1][j], rows[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif rows[i + 1][j] >= rows[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def anchors(
    original: Version, o_heads: list[int], translation: Version, t_heads: list[int]
) -> list[tuple[int, int]]:
    """(original sentence, translation sentence) pairs that start corresponding stretches."""
    src, tgt = _numbered(original), _numbered(translation)
    if len(src) <= 2_000 and len(tgt) <= 2_000:
        pairs = [(src[i][1], tgt[j][1]) for i, j in _common([k for k, _ in src], [k for k, _ in tgt])]
        if len(pairs) >= 2:
            return pairs
    if len(o_heads) == len(t_heads) >= 2:
        return list(zip(o_heads, t_heads, strict=True))
    return []


def align_by_sections(
    original: Version,
    o_heads: list[int],
    translation: Version,
    t_heads: list[int],
    report: Callable[[int, int], None] | None = None,
) -> list[Bead] | None:
    """Beads aligned stretch by stretch between anchors; None when there are no usable anchors.
    `report(done, total)` hears how many stretches are done, now and then."""
    from reader.align import align

    points = anchors(original, o_heads, translation, t_heads)
    n, m = len(original.sentences), len(translation.sentences)
    cuts = sorted({(0, 0), *points, (n, m)})
    if len(cuts) < 3 or any(b[0] < a[0] or b[1] < a[1] for a, b in itertools.pairwise(cuts)):
        return None
    for (s0, t0), (s1, t1) in itertools.pairwise(cuts):
        shorter, longer = sorted((s1 - s0, t1 - t0))
        if longer > 3 * shorter + 5:
            return None  # the structures do not correspond
    beads: list[Bead] = []
    stretches = len(cuts) - 1
    for number, ((s0, t0), (s1, t1)) in enumerate(itertools.pairwise(cuts)):
        if report and number % max(1, stretches // 50) == 0:
            report(number, stretches)
        if s0 == s1 and t0 == t1:
            continue
        if s0 == s1 or t0 == t1:
            beads += [Bead((i,), ()) for i in range(s0, s1)] + [Bead((), (j,)) for j in range(t0, t1)]
            continue
        src_par = [p - original.paragraph_of[s0] for p in original.paragraph_of[s0:s1]]
        tgt_par = [p - translation.paragraph_of[t0] for p in translation.paragraph_of[t0:t1]]
        for bead in align(
            original.sentences[s0:s1],
            translation.sentences[t0:t1],
            original.lang,
            translation.lang,
            src_par,
            tgt_par,
        ):
            beads.append(Bead(tuple(i + s0 for i in bead.src), tuple(j + t0 for j in bead.tgt)))
    return beads
