"""`reader align` of two 20-sentence files as a whole process, beside `python -I -c pass` in the
same run (alternating, medians): what a user waits for, dictionaries included. The derived tables
live in the cache dir (`reader.align.tables`); the first run of a fresh $READER_HOME builds them
and is reported apart, once per language pair.

Run: .venv/bin/python tests/benchmarks/bench_align_startup.py [runs]   (NTREX from ../shared/bench-data)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "bench-data" / "ntrex"
FILES = {
    "en": "newstest2019-src.eng.txt",
    "vi": "newstest2019-ref.vie.txt",
    "zh": "newstest2019-ref.zho-CN.txt",
}
PAIRS = (("zh", "en"), ("zh", "vi"), ("vi", "en"))


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"bench data not found at {DATA}")
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    lines = {
        lang: (DATA / "NTREX-128" / name).read_text(encoding="utf-8").splitlines()
        for lang, name in FILES.items()
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for lang in FILES:
            (folder / f"{lang}.txt").write_text("\n".join(lines[lang][:20]) + "\n", encoding="utf-8")
        env = {**os.environ, "READER_HOME": str(folder / "home")}
        # As installed: byte-compiled modules (pip compiles them; the sessions here disable it).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        reader = [sys.executable, "-m", "reader", "align"]
        commands = {
            f"{s}→{t}": [
                *reader,
                str(folder / f"{s}.txt"),
                str(folder / f"{t}.txt"),
                "--src-lang",
                s,
                "--tgt-lang",
                t,
            ]
            for s, t in PAIRS
        }
        for label, command in commands.items():
            print(
                f"first run, empty cache, {label}: {timed(command, env):.2f} s (derives its tables)",
                flush=True,
            )
        baseline = [sys.executable, "-I", "-c", "pass"]
        times: dict[str, list[float]] = {"python -I -c pass": [], **{label: [] for label in commands}}
        for _ in range(runs):
            times["python -I -c pass"].append(timed(baseline, env))
            for label, command in commands.items():
                times[label].append(timed(command, env))
        base = statistics.median(times["python -I -c pass"])
        print(f"{runs} alternating runs, medians (target: reader align ≤ 25× python -I -c pass):")
        for label, values in times.items():
            median = statistics.median(values)
            print(
                f"  {label:18} {median * 1000:7.0f} ms  {median / base:5.1f}×   (min {min(values) * 1000:.0f} ms)"
            )


if __name__ == "__main__":
    main()
