"""The aligner: sentences of a text and its translation paired by length (Gale–Church) plus shared lexical anchors.

A dynamic programme over beads 0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 4-1, 2-3 and 3-2
scores each bead by how well the lengths fit the language pair, how common its shape is, how
many anchors the two sides share (numbers, names, readings, dictionary glosses, weighted by
rarity) and whether it respects paragraph ends. Leaving a sentence unmatched (1-0, 0-1) costs
less the less its best match shares with it compared with its side's other sentences. The search
runs in a band around the diagonal, so time and memory grow linearly with the length of the texts.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import accumulate, pairwise

from reader.model import Bead, Version

# (target chars per source char, variance per char): measured on NTREX news (notes/alignment.md).
_RATIOS = {("zh", "en"): (2.97, 16.0), ("zh", "vi"): (3.25, 20.0), ("vi", "en"): (0.92, 3.0)}
# Bead shape priors, from MAC-Dev zh→en gold (1-2 is common when Chinese sentences are
# long), with 2-1, 1-0 and 0-1 raised for news whose translation merges sentences and drops
# or adds some (NTREX tuning seeds: +2 to +3.5 strict F1 points at 1 in 10 deletions, -1.4 on
# MAC-Dev); 1-1 dominates news anyway through the length and lexical terms.
BEADS = {
    (1, 1): 0.62,
    (1, 2): 0.21,
    (2, 1): 0.1,
    (1, 0): 0.02,
    (0, 1): 0.02,
    (2, 2): 0.004,  # lower than MAC-Dev's 0.016: 2-2 beads mostly hide two 1-1 beads
    (1, 3): 0.055,
    (3, 1): 0.005,
    (1, 4): 0.022,
    (4, 1): 0.002,
    (2, 3): 0.01,
    (3, 2): 0.005,
}
LEXICAL_WEIGHT = 90.0  # MAC-Dev strict F1: 0.62 at 6, 0.81 at 45, 0.84 at 90; NTREX prefers 60
PARAGRAPH_BONUS = 1.5
SKIP_PENALTY = 2.0  # beyond the 1-0 / 0-1 priors: an unmatched sentence costs more than a poor match
# ... adjusted per sentence by the evidence that it has a counterpart: its best match's share
# (beyond chance, per unit of its norm) over the median of its side's best matches, z, makes
# leaving it unmatched cost SKIP_SLOPE · (min(z, SKIP_CAP) - 1) more (less when z < 1). On perturbed
# NTREX (tuning seed 1) dropped and added sentences have z near 0.4, the others near 1.
SKIP_SLOPE = 3.0
SKIP_CAP = 2.0
UNSHARED = 0.7  # tuned with the priors above on MAC-Dev and NTREX (see bench_align.py)
PARAGRAPH_CROSSING = 4.0
CHANCE = 1.0  # how much of the chance-level sharing (see `_chance`) a bead's anchors must exceed
# Long texts: search a narrow band around a line through confident anchors instead of a wide
# band around the diagonal.
ANCHORED_ABOVE = 600  # sentences on the longer side
ANCHOR_SCORE = 0.5
ANCHORED_BAND = 0.01
# Confidence: a logistic curve over the margin (see `confidence`), 0.5 at a margin of 5 and 0.9 at
# 10. On perturbed NTREX (tuning seed 1, 29,657 beads) the right share by margin is 0.56 below 1,
# 0.64 at 1-2, 0.83 at 3-4, 0.94 at 5-6, 0.96 at 6-8, 0.98 at 8-10, 0.99 and more above 10; 80 %
# of the wrong beads have a margin under 4.1. So the curve is conservative in the middle (beads at
# 0.3-0.5 are right 86 times in 100), but the wrong beads are mostly below 0.5 (85 %) and 99.8 %
# of the beads at 0.9 or more are right.
MARGIN_CAP = 40.0
CONFIDENCE_SLOPE = 0.439
CONFIDENCE_BIAS = -2.197


def _ratio(src_lang: str, tgt_lang: str) -> tuple[float, float]:
    if src_lang == tgt_lang:
        return 1.0, 2.0
    if (src_lang, tgt_lang) in _RATIOS:
        return _RATIOS[(src_lang, tgt_lang)]
    c, s2 = _RATIOS[(tgt_lang, src_lang)]
    return 1.0 / c, s2 / c


def _length(text: str, lang: str) -> int:
    return len("".join(text.split())) if lang == "zh" else len(text)


def _length_cost(l1: int, l2: int, c: float, s2: float) -> float:
    """-log P(match | δ) of Gale–Church, with the mean of both lengths as the scale."""
    if l1 == 0 and l2 == 0:
        return 0.0
    mean = max((l1 + l2 / c) / 2, 1.0)
    delta = (l2 - c * l1) / math.sqrt(mean * s2)
    p = 2 * (1 - 0.5 * (1 + math.erf(abs(delta) / math.sqrt(2))))
    return -math.log(max(p, 1e-12))


def align(
    src: list[str],
    tgt: list[str],
    src_lang: str,
    tgt_lang: str,
    src_paragraphs: list[int] | None = None,
    tgt_paragraphs: list[int] | None = None,
) -> list[Bead]:
    """Beads covering every sentence of both sides exactly once, in order.

    When both sides have the same number of paragraphs, paragraphs are aligned one to one and
    sentences inside each pair (news translations keep paragraphs); otherwise paragraph ends
    are soft anchors of one search over the whole text.
    """
    if src_paragraphs and tgt_paragraphs and src and tgt and src_paragraphs[-1] == tgt_paragraphs[-1]:
        count = src_paragraphs[-1] + 1
        if set(src_paragraphs) == set(range(count)) == set(tgt_paragraphs):
            ratio = _document_ratio(src, tgt, src_lang, tgt_lang)
            beads: list[Bead] = []
            s0 = t0 = 0
            for par in range(count):
                s1 = s0 + src_paragraphs.count(par)
                t1 = t0 + tgt_paragraphs.count(par)
                for bead in _align(src[s0:s1], tgt[t0:t1], src_lang, tgt_lang, None, None, ratio):
                    src_ids, tgt_ids = tuple(i + s0 for i in bead.src), tuple(j + t0 for j in bead.tgt)
                    beads.append(Bead(src_ids, tgt_ids, bead.confidence))
                s0, t0 = s1, t1
            return beads
    return _align(src, tgt, src_lang, tgt_lang, src_paragraphs, tgt_paragraphs, None)


def _document_ratio(src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> float:
    """Target/source length ratio of this document, kept near the language pair's norm."""
    c, _ = _ratio(src_lang, tgt_lang)
    total_src = sum(_length(s, src_lang) for s in src)
    total_tgt = sum(_length(t, tgt_lang) for t in tgt)
    if not total_src or not total_tgt:
        return c
    return min(max(total_tgt / total_src, c / 1.6), c * 1.6)


@dataclass
class _Problem:
    """What the search needs about one text pair, derived once (`_prepare`): lengths and
    lexical norms as prefix sums, shared anchor weight as per-row running sums, paragraph
    marks, the band of columns searched in each row."""

    n: int
    m: int
    ratio: float  # target chars per source char
    variance: float
    prefix_src: list[int]
    prefix_tgt: list[int]
    norm_src: list[float]
    norm_tgt: list[float]
    chance_src: list[float]  # prefix sums of each sentence's chance factor (see `_chance`)
    chance_tgt: list[float]
    starts: list[int]  # first column of sums[a]
    sums: list[list[float]]  # sums[a][k]: shared weight of source a with targets starts[a]..+k-1
    src_par: list[int]
    tgt_par: list[int]
    src_ends: list[bool]
    tgt_ends: list[bool]
    lows: list[int]
    highs: list[int]
    skip_src: list[float]  # cost of leaving each sentence unmatched, prior excluded
    skip_tgt: list[float]
    length_costs: dict[tuple[int, int], float] = field(default_factory=dict)
    # Bead costs the search computed, for the backward pass of `_margins` to reuse.
    match_costs: dict[tuple[int, int, int, int], float] = field(default_factory=dict)

    def shared(self, pi: int, i: int, pj: int, j: int) -> float:
        """Anchor weight shared by source pi..i-1 and target pj..j-1, O(i - pi)."""
        if i - pi == 1:
            row, start = self.sums[pi], self.starts[pi]
            return row[j - start] - row[pj - start]
        return sum(self.sums[a][j - self.starts[a]] - self.sums[a][pj - self.starts[a]] for a in range(pi, i))

    def skip_cost(self, pi: int, i: int, pj: int, j: int) -> float:
        """Cost of a 1-0 or 0-1 bead (source pi..i-1 or target pj..j-1), prior excluded."""
        return self.skip_src[pi] if i > pi else self.skip_tgt[pj]

    def match_cost(self, pi: int, i: int, pj: int, j: int) -> float:
        """Cost of a bead pairing source pi..i-1 with target pj..j-1 (both non-empty), prior
        excluded: length misfit, minus shared anchors, plus paragraph crossings and ends."""
        known = self.match_costs.get((pi, i, pj, j))
        if known is not None:
            return known
        key = (self.prefix_src[i] - self.prefix_src[pi], self.prefix_tgt[j] - self.prefix_tgt[pj])
        value = self.length_costs.get(key)
        if value is None:
            value = self.length_costs[key] = _length_cost(key[0], key[1], self.ratio, self.variance)
        total = self.norm_src[i] - self.norm_src[pi] + self.norm_tgt[j] - self.norm_tgt[pj]
        if total:
            chance = (self.chance_src[i] - self.chance_src[pi]) * (self.chance_tgt[j] - self.chance_tgt[pj])
            value -= LEXICAL_WEIGHT * 2 * (self.shared(pi, i, pj, j) - CHANCE * chance) / total
        if self.src_par[pi] != self.src_par[i - 1] or self.tgt_par[pj] != self.tgt_par[j - 1]:
            value += PARAGRAPH_CROSSING
        if self.src_ends[i - 1] and self.tgt_ends[j - 1]:
            value -= PARAGRAPH_BONUS
        self.match_costs[(pi, i, pj, j)] = value
        return value


def _align(
    src: list[str],
    tgt: list[str],
    src_lang: str,
    tgt_lang: str,
    src_paragraphs: list[int] | None,
    tgt_paragraphs: list[int] | None,
    ratio: float | None,
) -> list[Bead]:
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    problem = _prepare(src, tgt, src_lang, tgt_lang, src_paragraphs, tgt_paragraphs, ratio)
    priors = _priors(BEADS)
    forward, back = _search(problem, priors)
    beads = _backtrack(back, n, m)
    margins = _margins(problem, forward, beads, priors)
    return [replace(bead, confidence=confidence(margin)) for bead, margin in zip(beads, margins, strict=True)]


def _prepare(
    src: list[str],
    tgt: list[str],
    src_lang: str,
    tgt_lang: str,
    src_paragraphs: list[int] | None,
    tgt_paragraphs: list[int] | None,
    ratio: float | None,
) -> _Problem:
    from reader.align.features import features

    n, m = len(src), len(tgt)
    _, s2 = _ratio(src_lang, tgt_lang)
    c = ratio or _document_ratio(src, tgt, src_lang, tgt_lang)
    src_feats = [features(s, src_lang, tgt_lang) for s in src]
    tgt_feats = [features(t, tgt_lang, src_lang) for t in tgt]
    weight = _weights(src_feats, tgt_feats)
    # Features the other side never has still count in a sentence's norm (at UNSHARED weight),
    # so a sentence with nothing in common dilutes a bead instead of riding along for free.
    src_norm = [sum(weight.get(f, UNSHARED) for f in fs) for fs in src_feats]
    tgt_norm = [sum(weight.get(f, UNSHARED) for f in ft) for ft in tgt_feats]
    shared = _shared(src_feats, tgt_feats, weight)
    chance_src, chance_tgt, best_src, best_tgt = _chance(shared, src_norm, tgt_norm)
    skip_src = _skip_costs(src_norm, chance_src, chance_tgt, best_src)
    skip_tgt = _skip_costs(tgt_norm, chance_tgt, chance_src, best_tgt)
    anchors = _anchors(shared, src_norm, tgt_norm) if max(n, m) > ANCHORED_ABOVE else []
    lows, highs = _band(n, m, anchors)
    # Shared weight summed over a run of target sentences, per source row, as cumulative sums
    # over a window covering every bead that starts in that row: O(1) per bead instead of
    # O(di·dj). Beads from row a end in rows a+1..a+widest, at columns lo..hi of that row,
    # and start at most `widest` columns before.
    widest = max(max(di, dj) for di, dj in BEADS)
    starts: list[int] = []
    sums: list[list[float]] = []
    for a in range(n):
        ending = range(a + 1, min(a + widest, n) + 1)
        start = max(0, min(lows[i] for i in ending) - widest)
        end = max(highs[i] for i in ending)
        row = shared[a]
        starts.append(start)
        sums.append(list(accumulate((row.get(b, 0.0) for b in range(start, end)), initial=0.0)))
    return _Problem(
        n=n,
        m=m,
        ratio=c,
        variance=s2,
        prefix_src=list(accumulate((_length(s, src_lang) for s in src), initial=0)),
        prefix_tgt=list(accumulate((_length(t, tgt_lang) for t in tgt), initial=0)),
        norm_src=list(accumulate(src_norm, initial=0.0)),
        norm_tgt=list(accumulate(tgt_norm, initial=0.0)),
        chance_src=list(accumulate(chance_src, initial=0.0)),
        chance_tgt=list(accumulate(chance_tgt, initial=0.0)),
        starts=starts,
        sums=sums,
        src_par=src_paragraphs or [0] * n,
        tgt_par=tgt_paragraphs or [0] * m,
        src_ends=_paragraph_ends(src_paragraphs, n),
        tgt_ends=_paragraph_ends(tgt_paragraphs, m),
        lows=lows,
        highs=highs,
        skip_src=skip_src,
        skip_tgt=skip_tgt,
    )


def _shared(
    src_feats: list[set[str]], tgt_feats: list[set[str]], weight: dict[str, float]
) -> list[dict[int, float]]:
    """Shared weight of each sentence pair that shares anything, from an inverted index."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, ft in enumerate(tgt_feats):
        for f in ft:
            if f in weight:
                postings[f].append(j)
    shared: list[dict[int, float]] = []
    for fs in src_feats:
        row: dict[int, float] = defaultdict(float)
        for f in fs:
            w = weight.get(f)
            if w:
                for j in postings.get(f, ()):
                    row[j] += w
        shared.append(row)
    return shared


Best = list[
    tuple[int, float]
]  # per sentence: its best match on the other side (-1 if none), and the weight shared


def _chance(
    shared: list[dict[int, float]], src_norm: list[float], tgt_norm: list[float]
) -> tuple[list[float], list[float], Best, Best]:
    """Per sentence, a factor such that src[a] · tgt[b] is about what a and b share by chance
    (common readings and glosses that any two sentences of the pair share): from how much a
    shares, per unit of norm, with the other side's sentences save its best match, and likewise
    for b; the geometric mean of both estimates, sqrt(rate_a · norm_a) · sqrt(rate_b · norm_b).
    A bead's expected chance weight is then the product of two prefix-sum differences. Also
    each sentence's best match (by raw shared weight), for `_skip_costs`."""
    n, m = len(src_norm), len(tgt_norm)
    total_src, total_tgt = sum(src_norm), sum(tgt_norm)
    column_sum = [0.0] * m
    column_best = [0.0] * m
    column_best_row = [-1] * m  # the source sentence of each column's best match
    src_factor = []
    src_best: Best = []
    for a, row in enumerate(shared):
        norm = src_norm[a]
        best_b, best = -1, 0.0
        for b, value in row.items():
            column_sum[b] += value
            if value > column_best[b]:
                column_best[b], column_best_row[b] = value, a
            if value > best:
                best_b, best = b, value
        src_best.append((best_b, best))
        rest = sum(row.values()) - best
        rest_norm = total_tgt - (tgt_norm[best_b] if best_b >= 0 else 0.0)
        src_factor.append(_factor(rest, rest_norm, norm))
    tgt_best = list(zip(column_best_row, column_best, strict=True))
    if n < 2 or m < 2:
        return [0.0] * n, [0.0] * m, src_best, tgt_best
    tgt_factor = [
        _factor(
            column_sum[b] - column_best[b],
            total_src - (src_norm[column_best_row[b]] if column_best_row[b] >= 0 else 0.0),
            tgt_norm[b],
        )
        for b in range(m)
    ]
    return src_factor, tgt_factor, src_best, tgt_best


def _skip_costs(
    norms: list[float], chances: list[float], other_chances: list[float], best: Best
) -> list[float]:
    """Cost of leaving each sentence of one side unmatched (see SKIP_SLOPE): cheaper for a
    sentence whose best match shares less (beyond chance, per unit of its norm) than its side's
    usual best, dearer for one that shares more."""
    share = [
        max(0.0, (value - chance * other_chances[b]) / norm) if b >= 0 and norm else 0.0
        for norm, chance, (b, value) in zip(norms, chances, best, strict=True)
    ]
    usual = sorted(share)[len(share) // 2] if share else 0.0
    if usual <= 0:
        return [SKIP_PENALTY] * len(share)
    return [max(0.0, SKIP_PENALTY + SKIP_SLOPE * (min(b / usual, SKIP_CAP) - 1)) for b in share]


def _factor(rest: float, rest_norm: float, norm: float) -> float:
    """sqrt(rate · norm), rate = weight shared per unit of the other side's norm, best match left out."""
    return math.sqrt(max(rest, 0.0) / rest_norm * norm) if rest_norm > 0 else 0.0


def _search(
    problem: _Problem, priors: list[tuple[int, int, float]]
) -> tuple[list[dict[int, float]], list[dict[int, tuple[int, int]]]]:
    """The dynamic programme: for each cell (i, j) of the band, the cost of the cheapest
    alignment of the first i source and j target sentences, and the shape of its last bead (the
    back pointers `_backtrack` follows from the corner)."""
    cost: list[dict[int, float]] = [dict() for _ in range(problem.n + 1)]
    back: list[dict[int, tuple[int, int]]] = [dict() for _ in range(problem.n + 1)]
    cost[0][0] = 0.0
    match_cost, skip_cost = problem.match_cost, problem.skip_cost
    for i in range(problem.n + 1):
        row_cost = cost[i]
        shapes = [(di, dj, prior, cost[i - di]) for di, dj, prior in priors if i - di >= 0]
        for j in range(problem.lows[i], problem.highs[i] + 1):
            if i == 0 and j == 0:
                continue
            best = math.inf
            best_shape = (0, 0)
            for di, dj, prior, previous_row in shapes:
                pj = j - dj
                previous = previous_row.get(pj) if pj >= 0 else None
                if previous is None:
                    continue
                value = previous + prior
                if di and dj:
                    value += match_cost(i - di, i, pj, j)
                else:
                    value += skip_cost(i - di, i, pj, j)
                if value < best:
                    best, best_shape = value, (di, dj)
            if best < math.inf:
                row_cost[j] = best
                back[i][j] = best_shape
    if problem.m not in cost[problem.n]:  # the band missed the corner (cannot happen with the widths above)
        raise RuntimeError("alignment band too narrow")
    return cost, back


def _priors(shapes: dict[tuple[int, int], float]) -> list[tuple[int, int, float]]:
    return [(di, dj, -math.log(p)) for (di, dj), p in shapes.items()]


def _margins(
    problem: _Problem, forward: list[dict[int, float]], path: list[Bead], priors: list[tuple[int, int, float]]
) -> list[float]:
    """For each bead of the best alignment, how much costlier the best alignment without it is
    (capped at MARGIN_CAP). Exact: every alignment covers the bead's first sentence with one
    bead, so the best alignment without this bead is the best one through another bead covering
    that sentence; a backward pass gives each bead's best total (forward + bead + backward)."""
    n, m = problem.n, problem.m
    best_total = forward[n][m]
    limit = best_total + MARGIN_CAP
    backward: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    backward[n][m] = 0.0
    # Per sentence: the cheapest total of an alignment through a bead covering it, other than
    # the best alignment's own bead (whose total is best_total).
    chosen: set[tuple[int, int, int, int]] = set()
    i = j = 0
    for bead in path:
        chosen.add((i, j, len(bead.src), len(bead.tgt)))
        i, j = i + len(bead.src), j + len(bead.tgt)
    other_src = [limit] * n
    other_tgt = [limit] * m
    match_cost, skip_cost = problem.match_cost, problem.skip_cost
    for i in range(n, -1, -1):
        shapes = [(di, dj, prior, backward[i + di]) for di, dj, prior in priors if i + di <= n]
        for j, before in reversed(forward[i].items()):  # (a 0-1 bead needs j + 1 first)
            best = math.inf if (i, j) != (n, m) else 0.0
            for di, dj, prior, next_row in shapes:
                after = next_row.get(j + dj)
                if after is None:
                    continue
                value = prior + after
                value += match_cost(i, i + di, j, j + dj) if di and dj else skip_cost(i, i + di, j, j + dj)
                if value < best:
                    best = value
                total = before + value
                if total >= limit:
                    continue
                if (i, j, di, dj) in chosen:
                    continue
                for a in range(i, i + di):
                    if total < other_src[a]:
                        other_src[a] = total
                for b in range(j, j + dj):
                    if total < other_tgt[b]:
                        other_tgt[b] = total
            if best < math.inf:
                backward[i][j] = best
    margins = []
    for bead in path:
        rival = min(*(other_src[a] for a in bead.src), *(other_tgt[b] for b in bead.tgt), limit)
        margins.append(rival - best_total)
    return margins


def confidence(margin: float) -> float:
    """How sure the aligner is of a bead, from its margin (`_margins`): at 0.9 or more a bead is
    right at least 98 times in 100; most wrong beads fall below 0.5, where beads are still
    mostly right (conservative; see the constants). Calibrated on perturbed NTREX news (tuning
    seed 1; bench_align.py reports held-out seeds)."""
    return 1 / (1 + math.exp(-(CONFIDENCE_SLOPE * margin + CONFIDENCE_BIAS)))


def _backtrack(back: list[dict[int, tuple[int, int]]], n: int, m: int) -> list[Bead]:
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _anchors(
    shared: list[dict[int, float]], src_norm: list[float], tgt_norm: list[float]
) -> list[tuple[int, int]]:
    """Confident sentence pairs, in order: each the other's best lexical match (mutual best)
    with a score of at least ANCHOR_SCORE, then the longest chain increasing on both sides."""
    best_row: dict[int, tuple[float, int]] = {}
    best_col: dict[int, tuple[float, int]] = {}
    # Pairs under ANCHOR_SCORE can be neither an anchor nor what outscores one: skipped, first by
    # a bound from the row's norm alone (most pairs of a long text share a common word or two).
    for i, row in enumerate(shared):
        norm = src_norm[i]
        floor = ANCHOR_SCORE * norm / 2
        for j, common in row.items():
            if common < floor:
                continue
            score = 2 * common / (norm + tgt_norm[j])
            if score < ANCHOR_SCORE:
                continue
            if score > best_row.get(i, (0.0, 0))[0]:
                best_row[i] = (score, j)
            if score > best_col.get(j, (0.0, 0))[0]:
                best_col[j] = (score, i)
    pairs = [
        (i, j) for i, (score, j) in sorted(best_row.items()) if score >= ANCHOR_SCORE and best_col[j][1] == i
    ]
    # Longest increasing subsequence of the columns (rows are already increasing).
    tails: list[int] = []  # index into pairs of the smallest tail of each chain length
    tail_columns: list[int] = []  # and that tail's column, for the binary search
    previous: list[int] = []
    for k, (_, j) in enumerate(pairs):
        length = bisect_left(tail_columns, j)
        previous.append(tails[length - 1] if length else -1)
        if length == len(tails):
            tails.append(k)
            tail_columns.append(j)
        else:
            tails[length], tail_columns[length] = k, j
    chain: list[tuple[int, int]] = []
    k = tails[-1] if tails else -1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]


def _band(n: int, m: int, anchors: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Columns lo..hi searched in each row: around the diagonal, or, given anchors, a narrower
    band around the line through them; each row's band reaches its neighbours' centres, so a
    steep stretch (many target sentences with no source) stays connected."""
    if not anchors:
        band = max(12, int(0.06 * max(n, m)))
        slope = m / n
        centres = [i * slope for i in range(n + 1)]
    else:
        band = max(12, int(ANCHORED_BAND * max(n, m)))
        points = [(0, 0), *anchors, (n, m)]
        centres = []
        for (i0, j0), (i1, j1) in pairwise(points):
            centres.extend(j0 + (j1 - j0) * (i - i0) / (i1 - i0) for i in range(i0, i1) if i1 > i0)
        centres.append(m)
    reach = 1 if anchors else 0  # (the diagonal's slope is gentle: no need to reach)
    lows, highs = [], []
    for i in range(n + 1):
        left = min(centres[max(i - reach, 0)], centres[i])
        right = max(centres[i], centres[min(i + reach, n)])
        lows.append(max(0, int(left - band)))
        highs.append(min(m, int(right + band) + 1))
    return lows, highs


def _weights(src_feats: list[set[str]], tgt_feats: list[set[str]]) -> dict[str, float]:
    """Rarity weight of each feature present on both sides (idf over sentences)."""
    df_src: dict[str, int] = defaultdict(int)
    df_tgt: dict[str, int] = defaultdict(int)
    for fs in src_feats:
        for f in fs:
            df_src[f] += 1
    for ft in tgt_feats:
        for f in ft:
            df_tgt[f] += 1
    n, m = len(src_feats), len(tgt_feats)
    weights = {}
    for f, count in df_src.items():
        other = df_tgt.get(f)
        if other:
            w = math.log(1 + n / count) + math.log(1 + m / other)
            if f.startswith("#"):
                w *= 2  # numbers are the most reliable anchors
            weights[f] = w
    return weights


def _paragraph_ends(paragraphs: list[int] | None, size: int) -> list[bool]:
    if not paragraphs:
        return [i == size - 1 for i in range(size)]
    return [i == size - 1 or paragraphs[i] != paragraphs[i + 1] for i in range(size)]


def align_versions(original: Version, translation: Version) -> list[Bead]:
    return align(
        original.sentences,
        translation.sentences,
        original.lang,
        translation.lang,
        original.paragraph_of,
        translation.paragraph_of,
    )
