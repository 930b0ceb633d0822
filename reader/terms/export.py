"""Glossary export: CSV for spreadsheets and TBX (the martif TBX-Basic format OmegaT and other
CAT tools read; translate-toolkit reads it back)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.export.csv_format import write_rows
from reader.terms.glossary import Entry
from reader.terms.tbx import PREFERRED, Concept, Term, write_tbx
from reader.text import LANGUAGES

FORMATS = {"csv": "csv", "tbx": "tbx"}
SEPARATOR = " | "


def render_csv(entries: Sequence[Entry]) -> str:
    """One row per entry: the agreed forms, then variants and abbreviations (" | " between them),
    the renderings accepted in running text ("en: Mr. Thu"), the note and where it comes from."""
    rows: list[list[str]] = [
        ["id", "kind", *LANGUAGES, *(f"{lang}_variants" for lang in LANGUAGES), "accepted", "note", "origin"]
    ]
    for entry in entries:
        variants = [SEPARATOR.join(entry.names(lang)[1:]) for lang in LANGUAGES]
        accepted = SEPARATOR.join(
            f"{lang}: {form}" for lang in LANGUAGES for form in entry.accept.get(lang, ())
        )
        row = [
            entry.id,
            entry.kind,
            *(entry.preferred(lang) for lang in LANGUAGES),
            *variants,
            accepted,
            entry.note,
            "bundled" if entry.bundled else "user",
        ]
        rows.append(row)
    return write_rows(rows)


def render_tbx(entries: Sequence[Entry]) -> str:
    """TBX-Basic (`reader.terms.tbx`): a termEntry per entry (its id, kind and note), a langSet
    per language, a tig per form: the agreed one preferred, variants admitted, abbreviations
    typed as such, and renderings accepted only in running text as short forms."""
    concepts = []
    for entry in entries:
        concept = Concept(entry.id, [f"kind: {entry.kind}", *([entry.note] if entry.note else [])])
        for lang in LANGUAGES:
            forms = entry.forms.get(lang, ())
            if not forms:
                continue
            concept.terms[lang] = [
                Term(forms[0], PREFERRED),
                *(Term(form) for form in forms[1:]),
                *(Term(form, term_type="abbreviation") for form in entry.abbr.get(lang, ())),
                *(Term(form, term_type="shortForm") for form in entry.accept.get(lang, ())),
            ]
        concepts.append(concept)
    return write_tbx(
        concepts,
        source_lang="en",
        title="reader glossary",
        description="Official names and legal terms (zh, vi, en) exported by reader",
    )


def render(entries: Sequence[Entry], fmt: str) -> str:
    return render_csv(entries) if fmt == "csv" else render_tbx(entries)
