"""The corpus format: round-trip, validation errors that name the file and line, units."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sample_document

from reader.corpus import Corpus, CorpusError, load_document, write_document
from reader.corpus.format import render_meta
from reader.model import Bead, Document, Version, build_units


def test_write_then_load_round_trips(tmp_path: Path) -> None:
    doc = sample_document()
    folder = write_document(doc, tmp_path)
    loaded = load_document(folder)
    assert loaded.versions["zh"].paragraphs == doc.versions["zh"].paragraphs
    assert loaded.versions["en"].paragraphs == doc.versions["en"].paragraphs
    assert loaded.alignments == doc.alignments
    assert (loaded.titles, loaded.date, loaded.source, loaded.url) == (
        doc.titles,
        doc.date,
        doc.source,
        doc.url,
    )
    assert loaded.versions["vi"].provenance == "translation written for this corpus"
    # Writing what was loaded gives the same bytes: the format is deterministic.
    again = write_document(loaded, tmp_path / "again")
    for name in ("meta.toml", "zh.txt", "en.txt", "vi.txt", "en.align", "vi.align"):
        assert (again / name).read_bytes() == (folder / name).read_bytes()


def test_units_follow_beads_and_have_stable_ids() -> None:
    doc = sample_document()
    units = doc.units
    assert [u.id for u in units] == ["p1s1", "p1s2", "p2s1", "p2s2", "p3s1"]
    split = units[3]
    assert split.sentences["en"] == (3, 4)
    assert split.text["en"] == "The talks were held in Nanning. The atmosphere was friendly."
    assert split.shape["en"] == (1, 2) and not split.is_one_to_one
    assert units[2].paragraph_start and not units[3].paragraph_start


def test_a_two_to_one_bead_in_one_translation_merges_the_unit_for_all() -> None:
    zh = Version("zh", [["甲。", "乙。", "丙。"]])
    en = Version("en", [["A and B.", "C."]])
    vi = Version("vi", [["A.", "B.", "C."]])
    doc = Document(
        "x",
        "zh",
        {"zh": zh, "en": en, "vi": vi},
        alignments={
            "en": [Bead((0, 1), (0,)), Bead((2,), (1,))],
            "vi": [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,))],
        },
    )
    units = build_units(doc)
    assert [u.text["vi"] for u in units] == ["A. B.", "C."]
    assert [u.text["en"] for u in units] == ["A and B.", "C."]


def test_translation_only_sentences_join_the_next_unit() -> None:
    zh = Version("zh", [["甲。", "乙。"]])
    en = Version("en", [["Note.", "A.", "B.", "Extra."]])
    doc = Document(
        "x",
        "zh",
        {"zh": zh, "en": en},
        alignments={"en": [Bead((), (0,)), Bead((0,), (1,)), Bead((1,), (2,)), Bead((), (3,))]},
    )
    assert [u.text["en"] for u in doc.units] == ["Note. A.", "B. Extra."]


@pytest.mark.parametrize(
    ("file", "content", "expected"),
    [
        ("en.align", "[0]:[0]\n[1]:[1]\nnonsense\n", "en.align:3: not a bead"),
        ("en.align", "[0]:[0]\n[2]:[1]\n", "en.align:2: original sentences out of order"),
        ("en.align", "[0]:[0]\n", "en.align: beads cover 1/5 original"),
        ("en.align", "[]:[]\n", "en.align:1: bead empty on both sides"),
        ("zh.txt", "", "zh.txt: no zh text"),
        ("zh.txt", "甲。\n \x1b[31m乙。\n", "zh.txt:2: "),
        ("meta.toml", 'id = "sample-court-visit"\noriginal_language = \n', "meta.toml:2: invalid TOML"),
        ("meta.toml", 'id = "Other Id"\n', "meta.toml: id must be a lowercase slug"),
    ],
)
def test_malformed_data_fails_with_file_and_line(
    tmp_path: Path, file: str, content: str, expected: str
) -> None:
    folder = write_document(sample_document(), tmp_path)
    (folder / file).write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        load_document(folder)
    message = str(error.value)
    assert expected in message
    assert "\n" not in message


def test_unknown_language_and_missing_files_are_reported(tmp_path: Path) -> None:
    folder = write_document(sample_document(), tmp_path)
    meta = folder / "meta.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8") + '\n[versions.fr]\nprovenance = "imported"\n', encoding="utf-8"
    )
    with pytest.raises(CorpusError, match="unknown language 'fr'"):
        load_document(folder)
    folder = write_document(sample_document(), tmp_path / "b")
    (folder / "vi.align").unlink()
    with pytest.raises(CorpusError, match=r"vi\.align: missing alignment file"):
        load_document(folder)


def test_write_document_never_replaces_a_good_folder_with_a_broken_one(tmp_path: Path) -> None:
    doc = sample_document()
    folder = write_document(doc, tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    broken = sample_document()
    broken.alignments["en"] = broken.alignments["en"][:-1]
    with pytest.raises(CorpusError):
        write_document(broken, tmp_path)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_corpus_check_reports_each_broken_document(make_corpus) -> None:
    corpus = make_corpus(sample_document("good-one"), sample_document("bad-one"))
    (corpus.bundled_root / "bad-one" / "vi.txt").write_text("", encoding="utf-8")
    errors = corpus.check()
    assert len(errors) == 1 and "bad-one" in errors[0]
    assert corpus.get("good-one").title("en") == "[Court] delegation visits Guangxi"


def test_meta_strings_with_quotes_and_backslashes_round_trip(tmp_path: Path) -> None:
    doc = sample_document()
    doc.titles["en"] = 'He said "no" \\ [b]x[/b]\ttab'
    assert 'He said \\"no\\"' in render_meta(doc)
    loaded = load_document(write_document(doc, tmp_path))
    assert loaded.titles["en"] == doc.titles["en"]


def test_user_documents_are_listed_after_bundled_ones(make_corpus, reader_home: Path) -> None:
    corpus = make_corpus(sample_document("bundled-doc"))
    write_document(sample_document("user-doc"), corpus.user_root)
    infos = Corpus(corpus.bundled_root, corpus.user_root).infos()
    assert [(i.id, i.bundled) for i in infos] == [("bundled-doc", True), ("user-doc", False)]
