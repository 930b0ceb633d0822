"""Strict and lax precision / recall / F1 of beads against gold (Sennrich & Volk; the metric of
vecalign's and bertalign's scorers, as described in ../shared/bench-data/mac/README.md), and the
perturbation that turns a sentence-parallel text into a test of deletions, merges and insertions."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from reader.corpus.format import parse_beads
from reader.errors import UserError
from reader.model import Bead


@dataclass
class Counts:
    strict_tp: int = 0
    strict_fp: int = 0
    strict_fn: int = 0
    lax_tp: int = 0
    lax_fp: int = 0
    lax_fn: int = 0
    extra: dict = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        for name in ("strict_tp", "strict_fp", "strict_fn", "lax_tp", "lax_fp", "lax_fn"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        out = {}
        for kind in ("strict", "lax"):
            tp, fp, fn = (getattr(self, f"{kind}_{x}") for x in ("tp", "fp", "fn"))
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out.update({f"{kind}_p": precision, f"{kind}_r": recall, f"{kind}_f1": f1})
        return out


def _classify(test: list[Bead], gold: list[Bead]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of `test` beads judged by `gold`."""
    gold_set = set(gold)
    tgt_of_src: dict[int, set[int]] = {}
    for gold_bead in gold:
        for s in gold_bead.src:
            tgt_of_src.setdefault(s, set()).update(gold_bead.tgt)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for bead in test:
        src, tgt = bead.src, bead.tgt
        if bead in gold_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        linked: set[int] = set()
        for s in src:
            linked |= tgt_of_src.get(s, set())
        if src and tgt and linked & set(tgt):
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


def score_document(test: list[Bead], gold: list[Bead]) -> Counts:
    test = list(dict.fromkeys(b for b in test if b.src or b.tgt))
    gold = list(dict.fromkeys(b for b in gold if b.src or b.tgt))
    counts = Counts()
    s_hit, s_miss, l_hit, l_miss = _classify(test, gold)
    counts.strict_tp, counts.strict_fp, counts.lax_tp, counts.lax_fp = s_hit, s_miss, l_hit, l_miss
    test_full = [b for b in test if b.src and b.tgt]
    gold_full = [b for b in gold if b.src and b.tgt]
    s_hit, s_miss, l_hit, l_miss = _classify(gold_full, test_full)
    counts.strict_fn, counts.lax_fn = s_miss, l_miss
    return counts


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8") from None


def score_dirs(gold_dir: Path, test_dir: Path) -> tuple[Counts, int]:
    """Micro-averaged counts over every gold file that has a test file of the same name."""
    if not gold_dir.is_dir():
        raise UserError(f"{gold_dir}: no such directory")
    if not test_dir.is_dir():
        raise UserError(f"{test_dir}: no such directory")
    total = Counts()
    documents = 0
    for gold_path in sorted(gold_dir.iterdir()):
        test_path = test_dir / gold_path.name
        if not gold_path.is_file() or not test_path.is_file():
            continue
        gold = parse_beads(gold_path, _read(gold_path))
        test = parse_beads(test_path, _read(test_path))
        total.add(score_document(test, gold))
        documents += 1
    if not documents:
        raise UserError(f"no file of {gold_dir} has a counterpart in {test_dir}")
    return total, documents


def perturb(
    tgt: list[str],
    lang: str,
    rng: random.Random,
    deletion: float,
    merge: float,
    insertion: float,
    pool: list[str],
) -> tuple[list[str], list[Bead]]:
    """The translation with sentences deleted, adjacent ones merged and sentences from `pool`
    (other documents) inserted, and the gold beads against the untouched original."""
    joiner = "" if lang == "zh" else " "
    out: list[str] = []
    gold: list[Bead] = []
    i = 0
    while i < len(tgt):
        if rng.random() < insertion:
            out.append(rng.choice(pool))
            gold.append(Bead((), (len(out) - 1,)))
        if rng.random() < deletion:
            gold.append(Bead((i,), ()))
            i += 1
            continue
        if i + 1 < len(tgt) and rng.random() < merge:
            out.append(tgt[i] + joiner + tgt[i + 1])
            gold.append(Bead((i, i + 1), (len(out) - 1,)))
            i += 2
            continue
        out.append(tgt[i])
        gold.append(Bead((i,), (len(out) - 1,)))
        i += 1
    return out, gold
