"""Hostile queries: each gives results or one line saying what to change, never an internal error
text, a traceback or markup; long queries and wide wildcards are refused before they cost."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import run_reader
from test_search import document

from reader.corpus import Corpus, write_document
from reader.search import SearchEngine
from reader.search.query import MAX_CHARS, MAX_DEPTH, MAX_EXPANSION


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    root = tmp_path_factory.mktemp("queries")
    write_document(document("one"), root / "corpus")
    engine = SearchEngine(Corpus(bundled_root=root / "corpus", user_root=root / "u"), root / "index")
    engine.ensure_index()
    return engine


OPERATOR_SOUPS = [
    " ".join(words)
    for words in (
        ["NOT"] * 3,
        ["NOT", "NOT"],
        ["NOT", "NOT", "court"],
        ["AND", "NOT", "NOT"],
        ["OR", "NOT", "NOT", "NOT"],
        ["NOT"] * 20,
        ["court", "NOT", "NOT", "NOT"],
    )
]
INTERNAL = ("list index", "recursion", "codec", "Traceback", "Error", "object", "NoneType")


@pytest.mark.parametrize(
    "query",
    [
        *OPERATOR_SOUPS,
        "(" * 1000 + "court" + ")" * 1000,
        "(" * (MAX_DEPTH + 1) + "court",
        "\ud800court\udfff",
        "法院 " * 10_000,
        "a* " * 20_000,
        "*",
        "?",
        "x" * (MAX_CHARS + 1),
    ],
    ids=lambda q: repr(q[:20]),
)
def test_a_hostile_query_gets_one_plain_line(engine: SearchEngine, query: str) -> None:
    start = time.perf_counter()
    results = engine.search(query)
    assert time.perf_counter() - start < 2.0
    text = results.message
    assert "\n" not in text and not any(word in text for word in INTERNAL), text


def test_lone_surrogates_are_dropped_not_fatal(engine: SearchEngine) -> None:
    assert {h.unit for h in engine.search("\ud800人民法院").hits} == {"p1s1", "p2s1", "p2s2"}


def test_limits_say_what_to_change(engine: SearchEngine) -> None:
    assert f"at most {MAX_CHARS}" in engine.search("法院 " * 200).message
    assert f"at most {MAX_DEPTH} levels" in engine.search("(" * 50 + "a" + ")" * 50).message
    assert "AND/OR/NOT" in engine.search("NOT NOT NOT").message
    assert "add some letters" in engine.search("*").message


def test_a_wildcard_standing_for_too_many_words_is_refused(tmp_path: Path) -> None:
    from reader.model import Document, Version

    words = " ".join(f"ab{i:04d}" for i in range(MAX_EXPANSION + 5))
    root = tmp_path / "corpus"
    write_document(Document("wide", "en", {"en": Version("en", [[words + "."]])}), root)
    engine = SearchEngine(Corpus(bundled_root=root, user_root=tmp_path / "u"), tmp_path / "index")
    assert f"more than {MAX_EXPANSION} words" in engine.search("ab*").message
    assert [h.doc for h in engine.search("ab001*").hits] == ["wide"]  # narrower: searched


def test_query_text_is_never_markup_or_control_codes(tmp_path: Path, reader_home: Path) -> None:
    write_document(document("one"), reader_home / "data" / "corpus")
    assert run_reader(reader_home, "search", "x").returncode == 0  # builds the index
    result = run_reader(reader_home, "search", "x date:[red]\x1b[31mbad")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert "date:[red]bad is not" in result.stderr
    found = run_reader(reader_home, "search", "[Reuters]")
    assert "[«Reuters»]" in found.stdout  # brackets shown as typed in the text, not as markup


def test_a_query_of_only_very_common_words_is_refused_with_a_reason(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import query

    assert engine.search("court OR the").hits  # under the limit: searched
    monkeypatch.setattr(query, "MAX_POSTINGS", 3)
    message = engine.search("court OR the").message
    assert message.startswith("that query reads ") and "add a rarer word" in message
    assert engine.search('"人民法院"').message.startswith("that query reads ")  # phrases count too
