"""Read already-aligned files: TMX (one unit per <tu>) and TSV (a column per language).

XML is parsed with defusedxml: no entity expansion, no external entities, no DTD tricks.
Both return rows: one dict per unit, language → text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reader.errors import UserError
from reader.ingest.decode import read_text_file
from reader.text import LANGUAGES, sanitize

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def language_code(value: str) -> str | None:
    """'zh-CN', 'zh_Hant', 'VI', 'en-US' → 'zh', 'vi', 'en'; others → None."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


def read_tmx(path: Path) -> list[dict[str, str]]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    text = read_text_file(path)
    try:
        root = fromstring(text.encode("utf-8"), forbid_dtd=True)
    except DefusedXmlException as exc:
        raise UserError(f"{path}: refused unsafe XML ({type(exc).__name__})") from None
    except ParseError as exc:
        raise UserError(f"{path}: malformed TMX ({exc})") from None
    if root.tag != "tmx":
        raise UserError(f"{path}: not a TMX file (root element <{root.tag}>)")
    rows: list[dict[str, str]] = []
    for tu in root.iter("tu"):
        row: dict[str, str] = {}
        for tuv in tu.iter("tuv"):
            lang = language_code(tuv.get(XML_LANG) or tuv.get("lang") or "")
            seg = tuv.find("seg")
            if lang and seg is not None:
                row[lang] = sanitize("".join(seg.itertext())).strip()
        if any(row.values()):
            rows.append(row)
    if not rows:
        raise UserError(f"{path}: no <tu> with zh, vi or en text")
    return rows


def read_tsv(path: Path) -> list[dict[str, str]]:
    text = read_text_file(path)
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        header = next(reader)
    except StopIteration:
        raise UserError(f"{path}: empty TSV") from None
    langs = [language_code(name) for name in header]
    if not any(langs):
        raise UserError(f"{path}:1: the header must name languages (zh, vi, en), got {header!r}")
    rows = []
    for number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            raise UserError(f"{path}:{number}: {len(record)} columns, the header has {len(header)}")
        rows.append({lang: cell.strip() for lang, cell in zip(langs, record, strict=False) if lang})
    if not rows:
        raise UserError(f"{path}: no rows under the header")
    return rows
