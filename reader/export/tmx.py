"""TMX 1.4b for CAT tools: one <tu> per bookmark, a <tuv xml:lang> per language, the note.

`document` and `xml_text` are also used by `reader align --format tmx`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from reader import __version__
from reader.bookmarks import Bookmark

XML_LANG = {"zh": "zh-CN", "vi": "vi-VN", "en": "en-US"}


def xml_text(text: str) -> str:
    """Escaped element text with the characters XML 1.0 forbids removed."""
    allowed = "".join(
        ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and ord(ch) not in (0xFFFE, 0xFFFF))
    )
    return escape(allowed).replace("\r", "&#13;")  # a literal CR would be read back as LF


def _stamp(iso: str) -> str:
    """2024-06-12T08:00:00Z → 20240612T080000Z (TMX date format)."""
    digits = iso.replace("-", "").replace(":", "")
    return digits if len(digits) == 16 else datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def document(srclang: str, units: list[str]) -> str:
    """A whole TMX file around already-rendered <tu> elements; srclang a code or "*all*"."""
    header = (
        f'  <header creationtool="reader" creationtoolversion={quoteattr(__version__)} segtype="sentence"'
        f' o-tmf="reader" adminlang="en-US" srclang={quoteattr(XML_LANG.get(srclang, srclang))}'
        f' datatype="plaintext" creationdate="{datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")}"/>'
    )
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<tmx version="1.4">',
            header,
            "  <body>",
            *units,
            "  </body>",
            "</tmx>",
            "",
        ]
    )


def tuv(lang: str, text: str) -> str:
    return f'<tuv xml:lang="{XML_LANG.get(lang, lang)}"><seg>{xml_text(text)}</seg></tuv>'


def render(bookmarks: Sequence[Bookmark]) -> str:
    sources = {b.original_language for b in bookmarks}
    srclang = next(iter(sources)) if len(sources) == 1 else "*all*"
    units = []
    for b in bookmarks:
        lines = [
            f'    <tu tuid="{b.id}" creationdate="{_stamp(b.created)}" changedate="{_stamp(b.updated)}">'
        ]
        lines.append(f'      <prop type="x-document">{xml_text(b.doc_id)}</prop>')
        lines.append(f'      <prop type="x-unit">{xml_text(b.unit_id)}</prop>')
        if b.source:
            lines.append(f'      <prop type="x-source">{xml_text(b.source)}</prop>')
        lines.extend(f'      <prop type="x-tag">{xml_text(tag)}</prop>' for tag in b.tags)
        if b.note:
            lines.append(f"      <note>{xml_text(b.note)}</note>")
        lines.extend(f"      {tuv(lang, b.texts[lang])}" for lang in b.languages if b.texts.get(lang))
        lines.append("    </tu>")
        units.append("\n".join(lines))
    return document(srclang, units)
