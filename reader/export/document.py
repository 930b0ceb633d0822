"""A whole aligned document for a CAT tool or a spreadsheet: TMX 1.4b, TSV, Markdown or JSON.

TMX has one <tu> per unit with a <tuv> for each chosen language that has text in the unit; a
unit with text in fewer than two of them is left out (as InterText does) and counted in
`Export.skipped`. TSV cells are one line each (tabs and line breaks become spaces) and a cell a
spreadsheet would read as a formula starts with an apostrophe.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from reader.errors import UserError
from reader.export.csv_format import cell
from reader.export.markdown import escape as md_escape
from reader.export.tmx import document as tmx_document
from reader.export.tmx import tuv, xml_text
from reader.model import Document
from reader.text import LANGUAGE_NAMES

FORMATS = {"tmx": "tmx", "tsv": "tsv", "md": "md", "json": "json"}  # name → file extension


@dataclass(frozen=True)
class Export:
    text: str
    units: int  # units written
    skipped: int = 0  # units left out (TMX: text in fewer than two of the chosen languages)


def choose_languages(doc: Document, langs: list[str] | None) -> list[str]:
    """The languages to export: as given (each must be in the document), else all of them."""
    if not langs:
        return doc.languages
    missing = [lang for lang in langs if lang not in doc.versions]
    if missing:
        raise UserError(f"document {doc.id!r} has no {', '.join(missing)} version")
    return list(dict.fromkeys(langs))


def render(doc: Document, fmt: str, langs: list[str] | None = None, layout: str = "table") -> Export:
    langs = choose_languages(doc, langs)
    if fmt == "tmx":
        return _tmx(doc, langs)
    if fmt == "tsv":
        return _tsv(doc, langs)
    if fmt == "md":
        return _markdown(doc, langs, layout)
    if fmt == "json":
        return _json(doc, langs)
    raise UserError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def _tmx(doc: Document, langs: list[str]) -> Export:
    units, skipped = [], 0
    for unit in doc.units:
        present = [lang for lang in langs if unit.text.get(lang)]
        if len(present) < 2:
            skipped += 1
            continue
        lines = [f"    <tu tuid={quoteattr(f'{doc.id}/{unit.id}')}>"]
        lines.append(f'      <prop type="x-document">{xml_text(doc.id)}</prop>')
        lines.append(f'      <prop type="x-unit">{xml_text(unit.id)}</prop>')
        lines.extend(f"      {tuv(lang, unit.text[lang])}" for lang in present)
        lines.append("    </tu>")
        units.append("\n".join(lines))
    return Export(tmx_document(langs[0], units), len(units), skipped)


def neutralise(text: str) -> str:
    """One spreadsheet cell: on one line, and never read as a formula (the CSV exports' guard)."""
    return str(cell(re.sub(r"[\t\r\n]+", " ", text)))


def _tsv(doc: Document, langs: list[str]) -> Export:
    lines = ["\t".join(["unit", *langs])]
    for unit in doc.units:
        lines.append("\t".join([unit.id, *(neutralise(unit.text.get(lang, "")) for lang in langs)]))
    return Export("\r\n".join(lines) + "\r\n", len(doc.units))


def _markdown(doc: Document, langs: list[str], layout: str) -> Export:
    parts = [f"# {md_escape(doc.title())}", ""]
    if cite := ", ".join(part for part in (doc.source, doc.date, doc.url) if part):
        parts += [f"*{md_escape(cite)}*", ""]
    if layout == "table":
        parts.append("| unit | " + " | ".join(md_escape(LANGUAGE_NAMES[lang]) for lang in langs) + " |")
        parts.append("|---" * (len(langs) + 1) + "|")
        for unit in doc.units:
            cells = [md_escape(unit.text.get(lang, "")) for lang in langs]
            parts.append(f"| {unit.id} | " + " | ".join(cells) + " |")
        parts.append("")
    elif layout == "interleaved":
        for unit in doc.units:
            parts += [f"**{unit.id}**", ""]
            for lang in langs:
                if text := unit.text.get(lang, ""):
                    parts += [f"> {md_escape(LANGUAGE_NAMES[lang])}: {md_escape(text)}", ">"]
            parts[-1] = ""
    else:
        raise UserError(f"unknown Markdown layout {layout!r} (choose table or interleaved)")
    return Export("\n".join(parts), len(doc.units))


def _json(doc: Document, langs: list[str]) -> Export:
    data = {
        "id": doc.id,
        "original_language": doc.original_language,
        "languages": langs,
        "titles": {lang: doc.titles[lang] for lang in langs if doc.titles.get(lang)},
        "source": doc.source,
        "date": doc.date,
        "url": doc.url,
        "units": [
            {
                "unit": unit.id,
                "paragraph_start": unit.paragraph_start,
                "text": {lang: unit.text.get(lang, "") for lang in langs},
                "sentences": {lang: list(unit.sentences.get(lang, ())) for lang in langs},
            }
            for unit in doc.units
        ],
    }
    return Export(json.dumps(data, ensure_ascii=False, indent=2) + "\n", len(doc.units))
