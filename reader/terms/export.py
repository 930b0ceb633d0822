"""Glossary export: CSV for spreadsheets and TBX (the martif TBX-Basic format OmegaT and other
CAT tools read; translate-toolkit reads it back)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from reader.export.csv_format import write_rows
from reader.export.tmx import xml_text
from reader.terms.glossary import Entry
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


def _tig(form: str, status: str, term_type: str | None = None) -> str:
    notes = f'<termNote type="termType">{term_type}</termNote>' if term_type else ""
    return (
        f"        <tig><term>{xml_text(form)}</term>{notes}"
        f'<termNote type="administrativeStatus">{status}</termNote></tig>'
    )


def render_tbx(entries: Sequence[Entry]) -> str:
    """TBX-Basic: a termEntry per entry (its id, kind and note), a langSet per language, a tig
    per form: the agreed one preferred, variants admitted, abbreviations typed as such, and
    renderings accepted only in running text as short forms."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<martif type="TBX-Basic" xml:lang="en">',
        "  <martifHeader>",
        "    <fileDesc><titleStmt><title>reader glossary</title></titleStmt>"
        "<sourceDesc><p>Official names and legal terms (zh, vi, en) exported by reader</p></sourceDesc></fileDesc>",
        '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>',
        "  </martifHeader>",
        "  <text>",
        "    <body>",
    ]
    for entry in entries:
        lines.append(f"    <termEntry id={quoteattr(entry.id)}>")
        lines.append(f"      <note>kind: {entry.kind}</note>")
        if entry.note:
            lines.append(f"      <note>{xml_text(entry.note)}</note>")
        for lang in LANGUAGES:
            forms = entry.forms.get(lang, ())
            if not forms:
                continue
            lines.append(f'      <langSet xml:lang="{lang}">')
            lines.append(_tig(forms[0], "preferredTerm-admn-sts"))
            lines += [_tig(form, "admittedTerm-admn-sts") for form in forms[1:]]
            lines += [
                _tig(form, "admittedTerm-admn-sts", "abbreviation") for form in entry.abbr.get(lang, ())
            ]
            lines += [_tig(form, "admittedTerm-admn-sts", "shortForm") for form in entry.accept.get(lang, ())]
            lines.append("      </langSet>")
        lines.append("    </termEntry>")
    lines += ["    </body>", "  </text>", "</martif>", ""]
    return "\n".join(lines)


def render(entries: Sequence[Entry], fmt: str) -> str:
    return render_csv(entries) if fmt == "csv" else render_tbx(entries)
