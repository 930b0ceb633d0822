"""A saved web page: its article (trafilatura), with title, date, author, URL and site name.

trafilatura finds the article body and drops navigation, menus, related-news lists, footers,
scripts and cookie banners; it reads the metadata from `og:`, `article:published_time`, JSON-LD
and the like. The page's other text blocks are reported as left out. Nothing in the page is run
or loaded: no script, stylesheet, image or URL. `--clean none` keeps the page's whole text.
"""

from __future__ import annotations

from pathlib import Path

from reader.errors import UserError
from reader.ingest.decode import decode_noting, read_bytes
from reader.ingest.markup import html_blocks
from reader.ingest.source import Block, Kind, Source, is_date

_KINDS: dict[str, Kind] = {"head": "heading", "item": "item"}


def read_html(path: Path, clean: str = "auto") -> Source:
    text, notes = decode_noting(read_bytes(path, max_line=None), str(path))
    title, page_blocks = html_blocks(text)
    if clean == "none":
        if not page_blocks:
            raise UserError(f"{path}: no text in the page")
        return Source(page_blocks, title=title, notes=notes)
    import logging

    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # warnings would print over the UI

    try:
        found = trafilatura.bare_extraction(
            text, with_metadata=True, include_tables=True, include_comments=False, include_images=False
        )
    except Exception as exc:  # the extractor's own failure on a strange page
        raise UserError(f"{path}: could not read the page ({type(exc).__name__})") from None
    body = getattr(found, "body", None)
    blocks = _article_blocks(body) if body is not None else []
    if not blocks or found is None or isinstance(found, dict):
        raise UserError(f"{path}: no article found in the page")
    kept = {_key(b.text) for b in blocks}
    article = _key(" ".join(b.text for b in blocks))
    removed = [b.text for b in page_blocks if _key(b.text) not in kept and _key(b.text) not in article]
    if title and removed and removed[0] == title:
        removed.pop(0)
    date = (found.date or "")[:10]
    return Source(
        blocks,
        title=found.title or title,
        date=date if is_date(date) else "",
        url=found.url or "",
        site=found.sitename or "",
        author=found.author or "",
        removed=removed,
        removed_what="navigation, menus, related links and footers",
        notes=notes,
    )


def _key(text: str) -> str:
    return "".join(text.split())


def _article_blocks(body) -> list[Block]:
    """trafilatura's body tree (head, p, list/item, table/row/cell, quote) as blocks."""
    blocks: list[Block] = []
    for element in body.iter("head", "p", "item", "cell", "quote", "code"):
        if any(parent.tag in ("p", "item", "cell", "quote", "head") for parent in element.iterancestors()):
            continue  # its text is part of the enclosing block
        text = " ".join("".join(element.itertext()).split())
        if text:
            blocks.append(Block(text, _KINDS.get(element.tag, "paragraph")))
    return blocks
