"""Plain text and Markdown, kept whole: every non-empty line of the file ends up in a block.

Blank lines separate blocks. Inside a block, lines are joined only when the block reads as
hard-wrapped prose (lines of similar width up to ~100 columns), and then only after a line near
the block's widest that does not end a sentence; otherwise each line is a paragraph of its own, as in one-paragraph-per-line files. A
short line without a final stop is a heading; "- ", "• ", "1." and "a)" lines are list items.
"""

from __future__ import annotations

import re

from reader.ingest.source import Block, Kind, Source, ends_sentence, heading_or_paragraph, join_lines

_ITEM = re.compile(r"^(?:[-*+•·▪◦–]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+\S")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_ITEM = re.compile(r"^\s*(?:[-*+]|(\d{1,9})[.)])\s+(.*)$")
_MD_SETEXT = re.compile(r"^(=+|-+)\s*$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)")
_WRAP_MAX = 100


_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3007\U00020000-\U0003134f]")


def _width(line: str) -> int:
    """Columns: a Han character takes two (the ranges of `reader.text.is_cjk`)."""
    return len(line) + len(_HAN.findall(line))


def _blocks(text: str) -> list[list[str]]:
    """Non-empty lines (spaces collapsed) grouped by blank lines."""
    groups: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _kind(line: str) -> Kind:
    return "item" if _ITEM.match(line) else heading_or_paragraph(line)


def _paragraphs(lines: list[str]) -> list[Block]:
    widths = [_width(line) for line in lines]
    widest = max(widths)
    wraps = [width >= 0.6 * widest for width in widths]
    hard_wrapped = len(lines) > 1 and widest <= _WRAP_MAX and sum(wraps[:-1]) >= 2 / 3 * (len(lines) - 1)
    blocks: list[Block] = []
    current = ""
    for i, line in enumerate(lines):
        joins = wraps[i - 1] and not ends_sentence(lines[i - 1]) and not _ITEM.match(line)
        if current and hard_wrapped and joins:
            current = join_lines(current, line)
            continue
        if current:
            blocks.append(Block(current, _kind(current)))
        current = line
    blocks.append(Block(current, _kind(current)))
    return blocks


def read_plain(text: str) -> Source:
    """Blocks of a plain-text file; a heading first is also the title."""
    blocks = [block for group in _blocks(text) for block in _paragraphs(group)]
    title = blocks[0].text if blocks and blocks[0].kind == "heading" else ""
    return Source(blocks, title=title)


def _inline(text: str) -> str:
    return " ".join(_MD_EMPHASIS.sub("", _MD_LINK.sub(r"\1", text)).split())


def read_markdown(text: str) -> Source:
    """Blocks of a Markdown file: ATX/setext headings, list items, paragraphs (soft-wrapped lines
    joined), block quotes unquoted, code blocks one line per paragraph."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    in_fence = False

    def flush(kind: Kind = "paragraph") -> None:
        if paragraph:
            text = _inline(" ".join(paragraph))
            if text:
                blocks.append(Block(text, kind))
            paragraph.clear()

    for raw in text.split("\n"):
        if _MD_FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if raw.strip():
                blocks.append(Block(" ".join(raw.split()), "paragraph"))
            continue
        line = re.sub(r"^\s*(?:>\s?)+", "", raw).strip()
        if not line:
            flush()
        elif heading := _MD_HEADING.match(line):
            flush()
            paragraph.append(heading.group(2))
            flush("heading")
        elif paragraph and _MD_SETEXT.match(line) and len(paragraph) == 1:
            flush("heading")
        elif item := _MD_ITEM.match(line):
            flush()
            number = f"{item.group(1)}. " if item.group(1) else ""
            paragraph.append(number + item.group(2))
            flush("item")
        elif blocks and blocks[-1].kind == "item" and raw[:1].isspace() and not paragraph:
            blocks[-1] = Block(f"{blocks[-1].text} {_inline(line)}", "item")
        elif _MD_SETEXT.match(line) and set(line) <= {"-", "*", "_"} and not paragraph:
            continue  # a thematic break
        else:
            paragraph.append(line)
    flush()
    title = blocks[0].text if blocks and blocks[0].kind == "heading" else ""
    return Source(blocks, title=title)
