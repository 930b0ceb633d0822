"""The glossary: its file format, matching, the consistency check, user entries and export."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from conftest import REPO, sample_document
from hypothesis import given
from hypothesis import strategies as st

from reader.cli import main
from reader.corpus import Corpus
from reader.model import Version
from reader.terms import GlossaryError, check_document, load_glossary
from reader.terms.export import render_csv, render_tbx
from reader.terms.glossary import parse
from reader.terms.matching import normalize, normalized_origins, original_span
from reader.terms.store import add_entry

BUNDLED = REPO / "corpus" / "glossary.toml"

ENTRY = """[[entry]]
id = "spp-vietnam"
kind = "institution"
zh = ["越南最高人民检察院", "最高人民检察院"]
vi = "Viện kiểm sát nhân dân tối cao"
en = "Supreme People's Procuracy"
abbr.vi = "VKSNDTC"
note = "Vietnam's."
"""


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.toml"
    path.write_text(
        ENTRY
        + """
[[entry]]
id = "spp-china"
kind = "institution"
zh = ["中国最高人民检察院", "最高人民检察院"]
vi = "Viện kiểm sát nhân dân tối cao Trung Quốc"
en = ["Supreme People's Procuratorate", "SPP"]

[[entry]]
id = "nguyen-huy-tien"
kind = "person"
zh = "阮辉进"
vi = "Nguyễn Huy Tiến"
en = "Nguyen Huy Tien"
accept.en = "Mr. Tien"

[[entry]]
id = "people-court"
kind = "term"
zh = "人民法院"
vi = "Tòa án nhân dân"
en = "people's court"
""",
        encoding="utf-8",
    )
    return path


# ---------------------------------------------------------------- the file format


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (ENTRY + "kind = 'person'\n", 9, "invalid TOML"),  # a key given twice
        (ENTRY.replace('note = "Vietnam\'s."', 'nte = "x"'), 8, "unknown key 'nte'"),
        (ENTRY.replace('"institution"', '"court"'), 3, "kind must be one of"),
        (ENTRY.replace('"spp-vietnam"', '"SPP Vietnam"'), 2, "lowercase slug"),
        (ENTRY.replace('id = "spp-vietnam"\n', ""), 1, "lowercase slug"),
        (
            ENTRY.replace('vi = "Viện kiểm sát nhân dân tối cao"\n', "").replace(
                'en = "Supreme People\'s Procuracy"\n', ""
            ),
            1,
            "at least two",
        ),
        (
            ENTRY.replace('"Supreme People\'s Procuracy"', '["Supreme People\'s Procuracy", " "]'),
            6,
            "non-empty strings",
        ),
        (ENTRY.replace('"Supreme People\'s Procuracy"', "[]"), 6, "non-empty list"),
        (ENTRY.replace('"Supreme People\'s Procuracy"', '"—"'), 6, "no letters"),
        (ENTRY.replace('"Supreme People\'s Procuracy"', '"Supreme\\u001b[31m"'), 6, "control character"),
        (ENTRY.replace("abbr.vi", "abbr.fr"), 7, "unknown language 'fr'"),
        (
            ENTRY.replace("abbr.vi", "abbr.en").replace('en = "Supreme People\'s Procuracy"\n', ""),
            6,
            "needs a en form",
        ),
        (ENTRY.replace('"VKSNDTC"', '"Viện kiểm sát nhân dân tối cao"'), 5, "listed twice"),
        ("\n\n" + ENTRY + "\n" + ENTRY, 13, "already used at line 4"),
        ("title = 'x'\n" + ENTRY, 1, "unknown key 'title'"),
    ],
)
def test_a_malformed_entry_fails_with_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "glossary.toml"
    with pytest.raises(GlossaryError, match=rf"^{path}:{line}: .*{message}"):
        parse(text, path, bundled=False)


def test_not_utf8_fails_with_file_and_line(tmp_path: Path) -> None:
    user = tmp_path / "glossary.toml"
    user.write_bytes(ENTRY.encode() + b"\n# caf\xe9\n")
    with pytest.raises(GlossaryError, match=rf"^{user}:10: not UTF-8"):
        load_glossary(BUNDLED, user)


def test_a_user_entry_may_not_reuse_a_bundled_id(tmp_path: Path) -> None:
    user = tmp_path / "glossary.toml"
    user.write_text("# mine\n" + ENTRY.replace("spp-vietnam", "spc-china"), encoding="utf-8")
    with pytest.raises(GlossaryError, match=rf"^{user}:2: id 'spc-china' is a bundled entry's"):
        load_glossary(BUNDLED, user)


# ---------------------------------------------------------------- matching


def test_normalize_unifies_case_dashes_apostrophes_and_tone_placement() -> None:
    assert normalize("Nguyễn Hoà Bình") == normalize("NGUYỄN HÒA BÌNH") == "nguyễn hòa bình"
    assert normalize("Trung Quốc – ASEAN") == normalize("trung quốc-asean")
    assert normalize("People’s  Court") == "people's court"
    assert normalize("Hoàng") == "hoàng"  # a tone mark before a consonant stays where it is


@given(st.text(alphabet=" \t\n-–—’'ßİAaÒòaÔÝyĐđ中文.", max_size=40))
def test_every_normalized_character_knows_where_it_came_from(text: str) -> None:
    origins = normalized_origins(text)
    normalized = normalize(text)
    assert len(origins) == len(normalized)
    assert origins == sorted(origins) and all(0 <= i < len(text) for i in origins)
    for start, end in [(0, len(normalized)), (len(normalized) // 2, len(normalized))]:
        if start < end:
            a, b = original_span(text, start, end)
            assert normalized[start:end].strip(" ") in normalize(text[a:b])


def test_find_prefers_the_longest_name_and_matches_whole_words(glossary_file: Path) -> None:
    glossary = load_glossary(BUNDLED.parent / "none.toml", glossary_file)
    [found] = glossary.find("越南最高人民检察院检察长阮辉进", "zh")[:1]
    assert [e.id for e in found.entries] == ["spp-vietnam"]
    shared = glossary.find("两国最高人民检察院", "zh")
    assert {e.id for e in shared[0].entries} == {"spp-vietnam", "spp-china"}
    assert [f.name for f in glossary.find("the people's courts of two provinces", "en")] == ["people's court"]
    assert glossary.find("SPPX and NSPP", "en") == []
    assert [f.checkable for f in glossary.find("Mr. Tien spoke", "en")] == [False]


def test_expansions_give_every_language_of_a_whole_query_name(glossary_file: Path) -> None:
    glossary = load_glossary(BUNDLED.parent / "none.toml", glossary_file)
    found = glossary.expansions("supreme people’s procuracy")
    assert found["zh"] == ["越南最高人民检察院", "最高人民检察院"]
    assert found["vi"] == ["Viện kiểm sát nhân dân tối cao", "VKSNDTC"]
    assert glossary.expansions("VKSNDTC")["en"] == ["Supreme People's Procuracy"]
    assert set(glossary.expansions("最高人民检察院")["en"]) == {
        "Supreme People's Procuracy",
        "Supreme People's Procuratorate",
        "SPP",
    }
    assert glossary.expansions("Supreme People's Procuracy delegation") == {}
    assert glossary.expansions("Mr. Tien") == {}  # accepted renderings are not names
    bundled = load_glossary(BUNDLED, BUNDLED.parent / "none.toml")
    assert "最高人民检察院" in bundled.expansions("Supreme People's Procuracy")["zh"]


# ---------------------------------------------------------------- the check


def _planted(make_corpus, en_first: str) -> tuple:
    doc = sample_document()
    doc.titles = {"zh": "访问", "vi": "Chuyến thăm", "en": "A visit"}
    doc.versions["zh"].paragraphs[0][0] = "越南最高人民检察院代表团访问广西。"
    doc.versions["vi"].paragraphs[0][0] = (
        "Đoàn đại biểu Viện kiểm sát nhân dân tối cao Việt Nam thăm Quảng Tây."
    )
    doc.versions["en"].paragraphs[0][0] = en_first
    for lang in ("zh", "vi", "en"):
        doc.versions[lang] = Version(lang, doc.versions[lang].paragraphs, doc.versions[lang].provenance)
    return make_corpus(doc).get(doc.id)


def test_check_finds_a_planted_inconsistency(make_corpus, glossary_file: Path) -> None:
    glossary = load_glossary(BUNDLED.parent / "none.toml", glossary_file)
    wrong = _planted(
        make_corpus, "A delegation of the Supreme People's Procuratorate of Vietnam visited Guangxi."
    )
    findings = [f.to_dict() for f in check_document(glossary, wrong)]
    assert findings == [
        {
            "doc": "sample-court-visit",
            "unit": "p1s1",
            "unit_index": 0,
            "term": "越南最高人民检察院",
            "term_lang": "zh",
            "term_span": [0, 9],
            "lang": "en",
            "expected": ["Supreme People's Procuracy"],
            "entries": ["spp-vietnam"],
            "found": None,
        },
        {  # and the English names China's procuratorate, which the Vietnamese does not
            "doc": "sample-court-visit",
            "unit": "p1s1",
            "unit_index": 0,
            "term": "Supreme People's Procuratorate",
            "term_lang": "en",
            "term_span": [20, 50],
            "lang": "vi",
            "expected": ["Viện kiểm sát nhân dân tối cao Trung Quốc"],
            "entries": ["spp-china"],
            "found": None,
        },
    ]
    right = _planted(
        make_corpus, "A delegation of the Supreme People's Procuracy of Vietnam visited Guangxi."
    )
    assert check_document(glossary, right) == []


def test_check_reads_the_titles_and_names_missing_people(make_corpus, glossary_file: Path) -> None:
    glossary = load_glossary(BUNDLED.parent / "none.toml", glossary_file)
    doc = sample_document()
    doc.titles = {"zh": "访问", "vi": "Nguyễn Huy Tiến thăm Quảng Tây", "en": "A visit"}
    findings = check_document(glossary, make_corpus(doc).get(doc.id))
    assert {(f.unit, f.term, f.lang) for f in findings} == {
        ("title", "Nguyễn Huy Tiến", "zh"),
        ("title", "Nguyễn Huy Tiến", "en"),
    }
    assert all(f.unit_index is None for f in findings)


def test_the_bundled_corpus_has_no_findings() -> None:
    glossary = load_glossary(BUNDLED, BUNDLED.parent / "none.toml")
    corpus = Corpus(bundled_root=REPO / "corpus", user_root=REPO / "corpus" / ".none")
    assert [f.to_dict() for doc in corpus.documents() for f in check_document(glossary, doc)] == []


# ---------------------------------------------------------------- user entries


def test_add_appends_to_the_user_file_and_keeps_its_comments(tmp_path: Path) -> None:
    user = tmp_path / "data" / "glossary.toml"
    before = BUNDLED.read_bytes()
    first = add_entry(
        "institution",
        {"zh": ["北京市高级人民法院"], "en": ["Beijing High People's Court"]},
        path=user,
        bundled=BUNDLED,
    )
    assert (first.id, first.bundled, first.path) == ("beijing-high-peoples-court", False, user)
    user.write_text(user.read_text(encoding="utf-8") + "# my comment\n", encoding="utf-8")
    second = add_entry(
        "term",
        {"vi": ["hòa giải viên"], "en": ["mediator"], "zh": ["调解员"]},
        abbr={"zh": ["调解人"]},
        note='says "mediator"',
        path=user,
        bundled=BUNDLED,
    )
    text = user.read_text(encoding="utf-8")
    assert "# my comment" in text and second.id == "mediator"
    glossary = load_glossary(BUNDLED, user)
    assert [e.id for e in glossary.entries[-2:]] == ["beijing-high-peoples-court", "mediator"]
    assert glossary.by_id["mediator"].abbr == {"zh": ("调解人",)}
    assert BUNDLED.read_bytes() == before  # bundled entries are read-only
    assert sorted(p.name for p in user.parent.iterdir()) == ["glossary.toml"]  # no temporary files left


def test_add_refuses_bad_entries_and_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    from reader.errors import UserError

    user = tmp_path / "glossary.toml"
    add_entry("place", {"zh": ["南宁"], "en": ["Nanning"]}, path=user, bundled=BUNDLED, entry_id="my-nanning")
    before = user.read_bytes()
    with pytest.raises(UserError, match="already has an entry 'spc-china'"):
        add_entry("place", {"zh": ["x"], "en": ["y"]}, path=user, bundled=BUNDLED, entry_id="spc-china")
    with pytest.raises(UserError, match="cannot add the entry: kind must be one of"):
        add_entry("court", {"zh": ["x"], "en": ["y"]}, path=user, bundled=BUNDLED)
    with pytest.raises(UserError, match="needs forms in at least two"):
        add_entry("term", {"zh": ["x"]}, path=user, bundled=BUNDLED)
    assert user.read_bytes() == before
    user.write_bytes(before + b"[[entry]]\nid = 3\n")
    with pytest.raises(GlossaryError, match=rf"^{user}:\d+: id must be"):
        add_entry("term", {"zh": ["x"], "en": ["y"]}, path=user, bundled=BUNDLED)
    assert user.read_bytes() == before + b"[[entry]]\nid = 3\n"


def test_add_is_atomic_and_never_writes_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.errors import UserError

    user = tmp_path / "glossary.toml"
    add_entry("place", {"zh": ["南宁"], "en": ["Nanning"]}, path=user, bundled=BUNDLED)
    before = user.read_bytes()

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(UserError, match=r"writing the glossary .* failed: the disk is full"):
        add_entry("place", {"zh": ["北京"], "en": ["Beijing"]}, path=user, bundled=BUNDLED)
    monkeypatch.undo()
    assert user.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.toml"]
    link = tmp_path / "link.toml"
    link.symlink_to(user)
    with pytest.raises(UserError, match="not a regular file"):
        add_entry("place", {"zh": ["北京"], "en": ["Beijing"]}, path=link, bundled=BUNDLED)
    assert link.is_symlink() and user.read_bytes() == before


# ---------------------------------------------------------------- export


def test_csv_export_reads_back_and_is_formula_safe(glossary_file: Path) -> None:
    entries = load_glossary(BUNDLED.parent / "none.toml", glossary_file).entries
    text = glossary_file.read_text(encoding="utf-8").replace('en = "people\'s court"', 'en = "=HYPERLINK(1)"')
    glossary_file.write_text(text, encoding="utf-8")
    entries = load_glossary(BUNDLED.parent / "none.toml", glossary_file).entries
    rows = list(csv.DictReader(io.StringIO(render_csv(entries))))
    assert [row["id"] for row in rows] == [e.id for e in entries]
    assert rows[0]["zh"] == "越南最高人民检察院" and rows[0]["zh_variants"] == "最高人民检察院"
    assert rows[0]["vi_variants"] == "VKSNDTC"
    assert rows[1]["en_variants"] == "SPP"
    assert rows[2]["accepted"] == "en: Mr. Tien"
    assert rows[3]["en"] == "'=HYPERLINK(1)"
    assert all(row["origin"] == "user" for row in rows)


def test_tbx_export_is_read_by_translate_toolkit() -> None:
    tbx = pytest.importorskip("translate.storage.tbx")
    entries = load_glossary(BUNDLED, BUNDLED.parent / "none.toml").entries
    store = tbx.tbxfile.parsestring(
        render_tbx(entries).encode("utf-8"), sourcelanguage="zh", targetlanguage="en"
    )
    units = [unit for unit in store.units if unit.getid()]
    assert [unit.getid() for unit in units] == [e.id for e in entries]
    by_id = {unit.getid(): unit for unit in units}
    spp = by_id["spp-vietnam"]
    assert [t.text for t in spp.get_source_terms()] == ["越南最高人民检察院", "最高人民检察院"]
    english = spp.get_target_terms("en")
    assert [t.text for t in english] == [
        "Supreme People's Procuracy of Vietnam",
        "Supreme People's Procuracy",
        "Vietnam's Supreme People's Procuracy",
        "SPP",
    ]
    assert english[0].administrative_status == "preferredTerm-admn-sts"
    assert [t.text for t in spp.get_target_terms("vi")][-1] == "VKSNDTC"
    assert any("Procuracy" in note for note in spp.getnotes().split("\n"))
    assert [t.text for t in by_id["tran-van-thu"].get_target_terms("en")] == ["Tran Van Thu", "Mr. Thu"]


# ---------------------------------------------------------------- the command line


def test_cli_list_check_add_export(
    reader_home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["terms", "list", "--json"]) == 0
    entries = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(entries) >= 40 and all({"zh", "vi", "en", "kind"} <= set(e) for e in entries)
    assert main(["terms", "check", "--json"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "0 findings in 5 documents" in err
    add = [
        "terms",
        "add",
        "--kind",
        "term",
        "--zh",
        "调解平台",
        "--vi",
        "nền tảng hòa giải",
        "--en",
        "mediation hub",
    ]
    assert main(add) == 0
    assert "added mediation-hub to" in capsys.readouterr().out
    assert main(["terms", "list", "--kind", "term"]) == 0
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == "mediation-hub\tterm\t调解平台\tnền tảng hòa giải\tmediation hub"
    )
    # The corpus says "mediation platform": the user's entry makes that a finding.
    assert main(["terms", "check", "china-vn-border-courts-seminar-2023", "--json"]) == 1
    findings = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(f["unit"], f["term_lang"], f["lang"]) for f in findings} == {
        ("p3s2", "vi", "en"),
        ("p3s3", "vi", "en"),
    }
    # what the text has instead, from the word links (linked for the check: the store was empty)
    found = {f["unit"]: f["found"] for f in findings}
    assert found["p3s3"] == "mediation platform"
    assert found["p3s2"] in (
        "mediation",
        "mediation platform",
    )  # "… mediation platform and online service platform"
    out_file = tmp_path / "glossary.tbx"
    assert main(["terms", "export", "--format", "tbx", "-o", str(out_file)]) == 0
    assert out_file.read_text(encoding="utf-8").count("<termEntry ") == len(entries) + 1
    assert main(["terms", "export", "--format", "tbx", "-o", str(out_file)]) == 2  # no silent overwrite
    assert "already exists" in capsys.readouterr().err


def test_cli_errors_are_one_line_with_exit_2(reader_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["terms", "check", "no-such-doc"]) == 2
    assert "no document 'no-such-doc'" in capsys.readouterr().err
    user = reader_home / "data" / "glossary.toml"
    user.parent.mkdir(parents=True)
    user.write_text('[[entry]]\nid = "x"\nkind = "thing"\n', encoding="utf-8")
    for args in (
        ["terms", "list"],
        ["terms", "check"],
        ["terms", "add", "--kind", "term", "--zh", "a", "--en", "b"],
    ):
        assert main(args) == 2
        assert (
            capsys.readouterr().err.strip()
            == f"reader: error: {user}:3: kind must be one of institution, person, place, term, got 'thing'"
        )
    assert main(["terms", "add", "--kind", "term", "--zh", "a", "--abbr", "zh:b"]) == 2
    capsys.readouterr()
    assert main(["corpus", "check"]) == 1  # the corpus check validates the glossary too
    assert f"{user}:3: kind must be one of" in capsys.readouterr().err


def test_found_is_what_the_text_has_instead(make_corpus, glossary_file: Path) -> None:
    from reader.terms import with_found

    glossary = load_glossary(BUNDLED.parent / "none.toml", glossary_file)
    wrong = _planted(
        make_corpus, "A delegation of the Supreme People's Procuratorate of Vietnam visited Guangxi."
    )
    findings = with_found(check_document(glossary, wrong), wrong)
    found = {(f.term, f.lang): f.found for f in findings}
    # the English has China's name where Vietnam's is agreed ...
    assert "Supreme People's Procuratorate" in (found["越南最高人民检察院", "en"] or "")
    # ... and the Vietnamese has Vietnam's own name where the English names China's
    assert "Viện kiểm sát nhân dân tối cao" in (found["Supreme People's Procuratorate", "vi"] or "")
