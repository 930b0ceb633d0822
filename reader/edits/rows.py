"""Alignment edits as pure functions on rows: a document's units with the beads that make them.

A row is one unit: its original sentences and, per translation, the beads whose original side
falls in it (translation-only beads belong to the next unit, as `model.build_units` groups them).
Rows an edit does not touch keep their beads as they were; a row an edit changes gets one bead
per translation covering the whole unit. Every function returns new rows or raises `EditError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reader.errors import UserError
from reader.model import Bead, Document


class EditError(UserError):
    """An edit that cannot be made (no such unit, an impossible split); the message says why."""


@dataclass(frozen=True)
class Row:
    orig: tuple[int, ...]
    beads: dict[str, tuple[Bead, ...]]

    def tgt(self, lang: str) -> tuple[int, ...]:
        return tuple(t for bead in self.beads[lang] for t in bead.tgt)

    def sentences(self, lang: str, original_language: str) -> tuple[int, ...]:
        return self.orig if lang == original_language else self.tgt(lang)


def coarse(orig: tuple[int, ...], tgt: Mapping[str, tuple[int, ...]]) -> Row:
    """A row with one bead per translation covering the whole unit."""
    return Row(orig, {lang: (Bead(orig, ids),) for lang, ids in tgt.items()})


def rows_of(doc: Document) -> list[Row]:
    """The document's units as rows, keeping every bead as it is."""
    if not doc.alignments:
        raise EditError(f"document {doc.id!r} has no translation, so nothing to align")
    return _group([unit.sentences[doc.original_language] for unit in doc.units], doc.alignments)


def _group(runs: list[tuple[int, ...]], beads: Mapping[str, list[Bead]]) -> list[Row]:
    """Rows for runs of original sentences: each bead goes to the run holding its first original
    sentence; translation-only beads to the next bead's run (the last run at the end)."""
    row_of = {sid: r for r, run in enumerate(runs) for sid in run}
    grouped: list[dict[str, list[Bead]]] = [{lang: [] for lang in beads} for _ in runs]
    for lang, lang_beads in beads.items():
        pending: list[Bead] = []
        for bead in lang_beads:
            if not bead.src:
                pending.append(bead)
                continue
            grouped[row_of[bead.src[0]]][lang].extend([*pending, bead])
            pending = []
        if pending:
            grouped[-1][lang].extend(pending)
    return [Row(run, {lang: tuple(b) for lang, b in g.items()}) for run, g in zip(runs, grouped, strict=True)]


def alignments_of(rows: list[Row]) -> dict[str, list[Bead]]:
    langs = rows[0].beads if rows else {}
    return {lang: [bead for row in rows for bead in row.beads[lang]] for lang in langs}


def _check(rows: list[Row], index: int) -> Row:
    if not 0 <= index < len(rows):
        raise EditError(f"no unit at position {index + 1}")
    return rows[index]


def merge(rows: list[Row], index: int) -> list[Row]:
    """Merge a unit with the next one, in every language."""
    first = _check(rows, index)
    if index + 1 >= len(rows):
        raise EditError("the last unit has no next unit to merge with")
    second = rows[index + 1]
    merged = coarse(
        first.orig + second.orig, {lang: first.tgt(lang) + second.tgt(lang) for lang in first.beads}
    )
    return [*rows[:index], merged, *rows[index + 2 :]]


def default_split(row: Row, original_language: str, at: Mapping[str, int]) -> dict[str, int]:
    """Where each language splits: as given, else pairing sentences 1:1 from the top (as many as
    the original keeps above the split, which is 1 unless given)."""
    top = at.get(original_language)
    if top is None:
        top = min(max(at.values(), default=1), len(row.orig) - 1)
    points = {original_language: top}
    for lang in row.beads:
        points[lang] = at.get(lang, min(top, len(row.tgt(lang))))
    return points


def split(rows: list[Row], index: int, at: Mapping[str, int], original_language: str) -> list[Row]:
    """Split a unit in two: language L keeps its first `at[L]` sentences above the split."""
    row = _check(rows, index)
    unknown = [lang for lang in at if lang != original_language and lang not in row.beads]
    if unknown:
        raise EditError(f"the document has no {', '.join(unknown)} version")
    if len(row.orig) < 2:
        raise EditError(
            f"cannot split a unit with one {original_language} sentence"
            " (every unit keeps at least one sentence of the original)"
        )
    points = default_split(row, original_language, at)
    top = points[original_language]
    if not 1 <= top < len(row.orig):
        raise EditError(f"{original_language}:{top} is not a split point (choose 1 to {len(row.orig) - 1})")
    upper: dict[str, tuple[int, ...]] = {}
    lower: dict[str, tuple[int, ...]] = {}
    for lang in row.beads:
        ids, n = row.tgt(lang), points[lang]
        if not 0 <= n <= len(ids):
            raise EditError(f"{lang}:{n} is not a split point (choose 0 to {len(ids)})")
        upper[lang], lower[lang] = ids[:n], ids[n:]
    return [*rows[:index], coarse(row.orig[:top], upper), coarse(row.orig[top:], lower), *rows[index + 1 :]]


def _move(rows: list[Row], giver: int, taker: int, lang: str, original_language: str) -> list[Row]:
    """Move `lang`'s sentence at the edge of unit `giver` into the neighbouring unit `taker`."""
    row = _check(rows, giver)
    if not 0 <= taker < len(rows):
        raise EditError(
            f"the {'first' if taker < giver else 'last'} unit has no {'previous' if taker < giver else 'next'} unit"
        )
    if lang != original_language and lang not in row.beads:
        raise EditError(f"the document has no {lang} version")
    other = rows[taker]
    upward = taker < giver
    if lang == original_language:
        if len(row.orig) < 2:
            raise EditError(
                f"this is the unit's only {lang} sentence; merge the units instead"
                " (every unit keeps at least one sentence of the original)"
            )
        moved = row.orig[:1] if upward else row.orig[-1:]
        kept = row.orig[1:] if upward else row.orig[:-1]
        grown = other.orig + moved if upward else moved + other.orig
        new_giver = coarse(kept, {t: row.tgt(t) for t in row.beads})
        new_taker = coarse(grown, {t: other.tgt(t) for t in other.beads})
    else:
        ids = row.tgt(lang)
        if not ids:
            raise EditError(f"this unit has no {lang} sentence to move")
        moved, kept = (ids[:1], ids[1:]) if upward else (ids[-1:], ids[:-1])
        grown = other.tgt(lang) + moved if upward else moved + other.tgt(lang)
        new_giver = Row(row.orig, {**row.beads, lang: (Bead(row.orig, kept),)})
        new_taker = Row(other.orig, {**other.beads, lang: (Bead(other.orig, grown),)})
    out = list(rows)
    out[giver], out[taker] = new_giver, new_taker
    return out


def shift(rows: list[Row], index: int, lang: str, original_language: str) -> list[Row]:
    """Move a language's first sentence of a unit to the end of the previous unit."""
    return _move(rows, index, index - 1, lang, original_language)


def pop(rows: list[Row], index: int, lang: str, original_language: str) -> list[Row]:
    """Move a language's last sentence of a unit to the start of the next unit."""
    return _move(rows, index, index + 1, lang, original_language)


def stretch(confirmed: list[bool], index: int) -> tuple[int, int]:
    """The rows strictly between the nearest confirmed rows above and below `index` (inclusive
    bounds)."""
    if confirmed[index]:
        raise EditError("this unit is confirmed; unconfirm it (c) to re-align it")
    lo = index
    while lo > 0 and not confirmed[lo - 1]:
        lo -= 1
    hi = index
    while hi + 1 < len(confirmed) and not confirmed[hi + 1]:
        hi += 1
    return lo, hi


def realign(doc: Document, rows: list[Row], lo: int, hi: int) -> list[Row]:
    """Re-align rows lo..hi with the aligner; the rows around them stay exactly as they are."""
    from reader.align import align

    original = doc.original
    orig_ids = [i for row in rows[lo : hi + 1] for i in row.orig]
    new_beads: dict[str, list[Bead]] = {}
    for lang in rows[lo].beads:
        version = doc.versions[lang]
        tgt_ids = [t for row in rows[lo : hi + 1] for t in row.tgt(lang)]
        s0, t0 = orig_ids[0], tgt_ids[0] if tgt_ids else 0
        beads = align(
            [original.sentences[i] for i in orig_ids],
            [version.sentences[t] for t in tgt_ids],
            original.lang,
            lang,
            [original.paragraph_of[i] for i in orig_ids],
            [version.paragraph_of[t] for t in tgt_ids],
        )
        shifted = [
            Bead(tuple(i + s0 for i in b.src), tuple(t + t0 for t in b.tgt), b.confidence) for b in beads
        ]
        # A trailing translation-only bead would join the (confirmed) unit below: keep it here.
        while shifted and not shifted[-1].src and len(shifted) > 1:
            last = shifted.pop()
            shifted[-1] = Bead(shifted[-1].src, shifted[-1].tgt + last.tgt)
        new_beads[lang] = shifted
    stretch_rows = _regroup(orig_ids, new_beads)
    return [*rows[:lo], *stretch_rows, *rows[hi + 1 :]]


def _regroup(orig_ids: list[int], beads: dict[str, list[Bead]]) -> list[Row]:
    """Rows of a run of original sentences: the smallest runs no translation's bead crosses."""
    can_end = dict.fromkeys(orig_ids, True)
    for lang_beads in beads.values():
        for bead in lang_beads:
            for sid in bead.src[:-1]:
                can_end[sid] = False
    runs: list[tuple[int, ...]] = []
    start = 0
    for pos, sid in enumerate(orig_ids):
        if can_end[sid] or pos == len(orig_ids) - 1:
            runs.append(tuple(orig_ids[start : pos + 1]))
            start = pos + 1
    return _group(runs, beads)
