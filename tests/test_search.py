"""Search: a table of queries and the units they must find, exact spans, filters, malformed
input, and the index lifecycle (build, incremental update, corruption, two readers)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.corpus import Corpus, write_document
from reader.model import Bead, Document, Version
from reader.search import SearchEngine

ZH = [
    ["最高人民法院與廣西高級人民法院簽署備忘錄。", "阮辉进会见了赵志军。"],
    ["谅山省人民法院代表团访问南宁。", "这起案件由广西高级人民法院审理。"],
    ["[Reuters] 报道称双方签署了合作协议。"],
]
VI = [
    [
        "Toà án nhân dân tối cao và Toà án Quảng Tây ký bản ghi nhớ.",
        "Nguyễn Huy Tiến hội kiến Triệu Chí Quân.",
    ],
    ["Đoàn Tòa án nhân dân tỉnh Lạng Sơn thăm Nam Ninh.", "Vụ án này do Tòa án cấp cao Quảng Tây xét xử."],
    ["[Reuters] đưa tin hai bên đã ký thỏa thuận hợp tác; Hòa Bình."],
]
EN = [
    [
        "The Supreme People's Court signed a memorandum with the Guangxi High People's Court.",
        "Nguyen Huy Tien met Zhao Zhijun.",
    ],
    [
        "A delegation of the Lang Son court visited Nanning.",
        "The case was heard by the Guangxi High People's Court.",
    ],
    ["[Reuters] reported that the two sides signed cooperation agreements."],
]


def document(
    doc_id: str = "search-fixture", date: str = "2024-06-12", source: str = "Báo Lạng Sơn"
) -> Document:
    beads = [Bead((i,), (i,)) for i in range(5)]
    return Document(
        id=doc_id,
        original_language="zh",
        versions={
            "zh": Version("zh", ZH),
            "vi": Version("vi", VI, "imported"),
            "en": Version("en", EN, "imported"),
        },
        titles={"zh": "测试", "en": "Search fixture"},
        date=date,
        source=source,
        alignments={"vi": beads, "en": beads},
    )


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    root = tmp_path_factory.mktemp("corpus")
    write_document(document(), root)
    write_document(document("older-doc", date="2019-03", source="China Court"), root)
    corpus = Corpus(bundled_root=root, user_root=root / ".user")
    engine = SearchEngine(corpus, tmp_path_factory.mktemp("index") / "index")
    assert "built" in engine.ensure_index()
    return engine


def units(engine: SearchEngine, query: str, **kwargs) -> set[tuple[str, str]]:
    results = engine.search(query, limit=100, **kwargs)
    assert results.message == "", results.message
    return {(hit.doc[:5], hit.unit) for hit in results.hits if hit.doc == "search-fixture"}


CASES = [
    # zh: substrings, Traditional ↔ Simplified, single characters
    ("人民法院", {"p1s1", "p2s1", "p2s2"}),
    ("最高人民法院", {"p1s1"}),
    ("廣西", {"p1s1", "p2s2"}),
    ("广西高级人民法院", {"p1s1", "p2s2"}),
    ("審理", {"p2s2"}),
    ("谅山", {"p2s1"}),
    ("阮", {"p1s2"}),
    # vi: folded, exact, NFD, tone placement
    ("toa an", {"p1s1", "p2s1", "p2s2"}),
    ("Lang Son", {"p2s1"}),
    ('"lang son"', {"p2s1"}),
    ("Hoà Bình", {"p3s1"}),
    ("hoa binh", {"p3s1"}),
    (unicodedata.normalize("NFD", "Lạng Sơn"), {"p2s1"}),
    # en: stems and phrases
    ("courts", {"p1s1", "p2s1", "p2s2"}),
    ('"people\'s court"', {"p1s1", "p2s2"}),
    ("agreement", {"p3s1"}),
    ("deleg*", {"p2s1"}),
    # cross-script names and readings
    ("Nguyễn Huy Tiến", {"p1s2"}),
    ('"phap vien"', {"p1s1", "p2s1", "p2s2"}),
    ('"fa yuan"', {"p1s1", "p2s1", "p2s2"}),
    # operators
    ("法院 NOT 广西", {"p2s1"}),
    ("Nanning OR Zhijun", {"p1s2", "p2s1"}),
    ("[Reuters]", {"p3s1"}),
]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
def test_query_finds_exactly_these_units(engine: SearchEngine, query: str, expected: set[str]) -> None:
    assert {unit for _, unit in units(engine, query)} == expected


def test_spans_are_exact_and_bigram_spans_merge(engine: SearchEngine) -> None:
    hits = {h.unit: h for h in engine.search("人民法院", lang="zh", doc="search-fixture").hits}
    text = hits["p1s1"].text["zh"]
    assert [text[s:e] for s, e in hits["p1s1"].spans] == ["人民法院", "人民法院"]
    assert hits["p1s1"].kwic[1] == "人民法院"
    vi = engine.search("toa an", lang="vi", doc="search-fixture").hits
    first = next(h for h in vi if h.unit == "p2s1")
    assert [first.text["vi"][s:e] for s, e in first.spans] == ["Tòa án"]
    assert first.text["en"] == "A delegation of the Lang Son court visited Nanning."


def test_cross_script_hits_say_how_they_matched(engine: SearchEngine) -> None:
    zh = engine.search("Nguyen Huy Tien", lang="zh", doc="search-fixture").hits
    assert [(h.unit, h.via) for h in zh] == [("p1s2", "hán-việt")]
    assert [zh[0].text["zh"][s:e] for s, e in zh[0].spans] == ["阮辉进"]
    pinyin = engine.search("zhao zhi jun", lang="zh", doc="search-fixture").hits
    assert [(h.unit, h.via) for h in pinyin] == [("p1s2", "pinyin")]
    assert {h.via for h in engine.search('"phap vien"', doc="search-fixture").hits} == {"hán-việt"}


def test_reading_matches_rank_below_direct_matches(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write_document(Document("reading", "zh", {"zh": Version("zh", [["法院审理了案件。"]])}), root)
    write_document(
        Document("direct", "vi", {"vi": Version("vi", [["Tòa án (pháp viện) xét xử vụ án."]])}), root
    )
    engine = SearchEngine(Corpus(bundled_root=root, user_root=tmp_path / "u"), tmp_path / "index")
    hits = engine.search("phap vien").hits
    assert [(h.doc, h.via) for h in hits] == [("direct", "direct"), ("reading", "hán-việt")]


def test_filters(engine: SearchEngine) -> None:
    both = engine.search("谅山", limit=50).hits
    assert {h.doc for h in both} == {"search-fixture", "older-doc"}
    assert {h.doc for h in engine.search("谅山 date:2024").hits} == {"search-fixture"}
    assert {h.doc for h in engine.search("谅山 date:2019-01..2019-12").hits} == {"older-doc"}
    assert {h.doc for h in engine.search("谅山 doc:older-doc").hits} == {"older-doc"}
    assert {h.doc for h in engine.search("谅山 source:china").hits} == {"older-doc"}
    assert {h.lang for h in engine.search("Lạng Sơn lang:en").hits} == {"en"}
    assert engine.search("court", lang="vi").hits == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        alphabet=st.sampled_from(
            list('ab 人民"*()[]:~^\\/-+!?AND OR NOT lang:date:doc:source:..Đơ\u0301\x00')
        ),
        max_size=40,
    )
)
def test_any_input_gives_results_or_a_message(engine: SearchEngine, query: str) -> None:
    results = engine.search(query)
    # The engine turns any exception into "Search failed: …": for a query, that is a bug.
    assert not results.message.startswith("Search failed"), (query, results.message)
    assert "\n" not in results.message and not (results.hits and results.message)
    assert results.total >= len(results.hits)


def test_bad_filters_get_a_clear_message(engine: SearchEngine) -> None:
    assert "lang:fr" in engine.search("x lang:fr").message
    assert "date:20x" in engine.search("x date:20x").message
    assert engine.search("   ").message


def test_incremental_update_corruption_and_deletion(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write_document(document("one"), root)
    write_document(document("two"), root)
    corpus = Corpus(bundled_root=root, user_root=tmp_path / "user")
    index_dir = tmp_path / "index"
    engine = SearchEngine(corpus, index_dir)
    assert "built" in engine.ensure_index()
    assert engine.ensure_index() == ""  # nothing changed
    changed = document("two")
    changed.versions["en"].paragraphs[2][0] = "A brand new sentence about arbitration."
    write_document(changed, root)
    corpus.reload()
    assert engine.ensure_index() == "Search index updated: 1 changed, 0 removed."
    assert {h.doc for h in engine.search("arbitration").hits} == {"two"}
    import shutil

    shutil.rmtree(root / "one")
    corpus.reload()
    assert "1 removed" in engine.ensure_index()
    assert {h.doc for h in engine.search("谅山", limit=50).hits} == {"two"}
    for path in index_dir.iterdir():  # damage every file of the index
        if path.is_file() and path.suffix != ".json":
            path.write_bytes(b"garbage")
    fresh = SearchEngine(corpus, index_dir)
    assert "damaged" in fresh.ensure_index()
    assert {h.doc for h in fresh.search("谅山").hits} == {"two"}
    shutil.rmtree(index_dir)
    again = SearchEngine(corpus, index_dir)
    assert {h.doc for h in again.search("谅山").hits} == {"two"}  # rebuilt on first need


def test_two_processes_can_search_at_once(engine: SearchEngine, tmp_path: Path, reader_home: Path) -> None:
    write_document(document(), reader_home / "data" / "corpus")
    env = {**os.environ, "READER_HOME": str(reader_home)}
    first = subprocess.run(
        [sys.executable, "-m", "reader", "search", "Lạng Sơn", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "search", "人民法院", "--json", "--limit", "50"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    for out, _ in outputs:
        hits = [json.loads(line) for line in out.splitlines()]
        mine = {h["unit"] for h in hits if h["doc"] == "search-fixture"}
        assert mine == {"p1s1", "p2s1", "p2s2"}
        assert all({"doc", "unit", "lang", "score", "spans", "text"} <= set(h) for h in hits)


def test_a_hit_is_shown_in_the_language_the_query_was_typed_in(engine: SearchEngine) -> None:
    typed = {
        q: {h.lang for h in engine.search(q, doc="search-fixture").hits}
        for q in ("Lạng Sơn", "谅山", "toa an")
    }
    assert typed["Lạng Sơn"] == {"vi"}
    assert typed["谅山"] == {"zh"}
    assert "vi" in typed["toa an"]  # unaccented: whichever language matched best


def test_readings_must_be_adjacent_characters(tmp_path: Path) -> None:
    """ "phap vien" finds 法院, not a sentence that only has 法 and 院 apart."""
    root = tmp_path / "corpus"
    write_document(Document("apart", "zh", {"zh": Version("zh", [["法律规定医院开放。"]])}), root)
    write_document(Document("together", "zh", {"zh": Version("zh", [["法院开庭。"]])}), root)
    engine = SearchEngine(Corpus(bundled_root=root, user_root=tmp_path / "u"), tmp_path / "index")
    assert [(h.doc, h.via) for h in engine.search("phap vien").hits] == [("together", "hán-việt")]
    assert [h.doc for h in engine.search("fa yuan").hits] == ["together"]


TEXTS = st.text(
    alphabet=st.sampled_from(list("法院廣西人民 ,.'-_Tòa ánLạngSơnđĐcourt's12\u0301\u3000「」")), max_size=40
)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_index_time_terms_match_the_query_analyzers(text: str) -> None:
    """Indexing skips Whoosh's token pipeline for speed; its terms and positions must be the
    ones the analyzers give queries and highlighting."""
    from whoosh.formats import Positions

    from reader.search.index import schema

    fields = schema()
    for name in ("zh", "vi", "vi_exact", "en"):
        field = fields[name]
        slow = Positions().word_values(text, field.analyzer, mode="index")
        assert sorted(field.index(text)) == sorted((t.encode(), f, w, v) for t, f, w, v in slow), name


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_highlight_spans_match_the_query_analyzers(text: str) -> None:
    from reader.search.analyzers import TERM_SPANS
    from reader.search.index import schema

    fields = schema()
    for name in ("zh", "vi", "vi_exact", "en"):
        tokens = fields[name].analyzer(text, chars=True, positions=True, mode="index")
        assert TERM_SPANS[name](text) == [(t.text, t.startchar, t.endchar) for t in tokens], name


def test_counts_are_exact_when_counting_is_quick(engine: SearchEngine) -> None:
    everything = engine.search("法院", doc="search-fixture", limit=100)
    first = engine.search("法院", doc="search-fixture", limit=1)
    assert len(everything.hits) == 3
    assert (first.total, first.estimated, len(first.hits)) == (3, False, 1)


def test_a_build_in_several_segments_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from whoosh import index

    from reader.search import index as search_index

    monkeypatch.setattr(search_index, "BATCH_UNITS", 5)  # one segment per document
    root = tmp_path / "corpus"
    for doc_id in ("a", "b", "c"):
        write_document(document(doc_id), root)
    engine = SearchEngine(Corpus(bundled_root=root, user_root=tmp_path / "u"), tmp_path / "index")
    engine.ensure_index()
    assert len(index.open_dir(str(tmp_path / "index")).reader().leaf_readers()) == 3
    hits = engine.search("人民法院", limit=100).hits
    assert sorted((h.doc, h.unit) for h in hits) == [
        (doc, unit) for doc in ("a", "b", "c") for unit in ("p1s1", "p2s1", "p2s2")
    ]
    assert engine.search("人民法院", limit=2).total == 9


def test_readings_find_characters_added_after_the_first_search(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write_document(Document("first", "zh", {"zh": Version("zh", [["法院开庭。"]])}), root)
    corpus = Corpus(bundled_root=root, user_root=tmp_path / "u")
    engine = SearchEngine(corpus, tmp_path / "index")
    engine.warm()  # no index yet: nothing to warm, and no error
    engine.ensure_index()
    engine.warm()
    assert engine.search("Nguyen Huy Tien").hits == []
    write_document(Document("later", "zh", {"zh": Version("zh", [["阮辉进会见了代表团。"]])}), root)
    corpus.reload()
    engine.ensure_index()
    assert [(h.doc, h.via) for h in engine.search("Nguyen Huy Tien").hits] == [("later", "hán-việt")]


def test_an_interrupted_update_leaves_no_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.search import index as search_index

    root = tmp_path / "corpus"
    write_document(document("one"), root)
    corpus = Corpus(bundled_root=root, user_root=tmp_path / "u")
    engine = SearchEngine(corpus, tmp_path / "index")
    engine.ensure_index()
    write_document(document("two"), root)
    write_document(document("three"), root)
    corpus.reload()
    monkeypatch.setattr(search_index, "BATCH_UNITS", 5)  # "two" is committed on its own
    real = search_index.unit_fields

    def failing(doc):
        if doc.id == "three":
            raise RuntimeError("killed")
        return real(doc)

    monkeypatch.setattr(search_index, "unit_fields", failing)
    with pytest.raises(RuntimeError):
        engine.ensure_index()
    monkeypatch.setattr(search_index, "unit_fields", real)
    assert engine.ensure_index() == "Search index updated: 2 changed, 0 removed."
    hits = engine.search("人民法院", limit=100).hits
    assert sorted((h.doc, h.unit) for h in hits) == [
        (doc, unit) for doc in ("one", "three", "two") for unit in ("p1s1", "p2s1", "p2s2")
    ]
    shutil.rmtree(root / "two")  # removed while pending: its units go too
    corpus.reload()
    engine.ensure_index()
    assert {h.doc for h in engine.search("人民法院", limit=100).hits} == {"one", "three"}


@pytest.mark.parametrize(
    "filters", ["date:2024", "date:2019-01..2019-12", "date:..2020", "doc:older-doc", "source:china"]
)
def test_filter_documents_are_whooshs(engine: SearchEngine, filters: str) -> None:
    from reader.search.query import parse_filters, with_filters
    from reader.search.ranking import Ranker

    searcher = engine._get_searcher()
    query = with_filters(None, parse_filters(filters, None, None), searcher.schema)
    expected = set(searcher.docs_for_query(query))
    assert Ranker(searcher).documents(query) == expected and expected


def test_a_two_word_query_lights_its_words_where_they_read_as_the_query() -> None:
    """Issue 19 bug 8: `toa an` lit "án Tòa án" in "Phó Chánh án Tòa án" (an extra word)."""
    from reader.search.hits import query_order, term_spans

    text = "Phó Chánh án Tòa án nhân dân tối cao"
    terms = {"toa", "an"}
    order = query_order("vi", "toa an", terms)
    assert order == ["toa", "an"]
    assert [text[a:b] for a, b in term_spans("vi", text, terms, False, order)] == ["Tòa án"]
    reversed_text = "án Tòa"  # the words without the query's order: each alone
    assert [reversed_text[a:b] for a, b in term_spans("vi", reversed_text, terms, False, order)] == [
        "án",
        "Tòa",
    ]
