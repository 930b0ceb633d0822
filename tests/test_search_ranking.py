"""Exact ranking: a page is the true top of the ranking, never the best of the first documents
scored, and the count beside it is exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_reader

from reader.corpus import Corpus, write_document
from reader.model import Bead, Document, Version
from reader.search import SearchEngine

FILLER = "The delegation discussed trade, transport, tourism, education and culture at length"


def doc(doc_id: str, sentences: list[tuple[str, str]]) -> Document:
    en = [[e for e, _ in sentences]]
    zh = [[z for _, z in sentences]]
    beads = [Bead((i,), (i,)) for i in range(len(sentences))]
    return Document(
        doc_id, "en", {"en": Version("en", en), "zh": Version("zh", zh, "imported")}, alignments={"zh": beads}
    )


def write_corpus(root: Path) -> None:
    """1,500 weak matches first (one "court" in a long sentence), then 30 strong ones."""
    for d in range(15):
        write_document(
            doc(
                f"a-weak-{d:02d}",
                [
                    (
                        f"{FILLER}; the court met on day {d * 100 + i}.",
                        f"代表团讨论了贸易、交通和法院第{i}项。",
                    )
                    for i in range(100)
                ],
            ),
            root,
        )
    strong = [
        (f"Court {i}: the court and the court of appeal.", f"法院{i}：法院与上诉法院。") for i in range(30)
    ]
    write_document(doc("z-strong", strong), root)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    root = tmp_path_factory.mktemp("ranking")
    write_corpus(root / "corpus")
    engine = SearchEngine(Corpus(bundled_root=root / "corpus", user_root=root / "u"), root / "index")
    engine.ensure_index()
    return engine


@pytest.mark.parametrize("query", ["court", "法院", "court appeal", '"the court"'])
def test_a_page_is_the_top_of_the_full_ranking(engine: SearchEngine, query: str) -> None:
    page = engine.search(query, limit=20)
    full = engine.search(query, limit=500)
    assert [(h.doc, h.unit) for h in page.hits] == [(h.doc, h.unit) for h in full.hits[:20]]
    assert len(page.hits) == 20


def test_the_best_matches_come_first_wherever_they_are(engine: SearchEngine) -> None:
    page = engine.search("court", limit=20)
    assert {h.doc for h in page.hits} == {"z-strong"}
    scores = [h.score for h in page.hits]
    assert scores == sorted(scores, reverse=True)


def test_counts_are_exact(engine: SearchEngine) -> None:
    for query, expected in (("court", 1530), ("appeal", 30), ('"court of appeal"', 30), ("法院", 1530)):
        results = engine.search(query, limit=5)
        assert (results.total, results.estimated) == (expected, False), query


@pytest.mark.slow
def test_cli_limit_20_is_the_first_20_of_limit_500(tmp_path: Path, reader_home: Path) -> None:
    write_corpus(reader_home / "data" / "corpus")
    first = run_reader(reader_home, "search", "court", "--json", "--limit", "20")
    full = run_reader(reader_home, "search", "court", "--json", "--limit", "500")
    assert first.returncode == full.returncode == 0, first.stderr + full.stderr
    page = first.stdout.splitlines()
    assert len(page) == 20 and page == full.stdout.splitlines()[:20]


@pytest.mark.parametrize(
    "query",
    [
        "court",
        "法院",
        "court appeal",
        '"the court"',
        "court NOT appeal",
        "法院 OR 上诉",
        '"court of appeal"',
        "day",
    ],
)
def test_the_fast_ranker_scores_as_whoosh_does(engine: SearchEngine, query: str) -> None:
    """Every match and its score, against Whoosh's own collector over the same query (after a
    deletion, so dead documents and several segments are covered)."""
    from reader.search.query import parse_filters, user_query
    from reader.search.ranking import Ranker

    searcher = engine._get_searcher()
    parsed = parse_filters(query, None, None)
    built = user_query(parsed, searcher, engine._exists)
    ours = Ranker(searcher).rank(built, None, 10_000)
    theirs = searcher.search(built, limit=None)
    assert ours.total == len(theirs) > 0
    expected = {hit.docnum: hit.score for hit in theirs}
    assert {doc for doc, _ in ours.top} == set(expected)
    for doc, score in ours.top:
        assert score == pytest.approx(expected[doc], rel=1e-9)


def test_the_fast_ranker_skips_deleted_units(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "corpus"
    write_corpus(root)
    corpus = Corpus(bundled_root=root, user_root=tmp_path / "u")
    engine = SearchEngine(corpus, tmp_path / "index")
    engine.ensure_index()
    shutil.rmtree(root / "a-weak-03")  # 100 of 1,530 units: deleted in place, not rewritten
    corpus.reload()
    engine.ensure_index()
    results = engine.search("court", limit=2000)
    assert results.total == len(results.hits) == 1430
    assert "a-weak-03" not in {h.doc for h in results.hits}
