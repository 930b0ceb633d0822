"""kill -9 at random moments while bookmarks are being written: the store stays valid and every
acknowledged bookmark is there."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, sample_document

from reader.bookmarks import BookmarkStore

WRITER = """
import sys
sys.path.insert(0, {tests!r})
from conftest import sample_document
from reader.bookmarks import BookmarkStore
store = BookmarkStore()
doc = sample_document("doc-{round}", 200)
for unit in doc.units:
    bookmark = store.add(doc, unit.id, note="note " * 50, tags=["t"])
    print(bookmark.unit_id, flush=True)  # acknowledged: add() returned
"""


def test_kill_minus_nine_never_loses_an_acknowledged_bookmark(reader_home: Path) -> None:
    rng = random.Random(20261122)
    env = {**os.environ, "READER_HOME": str(reader_home)}
    acknowledged: dict[str, list[str]] = {}
    for round_ in range(6):
        code = WRITER.format(tests=str(REPO / "tests"), round=round_)
        process = subprocess.Popen(
            [sys.executable, "-c", code], env=env, cwd=REPO, stdout=subprocess.PIPE, text=True
        )
        time.sleep(rng.uniform(0.4, 1.6))
        os.kill(process.pid, signal.SIGKILL)
        out, _ = process.communicate()
        acknowledged[f"doc-{round_}"] = out.split()
    path = reader_home / "data" / "bookmarks.sqlite3"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = BookmarkStore()
    assert store.warning == ""
    for doc_id, units in acknowledged.items():
        saved = store.units(doc_id)
        missing = [unit for unit in units if unit not in saved]
        assert not missing, f"{doc_id}: lost {missing[:5]}"
    assert all(b.note == "note " * 50 and b.tags == ("t",) for b in store.list())  # never half-written
    assert sum(len(units) for units in acknowledged.values()) > 0
    total = len(sample_document("x", 200).units)
    assert any(len(units) < total for units in acknowledged.values()), "no writer was killed mid-run"
