"""A Word .docx file (python-docx): paragraphs and tables in document order, headings and list
items marked, each table cell's text kept (a merged cell once). Title and author come from the
document's core properties. The zip is checked for bombs before python-docx reads it.
"""

from __future__ import annotations

from pathlib import Path

from reader.errors import UserError
from reader.ingest.source import Block, Kind, Source
from reader.ingest.ziplimits import open_zip

WHAT = "Word .docx"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> Source:
    archive = open_zip(path, WHAT)
    if "word/document.xml" not in archive.namelist():
        raise UserError(f"{path}: not a Word .docx file (no word/document.xml)")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(archive.fp)  # the checked bytes, not the path again
    except Exception as exc:  # python-docx raises many kinds on damaged parts
        raise UserError(f"{path}: a damaged Word file ({type(exc).__name__})") from None
    blocks: list[Block] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            _paragraph(Paragraph(child, document), blocks)
        elif child.tag == f"{_W}tbl":
            seen: dict[int, object] = {}  # merged cells repeat; the values keep ids unique
            for row in Table(child, document).rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen[id(cell._tc)] = cell._tc
                    for paragraph in cell.paragraphs:
                        _paragraph(paragraph, blocks)
    if not blocks:
        raise UserError(f"{path}: no text in the document")
    props = document.core_properties
    # No date: a file's creation date is not the document's date (--date sets one).
    return Source(blocks, title=props.title or "", author=props.author or "")


def _kind(paragraph) -> Kind:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith(("Heading", "Title", "Subtitle")):
        return "heading"
    properties = paragraph._p.pPr
    if style.startswith("List") or (properties is not None and properties.numPr is not None):
        return "item"
    return "paragraph"


def _paragraph(paragraph, blocks: list[Block]) -> None:
    text = " ".join(paragraph.text.split())
    if text:
        blocks.append(Block(text, _kind(paragraph)))
