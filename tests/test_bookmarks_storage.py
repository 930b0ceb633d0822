"""The bookmark store on a bad day: full disk, read-only store, another process's lock, a
malformed row, a foreign table, a race with a removal, hostile control characters. Each ends in
one sentence naming the file, data as it was, no lock left behind, and reading still works."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_reader, sample_document

from reader import bookmarks as bookmarks_module
from reader.bookmarks import BookmarkStore, NoSuchBookmark
from reader.corpus import write_document
from reader.errors import UserError


@pytest.fixture
def store(reader_home: Path) -> BookmarkStore:
    return BookmarkStore()


def _rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, unit_id, note, tags FROM bookmarks ORDER BY id").fetchall()


def test_a_full_disk_is_one_sentence_and_changes_nothing(store: BookmarkStore) -> None:
    doc = sample_document()
    store.add(doc, "p1s1", note="kept")
    before = _rows(store.path)
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
    with pytest.raises(UserError, match=r"disk full while writing the bookmark store .*bookmarks.sqlite3"):
        for unit in doc.units:
            store.add(doc, unit.id, note="x" * 5000)
    with pytest.raises(UserError, match="disk full"):
        store.update(before[0][0], note="y" * 50_000)
    assert _rows(store.path)[: len(before)] == before
    assert next(b.note for b in store.list()) == "kept"  # reading works on the full disk
    other = BookmarkStore()  # no lock was left behind: another process can write at once
    other.add(doc, "p2s2")
    assert other.find(doc.id, "p2s2") is not None


def test_a_store_busy_in_another_process_says_try_again(
    store: BookmarkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = sample_document()
    added = store.add(doc, "p1s1")
    monkeypatch.setattr(BookmarkStore, "BUSY_TIMEOUT", 0.2)
    busy = BookmarkStore()
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long change
    try:
        for change in (
            lambda: busy.add(doc, "p2s1"),
            lambda: busy.remove(added.id),
            lambda: busy.update(added.id, note="n"),
        ):
            with pytest.raises(UserError, match=r"bookmark store .* is busy in another process; try again"):
                change()
        assert [b.unit_id for b in busy.list()] == ["p1s1"]  # reading is not blocked (WAL)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert busy.add(doc, "p2s1").unit_id == "p2s1"  # and it works once the other is done


@pytest.mark.parametrize(
    "failure", ["unable to open database file", "disk I/O error", "attempt to write a readonly database"]
)
def test_a_store_that_cannot_be_written_is_still_read_and_exported(
    reader_home: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    """A read-only or full disk: opening for writing fails (SQLite cannot even make its
    shared-memory file), so the store opens read-only; changes are refused with the reason."""
    doc = sample_document()
    first = BookmarkStore()
    first.add(doc, "p1s1", note="mine")
    first.close()
    before = _rows(first.path)
    real_connect = sqlite3.connect

    def connect(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if not kwargs.get("uri"):
            raise sqlite3.OperationalError(failure)
        return real_connect(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bookmarks_module.sqlite3, "connect", connect)
    store = BookmarkStore()
    assert "cannot be written" in store.warning and "can be read and exported" in store.warning
    assert [b.note for b in store.list()] == ["mine"] and store.counts() == {doc.id: 1}
    for change in (
        lambda: store.add(doc, "p2s1"),
        lambda: store.remove(before[0][0]),
        lambda: store.update(before[0][0], note="other"),
    ):
        with pytest.raises(UserError, match=r"bookmarks.sqlite3 cannot be written .*; nothing was changed"):
            change()
    from reader.export import render

    assert json.loads(render(store.list(), "json"))[0]["note"] == "mine"
    monkeypatch.undo()
    assert _rows(first.path) == before


def test_no_store_on_a_read_only_disk_is_an_empty_list(
    reader_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    store = BookmarkStore()
    assert store.list() == [] and "Read-only file system" in store.warning
    with pytest.raises(UserError, match="cannot be written"):
        store.add(sample_document(), "p1s1")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_really_read_only_folder(reader_home: Path) -> None:
    doc = sample_document()
    store = BookmarkStore()
    store.add(doc, "p1s1", note="mine")
    store.close()
    folder = store.path.parent
    for extra in folder.glob("bookmarks.sqlite3-*"):
        extra.unlink()  # closed cleanly: nothing in the WAL
    folder.chmod(0o555)
    store.path.chmod(0o444)
    try:
        again = BookmarkStore()
        assert [b.note for b in again.list()] == ["mine"]
        with pytest.raises(UserError, match="nothing was changed"):
            again.add(doc, "p2s1")
    finally:
        folder.chmod(0o755)
        store.path.chmod(0o644)


def test_one_malformed_row_is_skipped_and_named_never_hiding_the_others(
    store: BookmarkStore, reader_home: Path
) -> None:
    doc = sample_document()
    good = store.add(doc, "p1s1", note="good")
    bad = store.add(doc, "p2s1")
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE bookmarks SET texts = 'not json {' WHERE id = ?", (bad.id,))
    assert [b.id for b in store.list()] == [good.id]
    assert list(store.skipped) == [bad.id]
    assert store.skipped_warnings() == [
        f"bookmark {bad.id} in {store.path} cannot be read (stored JSON is malformed (Expecting value)); skipped"
    ]
    assert store.get(bad.id) is None
    with pytest.raises(UserError, match=f"bookmark {bad.id} cannot be read"):
        store.update(bad.id, note="x")
    write_document(doc, reader_home / "data" / "corpus")
    listed = run_reader(reader_home, "bookmarks", "list")
    assert listed.returncode == 0 and f"bookmark {bad.id} in" in listed.stderr and "good" in listed.stdout
    exported = run_reader(reader_home, "bookmarks", "export", "--format", "jsonl")
    assert exported.returncode == 0 and json.loads(exported.stdout)["note"] == "good"
    assert store.remove(bad.id)  # the user can still get rid of it
    assert store.list() and not store.skipped


def test_a_table_with_the_wrong_columns_is_set_aside(reader_home: Path) -> None:
    path = reader_home / "data" / "bookmarks.sqlite3"
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, doc TEXT)")
        db.execute("INSERT INTO bookmarks (doc) VALUES ('theirs')")
    store = BookmarkStore()
    assert "lacks" in store.warning and "moved to" in store.warning
    assert store.list() == []
    store.add(sample_document(), "p1s1")
    (backup,) = path.parent.glob("bookmarks.sqlite3.damaged-*")
    with sqlite3.connect(backup) as db:
        assert db.execute("SELECT doc FROM bookmarks").fetchall() == [("theirs",)]


def test_add_racing_a_removal_ends_in_one_bookmark(
    store: BookmarkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other process removes the bookmark between our look and our update."""
    doc = sample_document()
    existing = store.add(doc, "p1s1")
    real_update = BookmarkStore.update
    other = BookmarkStore()

    def update_after_removal(self: BookmarkStore, bookmark_id: int, **kwargs: object) -> object:
        other.remove(bookmark_id)
        monkeypatch.setattr(BookmarkStore, "update", real_update)
        return real_update(self, bookmark_id, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(BookmarkStore, "update", update_after_removal)
    again = store.add(doc, "p1s1", note="new")
    assert again.id != existing.id and again.note == "new"
    assert [(b.unit_id, b.note) for b in store.list()] == [("p1s1", "new")]
    with pytest.raises(NoSuchBookmark, match=f"no bookmark {existing.id}"):
        store.update(existing.id, note="gone")  # what the app meets editing a removed bookmark


def test_control_characters_never_reach_the_store_terminal_or_exports(
    store: BookmarkStore, reader_home: Path
) -> None:
    doc = sample_document()
    hostile = "a\x1b[31mred\x1b[0m\x07 b\x9b1m c\u202eevil\u202c\nline two\ttab"
    added = store.add(doc, "p1s1", note=hostile, tags=["\x1b]0;title\x07x", "y\x85z"])
    assert added.note == "ared b1m cevil\nline two\ttab"  # a lone 8-bit CSI cannot act without \x9b
    assert added.tags == ("x", "yz")
    with sqlite3.connect(store.path) as db:  # an older reader stored it raw
        db.execute(
            "UPDATE bookmarks SET note = ?, titles = ? WHERE id = ?",
            (hostile, '{"zh": "t\\u001b[2J"}', added.id),
        )
    (read,) = store.list()
    assert "\x1b" not in read.note and "\x07" not in read.note and read.titles == {"zh": "t"}
    write_document(doc, reader_home / "data" / "corpus")
    for args in (("list",), ("list", "--json"), ("export", "--format", "csv"), ("export", "--format", "md")):
        result = run_reader(reader_home, "bookmarks", *args)
        assert result.returncode == 0, result.stderr
        assert not any(ch in result.stdout for ch in "\x1b\x07\x9b\u202e"), args


def test_reader_home_pointing_at_a_file_is_one_sentence(tmp_path: Path) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("a file")
    result = run_reader(home, "bookmarks", "list")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"reader: error: READER_HOME ({home}) is not a directory"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_stdout_on_a_full_disk_is_one_sentence(reader_home: Path) -> None:
    write_document(sample_document(), reader_home / "data" / "corpus")
    assert run_reader(reader_home, "bookmarks", "add", "sample-court-visit", "p1s1").returncode == 0
    for args in (("list",), ("export", "--format", "json")):
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [sys.executable, "-m", "reader", "bookmarks", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "READER_HOME": str(reader_home)},
                cwd=REPO,
                timeout=120,
            )
        assert result.returncode == 2, result.stderr
        assert result.stderr == "reader: error: writing the output failed: the disk is full\n"


def _cli_failure(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run `reader bookmarks ARGS` in this process; it must fail with one line and exit 2."""
    from reader.cli import main

    capsys.readouterr()
    assert main(["bookmarks", *args]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_cli_on_a_full_busy_or_read_only_store_is_one_line_and_exit_2(
    reader_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = sample_document()
    write_document(doc, reader_home / "data" / "corpus")
    store = BookmarkStore()
    kept = store.add(doc, "p1s1", note="kept")
    before = _rows(store.path)
    real_connect = BookmarkStore._connect

    def full(self: BookmarkStore) -> sqlite3.Connection:
        db = real_connect(self)
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        return db

    with monkeypatch.context() as patch:  # (monkeypatch.undo would also undo READER_HOME)
        patch.setattr(BookmarkStore, "_connect", full)
        long_note = "x" * 20_000
        assert "disk full while writing the bookmark store" in _cli_failure(
            capsys, "add", doc.id, "p2s1", "--note", long_note
        )
    with monkeypatch.context() as patch:
        patch.setattr(BookmarkStore, "BUSY_TIMEOUT", 0.2)
        holder = sqlite3.connect(store.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            assert "is busy in another process; try again" in _cli_failure(capsys, "remove", str(kept.id))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    real_sqlite_connect = sqlite3.connect

    def read_only(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if not kwargs.get("uri"):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_sqlite_connect(database, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(bookmarks_module.sqlite3, "connect", read_only)
        for args in (("add", doc.id, "p2s1"), ("remove", str(kept.id))):
            assert "cannot be written" in _cli_failure(capsys, *args)
    assert _rows(store.path) == before


def test_listing_under_another_process_lock_is_quick_and_shows_stale_flags(
    reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bookmarks list` saves stale flags as it goes: a store locked by another process must
    neither fail the listing nor make it wait out the busy timeout."""
    import time

    from reader.cli import main

    corpus_dir = reader_home / "data" / "corpus"
    doc = sample_document()
    write_document(doc, corpus_dir)
    store = BookmarkStore()
    store.add(doc, "p1s1")
    changed = sample_document()
    changed.versions["en"].paragraphs[0][0] = "A different English sentence."
    write_document(changed, corpus_dir)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        assert main(["bookmarks", "list"]) == 0
        assert time.monotonic() - started < BookmarkStore.BUSY_TIMEOUT / 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "p1s1 (stale)" in capsys.readouterr().out
    assert not store.get(1).stale  # not saved while locked; the next listing saves it
    assert main(["bookmarks", "list"]) == 0 and store.get(1).stale


@pytest.mark.parametrize(
    ("column", "value", "why"),
    [
        ("texts", "[1, 2]", "texts is not a map of languages to text"),
        ("titles", '{"en": 3}', "titles is not a map of languages to text"),
        ("tags", '"one"', "tags are not a list of words"),
        ("tags", "[1]", "tags are not a list of words"),
        ("note", b"\xff", "note is not text"),  # a blob: TEXT affinity keeps numbers as text
        ("url", None, "url is not text"),
    ],
)
def test_each_kind_of_malformed_row_is_named(
    store: BookmarkStore, column: str, value: object, why: str
) -> None:
    doc = sample_document()
    good = store.add(doc, "p1s1")
    bad = store.add(doc, "p2s1")
    with sqlite3.connect(store.path) as db:
        db.execute("PRAGMA ignore_check_constraints = 1")
        db.execute("CREATE TABLE copy AS SELECT * FROM bookmarks")  # NOT NULL aside: a hand-made row
        db.execute("DROP TABLE bookmarks")
        db.execute("ALTER TABLE copy RENAME TO bookmarks")
        db.execute(f"UPDATE bookmarks SET {column} = ? WHERE id = ?", (value, bad.id))
    assert [b.id for b in store.list()] == [good.id]
    assert store.skipped == {bad.id: why}
