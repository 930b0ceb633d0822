"""TMX 1.4b for CAT tools: one <tu> per bookmark, a <tuv xml:lang> per language, the note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from reader import __version__
from reader.bookmarks import Bookmark

XML_LANG = {"zh": "zh-CN", "vi": "vi-VN", "en": "en-US"}


def _xml(text: str) -> str:
    """Escaped element text with the characters XML 1.0 forbids removed."""
    allowed = "".join(
        ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and ord(ch) not in (0xFFFE, 0xFFFF))
    )
    return escape(allowed).replace("\r", "&#13;")  # a literal CR would be read back as LF


def _stamp(iso: str) -> str:
    """2024-06-12T08:00:00Z → 20240612T080000Z (TMX date format)."""
    digits = iso.replace("-", "").replace(":", "")
    return digits if len(digits) == 16 else datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def render(bookmarks: Sequence[Bookmark]) -> str:
    sources = {b.original_language for b in bookmarks}
    srclang = XML_LANG[next(iter(sources))] if len(sources) == 1 else "*all*"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="reader" creationtoolversion={quoteattr(__version__)} segtype="sentence"'
        f' o-tmf="reader" adminlang="en-US" srclang={quoteattr(srclang)} datatype="plaintext"'
        f' creationdate="{datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")}"/>',
        "  <body>",
    ]
    for b in bookmarks:
        lines.append(
            f'    <tu tuid="{b.id}" creationdate="{_stamp(b.created)}" changedate="{_stamp(b.updated)}">'
        )
        lines.append(f'      <prop type="x-document">{_xml(b.doc_id)}</prop>')
        lines.append(f'      <prop type="x-unit">{_xml(b.unit_id)}</prop>')
        if b.source:
            lines.append(f'      <prop type="x-source">{_xml(b.source)}</prop>')
        for tag in b.tags:
            lines.append(f'      <prop type="x-tag">{_xml(tag)}</prop>')
        if b.note:
            lines.append(f"      <note>{_xml(b.note)}</note>")
        for lang in b.languages:
            if b.texts.get(lang):
                lines.append(
                    f'      <tuv xml:lang="{XML_LANG.get(lang, lang)}"><seg>{_xml(b.texts[lang])}</seg></tuv>'
                )
        lines.append("    </tu>")
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)
