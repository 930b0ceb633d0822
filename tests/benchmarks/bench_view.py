"""A 10,000-unit document in a real terminal (tmux), beside `less` on the same text in the same run
(see terminal.py for how it is timed).

Run: .venv/bin/python tests/benchmarks/bench_view.py [--runs 7] [--presses 40] [--units 10000]

1. Open: from Enter in the library until the first unit's text is on the pane; and as a whole
   process (`reader app DOC`, the process's start-up included); against `less FILE`.
2. PageDown from the moment the document shows: send-keys, then poll until the text area changed
   (status and footer lines excluded); median and p95 per press, the first ten apart.

The document is made of the bundled corpus's units, numbered so no two are the same, written to a
temporary $READER_HOME as an imported document; its search index is built before timing, as for
anyone who has opened the app before. Figures only; no pass/fail.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import terminal as term

DOC_ID = "bench-10k-units"
TITLE = "Bench ten thousand units"


def write_big_document(home: Path, units: int) -> tuple[Path, str]:
    """Import a `units`-unit document into $READER_HOME and write its text for `less`; returns the
    text file and the first unit's opening words."""
    from reader.corpus import Corpus, write_document
    from reader.model import Bead, Document, Version

    pool = [
        unit.text
        for doc in Corpus(user_root=home / "none").documents()
        for unit in doc.units
        if all(unit.text.get(lang) for lang in ("zh", "vi", "en"))
    ]
    zh, vi, en = [], [], []
    for n in range(units):
        text = pool[n % len(pool)]
        zh.append([f"{text['zh']}（{n + 1}）"])
        vi.append([f"{text['vi']} ({n + 1})"])
        en.append([f"{text['en']} ({n + 1})"])
    beads = [Bead((i,), (i,)) for i in range(units)]
    doc = Document(
        id=DOC_ID,
        original_language="zh",
        versions={
            "zh": Version("zh", zh, "original"),
            "vi": Version("vi", vi, "imported"),
            "en": Version("en", en, "imported"),
        },
        titles={"en": TITLE, "vi": TITLE, "zh": TITLE},
        date="2025-01-01",
        source="bench",
        alignments={"vi": beads, "en": list(beads)},
        bundled=False,
    )
    write_document(doc, home / "data" / "corpus")
    text_file = home / "big.txt"
    with text_file.open("w", encoding="utf-8") as out:
        for a, b, c in zip(zh, vi, en, strict=True):
            out.write(f"{a[0]}\n{b[0]}\n{c[0]}\n\n")
    return text_file, zh[0][0][:6]


def forget_last_document(env: dict[str, str]) -> None:
    """So that `reader` starts on its library."""
    (Path(env["READER_HOME"]) / "config" / "state.json").unlink(missing_ok=True)


def open_document(env: dict[str, str], text_file: Path, first_words: str, runs: int) -> None:
    python = shlex.quote(sys.executable)
    shown: Callable[[str], bool] = lambda text: first_words in text  # noqa: E731
    in_app, process, less = [], [], []
    for _ in range(runs):
        forget_last_document(env)
        term.start(f"{python} -m reader", env)
        term.wait_for(lambda text: TITLE in text)
        term.stable()
        term.send("f")  # the filter box, then a word of the title: one row left
        term.send("thousand", literal=True)
        term.wait_for(lambda text: "thousand" in text)
        term.stable()
        sent = term.send("Enter")
        in_app.append(term.wait_for(shown) - sent)

        forget_last_document(env)
        t0 = term.start(f"{python} -m reader app {DOC_ID}", env)
        process.append(term.wait_for(shown) - t0)

        t0 = term.start(f"less {shlex.quote(str(text_file))}", env)
        less.append(term.wait_for(shown) - t0)
    print(f"open the {DOC_ID} document ({runs} alternating runs each):")
    print(f"  reader: Enter in the library → first unit on the pane  {term.fmt(in_app)}")
    print(f"  reader: `reader app DOC` process → first unit          {term.fmt(process)}")
    print(f"  less:   `less FILE` process → first line                {term.fmt(less)}")


# The app without its start-up search-index check (a thread that hashes every document): shows
# how much of the first seconds' latency is that thread's rather than the view's.
NO_INDEX_WORKER = "from reader.app import ReaderApp; ReaderApp(open_doc={doc!r}, build_index=False).run()"


def page_down(env: dict[str, str], text_file: Path, first_words: str, presses: int) -> None:
    python = shlex.quote(sys.executable)
    programs = {
        "reader": f"{python} -m reader app {DOC_ID}",
        "reader, no index thread": f"{python} -c {shlex.quote(NO_INDEX_WORKER.format(doc=DOC_ID))}",
        "less": f"less {shlex.quote(str(text_file))}",
    }
    print(f"PageDown, key sent → text area changed, from the moment the document shows ({presses} presses):")
    for name, command in programs.items():
        forget_last_document(env)
        term.start(command, env)
        opened = term.wait_for(lambda text: first_words in text)
        area = (
            (lambda text: text.splitlines()[:-1])
            if name == "less"
            else (lambda text: text.splitlines()[1:-3])
        )
        timings = presses_until_change(presses, area)
        took = time.perf_counter() - opened
        print(
            f"  {name:24} {term.fmt(timings)}   first ten: {term.fmt(timings[:10])}   ({took:.1f} s in all)"
        )


def presses_until_change(presses: int, area: Callable[[str], list[str]]) -> list[float]:
    """PageDown `presses` times, each once the previous one has shown; seconds per press."""
    timings = []
    before = area(term.pane())
    for _ in range(presses):
        sent = term.send("NPage")
        timings.append(term.wait_for(lambda text, before=before: area(text) != before) - sent)
        time.sleep(0.03)  # let the rest of the frame (status line, scrollbar) land
        before = area(term.pane())
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--units", type=int, default=10_000)
    args = parser.parse_args()
    if not shutil.which("less"):
        raise SystemExit("bench_view needs less")
    # As after `pip install`: bytecode compiled once (PYTHONDONTWRITEBYTECODE is not passed on).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).parents[2] / "reader")])
    with tempfile.TemporaryDirectory() as tmp, term.terminal():
        home = Path(tmp)
        text_file, first_words = write_big_document(home, args.units)
        env = {"READER_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        index = [sys.executable, "-m", "reader", "search", "法院"]  # builds the index
        subprocess.run(index, env={**os.environ, **env}, capture_output=True)
        print(f"tmux {term.WIDTH}×{term.HEIGHT}, {term.load()}")
        open_document(env, text_file, first_words, args.runs)
        page_down(env, text_file, first_words, args.presses)
        print(f"at the end: {term.load()}")


if __name__ == "__main__":
    main()
