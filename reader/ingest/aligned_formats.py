"""Read already-aligned files: TMX (one unit per <tu>) and TSV (a column per language).

XML is parsed with defusedxml: no entity expansion, no external entities, no DTD tricks. The
parser reads the file's own bytes, so a UTF-16 TMX with a BOM (what CAT tools export) or one
declared ISO-8859-1 is decoded as it says. Both return rows: one dict per unit, language → text.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from reader.errors import UserError
from reader.ingest.decode import read_bytes, read_text_file
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

    data = read_bytes(path, max_line=None)
    if not data.strip(b"\x00\xff\xfe\xef\xbb\xbf \t\r\n"):
        raise UserError(f"{path}: the file is empty")
    try:
        try:
            root = fromstring(data, forbid_dtd=True)
        except (ValueError, LookupError):  # a multi-byte encoding expat lacks (GB18030, Big5)
            root = fromstring(_as_utf8(data, path), forbid_dtd=True)
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


def _as_utf8(data: bytes, path: Path) -> bytes:
    """The XML re-encoded as UTF-8 by its declared encoding, the declaration saying so."""
    declared = re.match(rb"<\?xml[^>]*encoding=[\"'](?P<name>[A-Za-z0-9_.:-]+)", data)
    try:
        text = data.decode(declared["name"].decode("ascii") if declared else "utf-8")
    except (LookupError, UnicodeDecodeError):
        raise UserError(f"{path}: the text does not match its declared encoding") from None
    return re.sub(r"^<\?xml[^>]*\?>", '<?xml version="1.0" encoding="UTF-8"?>', text).encode("utf-8")


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
    named = [lang for lang in langs if lang]
    if twice := sorted({lang for lang in named if named.count(lang) > 1}):
        raise UserError(f"{path}:1: two columns are {', '.join(twice)}; each language may have one column")
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
