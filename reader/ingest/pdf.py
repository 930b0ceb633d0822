"""A PDF with a text layer (pypdf): lines rebuilt from the text's positions, then paragraphs.

Each page's text fragments are grouped into lines by their baseline and read top to bottom.
Running headers and footers (the same text, digits aside, at the top or bottom of most pages)
and page numbers are removed and reported. A new paragraph starts after a gap wider than the
usual line spacing, at an indented line, or at a heading (a line in a larger font); a word
hyphenated across a line end is re-joined. A page's last paragraph runs on into the next page
when it stops mid-sentence. Not handled: multi-column layouts (read across), tables as cells.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reader.errors import UserError
from reader.ingest.decode import read_bytes
from reader.ingest.source import Block, Kind, Source, ends_sentence, join_lines

MAX_FILE = 200_000_000
_PAGE_NUMBER = re.compile(
    r"^(?:page|trang|p\.)?\s*[-–(]?\s*(?:#+|[ivxlc]+)\s*[-–)]?\s*(?:(?:of|/)\s*#+)?$|^第#+页$"
)


@dataclass
class Line:
    y: float
    x: float
    size: float
    text: str


def _page_lines(page) -> list[Line]:
    """The page's lines, top to bottom: fragments grouped by baseline, then read left to right.
    Fragments are joined with a space only where the PDF's text has one (a bold "Mon" before
    "day" stays "Monday"), or without one between Han characters either way."""
    fragments: list[Line] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, font_size: float) -> None:
        if not text.strip():
            if text and fragments:
                fragments[-1].text += " "  # a space of its own still separates words
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = float(font_size or 1) * (abs(tm[3]) or 1) * (abs(cm[3]) or 1)
        fragments.append(Line(y, x, size, text.replace("\n", " ")))

    page.extract_text(visitor_text=visit)
    fragments.sort(key=lambda f: -f.y)
    groups: list[list[Line]] = []
    for fragment in fragments:
        if groups and abs(fragment.y - groups[-1][0].y) <= 0.4 * max(fragment.size, groups[-1][0].size):
            groups[-1].append(fragment)
        else:
            groups.append([fragment])
    lines: list[Line] = []
    for group in groups:
        group.sort(key=lambda f: f.x)
        text = group[0].text
        for fragment in group[1:]:
            spaced = text[-1:].isspace() or fragment.text[:1].isspace()
            text = text + (" " if spaced else "") + fragment.text
        lines.append(Line(group[0].y, group[0].x, max(f.size for f in group), " ".join(text.split())))
    return lines


def _furniture(pages: list[list[Line]], body_size: float) -> set[tuple[int, int]]:
    """(page, line) positions of running headers, footers and page numbers: a page's first or
    last line in no larger a font than the body, repeated on half the pages or more (its digits
    aside) or a page number alone; then the line inside it if repeated exactly."""

    def norm(text: str, digits: bool) -> str:
        text = " ".join(text.lower().split())
        return re.sub(r"\d+", "#", text) if digits else text

    edges = [{i for i in (0, 1, len(lines) - 2, len(lines) - 1) if 0 <= i < len(lines)} for lines in pages]
    counts = Counter(
        text
        for lines, where in zip(pages, edges, strict=True)
        for text in {norm(lines[i].text, digits) for i in where for digits in (True, False)}
    )
    repeated = max(2, (len(pages) + 1) // 2)
    found: set[tuple[int, int]] = set()
    for number, lines in enumerate(pages):
        for outer, inner in ((0, 1), (len(lines) - 1, len(lines) - 2)):
            for i in (outer, inner):
                if not 0 <= i < len(lines) or lines[i].size >= 1.15 * body_size:
                    break
                text = norm(lines[i].text, digits=i == outer)
                page_number = i == outer and _PAGE_NUMBER.match(text)
                if not ((len(pages) > 1 and counts[text] >= repeated) or page_number):
                    break
                found.add((number, i))
    return found


def _join(left: str, right: str) -> str:
    """Re-join a word hyphenated across a line end ("coun-" + "tries"), else `join_lines`."""
    if re.search(r"[^\W\d_]-$", left) and right[:1].islower():
        return left[:-1] + right
    return join_lines(left, right)


def read_pdf(path: Path, clean: str = "auto") -> Source:
    """The PDF's blocks; `clean` "none" keeps the running headers, footers and page numbers."""
    data = read_bytes(path, MAX_FILE, max_line=None)
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings would print over the UI

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UserError(f"{path}: the PDF is password-protected; remove the password first")
        pages = [_page_lines(page) for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else "") or ""
        author = (reader.metadata.author if reader.metadata else "") or ""
    except UserError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        if "password" in str(exc).lower() or "decrypt" in str(exc).lower():
            raise UserError(f"{path}: the PDF is password-protected; remove the password first") from None
        raise UserError(f"{path}: not a readable PDF (damaged? {type(exc).__name__})") from None
    all_lines = [line for lines in pages for line in lines]
    if not all_lines:
        raise UserError(f"{path}: the PDF has no text layer (a scanned image?); it needs OCR first")
    sizes = Counter(round(line.size, 1) for line in all_lines for _ in line.text)
    body_size = sizes.most_common(1)[0][0]
    furniture = _furniture(pages, body_size) if clean != "none" else set()
    removed = [pages[p][i].text for p, i in sorted(furniture)]
    body = [
        (number, line)
        for number, lines in enumerate(pages)
        for i, line in enumerate(lines)
        if (number, i) not in furniture
    ]
    if not body:
        raise UserError(f"{path}: the PDF has no text layer (a scanned image?); it needs OCR first")
    gaps = [
        a.y - b.y
        for (pa, a), (pb, b) in itertools.pairwise(body)
        if pa == pb and abs(a.size - body_size) < 0.5 and abs(b.size - body_size) < 0.5 and a.y > b.y
    ]
    # the usual line spacing: a low percentile, as paragraphs of one line make wide gaps common
    leading = sorted(gaps)[len(gaps) // 5] if len(gaps) >= 5 else body_size * 1.3
    left = min(line.x for _, line in body)
    blocks: list[Block] = []
    text = ""
    kind: Kind = "paragraph"
    previous: tuple[int, Line] | None = None
    for number, line in body:
        line_kind: Kind = (
            "heading" if line.size >= 1.15 * body_size and len(line.text) <= 200 else "paragraph"
        )
        if previous is None:
            new = True
        elif previous[0] != number:
            new = ends_sentence(text) or line_kind != kind
        else:
            gap = previous[1].y - line.y
            indented = line.x - left >= 0.9 * body_size and previous[1].x - left < 0.9 * body_size
            spacing = 1.8 * line.size if kind == line_kind == "heading" else 1.3 * leading
            new = line_kind != kind or gap > spacing or gap < 0 or indented
        if new:
            if text:
                blocks.append(Block(text, kind))
            text, kind = line.text, line_kind
        else:
            text = _join(text, line.text)
        previous = (number, line)
    if text:
        blocks.append(Block(text, kind))
    if not title and blocks and blocks[0].kind == "heading":
        title = blocks[0].text
    return Source(
        blocks,
        title=" ".join(str(title).split()),
        author=" ".join(str(author).split()),
        removed=removed,
        removed_what="running headers, footers and page numbers",
    )
