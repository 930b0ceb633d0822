"""The bookmark store and its CLI: add, note, toggle, list, remove, stale, damage."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import run_reader, sample_document

from reader.bookmarks import BookmarkStore
from reader.corpus import Corpus, write_document
from reader.errors import UserError


@pytest.fixture
def store(reader_home: Path) -> BookmarkStore:
    return BookmarkStore()


def test_add_keeps_text_citation_note_and_tags(store: BookmarkStore) -> None:
    doc = sample_document()
    bookmark = store.add(doc, "p2s2", note="Check [Reuters]\tand\nnewline", tags=["#visit", "visit", "南宁"])
    assert bookmark.texts["en"] == "The talks were held in Nanning. The atmosphere was friendly."
    assert bookmark.texts["zh"] == "会谈在南宁举行，气氛友好。"
    assert (bookmark.source, bookmark.date, bookmark.url) == (
        "Test Source",
        "2024-06-12",
        "https://example.org/a",
    )
    assert bookmark.titles["en"] == "[Court] delegation visits Guangxi"
    assert bookmark.note == "Check [Reuters]\tand\nnewline" and bookmark.tags == ("visit", "南宁")
    assert bookmark.created.endswith("Z") and bookmark.created == bookmark.updated
    again = BookmarkStore()  # a new process sees it
    assert [b.unit_id for b in again.list()] == ["p2s2"]
    assert again.units(doc.id) == {"p2s2"} and again.counts() == {doc.id: 1}


def test_adding_the_same_unit_twice_updates_instead_of_duplicating(
    store: BookmarkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = sample_document()
    first = store.add(doc, "p1s1", tags=["a"])
    second = store.add(doc, "p1s1", note="later note")
    assert first.id == second.id and (second.note, second.tags) == ("later note", ("a",))
    monkeypatch.setattr("reader.bookmarks._now", lambda: "2099-01-01T00:00:00Z")
    third = store.add(doc, "p1s1", tags=iter(()))  # nothing new: note and tags kept, not rewritten
    assert (third.note, third.tags, third.updated) == ("later note", ("a",), second.updated)
    assert len(store.list()) == 1


def test_toggle_update_remove(store: BookmarkStore) -> None:
    doc = sample_document()
    added = store.toggle(doc, "p1s2")
    assert added is not None and store.find(doc.id, "p1s2") is not None
    updated = store.update(added.id, note="n", tags=["a"])
    assert (updated.note, updated.tags) == ("n", ("a",))
    assert store.toggle(doc, "p1s2") is None and store.find(doc.id, "p1s2") is None
    assert store.remove(12345) is False


def test_unknown_unit_is_a_user_error(store: BookmarkStore) -> None:
    with pytest.raises(UserError, match="has no unit 'p9s9'"):
        store.add(sample_document(), "p9s9")


def test_changed_or_removed_units_make_bookmarks_stale_never_lost(store: BookmarkStore, make_corpus) -> None:
    corpus = make_corpus(sample_document())
    doc = corpus.get("sample-court-visit")
    store.add(doc, "p1s1")
    store.add(doc, "p2s1")
    assert store.mark_stale(corpus) == 0
    changed = sample_document()
    changed.versions["en"].paragraphs[0][0] = "A different English sentence."
    write_document(changed, corpus.bundled_root)
    corpus = Corpus(corpus.bundled_root, corpus.user_root)
    assert store.mark_stale(corpus) == 1
    stale = {b.unit_id: b for b in store.list()}
    assert stale["p1s1"].stale and not stale["p2s1"].stale
    assert stale["p1s1"].texts["en"].startswith("A delegation of the Supreme")  # the saved text stays
    (corpus.bundled_root / "sample-court-visit" / "meta.toml").unlink()  # the document disappears
    assert store.mark_stale(Corpus(corpus.bundled_root, corpus.user_root)) == 2
    assert len(store.list()) == 2


def test_a_damaged_store_is_set_aside_not_emptied_silently(reader_home: Path) -> None:
    path = reader_home / "data" / "bookmarks.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    store = BookmarkStore()
    assert "damaged" in store.warning and "moved to" in store.warning
    backups = list(path.parent.glob("bookmarks.sqlite3.damaged-*"))
    assert len(backups) == 1 and backups[0].read_bytes().startswith(b"this is not a database")
    assert store.list() == []


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_reader(home, "bookmarks", *args)


def test_cli_add_list_remove(reader_home: Path) -> None:
    write_document(sample_document(), reader_home / "data" / "corpus")
    added = cli(
        reader_home, "add", "sample-court-visit", "p2s1", "--note", "[/b] note", "--tag", "x", "--tag", "y"
    )
    assert added.returncode == 0, added.stderr
    listed = [json.loads(line) for line in cli(reader_home, "list", "--json").stdout.splitlines()]
    assert (
        listed[0]["unit"] == "p2s1" and listed[0]["note"] == "[/b] note" and listed[0]["tags"] == ["x", "y"]
    )
    assert listed[0]["text"]["vi"] == "Nguyễn Huy Tiến hội kiến Triệu Chí Quân."
    plain = cli(reader_home, "list")
    assert "[/b] note" in plain.stdout and "#x  #y" in plain.stdout
    assert cli(reader_home, "remove", str(listed[0]["id"])).returncode == 0
    assert cli(reader_home, "list", "--json").stdout == ""
    for args, needle in (
        (("add", "nope", "p1s1"), "no document 'nope'"),
        (("add", "sample-court-visit", "zz"), "has no unit 'zz'"),
        (("remove", "77"), "no bookmark '77'"),
        (("export", "--format", "docx"), "unknown export format 'docx'"),
    ):
        result = cli(reader_home, *args)
        assert result.returncode == 2 and needle in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_store_that_cannot_be_opened_is_an_error_not_damage(reader_home: Path) -> None:
    path = reader_home / "data" / "bookmarks.sqlite3"
    path.mkdir(parents=True)  # a directory where the database should be: unopenable, not corrupt
    (path / "keep").write_text("mine")
    with pytest.raises(UserError, match="cannot open the bookmark store"):
        BookmarkStore()
    assert (path / "keep").read_text() == "mine"
    assert not list(path.parent.glob("*.damaged-*"))


def test_damaged_twice_in_a_second_keeps_both_backups(reader_home: Path) -> None:
    path = reader_home / "data" / "bookmarks.sqlite3"
    path.parent.mkdir(parents=True)
    for content in (b"first broken file" * 50, b"second broken file" * 50):
        path.write_bytes(content)
        BookmarkStore().close()
    backups = {p.read_bytes()[:6] for p in path.parent.glob("bookmarks.sqlite3.damaged-*")}
    assert backups == {b"first ", b"second"}


def test_a_corrupted_page_is_detected_and_set_aside(reader_home: Path) -> None:
    store = BookmarkStore()
    doc = sample_document("big", 40)
    for unit in doc.units[:150]:
        store.add(doc, unit.id, note="x" * 200)
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = store.path
    data = bytearray(path.read_bytes())
    assert len(data) > 8192
    data[4096:8192] = b"\xff" * 4096  # wreck the second page
    path.write_bytes(bytes(data))
    again = BookmarkStore()
    assert "damaged" in again.warning
    assert again.list() == []
    assert any(p.stat().st_size == len(data) for p in path.parent.glob("bookmarks.sqlite3.damaged-*"))


def test_tags_are_words_and_stale_clears_when_the_text_is_back(store: BookmarkStore, make_corpus) -> None:
    corpus = make_corpus(sample_document())
    doc = corpus.get("sample-court-visit")
    bookmark = store.add(doc, "p1s1", tags=["hợp tác", "  two  words ", "#x"])
    assert bookmark.tags == ("hợp_tác", "two_words", "x")
    changed = sample_document()
    del changed.versions["vi"], changed.alignments["vi"]  # a translation disappears
    write_document(changed, corpus.bundled_root)
    assert store.mark_stale(Corpus(corpus.bundled_root, corpus.user_root)) == 1
    assert store.get(bookmark.id).stale and store.get(bookmark.id).texts["vi"]
    write_document(sample_document(), corpus.bundled_root)
    assert store.mark_stale(Corpus(corpus.bundled_root, corpus.user_root)) == 0
    assert not store.get(bookmark.id).stale


def test_a_store_from_a_newer_reader_is_refused_untouched(reader_home: Path) -> None:
    store = BookmarkStore()
    store.add(sample_document(), "p1s1")
    store._db.execute("PRAGMA user_version = 99")
    store.close()
    with pytest.raises(UserError, match="newer version"):
        BookmarkStore()
    assert not list(store.path.parent.glob("*.damaged-*"))
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM bookmarks").fetchone()[0] == 1
