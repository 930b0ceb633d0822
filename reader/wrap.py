"""Line breaking for mixed Chinese / Vietnamese / English text, measured in terminal cells.

Breaks at spaces and between any two Han characters (or a Han character and a Latin word), so
mixed lines fill up instead of leaving ragged gaps. A line never starts with closing
punctuation (，。、；：！？）」》 …) nor ends with an opening bracket: such characters are glued to
their neighbour and move with it (kinsoku by push-out). Words longer than a line are cut.

Text whose every character is one cell wide (English, Vietnamese) takes a shorter path with the
same result: its boxes are its words, and widths are lengths.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rich.cells import get_character_cell_size

from reader.text import NO_LINE_END, NO_LINE_START

_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
# Atoms: a newline, a run of blanks, one wide character, or a run of other characters.
_ATOM = re.compile(rf"\n|[^\S\n]+|[{_WIDE}]|[^\s{_WIDE}]+")
_WORD = re.compile(r"\S+")
# Where one-cell characters are looked for: Latin (Vietnamese included), Greek, Cyrillic, general
# punctuation. Only those that measure one cell are kept.
_NARROW_RANGES = ((0x20, 0x7E), (0xA0, 0x52F), (0x1E00, 0x1EFF), (0x2010, 0x2027), (0x2030, 0x205E))


@cache
def _narrow() -> frozenset[str]:
    """Characters one cell wide, and blanks that are (the space, the no-break space)."""
    return frozenset(
        ch
        for low, high in _NARROW_RANGES
        for ch in map(chr, range(low, high + 1))
        if get_character_cell_size(ch) == 1 and (not ch.isspace() or ch in " \u00a0")
    )


@lru_cache(maxsize=8192)
def cell_width(text: str) -> int:
    """Width of `text` in terminal cells (CJK = 2, combining marks = 0)."""
    if text.isascii():
        return len(text)
    return sum(get_character_cell_size(ch) for ch in text)


def _boxes(text: str) -> list[tuple[int, int, bool]]:
    """Unbreakable boxes as (start, end, follows_blank); newlines are boxes of their own."""
    boxes: list[list] = []
    blank = False
    for match in _ATOM.finditer(text):
        atom = match.group()
        start, end = match.span()
        if atom == "\n":
            boxes.append([start, end, False])
            blank = False
            continue
        if atom[0].isspace():
            blank = True
            continue
        prev: list | None = boxes[-1] if boxes else None
        glue = (
            prev is not None
            and not blank
            and text[prev[0]] != "\n"
            and (atom[0] in NO_LINE_START or text[prev[1] - 1] in NO_LINE_END)
        )
        if glue and prev is not None:
            prev[1] = end
        else:
            boxes.append([start, end, blank])
        blank = False
    return [(s, e, b) for s, e, b in boxes]


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Split `text` into lines of at most `width` cells; return (start, end) character offsets.

    Blanks at a break are dropped; a newline forces a break; an empty text gives one empty line.
    """
    width = max(width, 2)
    fits = len(text) <= width // 2 or (len(text) <= width and cell_width(text) <= width)
    if fits and "\n" not in text and text.strip() == text:  # one line as it is
        return [(0, len(text))]
    if _narrow().issuperset(text):
        return _wrap_narrow(text, width)
    return _wrap_boxes(text, width)


def _wrap_boxes(text: str, width: int) -> list[tuple[int, int]]:
    """`wrap` for any text (width at least 2)."""
    lines: list[tuple[int, int]] = []
    line_start = line_end = 0
    used = 0
    empty = True
    for start, end, follows_blank in _boxes(text):
        if text[start] == "\n":
            lines.append((line_start, line_end))
            line_start = line_end = end
            used, empty = 0, True
            continue
        w = cell_width(text[start:end])
        gap = cell_width(text[line_end:start]) if follows_blank and not empty else 0
        if not empty and used + gap + w <= width:
            used += gap + w
            line_end = end
            continue
        if not empty:
            lines.append((line_start, line_end))
        line_start = start
        while w > width:  # a box longer than a line: cut it
            cut, room = start, width
            while cut < end and cell_width(text[cut]) <= room:
                room -= cell_width(text[cut])
                cut += 1
            while cut - 1 > start and cut < end and text[cut] in NO_LINE_START:
                cut -= 1  # never start the next line with closing punctuation
            cut = max(cut, start + 1)
            lines.append((start, cut))
            start = line_start = cut
            w = cell_width(text[start:end])
        used, line_end, empty = w, end, False
    lines.append((line_start, line_end))
    return lines


def _wrap_narrow(text: str, width: int) -> list[tuple[int, int]]:
    """`wrap` for text of one-cell characters and no newline: the same lines, found faster.
    (No two of its words touch, so nothing is glued; a word's width is its length.)"""
    lines: list[tuple[int, int]] = []
    line_start = line_end = used = 0
    empty = True
    for match in _WORD.finditer(text):
        start, end = match.span()
        w = end - start
        if not empty and used + (start - line_end) + w <= width:
            used += start - line_end + w
            line_end = end
            continue
        if not empty:
            lines.append((line_start, line_end))
        line_start = start
        while w > width:  # a word longer than a line: cut it
            cut = start + width
            while cut - 1 > start and text[cut] in NO_LINE_START:
                cut -= 1  # never start the next line with closing punctuation
            lines.append((start, cut))
            start = line_start = cut
            w = end - start
        used, line_end, empty = w, end, False
    lines.append((line_start, line_end))
    return lines


def truncate(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, ending in "…" when cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
