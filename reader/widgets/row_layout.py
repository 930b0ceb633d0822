"""Row geometry for the aligned view: how many terminal lines each unit takes, and where it starts.

Heights start as estimates (text length / width) so a 10,000-unit document opens at once; a row
is wrapped exactly when it is first shown, and `settle` replaces estimates in small batches while
the app is idle. Prefix sums map a line number to (row, line within row) with a bisect.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from reader.wrap import wrap

SIDE_BY_SIDE = "side"
INTERLEAVED = "interleaved"


@dataclass(frozen=True)
class Geometry:
    """Column layout for one terminal width."""

    mode: str
    langs: tuple[str, ...]
    col_width: int
    width: int  # the whole text area, in cells

    @property
    def columns(self) -> int:
        return len(self.langs) if self.mode == SIDE_BY_SIDE else 1


@dataclass
class WrappedRow:
    """A unit wrapped for a geometry: per language, the (start, end) offsets of each line."""

    lines: dict[str, list[tuple[int, int]]]
    lead: int  # blank lines before the row (paragraph gap)
    height: int


def estimate_lines(text: str, lang: str, width: int) -> int:
    cells = len(text) * (2 if lang == "zh" else 1)
    return max(1, -(-cells * 11 // (max(width, 2) * 10)))


class RowLayout:
    """Heights and start lines of every row of a document for one geometry."""

    def __init__(self, texts: list[dict[str, str]], paragraph_starts: list[bool], geometry: Geometry):
        self.texts = texts
        self.geometry = geometry
        self.leads = [1 if start and i else 0 for i, start in enumerate(paragraph_starts)]
        if geometry.mode == INTERLEAVED:
            self.leads = [1 if i else 0 for i in range(len(texts))]
        self.heights = [self._estimate(i) for i in range(len(texts))]
        self.exact: list[WrappedRow | None] = [None] * len(texts)
        self._starts: list[int] | None = None
        self.pending = 0  # index of the first row not yet wrapped exactly by `settle`

    def _estimate(self, row: int) -> int:
        g = self.geometry
        counts = [estimate_lines(self.texts[row].get(lang, ""), lang, g.col_width) for lang in g.langs]
        body = max(counts) if g.mode == SIDE_BY_SIDE else sum(counts)
        return self.leads[row] + body

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *accumulate(self.heights)]
        return self._starts

    @property
    def total_height(self) -> int:
        return self.starts[-1] if self.texts else 0

    def row_at(self, y: int) -> tuple[int, int]:
        """(row, line within the row) for a virtual line number; clamps to the last row."""
        if not self.texts:
            return -1, 0
        row = min(bisect_right(self.starts, y) - 1, len(self.texts) - 1)
        row = max(row, 0)
        return row, y - self.starts[row]

    def wrapped(self, row: int) -> WrappedRow:
        """The exact wrap of a row, computed on first use; updates its height."""
        found = self.exact[row]
        if found is not None:
            return found
        g = self.geometry
        lines = {lang: wrap(self.texts[row].get(lang, ""), g.col_width) for lang in g.langs}
        counts = [len(v) for v in lines.values()]
        body = max(counts) if g.mode == SIDE_BY_SIDE else sum(counts)
        result = WrappedRow(lines, self.leads[row], self.leads[row] + body)
        self.exact[row] = result
        if result.height != self.heights[row]:
            self.heights[row] = result.height
            self._starts = None
        return result

    def settle(self, budget: int = 200) -> bool:
        """Wrap up to `budget` more rows exactly; True when every row is exact."""
        end = min(self.pending + budget, len(self.texts))
        for row in range(self.pending, end):
            self.wrapped(row)
        self.pending = end
        return end >= len(self.texts)
