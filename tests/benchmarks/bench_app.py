"""App speed: start-up to the first interactive screen, opening a 10,000-unit document, page-down.

Run: .venv/bin/python tests/benchmarks/bench_app.py
Start-up is measured as the wall time of a whole process that starts the app headless and exits
as soon as the first screen is ready, side by side with a minimal Textual app in the same
harness (the ratio is what matters on a shared machine). It also lists which heavy modules were
imported by then (none of whoosh, jieba, pyvi, sklearn may be).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1]))

RUNS = 9
HEAVY = ("whoosh", "jieba", "pyvi", "sklearn")

MINIMAL = """
import time, sys
from textual.app import App
from textual.widgets import Footer, Static
class Minimal(App):
    def compose(self):
        yield Static("hello")
        yield Footer()
    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()
Minimal().run(headless=True)
"""

READER = f"""
import sys, json
HEAVY = {HEAVY!r}
from reader.app import ReaderApp
class Timed(ReaderApp):
    def on_ready(self):
        import time
        now = time.time()
        heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set(HEAVY))
        print(now, json.dumps({{"screen": type(self.screen).__name__, "heavy": heavy}}), flush=True)
        self.exit()
Timed().run(headless=True)
"""


def time_process(code: str, env: dict[str, str]) -> tuple[float, str]:
    """Seconds from launching the process to its first screen being ready (its on_ready), and
    what it printed after the timestamp. Shutdown (and any background worker) is not counted."""
    start = time.time()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    stamp, _, rest = result.stdout.strip().partition(" ")
    return float(stamp) - start, rest


def startup(home: Path) -> None:
    # As after `pip install`: bytecode compiled once, not on every start (the shell here sets
    # PYTHONDONTWRITEBYTECODE, which would make every start recompile the package).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["READER_HOME"] = str(home)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parents[2] / "reader")], env=env, check=True
    )
    minimal, reader = [], []
    info = ""
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        minimal.append(time_process(MINIMAL, env)[0])
        elapsed, info = time_process(READER, env)
        reader.append(elapsed)
    m, r = statistics.median(minimal), statistics.median(reader)
    print(f"start-up to first screen (median of {RUNS} processes):")
    print(f"  minimal Textual app  {m * 1000:7.0f} ms")
    print(f"  reader               {r * 1000:7.0f} ms   ratio {r / m:.2f}   {info}")


async def big_document(home: Path) -> None:
    from conftest import sample_document

    from reader.app import ReaderApp
    from reader.corpus import Corpus, write_document
    from reader.screens.reader import ReaderScreen
    from reader.widgets.aligned_view import AlignedView

    root = home / "bench-corpus"
    write_document(sample_document("big-document", 2000), root)  # 2,000 × 5 = 10,000 units
    corpus = Corpus(bundled_root=root, user_root=home / "none")
    app = ReaderApp(corpus=corpus)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        painted: list[float] = []
        original = AlignedView.render_line

        def counting(self, y):  # the first paint is done when every visible line was rendered
            painted.append(time.perf_counter())
            return original(self, y)

        AlignedView.render_line = counting
        corpus.reload()
        start = time.perf_counter()
        app.open_document("big-document")
        while True:
            await asyncio.sleep(0.002)
            screen = app.screen
            if (
                isinstance(screen, ReaderScreen)
                and len(painted) >= screen.query_one(AlignedView).size.height > 0
            ):
                break
        AlignedView.render_line = original
        opened = painted[-1] - start
        doc = screen.doc
        view = screen.query_one(AlignedView)
        print(
            f"open a {len(doc.units):,}-unit document (read files + units + layout + first paint): {opened * 1000:.0f} ms"
        )
        timings = []
        for _ in range(60):
            start = time.perf_counter()
            view.action_page_down()
            lines = [view.render_line(y) for y in range(view.size.height)]
            timings.append(time.perf_counter() - start)
        assert lines
        timings.sort()
        print(
            f"page-down + repaint of {view.size.height} lines at {view.size.width} columns, 60 presses: "
            f"median {statistics.median(timings) * 1000:.1f} ms, p95 {timings[int(len(timings) * 0.95)] * 1000:.1f} ms, "
            f"max {timings[-1] * 1000:.1f} ms"
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        startup(home)
        asyncio.run(big_document(home))


if __name__ == "__main__":
    main()
