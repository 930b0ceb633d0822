"""The app as a user meets it, timed in a real terminal (tmux), beside baselines in the same run.

Run: .venv/bin/python tests/benchmarks/bench_view.py [--runs 7] [--presses 40]

1. First screen: `reader` until its library shows, against a Textual app with one `Static`,
   alternating runs; each run is a whole process in a fresh tmux session, timed from the
   session's start until the text is on the pane (polled with `tmux capture-pane`).
2. Opening a generated 10,000-unit document (written to a temporary $READER_HOME as an imported
   document): from Enter in the library until the first unit's text is on the pane, and as a whole
   process (`reader app DOC`), against `less` opening the same text.
3. PageDown from the first second: send-keys, then poll until the text area changed; median and
   p95 of the press-to-change time for the reader and for `less`, and for the first ten presses.

Figures only; no pass/fail. The machine's load shows in both sides of each comparison, which is
why they alternate. Polling costs a few milliseconds per look, the same for every program.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

WIDTH, HEIGHT = 160, 50
SOCKET = f"reader-bench-{os.getpid()}"
SESSION = "bench"
TIMEOUT = 30.0
DOC_ID = "bench-10k-units"
TITLE = "Bench ten thousand units"

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Static
class Minimal(App):
    def compose(self):
        yield Static("hello from a minimal app")
        yield Footer()
Minimal().run()
"""


def tmux(*args: str) -> str:
    result = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)
    return result.stdout


def pane() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def start(command: str, env: dict[str, str]) -> float:
    """Start `command` in a fresh tmux session of WIDTH×HEIGHT; the time it was started."""
    tmux("kill-session", "-t", SESSION)
    line = " ".join(["env", *(f"{k}={shlex.quote(v)}" for k, v in env.items()), command])
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", SESSION, "-x", str(WIDTH), "-y", str(HEIGHT), line)
    return started


def wait_for(found: Callable[[str], bool], timeout: float = TIMEOUT) -> float:
    """Poll the pane until `found(text)`; the time it was first seen."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        text = pane()
        if found(text):
            return time.perf_counter()
        time.sleep(0.001)
    raise SystemExit(f"timed out waiting; the pane shows:\n{pane()}")


def stable(settle: float = 0.15, timeout: float = TIMEOUT) -> str:
    """The pane once it has not changed for `settle` seconds (toasts, status, scrollbars)."""
    last, since = pane(), time.perf_counter()
    deadline = since + timeout
    while time.perf_counter() < deadline:
        time.sleep(0.01)
        now = pane()
        if now != last:
            last, since = now, time.perf_counter()
        elif time.perf_counter() - since >= settle:
            return now
    return last


# -- the document -----------------------------------------------------------------------------


def write_big_document(home: Path, units: int) -> tuple[Path, str]:
    """A `units`-unit document made of the bundled corpus's units (numbered so no two are the
    same), imported into $READER_HOME's corpus; also its text as one file for `less`.
    Returns the text file and the first unit's opening words."""
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


# -- measurements -----------------------------------------------------------------------------


def fmt(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  (n={len(ordered)})"


def first_screen(env: dict[str, str], runs: int) -> None:
    python = shlex.quote(sys.executable)
    minimal, reader = [], []
    for _ in range(runs):
        reset_state(env)
        t0 = start(f"{python} -c {shlex.quote(MINIMAL)}", env)
        minimal.append(wait_for(lambda text: "hello from a minimal app" in text) - t0)
        t0 = start(f"{python} -m reader", env)
        reader.append(wait_for(lambda text: TITLE in text) - t0)
    m, r = statistics.median(minimal), statistics.median(reader)
    print(f"first screen, process start → text on the pane ({runs} alternating runs each):")
    print(f"  one-Static Textual app   {fmt(minimal)}")
    print(f"  reader (library)         {fmt(reader)}")
    print(f"  ratio of medians         {r / m:.2f}×  (target ≤ 1.3×)")


def reset_state(env: dict[str, str]) -> None:
    """Forget the last document, so `reader` starts on its library."""
    state = Path(env["READER_HOME"]) / "config" / "state.json"
    state.unlink(missing_ok=True)


def open_document(env: dict[str, str], text_file: Path, first_words: str, runs: int) -> None:
    python = shlex.quote(sys.executable)
    in_app, process, less = [], [], []
    for _ in range(runs):
        reset_state(env)
        start(f"{python} -m reader", env)
        wait_for(lambda text: TITLE in text)
        stable()
        tmux("send-keys", "-t", SESSION, "f")  # the filter box, then a word of the title
        tmux("send-keys", "-t", SESSION, "-l", "thousand")
        wait_for(lambda text: "thousand" in text)
        stable()
        t0 = time.perf_counter()
        tmux("send-keys", "-t", SESSION, "Enter")
        in_app.append(wait_for(lambda text: first_words in text) - t0)

        reset_state(env)
        t0 = start(f"{python} -m reader app {DOC_ID}", env)
        process.append(wait_for(lambda text: first_words in text) - t0)

        t0 = start(f"less {shlex.quote(str(text_file))}", env)
        less.append(wait_for(lambda text: first_words in text) - t0)
    print(f"open the {DOC_ID} document ({runs} alternating runs each):")
    print(f"  reader: Enter in the library → first unit on the pane   {fmt(in_app)}")
    print(f"  reader: `reader app {DOC_ID}` process → first unit      {fmt(process)}")
    print(f"  less:   `less FILE` process → first line                 {fmt(less)}")


def page_down(env: dict[str, str], text_file: Path, first_words: str, presses: int) -> None:
    python = shlex.quote(sys.executable)
    reset_state(env)
    start(f"{python} -m reader app {DOC_ID}", env)
    opened = wait_for(lambda text: first_words in text)
    reader = presses_until_change(presses, lambda text: text.splitlines()[1:-3])
    reader_first_second = time.perf_counter() - opened
    start(f"less {shlex.quote(str(text_file))}", env)
    wait_for(lambda text: first_words in text)
    less = presses_until_change(presses, lambda text: text.splitlines()[:-1])
    print(f"PageDown, key sent → text area changed, from the moment the document shows ({presses} presses):")
    print(f"  reader  {fmt(reader)}   first ten: {fmt(reader[:10])}")
    print(f"  less    {fmt(less)}   first ten: {fmt(less[:10])}")
    print(f"  (the reader's {presses} presses took {reader_first_second:.1f} s in all)")


def presses_until_change(presses: int, area: Callable[[str], list[str]]) -> list[float]:
    """Send PageDown `presses` times, each once the previous one has shown; seconds per press."""
    timings = []
    before = area(pane())
    for _ in range(presses):
        t0 = time.perf_counter()
        tmux("send-keys", "-t", SESSION, "NPage")
        seen = wait_for(lambda text, before=before: area(text) != before)
        timings.append(seen - t0)
        time.sleep(0.03)  # let the rest of the frame (status line, scrollbar) land
        before = area(pane())
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--units", type=int, default=10_000)
    args = parser.parse_args()
    if not shutil.which("tmux") or not shutil.which("less"):
        raise SystemExit("bench_view needs tmux and less")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        text_file, first_words = write_big_document(home, args.units)
        env = {"READER_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        # As after `pip install`: bytecode compiled once (PYTHONDONTWRITEBYTECODE is not passed).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).parents[2] / "reader")])
        # The search index exists, as for anyone who has opened the app before.
        subprocess.run(
            [sys.executable, "-m", "reader", "search", "法院"], env={**os.environ, **env}, capture_output=True
        )
        print(f"tmux {WIDTH}×{HEIGHT}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
        try:
            first_screen(env, args.runs)
            open_document(env, text_file, first_words, args.runs)
            page_down(env, text_file, first_words, args.presses)
        finally:
            tmux("kill-server")
        print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
