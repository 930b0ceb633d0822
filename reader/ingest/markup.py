"""Blocks from (X)HTML with the standard library's tokenizer: text only, nothing executed.

Used for EPUB chapters and for a web page's whole text (`--clean none`). Scripts, styles and
templates are skipped; h1–h6 are headings, li items, every other block element (and <br>) ends a
paragraph. Character references are decoded; no entity, stylesheet or URL is ever loaded.
"""

from __future__ import annotations

from html.parser import HTMLParser

from reader.ingest.source import Block, Kind

_SKIP = {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "select"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {
    *_HEADINGS,
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "br",
    "hr",
    "body",
    "title",
    "address",
}


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._text: list[str] = []
        self._kinds: list[Kind] = []
        self._skipping = 0
        self._in_title = False

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if text:
            kind = self._kinds[-1] if self._kinds else "paragraph"
            self.blocks.append(Block(text, kind))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._flush()
            if tag in _HEADINGS or tag == "li":
                self._kinds.append("heading" if tag in _HEADINGS else "item")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP:
            self._skipping = max(self._skipping - 1, 0)
        elif tag in _BLOCKS:
            self._flush()
            if (tag in _HEADINGS or tag == "li") and self._kinds:
                self._kinds.pop()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skipping:
            self._text.append(data)


def html_blocks(text: str) -> tuple[str, list[Block]]:
    """The <title> and the blocks of an HTML or XHTML text, in document order."""
    parser = _BlockParser()
    parser.feed(text)
    parser.close()
    parser._flush()
    return " ".join(parser.title.split()), parser.blocks
