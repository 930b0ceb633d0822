"""Word links: which words translate which inside an aligned unit, the renderings concordance and
its exports, the store's incremental updates, and `reader renderings`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_reader, sample_document

from reader.links import counterparts
from reader.links.linker import link_unit
from reader.links.renderings import group_key, renderings, to_csv, to_tbx
from reader.links.spans import counterparts_in
from reader.links.store import LinkStore

UNIT = {
    "zh": "应中国最高人民检察院检察长应勇的邀请，越南最高人民检察院检察长阮辉进已率团于2月17日至18日对中国北京进行工作访问。",
    "vi": "Nhận lời mời của Viện trưởng Viện kiểm sát nhân dân tối cao Trung Quốc Ứng Dũng, Viện trưởng Viện "
    "kiểm sát nhân dân tối cao Việt Nam Nguyễn Huy Tiến đã dẫn đầu đoàn công tác thăm làm việc tại Bắc Kinh, "
    "Trung Quốc từ ngày 17 đến 18/2.",
    "en": "At the invitation of Ying Yong, Procurator-General of the Supreme People's Procuratorate of China, "
    "Nguyen Huy Tien, Chief Procurator of the Supreme People's Procuracy of Vietnam, led a delegation on a "
    "working visit to Beijing, China, from February 17 to 18.",
}


@pytest.fixture(scope="module")
def links() -> dict:
    return link_unit(UNIT)


def _other(links: dict, lang: str, term: str, other: str, nth: int = 0) -> list[str]:
    start = -1
    for _ in range(nth + 1):
        start = UNIT[lang].index(term, start + 1)
    found = counterparts_in(links, UNIT, lang, [(start, start + len(term))])
    return [UNIT[other][a:b] for a, b in found[other]]


def test_sino_vietnamese_readings_match_in_reversed_order(links: dict) -> None:
    assert _other(links, "zh", "最高人民检察院", "vi") == ["Viện kiểm sát nhân dân tối cao"]
    assert _other(links, "vi", "Viện kiểm sát nhân dân tối cao", "zh") == ["最高人民检察院"]
    assert _other(links, "zh", "人民", "vi") == ["nhân dân"]


def test_names_in_every_script(links: dict) -> None:
    assert _other(links, "zh", "阮辉进", "vi") == ["Nguyễn Huy Tiến"]
    assert _other(links, "zh", "阮辉进", "en") == ["Nguyen Huy Tien"]
    assert _other(links, "zh", "应勇", "vi") == ["Ứng Dũng"]  # 应 of 应…邀请 does not take Ứng
    assert _other(links, "zh", "应勇", "en") == ["Ying Yong"]
    assert _other(links, "vi", "Nguyễn Huy Tiến", "en") == ["Nguyen Huy Tien"]
    assert _other(links, "zh", "北京", "en") == ["Beijing"]


def test_dictionary_glosses_and_numbers(links: dict) -> None:
    # Both occurrences find a whole rendering (which occurrence takes which is not reliable yet:
    # the English names the two procuracies in the other order).
    both = _other(links, "zh", "最高人民检察院", "en", 0) + _other(links, "zh", "最高人民检察院", "en", 1)
    assert sorted(both) == ["Supreme People's Procuracy", "Supreme People's Procuratorate"]
    assert _other(links, "zh", "邀请", "en") == ["invitation"]
    assert _other(links, "zh", "17", "vi") == ["17"]
    assert _other(links, "zh", "2月", "en") == ["February"]


def test_vietnamese_and_english_through_lexicon_and_names() -> None:
    texts = {
        "vi": "Tòa án nhân dân tỉnh Lạng Sơn đã ký bản ghi nhớ.",
        "en": "The People's Court of Lang Son province signed a memorandum.",
    }
    found = link_unit(texts)
    court = counterparts_in(found, texts, "vi", [(0, 6)])["en"]
    assert [texts["en"][a:b] for a, b in court] == ["Court"]
    place = texts["vi"].index("Lạng Sơn")
    assert [texts["en"][a:b] for a, b in counterparts_in(found, texts, "vi", [(place, place + 8)])["en"]] == [
        "Lang Son"
    ]


def test_renderings_group_case_tone_placement_and_inflection() -> None:
    assert group_key("Hòa bình", "vi") == group_key("hoà bình.", "vi")
    assert group_key("Courts", "en") == group_key("court", "en")
    assert group_key("Supreme People’s Court", "en") == group_key("supreme people's courts", "en")
    assert group_key("Tòa án", "vi") != group_key("tòa an", "vi")


@pytest.fixture
def store(make_corpus, reader_home: Path) -> tuple[LinkStore, object]:
    corpus = make_corpus(sample_document())
    store = LinkStore()
    assert "1 documents linked" in store.ensure(corpus)
    yield store, corpus
    store.close()


def test_store_links_once_and_again_only_for_changed_documents(store, tmp_path: Path) -> None:
    links, corpus = store
    assert links.ensure(corpus) == ""
    from reader.corpus import write_document

    other = sample_document("second-doc")
    write_document(other, tmp_path / "bundled")
    corpus.reload()
    assert "1 documents linked, 0 removed" in links.ensure(corpus)
    doc = corpus.get("sample-court-visit")
    doc.versions["en"].paragraphs[0][0] = "A delegation of the Supreme People's Court visited Guangxi."
    write_document(doc, tmp_path / "bundled")
    corpus.reload()
    assert "1 documents linked, 0 removed" in links.ensure(corpus)


def test_concordance_and_exports(store) -> None:
    links, _ = store
    found = renderings(links, "法院", "zh")
    assert found.occurrences == 1
    assert [r.text for r in found.renderings["vi"]] == ["Tòa án"]
    assert [r.text for r in found.renderings["en"]] == ["Court"]
    assert found.renderings["en"][0].to_json() == {
        "lang": "en",
        "rendering": "Court",
        "count": 1,
        "units": [{"doc": "sample-court-visit", "unit": "p1s1"}],
    }
    csv_text = to_csv(found)
    assert csv_text.splitlines()[0] == "term_lang,term,lang,rendering,count,units"
    assert "zh,法院,vi,Tòa án,1,sample-court-visit/p1s1" in csv_text
    from translate.storage import tbx

    parsed = tbx.tbxfile.parsestring(to_tbx(found).encode("utf-8"), sourcelanguage="zh", targetlanguage="vi")
    assert parsed.units and "法院" in parsed.units[0].source
    [vi] = parsed.units[0].get_target_terms("vi")
    assert vi.text == "Tòa án" and vi.administrative_status == "admittedTerm-admn-sts"


def test_both_tbx_exports_share_one_writer(store, monkeypatch) -> None:
    from reader.terms import export, tbx

    links, _ = store
    calls = []
    real = tbx.write_tbx
    monkeypatch.setattr(
        tbx, "write_tbx", lambda concepts, **kw: calls.append(kw["title"]) or real(concepts, **kw)
    )
    monkeypatch.setattr(export, "write_tbx", tbx.write_tbx)
    to_tbx(renderings(links, "法院", "zh"))
    export.render_tbx([])
    assert calls == ["reader renderings", "reader glossary"]


def test_csv_never_holds_a_formula(store) -> None:
    links, _ = store
    found = renderings(links, "法院", "zh")
    found.renderings["en"][0].spellings = type(found.renderings["en"][0].spellings)({"=HYPERLINK(1)": 1})
    assert "'=HYPERLINK(1)" in to_csv(found)


def test_counterparts_from_the_store_or_computed(store) -> None:
    _, corpus = store
    unit = corpus.get("sample-court-visit").units[0]
    start = unit.text["zh"].index("最高人民法院")
    found = counterparts(unit.text, "zh", [(start, start + 6)])
    assert [unit.text["en"][a:b] for a, b in found["en"]] == ["Supreme People's Court"]
    assert [unit.text["vi"][a:b] for a, b in found["vi"]] == ["Tòa án nhân dân tối cao"]
    unknown = {"zh": "法院。", "en": "The court."}
    assert counterparts(unknown, "zh", [(0, 2)], compute_missing=False) == {}
    assert counterparts(unknown, "zh", [(0, 2)]) == {"en": [(4, 9)]}


@pytest.mark.slow
def test_renderings_command_prints_json_lines(reader_home: Path) -> None:
    done = run_reader(reader_home, "renderings", "Viện kiểm sát nhân dân tối cao", "--json")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert {row["lang"] for row in rows} == {"zh", "en"}
    top = {lang: next(r for r in rows if r["lang"] == lang) for lang in ("zh", "en")}
    assert top["zh"]["rendering"] == "最高人民检察院"
    assert set(top["zh"]) == {"lang", "rendering", "count", "units"}
    assert all(set(unit) == {"doc", "unit"} for unit in top["zh"]["units"])
    bad = run_reader(reader_home, "renderings", "法院", "--lang", "xx")
    assert bad.returncode == 2 and "unknown language" in bad.stderr


def test_word_lookup_cuts_units_into_words_and_explains_them() -> None:
    from reader.links.lookup import lookup, words

    zh = [w.text for w in words(UNIT["zh"], "zh")]
    assert "最高人民检察院" in zh and "邀请" in zh
    vi = [w.text for w in words("Tòa án nhân dân tối cao hợp tác với chính phủ.", "vi")]
    assert vi == ["Tòa án", "nhân dân", "tối cao", "hợp tác", "với", "chính phủ"]
    assert [w.text for w in words("The People's Court met.", "en")] == ["The", "People's", "Court", "met"]
    word = next(w for w in words(UNIT["zh"], "zh") if w.text == "邀请")
    entry = lookup(word, "zh", UNIT)
    assert entry.pinyin == "yāo qǐng" and entry.hanviet == "yêu thỉnh"
    assert any("invite" in gloss for gloss in entry.glosses)
    assert [UNIT["en"][a:b] for a, b in entry.counterparts["en"]] == ["invitation"]
    government = lookup(words("chính phủ", "vi")[0], "vi")
    assert government.vi_en == "government" and government.glosses[0].startswith("政府")


def test_an_alignment_edit_to_a_bundled_document_links_it_again(make_corpus, tmp_path) -> None:
    from reader.edits import Editor
    from reader.links.store import LinkStore

    corpus = make_corpus()  # the sample document, bundled: edits go to the overlay
    store = LinkStore(tmp_path / "links.sqlite")
    assert "1 documents linked" in store.ensure(corpus)
    assert store.ensure(corpus) == ""  # nothing changed
    Editor(corpus, "sample-court-visit").merge("p1s1")
    corpus.reload()
    assert "1 documents linked" in store.ensure(corpus)
    store.close()
