"""The one TBX writer (TBX-Basic, the martif format OmegaT and other CAT tools read and
translate-toolkit reads back): `reader terms export` writes the glossary with it, `reader
renderings --export` a term and the corpus's renderings of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from reader.export.tmx import xml_text

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"


@dataclass(frozen=True)
class Term:
    text: str
    status: str = ADMITTED  # PREFERRED or ADMITTED
    term_type: str | None = None  # abbreviation, shortForm, …
    note: str | None = None  # e.g. how often the corpus uses it


@dataclass
class Concept:
    """A termEntry: one concept in every language it has terms in."""

    id: str
    notes: list[str] = field(default_factory=list)
    terms: dict[str, list[Term]] = field(default_factory=dict)  # language → terms, in order


def _tig(term: Term) -> str:
    parts = [f"<term>{xml_text(term.text)}</term>"]
    if term.term_type:
        parts.append(f'<termNote type="termType">{xml_text(term.term_type)}</termNote>')
    parts.append(f'<termNote type="administrativeStatus">{term.status}</termNote>')
    if term.note:
        parts.append(f"<note>{xml_text(term.note)}</note>")
    return "        <tig>" + "".join(parts) + "</tig>"


def write_tbx(concepts: Sequence[Concept], *, source_lang: str, title: str, description: str) -> str:
    """A TBX-Basic document: a termEntry per concept (its id and notes), a langSet per language,
    a tig per term."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<martif type="TBX-Basic" xml:lang="{source_lang}">',
        "  <martifHeader>",
        f"    <fileDesc><titleStmt><title>{xml_text(title)}</title></titleStmt>"
        f"<sourceDesc><p>{xml_text(description)}</p></sourceDesc></fileDesc>",
        '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>',
        "  </martifHeader>",
        "  <text>",
        "    <body>",
    ]
    for concept in concepts:
        lines.append(f"    <termEntry id={quoteattr(concept.id)}>")
        lines += [f"      <note>{xml_text(note)}</note>" for note in concept.notes]
        for lang, terms in concept.terms.items():
            if terms:
                lines.append(f"      <langSet xml:lang={quoteattr(lang)}>")
                lines += [_tig(term) for term in terms]
                lines.append("      </langSet>")
        lines.append("    </termEntry>")
    lines += ["    </body>", "  </text>", "</martif>", ""]
    return "\n".join(lines)
