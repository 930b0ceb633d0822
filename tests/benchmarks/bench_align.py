"""Aligner quality and speed: MAC-Dev (zh→en literary gold) and NTREX-128 news (zh–en, zh–vi,
vi–en, made realistic by merging about one in five adjacent target sentences and deleting a
few, with a fixed seed), plus a 1,000 × 1,300-sentence speed and memory run.

Run: .venv/bin/python tests/benchmarks/bench_align.py   (reads ../shared/bench-data at run time)
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import time
from functools import lru_cache
from pathlib import Path

from reader.align import align
from reader.align.score import Counts, parse_beads, score_document

DATA = Path(__file__).resolve().parents[3] / "shared" / "bench-data"
NTREX_FILES = {
    "en": "newstest2019-src.eng.txt",
    "vi": "newstest2019-ref.vie.txt",
    "zh": "newstest2019-ref.zho-CN.txt",
}


def mac() -> None:
    root = DATA / "mac" / "dev"
    total = Counts()
    start = time.perf_counter()
    for gold_path in sorted((root / "gold").glob("*.align")):
        name = gold_path.stem
        zh = [
            line.strip()
            for line in (root / "zh" / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        en = [
            line.strip()
            for line in (root / "en" / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        beads = align(zh, en, "zh", "en")
        total.add(
            score_document(
                [(b.src, b.tgt) for b in beads], parse_beads(gold_path.read_text(encoding="utf-8"))
            )
        )
    report("MAC-Dev zh→en (6 docs)", total, time.perf_counter() - start)


@lru_cache(maxsize=1)
def ntrex_documents() -> tuple[dict[str, list[str]], list[tuple[int, int]]]:
    root = DATA / "ntrex"
    lines = {
        lang: (root / "NTREX-128" / name).read_text(encoding="utf-8").splitlines()
        for lang, name in NTREX_FILES.items()
    }
    ids = (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    spans, start = [], 0
    for i in range(1, len(ids) + 1):
        if i == len(ids) or ids[i] != ids[start]:
            spans.append((start, i))
            start = i
    return lines, spans


def perturb(
    tgt: list[str], lang: str, rng: random.Random
) -> tuple[list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """Merge ~1 in 5 adjacent target sentences, delete ~1 in 40; return new target and gold."""
    joiner = "" if lang == "zh" else " "
    out: list[str] = []
    gold = []
    i = 0
    while i < len(tgt):
        if rng.random() < 0.025:
            gold.append(((i,), ()))  # deleted from the translation
            i += 1
            continue
        if i + 1 < len(tgt) and rng.random() < 0.2:
            out.append(tgt[i] + joiner + tgt[i + 1])
            gold.append(((i, i + 1), (len(out) - 1,)))
            i += 2
            continue
        out.append(tgt[i])
        gold.append(((i,), (len(out) - 1,)))
        i += 1
    return out, gold


PAIRS = (("zh", "en"), ("zh", "vi"), ("vi", "en"))


def ntrex_counts(src_lang: str, tgt_lang: str, seed: int) -> Counts:
    lines, spans = ntrex_documents()
    rng = random.Random(seed)
    total = Counts()
    for a, b in spans:
        src = lines[src_lang][a:b]
        tgt, gold = perturb(lines[tgt_lang][a:b], tgt_lang, rng)
        beads = align(src, tgt, src_lang, tgt_lang)
        total.add(score_document([(x.src, x.tgt) for x in beads], gold))
    return total


def ntrex() -> None:
    for src_lang, tgt_lang in PAIRS:
        start = time.perf_counter()
        total = ntrex_counts(src_lang, tgt_lang, 2024)
        report(f"NTREX {src_lang}→{tgt_lang} (123 docs, merged+deleted)", total, time.perf_counter() - start)
    # The same documents perturbed with other seeds: how much the figures above owe to one draw.
    for seed in (1, 7, 99):
        figures = [ntrex_counts(s, t, seed).scores()["strict_f1"] for s, t in PAIRS]
        print(
            f"NTREX seed {seed:<4} strict F1 zh→en / zh→vi / vi→en: "
            + " / ".join(f"{f:.3f}" for f in figures),
            flush=True,
        )


def report(label: str, counts: Counts, seconds: float) -> None:
    s = counts.scores()
    print(
        f"{label:42} strict P/R/F1 {s['strict_p']:.3f}/{s['strict_r']:.3f}/{s['strict_f1']:.3f}"
        f"  lax {s['lax_p']:.3f}/{s['lax_r']:.3f}/{s['lax_f1']:.3f}  ({seconds:.1f} s)",
        flush=True,
    )


def speed() -> None:
    lines, _ = ntrex_documents()
    zh = (lines["zh"] * 2)[:1000]
    en = (lines["en"] * 2)[:1300]
    align(zh[:10], en[:10], "zh", "en")  # load the dictionaries first: measured separately
    times = []
    for _ in range(3):
        start = time.perf_counter()
        align(zh, en, "zh", "en")
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"speed: 1,000 × 1,300 sentences zh→en: median {statistics.median(times):.2f} s of 3 runs; peak RSS {peak:.0f} MB"
    )


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"bench data not found at {DATA}")
    start = time.perf_counter()
    align(["一。"], ["One."], "zh", "en")
    align(["Một."], ["One."], "vi", "en")
    print(
        "dictionaries (CC-CEDICT, pinyin, Sino-Vietnamese bridge) load, once per process:"
        f" {time.perf_counter() - start:.2f} s"
    )
    mac()
    ntrex()
    speed()


if __name__ == "__main__":
    main()
