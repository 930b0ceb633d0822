"""The bundled glossary against the bundled corpus: complete, evidenced, and able to catch the
inconsistencies issue 18 found."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import REPO

from reader import readings
from reader.corpus import Corpus
from reader.model import Version
from reader.readings import hanviet, pinyin
from reader.terms import KINDS, check_document, load_glossary
from reader.terms.matching import contains_any, normalize
from reader.text import LANGUAGES, fold

CORPUS = REPO / "corpus"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(CORPUS / "glossary.toml", CORPUS / ".none" / "glossary.toml")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(bundled_root=CORPUS, user_root=CORPUS / ".none")


def test_at_least_forty_entries_each_in_three_languages(glossary) -> None:
    assert len(glossary.entries) >= 40
    assert all(entry.preferred(lang) for entry in glossary.entries for lang in LANGUAGES)
    assert {entry.kind for entry in glossary.entries} == set(KINDS)
    assert all(entry.bundled for entry in glossary.entries)


def test_every_entry_is_written_as_the_corpus_writes_it(glossary, corpus: Corpus) -> None:
    texts = {lang: [] for lang in LANGUAGES}
    for doc in corpus.documents():
        for lang, version in doc.versions.items():
            texts[lang] += [normalize(s) for s in (doc.titles[lang], *version.sentences)]
    for entry in glossary.entries:
        for lang in LANGUAGES:
            forms = tuple(normalize(form) for form in entry.renderings(lang))
            assert any(contains_any(text, forms, lang) for text in texts[lang]), (entry.id, lang)


def test_chinese_procuratorates_and_vietnamese_procuracies(glossary) -> None:
    chinese = ["spp-china", "beijing-procuratorate", "guangdong-procuratorate", "tongzhou-procuratorate"]
    vietnamese = ["spp-vietnam", "hanoi-procuracy"]
    for entry_id in chinese:
        assert all("Procuracy" not in form for form in glossary.by_id[entry_id].names("en"))
        assert "Procuratorate" in glossary.by_id[entry_id].preferred("en")
    for entry_id in vietnamese:
        assert all("Procuratorate" not in form for form in glossary.by_id[entry_id].names("en"))
        assert "Procuracy" in glossary.by_id[entry_id].preferred("en")


def test_every_name_reads_back_from_its_characters(glossary) -> None:
    """Hán-Việt of the characters gives the Vietnamese name (阮文渡 would give Nguyễn Văn Độ); the
    English is the Vietnamese name unaccented, or the characters' pinyin."""
    people = [entry for entry in glossary.entries if entry.kind == "person"]
    assert len(people) >= 10
    every_reading = getattr(readings, "hanviet_readings", None)  # all of a character's readings
    for person in people:
        zh, vi, en = (person.preferred(lang) for lang in LANGUAGES)
        syllables = normalize(vi).split()
        assert len(syllables) == len(zh), person.id
        for char, syllable in zip(zh, syllables, strict=True):
            options = {hanviet(char), *(every_reading(char) if every_reading else ())}
            assert syllable in {normalize(option) for option in options}, (person.id, char, options)
        spelled = fold(en).replace(" ", "")
        assert spelled in (fold(vi).replace(" ", ""), fold(pinyin(zh)).replace(" ", "")), person.id


# The inconsistencies issue 18 found, planted back into the fixed corpus: (document, language,
# the fixed text, the old text, the glossary name the check must report).
OLD_TEXTS = [
    ("china-vn-border-courts-seminar-2023", "zh", "阮文瑜", "阮文渡", "Nguyen Van Du"),
    (
        "china-vn-border-courts-seminar-2023",
        "vi",
        "cấp cao Khu tự trị dân tộc Choang Quảng Tây, Trung Quốc, đề xuất",
        "cấp cao Khu tự trị Quảng Tây, Trung Quốc, đề xuất",
        "Guangxi High People's Court",
    ),
    (
        "vn-china-procuracy-cooperation-2025",
        "en",
        "the training of procurators and",
        "the training of prosecutors and",
        "检察官",
    ),
    (
        "vn-china-procuracy-cooperation-2025",
        "en",
        "Chief Procurator of Vietnam's Supreme People's Procuracy",
        "Chief Procurator of the Supreme People's Procuratorate of Vietnam",
        "越南最高人民检察院",
    ),
    (
        "hanoi-procuracy-visits-beijing-2024",
        "en",
        "Party Civil Affairs Committee",
        "Party Delegation",
        "Ban Cán sự đảng",
    ),
    (
        "hanoi-procuracy-visits-beijing-2024",
        "en",
        "the gracious reception",
        "the solemn reception",
        "trọng thị",
    ),
    (
        "lang-son-guangxi-justice-talks",
        "en",
        "the legal profession",
        "the practice of lawyers",
        "hoạt động luật sư",
    ),
]


@pytest.mark.parametrize(("doc_id", "lang", "fixed", "old", "term"), OLD_TEXTS)
def test_the_check_finds_each_old_inconsistency(
    glossary, corpus: Corpus, doc_id, lang, fixed, old, term
) -> None:
    doc = corpus.get(doc_id)
    assert check_document(glossary, doc) == []
    version = doc.versions[lang]
    paragraphs = [[s.replace(fixed, old) for s in paragraph] for paragraph in version.paragraphs]
    assert paragraphs != version.paragraphs
    planted = dataclasses.replace(
        doc, versions={**doc.versions, lang: Version(lang, paragraphs, version.provenance)}
    )
    findings = check_document(glossary, planted)
    assert findings and {f.term for f in findings} == {term}
    assert all(lang in (f.lang, f.term_lang) for f in findings)
