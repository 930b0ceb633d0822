"""The link store's stamp (a changed readings table links everything again), its worker
processes (the same links as one process), and how renderings are cut out of the links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import sample_document

from reader import readings
from reader.links import store as store_module
from reader.links.renderings import whole_words, with_pivot
from reader.links.store import LinkStore, UnitRow


def _rows(store: LinkStore) -> list[tuple]:
    return store.db.execute("SELECT doc, unit, links FROM units ORDER BY doc, ord").fetchall()


def test_a_changed_readings_table_links_everything_again(
    make_corpus, reader_home, tmp_path, monkeypatch
) -> None:
    corpus = make_corpus(sample_document())
    store = LinkStore(tmp_path / "links.sqlite")
    assert "1 documents linked" in store.ensure(corpus)
    assert store.ensure(corpus) == ""
    store.close()
    table = tmp_path / "hanviet.tsv"
    table.write_bytes(readings.DATA_PATH.read_bytes() + "\u4e00\tnhất\t*\n".encode())
    monkeypatch.setattr(readings, "DATA_PATH", table)
    readings.data_hash.cache_clear()
    try:
        reopened = LinkStore(tmp_path / "links.sqlite")
        assert "1 documents linked" in reopened.ensure(corpus)
        reopened.close()
    finally:
        readings.data_hash.cache_clear()


def test_worker_processes_make_the_same_links_as_one(make_corpus, reader_home, tmp_path, monkeypatch) -> None:
    corpus = make_corpus(sample_document("doc-a"), sample_document("doc-b"), sample_document("doc-c"))
    monkeypatch.setenv("READER_LINK_WORKERS", "1")
    one = LinkStore(tmp_path / "one.sqlite")
    one.ensure(corpus)
    monkeypatch.setenv("READER_LINK_WORKERS", "2")
    monkeypatch.setattr(store_module, "PARALLEL_FROM", 0)
    assert store_module.worker_count(corpus, ["doc-a", "doc-b", "doc-c"]) == 2
    several = LinkStore(tmp_path / "several.sqlite")
    several.ensure(corpus)
    assert _rows(one) == _rows(several) and len(_rows(one)) > 3
    one.close()
    several.close()


def test_a_span_widens_to_a_word_only_where_it_cuts_one() -> None:
    text = "ứng dụng công nghệ thông tin và nền tảng"
    start = text.index("công")
    # "dụng công" is a word, but the span starts with one (công nghệ): it stays
    assert whole_words(text, start, text.index(" và"), "vi") == (start, text.index(" và"))
    cut = text.index("dụng")  # "dụng" alone cuts through "ứng dụng"
    assert whole_words(text, cut, cut + len("dụng"), "vi") == (0, cut + len("dụng"))
    name = "Ông Hoàng Hải Long, Chánh án"
    assert whole_words(name, 4, 18, "vi") == (4, 18)  # not "Ông Hoàng", a word too


def test_a_rendering_is_completed_through_the_third_language() -> None:
    texts = {"zh": "调解员", "vi": "hòa giải viên", "en": "mediators"}
    links = {"zh-vi": [(0, 2, 0, 8), (2, 3, 9, 13)], "zh-en": [(0, 3, 0, 9)], "vi-en": [(0, 8, 0, 9)]}
    row = UnitRow("d", "u", 0, texts, json.loads(json.dumps(links)))
    pieces = {"zh": [(0, 3)], "vi": [(0, 8)]}
    assert sorted(with_pivot(row, "en", "vi", pieces)) == [(0, 8), (9, 13)]
    # nothing direct: the third language's counterpart fills it
    assert with_pivot(row, "en", "vi", {"zh": [(0, 3)]}) == [(0, 8), (9, 13)]
    # no third language: the direct pieces alone
    lone = UnitRow("d", "u", 0, {"vi": texts["vi"], "en": texts["en"]}, links)
    assert with_pivot(lone, "en", "vi", {"vi": [(0, 8)]}) == [(0, 8)]


@pytest.mark.parametrize("name", ["cedict", "vietnamese"])
def test_word_sets_are_kept_in_the_cache_dir(reader_home: Path, name: str) -> None:
    from reader.links import lexicon

    loader = {"cedict": lexicon.cedict_words, "vietnamese": lexicon.vietnamese_words}[name]
    loader.cache_clear()
    words = loader()
    kept = next((reader_home / "cache").glob(f"words-{name}.marshal"))
    loader.cache_clear()
    assert loader() == words and len(words) > 10_000
    import marshal

    kept.write_bytes(marshal.dumps(("stale stamp", frozenset(["xyz"]))))
    loader.cache_clear()
    assert loader() == words  # a stale file is made again, not read
    kept.write_bytes(b"not marshal data")
    loader.cache_clear()
    assert loader() == words  # nor is a broken one


def test_a_changed_document_gets_the_links_a_full_build_gives(make_corpus, reader_home, tmp_path) -> None:
    from reader.corpus import write_document

    corpus = make_corpus(*(sample_document(f"doc-{n}") for n in range(4)))
    store = LinkStore(tmp_path / "kept.sqlite")
    store.ensure(corpus)
    doc = corpus.get("doc-2")
    doc.versions["en"].paragraphs[0][0] = (
        "A delegation of the Supreme People's Court of Vietnam went to Guangxi."
    )
    write_document(doc, tmp_path / "bundled")
    corpus.reload()
    assert "1 documents linked" in store.ensure(corpus)
    fresh = LinkStore(tmp_path / "fresh.sqlite")
    assert "4 documents linked" in fresh.ensure(corpus)
    assert _rows(store) == _rows(fresh)
    store.close()
    fresh.close()


def _found(store: LinkStore, term: str, lang: str) -> list[tuple]:
    return [(row.doc, row.unit, spans) for row, spans in store.find(term, lang)]


TERMS = [
    ("法院", "zh"),
    ("最高人民法院", "zh"),
    ("院", "zh"),
    ("court", "en"),
    ("Supreme People's Court", "en"),
    ("people's", "en"),
    ("ourt", "en"),  # inside a word: found by neither
    ("Tòa án", "vi"),
    ("toa an", "vi"),
    ("Quảng Tây", "vi"),
    ("án", "vi"),
    ("ASEAN", "en"),
]


def test_the_word_index_finds_exactly_what_a_scan_finds(make_corpus, reader_home, tmp_path) -> None:
    """`find` looks terms up in the full-text index; the same store read by a scan of every row
    (as without FTS5) finds the same units and spans, also after a document changes or goes."""
    from reader.corpus import write_document

    corpus = make_corpus(*(sample_document(f"doc-{n}") for n in range(3)))
    store = LinkStore(tmp_path / "links.sqlite")
    store.ensure(corpus)

    def compare() -> int:
        assert store._indexed
        indexed = {term: _found(store, term, lang) for term, lang in TERMS}
        store._indexed = False
        try:
            scanned = {term: _found(store, term, lang) for term, lang in TERMS}
        finally:
            store._indexed = True
        assert indexed == scanned
        assert indexed["ourt"] == []
        return sum(len(found) for found in indexed.values())

    before = compare()
    assert before > 10
    doc = corpus.get("doc-1")
    doc.versions["en"].paragraphs[0][0] = "The court of Guangxi met the Supreme People's Court."
    write_document(doc, tmp_path / "bundled")
    import shutil

    shutil.rmtree(tmp_path / "bundled" / "doc-2")
    corpus.reload()
    assert "1 documents linked, 1 removed" in store.ensure(corpus)
    after = compare()
    assert 0 < after < before
    # the index holds the remaining units' words only: a word of the removed document is gone
    count = store.db.execute(
        "SELECT count(*) FROM unit_words WHERE unit_words MATCH 'en : court'"
    ).fetchone()[0]
    assert count == len(
        {unit for unit in store.db.execute("SELECT doc, unit FROM units WHERE instr(en_a, 'court')")}
    )
    store.close()


def test_chinese_spans_widen_to_words_only_where_every_cut_says_so() -> None:
    def widened(text: str, piece: str) -> str:
        start = text.index(piece)
        a, b = whole_words(text, start, start + len(piece), "zh")
        return text[a:b]

    assert widened("中越边境地区省级法院研讨会于6月", "讨会") == "研讨会"
    assert widened("自2023年2月13日起开展试点", "试点") == "试点"  # 起开 is a word, 日起|开展|试点 a cut too
    assert widened("缔约国中央机关提交", "中央") == "中央"  # not 国中央 (国中 is a word)
    assert widened("在统一的在线服务平台上完成", "服务平台") == "服务平台"  # not 平台上
    assert widened("北京市人民检察院", "北京") == "北京"  # a word already


def test_a_neighbour_linked_to_other_words_of_the_term_text_is_not_part_of_its_rendering() -> None:
    texts = {"en": "exchange gifts", "zh": "互赠礼品", "vi": "tặng quà"}
    links = {
        "zh-en": [(0, 2, 0, 8), (2, 4, 9, 14)],  # 互赠 ↔ exchange, 礼品 ↔ gifts
        "vi-en": [(0, 8, 9, 14)],  # tặng quà ↔ gifts
        "zh-vi": [(0, 2, 0, 4), (2, 4, 5, 8)],  # 互赠 ↔ tặng, 礼品 ↔ quà
    }
    row = UnitRow("d", "u", 0, texts, json.loads(json.dumps(links)))
    gifts = (9, 14)
    pieces = {"zh": [(2, 4)], "vi": [(0, 8)]}  # through vi: 互赠 and 礼品
    assert with_pivot(row, "en", "zh", pieces, gifts) == [(2, 4)]
    # without the term's span (older callers) the neighbour still joins
    assert sorted(with_pivot(row, "en", "zh", pieces)) == [(0, 2), (2, 4)]


def test_a_rendering_crosses_an_and_only_when_the_term_has_one() -> None:
    from reader.links.renderings import has_conjunction, rendering_span

    text = "public interest litigation and procuratorial work"
    pieces = [(0, 26), (31, 44)]
    assert rendering_span(text, pieces, "en", conjunction=False) == (0, 26)
    assert rendering_span(text, pieces, "en", conjunction=True) == (0, 44)
    assert has_conjunction("诉讼和检察", "zh") and has_conjunction("Political and Legal", "en")
    assert not has_conjunction("公益诉讼", "zh") and not has_conjunction("Candor", "en")


def test_an_unlinked_word_of_the_term_takes_the_unlinked_word_beside_its_rendering() -> None:
    from reader.links.renderings import rendering_in

    texts = {"en": "procedural reform", "vi": "cải cách tố tụng"}
    links = {"vi-en": [(0, 8, 11, 17)]}  # cải cách ↔ reform; procedural and tố tụng unlinked
    assert rendering_in(texts, links, "en", (0, 17), "vi") == "cải cách tố tụng"
    assert rendering_in(texts, links, "en", (11, 17), "vi") == "cải cách"  # the term has no free word
    # a neighbour linked to another word of the term's text translates that word: it stays out
    texts = {"en": "procedural reform of litigation", "vi": "cải cách tố tụng"}
    links = {"vi-en": [(0, 8, 11, 17), (9, 16, 21, 31)]}
    assert rendering_in(texts, links, "en", (0, 17), "vi") == "cải cách"


def test_an_english_term_is_found_in_its_inflections() -> None:
    from reader.links.store import english_pattern

    pattern = english_pattern("supreme people's court")
    assert pattern is not None
    text = "the supreme people's courts met; supreme people's court's staff; supreme people's courtyard"
    assert [text[a:b] for a, b in (m.span() for m in pattern.finditer(text))] == [
        "supreme people's courts",
        "supreme people's court's",
    ]
    policies = english_pattern("policies")
    assert policies is not None and {m.group() for m in policies.finditer("a policy, two policies")} == {
        "policy",
        "policies",
    }
    assert english_pattern("of") is None  # nothing to inflect: looked up as typed


def test_court_and_courts_find_the_same_units(make_corpus, reader_home, tmp_path) -> None:
    corpus = make_corpus(sample_document())
    store = LinkStore(tmp_path / "links.sqlite")
    store.ensure(corpus)
    court = _found(store, "court", "en")
    assert court and court == _found(store, "courts", "en") == _found(store, "COURT", "en")
    store.close()
