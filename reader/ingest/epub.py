"""An EPUB book: its chapters in spine order, headings, paragraphs and list items kept.

The zip is opened with bounds (`ziplimits`), its container and package documents parsed with
defusedxml (no entities, no external references), and each chapter's XHTML read as text by the
standard library's HTML tokenizer (`markup`). Title, author and date come from the package's
Dublin Core metadata. A table of contents in the spine (the EPUB 3 nav document) is left out and
reported. (ebooklib is AGPL, so it is not used.)
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from reader.errors import UserError
from reader.ingest.decode import decode
from reader.ingest.markup import html_blocks
from reader.ingest.source import Block, Source, is_date
from reader.ingest.ziplimits import open_zip, read_member

WHAT = "EPUB"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DOCUMENT_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")


def _xml(data: bytes, path: Path, part: str) -> Element:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(data)
    except DefusedXmlException:
        raise UserError(f"{path}: refused unsafe XML in {part}") from None
    except ParseError as exc:
        raise UserError(f"{path}: malformed {part} ({exc})") from None


def read_epub(path: Path, clean: str = "auto") -> Source:
    """The book's blocks; `clean` "none" keeps the table of contents."""
    archive = open_zip(path, WHAT)
    container = _xml(read_member(archive, "META-INF/container.xml", path, WHAT), path, "container.xml")
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    opf_name = rootfile.get("full-path") if rootfile is not None else None
    if not opf_name:
        raise UserError(f"{path}: the EPUB names no package document")
    package = _xml(read_member(archive, opf_name, path, WHAT), path, opf_name)
    base = posixpath.dirname(opf_name)
    manifest = {
        item.get("id"): item for item in package.iter(f"{_OPF}item") if item.get("id") and item.get("href")
    }
    blocks: list[Block] = []
    removed: list[str] = []
    for itemref in package.iter(f"{_OPF}itemref"):
        item = manifest.get(itemref.get("idref"))
        if item is None or item.get("media-type") not in _DOCUMENT_TYPES:
            continue
        href = unquote(item.get("href", "").split("#")[0])
        name = posixpath.normpath(posixpath.join(base, href))
        chapter = decode(read_member(archive, name, path, WHAT), f"{path}:{name}")
        found = html_blocks(chapter)[1]
        if "nav" in (item.get("properties") or "").split() and clean != "none":
            removed += [block.text for block in found]  # the table of contents, reported
        else:
            blocks += found
    if not blocks:
        raise UserError(f"{path}: no text in the book's chapters")
    metadata = package.find(f"{_OPF}metadata")

    def dc(field: str) -> str:
        found = metadata.find(f"{_DC}{field}") if metadata is not None else None
        return " ".join("".join(found.itertext()).split()) if found is not None else ""

    date = dc("date")[:10]
    return Source(
        blocks,
        title=dc("title"),
        author=dc("creator"),
        date=date if is_date(date) else "",
        site=dc("publisher"),
        removed=removed,
        removed_what="the table of contents",
    )
