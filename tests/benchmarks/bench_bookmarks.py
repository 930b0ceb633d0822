"""Bookmark store and export timings: medians over repeated runs, printed side by side.

    .venv/bin/python tests/benchmarks/bench_bookmarks.py [N_BOOKMARKS]

Runs in a temporary READER_HOME; the figures are what the app pays per keypress (add, units)
and per screen or export (list, mark_stale, render).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from conftest import sample_document

from reader.bookmarks import BookmarkStore
from reader.corpus import Corpus, write_document
from reader.export import FORMATS, render


def median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as home:
        os.environ["READER_HOME"] = home
        doc = sample_document("bench-doc", (n + 4) // 5)
        write_document(doc, Path(home) / "data" / "corpus")
        corpus = Corpus(bundled_root=Path(home) / "none")
        doc = corpus.get("bench-doc")
        store = BookmarkStore()
        add_times = []
        for unit in doc.units[:n]:
            start = time.perf_counter()
            store.add(doc, unit.id, note="a note", tags=["t"])
            add_times.append((time.perf_counter() - start) * 1000)
        rows = [
            ("add (one fsync'd transaction)", statistics.median(add_times)),
            ("units(doc)", median_ms(lambda: store.units("bench-doc"), 50)),
            ("counts()", median_ms(store.counts, 50)),
            ("list()", median_ms(store.list, 10)),
            ("mark_stale(corpus)", median_ms(lambda: store.mark_stale(corpus), 5)),
        ]
        bookmarks = store.list()
        rows += [(f"render {fmt}", median_ms(lambda f=fmt: render(bookmarks, f), 5)) for fmt in FORMATS]
        size = store.path.stat().st_size + store.path.with_name(store.path.name + "-wal").stat().st_size
    print(f"{n} bookmarks, store {size / 1024:.0f} KiB (db + wal)")
    for name, value in rows:
        print(f"  {name:<32} {value:9.3f} ms (median)")


if __name__ == "__main__":
    main()
