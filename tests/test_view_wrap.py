"""The aligned view wraps to the width it really has: nothing cut at the right edge, nothing lost.

Each width from 40 to 200 columns gets a freshly mounted view (the first wrap is the one that
used to ignore the scrollbar), in both layouts, and every line of the document is read back from
the view's own rendering.
"""

from __future__ import annotations

import re

from conftest import sample_document
from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.widgets.aligned_view import GUTTER, SEPARATOR, AlignedView, ViewRow
from reader.widgets.row_layout import INTERLEAVED, SIDE_BY_SIDE

LANGS = ("zh", "vi", "en")
SPACE = re.compile(r"\s+")


def rows(copies: int = 2) -> list[ViewRow]:
    doc = sample_document("wide", copies)
    return [ViewRow(u.id, u.text, u.paragraph_start, u.is_one_to_one) for u in doc.units]


class Host(App):
    CSS = "AlignedView { height: 1fr; scrollbar-size-vertical: 1; }"

    def compose(self) -> ComposeResult:
        yield Static("title")


def squash(text: str) -> str:
    return SPACE.sub("", text)


def read_back(view: AlignedView) -> dict[str, str]:
    """Per language, the text of every line of the document as the view renders it."""
    layout = view.row_layout
    assert layout is not None
    for row in range(len(layout)):
        layout.wrapped(row)  # exact heights, so line numbers stay put while reading
    geometry = layout.geometry
    width = geometry.width
    out = {lang: [] for lang in geometry.langs}
    for y in range(layout.total_height):  # the document's lines, without the header
        strip = view.virtual_line(y)
        assert strip.cell_length <= width, (width, y, strip.text)
        if geometry.mode == SIDE_BY_SIDE:
            x = GUTTER
            for lang in geometry.langs:
                out[lang].append(strip.crop(x, x + geometry.col_width).text)
                x += geometry.col_width + len(SEPARATOR)
        else:
            row, line = layout.row_at(y)
            wrapped = layout.wrapped(row)
            offset = line - wrapped.lead
            for lang in geometry.langs:
                count = len(wrapped.lines[lang])
                if 0 <= offset < count:
                    out[lang].append(strip.crop(GUTTER, width).text)
                    break
                offset -= count
    return {lang: squash("".join(parts)) for lang, parts in out.items()}


async def test_the_first_wrap_fits_beside_the_scrollbar() -> None:
    """A view mounted at a given size wraps for the width left by its scrollbar."""
    data = rows()
    expected = {lang: squash("".join(row.text[lang] for row in data)) for lang in LANGS}
    app = Host()
    async with app.run_test(size=(40, 16)) as pilot:
        for width in (40, 70, 80, 90, 120, 121, 200):
            await pilot.resize_terminal(width, 16)
            view = AlignedView()
            await app.screen.mount(view)
            view.configure(LANGS, SIDE_BY_SIDE if width >= 100 else INTERLEAVED)
            view.set_rows(data, "zh")
            await pilot.pause()
            assert view.show_vertical_scrollbar  # the case that used to lose letters
            assert view.row_layout is not None
            assert view.row_layout.geometry.width == width - 1 == view.scrollable_content_region.width
            assert read_back(view) == expected, (width, view.mode)
            await view.remove()


async def test_every_width_from_40_to_200_keeps_every_character() -> None:
    """Every text width a terminal of 40 to 200 columns leaves, in both layouts."""
    data = rows()
    expected = {lang: squash("".join(row.text[lang] for row in data)) for lang in LANGS}
    app = Host()
    async with app.run_test(size=(120, 16)) as pilot:
        view = AlignedView()
        await app.screen.mount(view)
        view.set_rows(data, "zh")
        await pilot.pause()
        scrollbar = view.scrollbar_size_vertical
        for width in range(40, 201):
            for mode in (SIDE_BY_SIDE, INTERLEAVED):
                view.configure(LANGS, mode)
                view._relayout(width - scrollbar)
                assert read_back(view) == expected, (width, mode)
