"""`terms check`: where a translation departs from the glossary.

A finding is a unit (or the titles) where a glossary name appears in one language but none of
its agreed renderings (forms, abbreviations, accepted renderings) appears in an aligned
language. When several entries share the name (最高人民检察院 is China's and Vietnam's), a
rendering of any of them counts; the specific names ("越南最高人民检察院", "Viện kiểm sát nhân
dân tối cao Việt Nam") are what tell them apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.model import Document
from reader.terms.lookup import Glossary
from reader.terms.matching import normalize, original_span

TITLE = "title"  # the unit id of a finding in the documents' titles


@dataclass(frozen=True)
class Finding:
    doc: str
    unit: str  # a unit id (p2s1), or "title"
    unit_index: int | None  # the unit's position in `doc.units`; None for the titles
    term: str  # the glossary name as it appears (in `term_lang`)
    term_lang: str
    term_span: tuple[int, int]  # where the term is in the unit's (or title's) `term_lang` text
    lang: str  # the aligned language whose text has none of the agreed renderings
    expected: tuple[str, ...]  # the agreed renderings in `lang`, the preferred one first
    entries: tuple[str, ...]  # ids of the glossary entries the name belongs to
    found: str | None = None  # what the text has instead, from the word links (`with_found`)

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "unit": self.unit,
            "unit_index": self.unit_index,
            "term": self.term,
            "term_lang": self.term_lang,
            "term_span": list(self.term_span),
            "lang": self.lang,
            "expected": list(self.expected),
            "entries": list(self.entries),
            "found": self.found,
        }


def _check_texts(
    glossary: Glossary, doc: Document, unit: str, index: int | None, texts: dict[str, str]
) -> list[Finding]:
    findings: list[Finding] = []
    checked: set[tuple[str, tuple[str, ...]]] = set()
    langs = [lang for lang in doc.languages if texts.get(lang)]
    normalized = {lang: normalize(texts[lang]) for lang in langs}
    for term_lang in langs:
        for found in glossary.find_normalized(normalized[term_lang], term_lang):
            sense = found.sense
            if not sense.checkable:
                continue
            for lang in langs:
                if lang == term_lang or (lang, sense.ids) in checked:
                    continue
                checked.add((lang, sense.ids))
                if glossary.rendered_normalized(normalized[lang], lang, sense.entries, sense.ids):
                    continue
                expected = tuple(dict.fromkeys(f for entry in sense.entries for f in entry.renderings(lang)))
                span = original_span(texts[term_lang], found.start, found.end)
                findings.append(
                    Finding(doc.id, unit, index, sense.name, term_lang, span, lang, expected, sense.ids)
                )
    return findings


def check_document(glossary: Glossary, doc: Document) -> list[Finding]:
    """Every finding in a document: its titles first, then its units in order."""
    findings = _check_texts(glossary, doc, TITLE, None, doc.titles)
    for unit in doc.units:
        findings += _check_texts(glossary, doc, unit.id, unit.index, unit.text)
    return findings


def check_documents(glossary: Glossary, docs: Iterable[Document]) -> list[Finding]:
    return [finding for doc in docs for finding in check_document(glossary, doc)]


def with_found(findings: list[Finding], doc: Document) -> list[Finding]:
    """The findings with `found` filled: the words of `lang` the word links tie to the term (the
    store's links, or the unit linked on the spot with the dictionaries). None where they show
    nothing. Loads the dictionaries when a unit is not in the store: call it for findings only."""
    if not findings:
        return findings
    from dataclasses import replace

    from reader.links import rendering

    texts = {unit.id: unit.text for unit in doc.units}
    texts[TITLE] = doc.titles
    filled = []
    for finding in findings:
        unit_texts = {lang: text for lang, text in texts.get(finding.unit, {}).items() if text}
        found = (
            rendering(unit_texts, finding.term_lang, finding.term_span, finding.lang) if unit_texts else None
        )
        filled.append(replace(finding, found=found))
    return filled
