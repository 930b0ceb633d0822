"""The bundled corpus: five seed articles, each in zh, vi and en, faithful to the cleaned seed."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, SHARED

from reader.align import align_versions
from reader.corpus import Corpus
from reader.ingest.clean import clean_article

CORPUS = REPO / "corpus"
SEED_OF = {
    "gx-high-court-visits-vn-supreme-court-2023": "000",
    "vn-china-procuracy-cooperation-2025": "001",
    "china-vn-border-courts-seminar-2023": "002",
    "lang-son-guangxi-justice-talks": "003",
    "hanoi-procuracy-visits-beijing-2024": "004",
}
BUILT = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("."))


def test_the_corpus_is_valid() -> None:
    corpus = Corpus(bundled_root=CORPUS, user_root=CORPUS / ".none")
    assert corpus.check() == []
    assert set(BUILT) <= set(SEED_OF)


@pytest.mark.parametrize("doc_id", BUILT)
def test_every_document_has_zh_vi_en_with_titles_and_provenance(doc_id: str) -> None:
    doc = Corpus(bundled_root=CORPUS, user_root=CORPUS / ".none").get(doc_id)
    assert set(doc.versions) == {"zh", "vi", "en"}
    assert set(doc.titles) == {"zh", "vi", "en"} and all(doc.titles.values())
    assert doc.original.provenance == "original"
    for lang, version in doc.versions.items():
        if lang != doc.original_language:
            assert version.provenance == "translation written for this corpus"
            # Translations keep the original's paragraphs.
            assert len(version.paragraphs) == len(doc.original.paragraphs), lang
    assert all(unit.text[lang] for unit in doc.units for lang in doc.versions)


@pytest.mark.parametrize("doc_id", BUILT)
def test_the_original_is_the_cleaned_seed_sentence_for_sentence(doc_id: str) -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed articles not found at {seeds}")
    doc = Corpus(bundled_root=CORPUS, user_root=CORPUS / ".none").get(doc_id)
    cleaned = clean_article(next(seeds.glob(f"{SEED_OF[doc_id]}_*.txt")).read_text(encoding="utf-8"))
    joiner = "" if doc.original_language == "zh" else " "
    stored = [joiner.join(paragraph) for paragraph in doc.original.paragraphs]
    assert [re.sub(r"\s+", " ", p) for p in stored] == [re.sub(r"\s+", " ", p) for p in cleaned.paragraphs]
    for debris in ("相关新闻", "查看更多", "leftcenterrightdel", "Zalo", "Nguồn Lạng Sơn", "baolangson.vn/"):
        assert debris not in "\n".join(stored)


@pytest.mark.parametrize("doc_id", BUILT)
def test_the_stored_alignments_are_the_aligners_own(doc_id: str) -> None:
    """The corpus's beads came from the aligner and were reviewed; a change to the aligner that
    would realign them shows up here, to be reviewed again."""
    doc = Corpus(bundled_root=CORPUS, user_root=CORPUS / ".none").get(doc_id)
    for lang, version in doc.versions.items():
        if lang != doc.original_language:
            assert align_versions(doc.original, version) == list(doc.alignments[lang]), lang
