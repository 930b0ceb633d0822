"""Glossary timings: whole `reader terms` processes beside `reader corpus` ones (the baseline,
alternated in one run), and the check of a 10,000-unit document in process.

    .venv/bin/python tests/benchmarks/bench_terms.py [RUNS]

Runs in a temporary READER_HOME on the bundled corpus and glossary.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.corpus import Corpus
from reader.model import Bead, Document, Version
from reader.terms import check_document, load_glossary

REPO = Path(__file__).resolve().parents[2]


def process_ms(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reader", *args], env=env, cwd=REPO, capture_output=True, check=False
    )
    return (time.perf_counter() - start) * 1000


def repeated(doc: Document, times: int) -> Document:
    """The document's text and beads repeated `times` times, as one long document."""
    versions = {
        lang: Version(lang, [list(p) for _ in range(times) for p in v.paragraphs], v.provenance)
        for lang, v in doc.versions.items()
    }
    n_src = len(doc.original.sentences)
    alignments = {}
    for lang, beads in doc.alignments.items():
        n_tgt = len(doc.versions[lang].sentences)
        alignments[lang] = [
            Bead(tuple(s + k * n_src for s in b.src), tuple(t + k * n_tgt for t in b.tgt))
            for k in range(times)
            for b in beads
        ]
    return Document(doc.id, doc.original_language, versions, doc.titles, alignments=alignments)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "READER_HOME": home}
        pairs = [(["terms", "check"], ["corpus", "check"]), (["terms", "list"], ["corpus", "list"])]
        for command, baseline in pairs:
            ours, base = [], []
            for _ in range(runs):  # alternate, so load from other work hits both alike
                ours.append(process_ms(command, env))
                base.append(process_ms(baseline, env))
            a, b = statistics.median(ours), statistics.median(base)
            print(
                f"reader {' '.join(command):14} {a:7.0f} ms   reader {' '.join(baseline):14} {b:7.0f} ms   ratio {a / b:4.2f}"
            )

        start = time.perf_counter()
        glossary = load_glossary()
        print(
            f"load_glossary: {(time.perf_counter() - start) * 1000:.1f} ms ({len(glossary.entries)} entries)"
        )
        doc = Corpus().get("vn-china-procuracy-cooperation-2025")
        big = repeated(doc, 10_000 // len(doc.units) + 1)
        _ = big.units
        times = []
        for _ in range(3):
            start = time.perf_counter()
            findings = check_document(glossary, big)
            times.append(time.perf_counter() - start)
        per_unit = statistics.median(times) / len(big.units) * 1e6
        print(
            f"check_document, {len(big.units):,} units: median {statistics.median(times) * 1000:.0f} ms"
            f" ({per_unit:.0f} µs a unit), {len(findings)} findings"
        )


if __name__ == "__main__":
    main()
