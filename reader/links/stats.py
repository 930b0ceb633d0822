"""Corpus statistics for the words the dictionaries leave unlinked (院长 ↔ Chánh án, 检察长 ↔ Viện
trưởng, VKSND ↔ Procuracy): how often two such words occur in the same aligned unit, against how
often each occurs (the Dice coefficient: the one-pass, additive cousin of IBM Model 1's
translation table, so a changed document only adds and removes its own counts).

Linking is two passes over the units being linked: the first takes the dictionary links and
notes the unlinked content words of each pair (Chinese as CC-CEDICT words, Vietnamese syllables,
English stems); then the words of every unit in the corpus are counted, and the second pass
links, unit by unit, the unlinked words whose association is strong, best first.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reader.links import lexicon
from reader.links.linker import PAIRS, POSITION_WEIGHT, Candidate, _han_runs, link_candidates, select, spans
from reader.links.tokens import Token
from reader.model import Unit
from reader.text import is_cjk

MIN_TOGETHER = 2  # units in which two words must meet before they are linked
MIN_DICE = 0.5
STATS_SCORE = 0.3
BESIDE = 0.3  # bonus for two words beside the two sides of one dictionary link
Item = tuple[str, int, int]  # a word's type and its span


@dataclass
class PendingRow:
    doc: str
    unit: str
    order: int
    texts: dict[str, str]
    links: dict[str, list]
    free: dict[str, list[list[Item]]]  # pair → [items of A, items of B]


def _stem(word: str) -> str:
    from reader.align.features import stem

    return stem(word)


def _free_items(lang: str, toks: list[Token], linked: set[int]) -> list[Item]:
    """The content words of a language not linked in a pair, as (type, start, end)."""
    from reader.align.features import EN_STOP

    items: list[Item] = []
    if lang == "zh":
        dictionary = lexicon.cedict()
        for run in _han_runs(toks):
            free = [i for i in run if i not in linked]
            k = 0
            while k < len(free):
                for size in range(min(6, len(free) - k), 0, -1):
                    chunk = free[k : k + size]
                    if chunk[-1] - chunk[0] != size - 1:
                        continue
                    word = "".join(toks[i].text for i in chunk)
                    if size == 1 or word in dictionary:
                        items.append((word, toks[chunk[0]].start, toks[chunk[-1]].end))
                        k += size
                        break
        return [item for item in items if item[0] not in _ZH_FUNCTION]
    for i, token in enumerate(toks):
        if i in linked or token.key.startswith("#") or is_cjk(token.text[0]):
            continue
        if lang == "en":
            if token.key not in EN_STOP and len(token.key) > 2:
                items.append((_stem(token.key), token.start, token.end))
        elif token.key not in _VI_FUNCTION:
            items.append((token.key, token.start, token.end))
    # an acronym's syllables share one span: count the acronym once
    seen: set[tuple[int, int]] = set()
    unique = []
    for item in items:
        if lang == "vi" and (item[1], item[2]) in seen:
            continue
        seen.add((item[1], item[2]))
        unique.append(item)
    return unique


_ZH_FUNCTION = frozenset("的了和与在是为对于以及等中上下这那有也将被把而并其之所从向由就都还又着过个们一")
_VI_FUNCTION = frozenset(
    [
        "của",
        "và",
        "là",
        "các",
        "những",
        "được",
        "đã",
        "có",
        "trong",
        "với",
        "cho",
        "về",
        "tại",
        "từ",
        "này",
        "đó",
        "để",
        "theo",
        "như",
        "khi",
        "cũng",
        "sẽ",
        "thì",
        "mà",
        "ra",
        "vào",
        "lên",
        "một",
        "hai",
    ]
)


def first_pass(doc_id: str, units: list[Unit]) -> list[PendingRow]:
    rows = []
    for unit in units:
        texts = {lang: text for lang, text in unit.text.items() if text}
        toks, chosen = link_candidates(texts)
        free: dict[str, list[list[Item]]] = {}
        for (a, b), found in chosen.items():
            linked_a = {i for cand in found for i in cand.a}
            linked_b = {j for cand in found for j in cand.b}
            free[f"{a}-{b}"] = [_free_items(a, toks[a], linked_a), _free_items(b, toks[b], linked_b)]
        rows.append(PendingRow(doc_id, unit.id, unit.index, texts, spans(chosen, toks), free))
    return rows


class Counts:
    """Per pair: units each unlinked word occurs in, and units each two occur in together."""

    def __init__(self) -> None:
        self.single: dict[str, Counter[str]] = {f"{a}-{b}": Counter() for a, b in PAIRS}
        self.together: dict[str, Counter[tuple[str, str]]] = {f"{a}-{b}": Counter() for a, b in PAIRS}

    @classmethod
    def from_rows(cls, stored: Iterable[dict], pending: list[PendingRow]) -> Counts:
        """Counted over the units already stored (their `free` column) and those being linked.
        Words met once are not paired (they cannot reach `MIN_TOGETHER`)."""
        frees = [free for free in stored] + [
            {pair: [[item[0] for item in side] for side in sides] for pair, sides in row.free.items()}
            for row in pending
        ]
        # only the words of the units being linked are ever looked up: count those alone (a
        # changed document costs a read of the stored rows, not a count of every pair in them)
        wanted: dict[str, tuple[set[str], set[str]]] = {}
        for row in pending:
            for pair, (side_a, side_b) in row.free.items():
                sets = wanted.setdefault(pair, (set(), set()))
                sets[0].update(item[0] for item in side_a)
                sets[1].update(item[0] for item in side_b)
        counts = cls()
        kept: list[tuple[str, set[str], set[str]]] = []  # per unit and pair: its wanted words
        for free in frees:
            for pair, (side_a, side_b) in free.items():
                if pair not in wanted:
                    continue
                want_a, want_b = wanted[pair]
                words_a = want_a.intersection(side_a)
                words_b = want_b.intersection(side_b)
                if words_a:
                    counts.single[pair].update([f"a:{word}" for word in words_a])
                if words_b:
                    counts.single[pair].update([f"b:{word}" for word in words_b])
                if words_a and words_b:
                    kept.append((pair, words_a, words_b))
        for pair, words_a, words_b in kept:
            counter = counts.single[pair]
            often_a = [w for w in words_a if counter[f"a:{w}"] >= MIN_TOGETHER]
            often_b = [w for w in words_b if counter[f"b:{w}"] >= MIN_TOGETHER]
            if often_a and often_b:
                counts.together[pair].update((x, y) for x in often_a for y in often_b)
        return counts

    def partners(self, pair: str) -> dict[str, set[str]]:
        """Word of A → the words of B it meets often enough to be linked."""
        if not hasattr(self, "_partners"):
            self._partners: dict[str, dict[str, set[str]]] = {}
        if pair not in self._partners:
            found: dict[str, set[str]] = {}
            for (a, b), together in self.together[pair].items():
                if together >= MIN_TOGETHER:
                    found.setdefault(a, set()).add(b)
            self._partners[pair] = found
        return self._partners[pair]

    def dice(self, pair: str, a: str, b: str) -> float:
        together = self.together[pair].get((a, b), 0)
        if together < MIN_TOGETHER:
            return 0.0
        return 2 * together / (self.single[pair][f"a:{a}"] + self.single[pair][f"b:{b}"])


def second_pass(row: PendingRow, counts: Counts) -> dict[str, list]:
    """The row's links with those the statistics add."""
    links = {pair: list(found) for pair, found in row.links.items()}
    for pair, (side_a, side_b) in row.free.items():
        candidates = []
        a, b = pair.split("-")
        text_a, text_b = row.texts.get(a, ""), row.texts.get(b, "")
        partners = counts.partners(pair)
        for i, (word_a, start_a, end_a) in enumerate(side_a):
            near = partners.get(word_a)
            if not near:
                continue
            for j, (word_b, start_b, end_b) in enumerate(side_b):
                if word_b not in near:
                    continue
                dice = counts.dice(pair, word_a, word_b)
                if dice >= MIN_DICE:
                    score = STATS_SCORE * dice - POSITION_WEIGHT * abs(
                        start_a / max(1, len(text_a)) - start_b / max(1, len(text_b))
                    )
                    if _beside_link(links[pair], (start_a, end_a), (start_b, end_b), text_a, text_b):
                        score += BESIDE
                    candidates.append(Candidate(frozenset([i]), frozenset([j]), score, [((i,), (j,))]))
        for cand in select(candidates):
            for (i,), (j,) in cand.parts:
                links[pair].append((side_a[i][1], side_a[i][2], side_b[j][1], side_b[j][2]))
        links[pair].sort()
    return links


def _touch(x: tuple[int, int], y: tuple[int, int], text: str) -> bool:
    """Two spans next to each other, with at most a space or hyphen between."""
    first, second = sorted((x, y))
    return first[1] <= second[0] and not text[first[1] : second[0]].strip(" -")


def _beside_link(
    links: list, span_a: tuple[int, int], span_b: tuple[int, int], text_a: str, text_b: str
) -> bool:
    """Both words sit next to the two sides of one dictionary link (局 after 政治 and Bộ before
    Chính trị, where 政治 ↔ Chính trị): word order keeps a phrase's words together."""
    return any(
        _touch(span_a, (a0, a1), text_a) and _touch(span_b, (b0, b1), text_b) for a0, a1, b0, b1 in links
    )


def free_json(row: PendingRow) -> str:
    return json.dumps(
        {pair: [[item[0] for item in side] for side in sides] for pair, sides in row.free.items()}
    )
