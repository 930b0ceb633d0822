"""First screen in a real terminal: `reader` until its library shows, beside a Textual app with
one `Static`, alternating runs in the same tmux (see terminal.py for how it is timed).

Run: .venv/bin/python tests/benchmarks/bench_app.py [--runs 9]

Each run is a whole process in a fresh session, timed from the session's start until its text is
on the pane. Both apps pay the same Python and Textual start-up; the ratio is what the reader
adds. Figures only; no pass/fail.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import terminal as term

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Static
class Minimal(App):
    def compose(self):
        yield Static("hello from a minimal app")
        yield Footer()
Minimal().run()
"""


def library_shown(home: Path) -> list[str]:
    """Beginnings of the bundled documents' titles (in every language): the library lists them."""
    from reader.corpus import Corpus

    infos = Corpus(user_root=home / "data" / "corpus").infos()
    return [title[:12] for info in infos for title in info.titles.values() if title]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    python = shlex.quote(sys.executable)
    # As after `pip install`: bytecode compiled once (PYTHONDONTWRITEBYTECODE is not passed on).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).parents[2] / "reader")])
    with tempfile.TemporaryDirectory() as home, term.terminal():
        env = {"READER_HOME": home, "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        print(f"tmux {term.WIDTH}×{term.HEIGHT}, {term.load()}")
        titles = library_shown(Path(home))
        minimal, reader = [], []
        for _ in range(args.runs):
            t0 = term.start(f"{python} -c {shlex.quote(MINIMAL)}", env)
            minimal.append(term.wait_for(lambda text: "hello from a minimal app" in text) - t0)
            t0 = term.start(f"{python} -m reader", env)
            reader.append(term.wait_for(lambda text: any(t in text for t in titles)) - t0)
        m, r = statistics.median(minimal), statistics.median(reader)
        print(f"first screen, process start → text on the pane ({args.runs} alternating runs each):")
        print(f"  one-Static Textual app   {term.fmt(minimal)}")
        print(f"  reader (library)         {term.fmt(reader)}")
        print(f"  ratio of medians         {r / m:.2f}×  (target ≤ 1.3×)")
        print(f"at the end: {term.load()}")


if __name__ == "__main__":
    main()
