"""Row geometry: estimated heights replaced by exact ones, prefix sums and line lookups."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from reader.widgets.row_layout import INTERLEAVED, SIDE_BY_SIDE, Fenwick, Geometry, RowLayout
from reader.wrap import wrap


@given(st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=60), st.data())
def test_fenwick_matches_plain_prefix_sums(values: list[int], data) -> None:
    tree = Fenwick(values)
    for _ in range(5):
        index = data.draw(st.integers(0, len(values) - 1))
        new = data.draw(st.integers(1, 9))
        tree.add(index, new - values[index])
        values[index] = new
    starts = [sum(values[:i]) for i in range(len(values) + 1)]
    assert [tree.prefix(i) for i in range(len(values) + 1)] == starts
    for y in range(starts[-1]):
        row = max(i for i in range(len(values)) if starts[i] <= y)
        assert tree.find(y) == (row, y - starts[row])


def texts(n: int, seed: int = 1) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    words = ["Tòa", "án", "nhân", "dân", "tối", "cao", "cooperation", "Supreme", "People's", "Court"]
    out = []
    for _ in range(n):
        out.append(
            {
                "zh": "最高人民法院代表团" * rnd.randint(1, 8),
                "vi": " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40))),
                "en": " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40))),
            }
        )
    return out


def exact_heights(rows: list[dict[str, str]], geometry: Geometry, leads: list[int]) -> list[int]:
    out = []
    for text, lead in zip(rows, leads, strict=True):
        counts = [len(wrap(text[lang], geometry.col_width)) for lang in geometry.langs]
        out.append(lead + (max(counts) if geometry.mode == SIDE_BY_SIDE else sum(counts)))
    return out


def test_heights_start_estimated_and_become_exact_where_wrapped() -> None:
    rows = texts(500)
    starts = [i % 7 == 0 for i in range(500)]
    for mode in (SIDE_BY_SIDE, INTERLEAVED):
        geometry = Geometry(mode, ("zh", "vi", "en"), 30 if mode == SIDE_BY_SIDE else 70, 100)
        layout = RowLayout(rows, starts, geometry)
        assert layout.estimated == 500  # nothing wrapped up front
        exact = exact_heights(rows, geometry, layout.leads)
        shown = list(layout.rows_down(200, 40))
        assert shown[0] == 200 and sum(exact[r] for r in shown[:-1]) < 40 <= sum(exact[r] for r in shown)
        assert layout.estimated == 500 - len(shown)
        for r in shown:
            assert layout.heights[r] == exact[r]
        above = list(layout.rows_up(200, 25))
        assert above[0] == 199 and sum(exact[r] for r in above) >= 25
        for row in range(500):
            layout.wrapped(row)
        assert layout.heights == exact and layout.total_height == sum(exact)
        y = 0
        for row, height in enumerate(exact):
            assert layout.start(row) == y
            assert layout.row_at(y) == (row, 0) and layout.row_at(y + height - 1) == (row, height - 1)
            y += height
        assert layout.row_at(y + 5) == (499, exact[-1] + 5)  # past the end: the last row


def test_estimates_are_close_on_average() -> None:
    """Positions of rows not yet shown come from estimates: they should be near the truth."""
    rows = texts(2000, seed=7)
    geometry = Geometry(SIDE_BY_SIDE, ("zh", "vi", "en"), 40, 130)
    layout = RowLayout(rows, [False] * 2000, geometry)
    estimate = layout.total_height
    exact = sum(exact_heights(rows, geometry, layout.leads))
    assert abs(estimate - exact) / exact < 0.15, (estimate, exact)
