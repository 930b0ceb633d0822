"""kill -9 while bookmarks are being written, after a seeded number of acknowledgements: the store stays valid, every
acknowledged bookmark is there, complete, and nothing else is (at most the one being added)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from conftest import REPO

from reader.bookmarks import BookmarkStore

# Adds bookmarks until killed, across as many documents as it takes; prints "doc unit" once
# add() has returned (the acknowledgement).
WRITER = """
import itertools, sys
sys.path.insert(0, {tests!r})
from conftest import sample_document
from reader.bookmarks import BookmarkStore
store = BookmarkStore()
print("ready", flush=True)
for k in itertools.count():
    doc = sample_document(f"doc-{round}-{{k}}", 40)
    for unit in doc.units:
        store.add(doc, unit.id, note="note " * 50, tags=["t"])
        print(doc.id, unit.id, flush=True)
"""


def _wait_until_ready(log: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while not log.read_text().startswith("ready\n"):
        assert process.poll() is None, "the writer died on its own"
        assert time.monotonic() < deadline, "the writer never started"
        time.sleep(0.01)


def _wait_for_acknowledgements(log: Path, process: subprocess.Popen, count: int) -> None:
    """Until the writer has acknowledged `count` bookmarks: the kill lands at a point set by
    progress, not by the machine's speed (a busy machine once let a fixed sleep end first)."""
    deadline = time.monotonic() + 120
    while log.read_text().count("\n") <= count:
        assert process.poll() is None, "the writer died on its own"
        assert time.monotonic() < deadline, "the writer stalled"
        time.sleep(0.002)


def test_kill_minus_nine_never_loses_an_acknowledged_bookmark(reader_home: Path, tmp_path: Path) -> None:
    rng = random.Random(20261122)
    env = {**os.environ, "READER_HOME": str(reader_home)}
    acknowledged: list[tuple[str, str]] = []
    for round_ in range(8):
        log = tmp_path / f"writer-{round_}.log"
        with log.open("w") as out:
            code = WRITER.format(tests=str(REPO / "tests"), round=round_)
            process = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=REPO, stdout=out)
            _wait_until_ready(log, process)
            _wait_for_acknowledgements(log, process, rng.randint(5, 60))
            os.kill(process.pid, signal.SIGKILL)  # still writing: the kill lands mid-run
            process.wait()
        lines = log.read_text().split("\n")[1:-1]  # a last line without "\n" is no acknowledgement
        acknowledged += [tuple(line.split()) for line in lines]
    path = reader_home / "data" / "bookmarks.sqlite3"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = BookmarkStore()
    assert store.warning == ""
    saved = {(b.doc_id, b.unit_id): b for b in store.list()}
    missing = [key for key in acknowledged if key not in saved]
    assert not missing, f"lost {len(missing)} acknowledged bookmarks, e.g. {missing[:3]}"
    assert all(b.note == "note " * 50 and b.tags == ("t",) and b.texts["en"] for b in saved.values())
    unacknowledged = Counter(doc_id.rsplit("-", 1)[0] for doc_id, _ in set(saved) - set(acknowledged))
    assert all(count <= 1 for count in unacknowledged.values()), unacknowledged
    assert len(acknowledged) > 100


def test_two_processes_bookmarking_the_same_units_at_once(reader_home: Path) -> None:
    """The app and the CLI may write at the same time: no error, no duplicate, nothing lost."""
    env = {**os.environ, "READER_HOME": str(reader_home)}
    code = """
import sys
sys.path.insert(0, {tests!r})
from conftest import sample_document
from reader.bookmarks import BookmarkStore
store, doc = BookmarkStore(), sample_document("shared", 60)
for unit in doc.units{order}:
    store.add(doc, unit.id, tags=[{tag!r}])
"""
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", code.format(tests=str(REPO / "tests"), order=order, tag=tag)],
            env=env,
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for order, tag in (("", "forward"), ("[::-1]", "backward"))
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    bookmarks = BookmarkStore().list()
    assert len(bookmarks) == 300 and len({b.unit_id for b in bookmarks}) == 300
    assert {b.tags for b in bookmarks} <= {("forward",), ("backward",)}
