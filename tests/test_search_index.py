"""The index heals: remove/re-import cycles leave no dead segments and a bounded size, and every
kind of damage (index files, the record beside them, the folder itself) is detected, rebuilt
and reported once in words, never a traceback and never the same error again."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from conftest import run_reader
from test_search import document

from reader.corpus import Corpus, write_document
from reader.model import Bead, Document, Version
from reader.search import SearchEngine
from reader.search.index import DAMAGED, META


def big_document(doc_id: str = "big", paragraphs: int = 200) -> Document:
    """800 units, each with a phrase of its own ("case number 417")."""
    en = [
        [f"Case number {p * 4 + s} was heard by the court of district {p % 9}." for s in range(4)]
        for p in range(paragraphs)
    ]
    zh = [[f"第{p * 4 + s}号案件由第{p % 9}区法院审理。" for s in range(4)] for p in range(paragraphs)]
    beads = [Bead((i,), (i,)) for i in range(paragraphs * 4)]
    versions = {"en": Version("en", en), "zh": Version("zh", zh, "imported")}
    return Document(doc_id, "en", versions, alignments={"zh": beads})


def index_size(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.iterdir() if path.is_file())


@pytest.mark.slow
def test_remove_and_reimport_cycles_keep_results_and_size(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write_document(document("keeper"), root)
    write_document(big_document(), root)
    corpus = Corpus(bundled_root=root, user_root=tmp_path / "u")
    engine = SearchEngine(corpus, tmp_path / "index")
    engine.ensure_index()
    fresh = index_size(tmp_path / "index")
    for cycle in range(4):
        shutil.rmtree(root / "big")
        corpus.reload()
        assert "1 removed" in engine.ensure_index()
        assert engine.search('"case number 417"').hits == []
        write_document(big_document(), root)
        corpus.reload()
        assert "1 changed" in engine.ensure_index()
        found = engine.search('"case number 417"')
        assert [(h.doc, h.unit) for h in found.hits] == [("big", "p105s2")], cycle
        assert (found.total, found.estimated) == (1, False)
        everything = engine.search("court", limit=1000)
        assert len(everything.hits) == 800 + 3, cycle
        assert index_size(tmp_path / "index") <= 2 * fresh, cycle


def _build(tmp_path: Path) -> tuple[Corpus, Path]:
    root = tmp_path / "corpus"
    write_document(document("one"), root)
    corpus = Corpus(bundled_root=root, user_root=tmp_path / "u")
    index_dir = tmp_path / "cache" / "index"
    SearchEngine(corpus, index_dir).ensure_index()
    return corpus, index_dir


def _files(index_dir: Path, suffix: str) -> list[Path]:
    return sorted(p for p in index_dir.iterdir() if p.name.endswith(suffix))


def _overwrite(path: Path, data: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.seek(len(data) // 4)
        handle.write(data)


def _later(path: Path) -> None:
    """Damage happens after the index was written: move its mtime on, whatever the clock's grain."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def damage(kind: str, index_dir: Path) -> None:
    rng = random.Random(kind)
    if kind == "random bytes in .trm":
        for path in _files(index_dir, ".trm"):
            _overwrite(path, rng.randbytes(path.stat().st_size // 2))
            _later(path)
    elif kind == "random bytes in _stored.col":
        for path in _files(index_dir, "_stored.col"):
            _overwrite(path, rng.randbytes(path.stat().st_size // 2))
            _later(path)
    elif kind == "zeros in _stored.col":
        for path in _files(index_dir, "_stored.col"):
            _overwrite(path, bytes(path.stat().st_size // 2))
            _later(path)
    elif kind == ".col files deleted":
        for path in _files(index_dir, ".col"):
            path.unlink()
    elif kind.startswith("record holding "):
        (index_dir / META).write_text(kind.removeprefix("record holding "))
    elif kind == "a symlink to itself":
        shutil.rmtree(index_dir)
        index_dir.symlink_to(index_dir)
    elif kind == "a file":
        shutil.rmtree(index_dir)
        index_dir.write_text("not an index")
    else:
        raise AssertionError(kind)


DAMAGE = [
    "random bytes in .trm",
    "random bytes in _stored.col",
    "zeros in _stored.col",
    ".col files deleted",
    "record holding null",
    "record holding []",
    'record holding {"version": 7, "docs": [1, 2], "stamps": {}, "files": {}}',
    'record holding {"version": 7, "docs": {"one": 1}, "stamps": {}, "files": {}}',
    "record holding {not json",
    "a symlink to itself",
    "a file",
]


@pytest.mark.parametrize("kind", DAMAGE)
def test_damage_is_detected_rebuilt_and_said_once(tmp_path: Path, kind: str) -> None:
    corpus, index_dir = _build(tmp_path)
    damage(kind, index_dir)
    engine = SearchEngine(corpus, index_dir)
    message = engine.ensure_index()
    assert message.startswith(DAMAGED), message
    assert index_dir.is_dir() and not index_dir.is_symlink()
    assert {h.unit for h in engine.search("人民法院").hits} == {"p1s1", "p2s1", "p2s2"}
    assert engine.ensure_index() == ""  # healed: said once, not forever
    assert SearchEngine(corpus, index_dir).ensure_index() == ""


@pytest.mark.parametrize(
    "kind", ["zeros in _stored.col", "random bytes in _stored.col", ".col files deleted"]
)
def test_a_search_that_meets_damage_rebuilds_and_answers(tmp_path: Path, kind: str) -> None:
    """Damage the record cannot see (the files' sizes and times kept) still heals at search time."""
    corpus, index_dir = _build(tmp_path)
    times = {p: p.stat().st_mtime_ns for p in index_dir.iterdir()}
    damage(kind, index_dir)
    for path, mtime in times.items():
        if path.exists():
            os.utime(path, ns=(mtime, mtime))
    engine = SearchEngine(corpus, index_dir)
    results = engine.search("人民法院")
    assert results.message == ""
    assert results.notice.startswith(DAMAGED)
    assert {h.unit for h in results.hits} == {"p1s1", "p2s1", "p2s2"}
    again = engine.search("人民法院")
    assert (again.notice, len(again.hits)) == ("", 3)


def test_a_symlink_to_a_folder_is_followed(tmp_path: Path) -> None:
    corpus, index_dir = _build(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(index_dir, elsewhere)
    index_dir.symlink_to(elsewhere)
    engine = SearchEngine(corpus, index_dir)
    assert engine.ensure_index() == ""
    assert len(engine.search("人民法院").hits) == 3
    assert index_dir.is_symlink()


def test_a_touched_document_is_not_reindexed(tmp_path: Path) -> None:
    corpus, index_dir = _build(tmp_path)
    for path in (tmp_path / "corpus" / "one").iterdir():
        os.utime(path)  # new stamp, same content
    engine = SearchEngine(corpus, index_dir)
    assert engine.ensure_index() == ""
    record = json.loads((index_dir / META).read_text())
    assert set(record["stamps"]) == {"one"}


def test_the_cli_says_damaged_in_one_line(tmp_path: Path, reader_home: Path) -> None:
    write_document(document("one"), reader_home / "data" / "corpus")
    assert run_reader(reader_home, "search", "人民法院").returncode == 0
    damage("record holding null", reader_home / "cache" / "index")
    result = run_reader(reader_home, "search", "人民法院", "--json")
    assert result.returncode == 0, result.stderr
    assert DAMAGED in result.stderr and "Traceback" not in result.stderr
    assert len([line for line in result.stdout.splitlines() if '"doc": "one"' in line]) == 3
    result = run_reader(reader_home, "search", "人民法院", "--json")
    assert DAMAGED not in result.stderr


@pytest.mark.slow
def test_a_parallel_build_finds_what_a_single_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import index as search_index

    root = tmp_path / "corpus"
    for doc_id in ("a", "b", "c"):
        write_document(document(doc_id), root)
    write_document(big_document(), root)
    corpus = Corpus(bundled_root=root, user_root=tmp_path / "u")
    single = SearchEngine(corpus, tmp_path / "single")
    single.ensure_index()
    monkeypatch.setattr(search_index, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(search_index, "PARALLEL_PARTS", 2)
    parallel = SearchEngine(corpus, tmp_path / "parallel")
    assert parallel.ensure_index().startswith("Search index built (4 documents)")
    assert len(list((tmp_path / "parallel").glob("*.trm"))) == 2  # one segment per process
    assert sorted(p.name for p in (tmp_path / "parallel").iterdir() if p.is_dir()) == []
    for query in ("人民法院", "court", '"case number 417"', "toa an"):
        ours = parallel.search(query, limit=1000)
        theirs = single.search(query, limit=1000)
        assert sorted((h.doc, h.unit) for h in ours.hits) == sorted((h.doc, h.unit) for h in theirs.hits)
        assert ours.total == theirs.total > 0
    shutil.rmtree(root / "b")
    corpus.reload()
    assert "1 removed" in parallel.ensure_index()
    assert {h.doc for h in parallel.search("人民法院", limit=100).hits} == {"a", "c"}
    assert SearchEngine(corpus, tmp_path / "parallel").ensure_index() == ""


def test_a_failure_that_a_rebuild_does_not_cure_is_reported_not_looped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import engine as search_engine

    corpus, index_dir = _build(tmp_path)
    engine = SearchEngine(corpus, index_dir)

    def broken(*args, **kwargs):
        raise ValueError("a bug, not damage")

    monkeypatch.setattr(search_engine, "build_hit", broken)
    rebuilds = []
    real = engine.manager.ensure
    monkeypatch.setattr(engine.manager, "ensure", lambda *a, **k: rebuilds.append(k) or real(*a, **k))
    first = engine.search("人民法院")
    assert first.message == "Search failed even on a rebuilt index: a bug, not damage"
    second = engine.search("人民法院")
    assert second.message == "Search failed: a bug, not damage"
    assert len(rebuilds) == 1
