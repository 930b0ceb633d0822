"""Alignment edits on a big imported document: how long one edit (merge, then its undo) takes,
beside loading the same document (the baseline: every edit reloads it), in-process, as whole
`reader` processes (`reader units DOC merge` beside `reader show DOC --json`), and in the app
driven headless (`m` until the view has the merged rows, beside `Editor.merge` alone).

Run: .venv/bin/python tests/benchmarks/bench_edits.py [copies]   (default 400 copies of the
5-unit sample = 2,000 units, 2,400 English sentences)
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from conftest import sample_document

from reader.corpus import Corpus, write_document
from reader.edits import Editor


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        os.environ["READER_HOME"] = str(home)
        doc = sample_document("big-imported", copies)
        doc.bundled = False
        write_document(doc, home / "data" / "corpus")
        corpus = Corpus(bundled_root=Path(tmp) / "none")
        units = len(corpus.get("big-imported").units)
        load, merge, undo = [], [], []
        for i in range(15):
            start = time.perf_counter()
            corpus.reload("big-imported")
            corpus.get("big-imported").units  # noqa: B018
            load.append(time.perf_counter() - start)
            editor = Editor(corpus, "big-imported")
            unit = corpus.get("big-imported").units[(i * 97) % (units - 1)].id
            start = time.perf_counter()
            editor.merge(unit)
            merge.append(time.perf_counter() - start)
            start = time.perf_counter()
            editor.undo()
            undo.append(time.perf_counter() - start)
        print(f"document: {units} units; 15 runs each, medians")
        print(f"  load (baseline)   {median_ms(load):7.1f} ms")
        print(
            f"  merge             {median_ms(merge):7.1f} ms  ({median_ms(merge) / median_ms(load):.1f}× load)"
        )
        print(
            f"  undo              {median_ms(undo):7.1f} ms  ({median_ms(undo) / median_ms(load):.1f}× load)"
        )
        env = {**os.environ, "READER_HOME": str(home)}

        def process(*args: str) -> float:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "reader", *args], env=env, check=True, capture_output=True)
            return time.perf_counter() - start

        show, edit = [], []
        for _ in range(7):
            show.append(process("show", "big-imported", "--json"))
            edit.append(process("units", "big-imported", "merge", "p1s1"))
            process("units", "big-imported", "undo")
        print("whole processes, 7 runs each, medians")
        print(f"  reader show --json (baseline)  {median_ms(show):7.1f} ms")
        print(
            f"  reader units merge             {median_ms(edit):7.1f} ms  ({median_ms(edit) / median_ms(show):.2f}×)"
        )
        asyncio.run(in_app(Corpus(bundled_root=Path(tmp) / "none")))


async def in_app(corpus: Corpus) -> None:
    """From the `m` action to the view holding the merged rows (the worker, the files, the
    refresh), beside the same `Editor.merge` alone in this process. Pilot's `press` is not used
    for the edit: it also waits for the view's background re-wrap of every row to go idle."""
    from reader.app import ReaderApp
    from reader.widgets.aligned_view import AlignedView

    app = ReaderApp(open_doc="big-imported", corpus=corpus, build_index=False)
    edit, alone = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        view = screen.query_one(AlignedView)
        for _ in range(7):
            count = len(view.rows)
            start = time.perf_counter()
            screen.action_merge_unit()  # type: ignore[attr-defined]
            while len(view.rows) == count:
                await asyncio.sleep(0.002)
            edit.append(time.perf_counter() - start)
            await pilot.press("u")
            await app.workers.wait_for_complete()
            await pilot.pause()
            start = time.perf_counter()
            Editor(corpus, "big-imported").merge(screen.doc.units[0].id)  # type: ignore[attr-defined]
            alone.append(time.perf_counter() - start)
            Editor(corpus, "big-imported").undo()
    print("in the app (headless), 7 runs each, medians")
    print(f"  Editor.merge alone (baseline)   {median_ms(alone):7.1f} ms")
    print(
        f"  m until the view has the rows   {median_ms(edit):7.1f} ms  ({median_ms(edit) / median_ms(alone):.1f}×)"
    )


if __name__ == "__main__":
    main()
