"""Big documents: only the rows about to be shown are wrapped, and what is shown is always the
document's own text in order, wherever the estimates of the rows not yet shown put it."""

from __future__ import annotations

import pytest
from conftest import sample_document

from reader.app import ReaderApp
from reader.messages import OpenDocument
from reader.screens.reader import ReaderScreen
from reader.widgets.aligned_view import HEADER, AlignedView
from reader.widgets.row_layout import RowLayout


def shown(view: AlignedView) -> list[str]:
    return ["".join(s.text for s in view.render_line(y)) for y in range(HEADER, view.size.height)]


def exact_layout(view: AlignedView) -> RowLayout:
    """The view's layout with every row wrapped exactly (no estimate anywhere)."""
    layout = view.row_layout
    assert layout is not None
    exact = RowLayout(layout.texts, [row.paragraph_start for row in view.rows], layout.geometry)
    for row in range(len(exact)):
        exact.wrapped(row)
    return exact


def reference(view: AlignedView, exact: RowLayout, first_line: int, count: int) -> list[str]:
    """Lines of the document from `first_line` as the view draws them from an exact layout."""
    saved, view._layout = view._layout, exact
    view._strips.clear()
    try:
        return ["".join(s.text for s in view.virtual_line(first_line + i)) for i in range(count)]
    finally:
        view._layout = saved
        view._strips.clear()


def check_screen(view: AlignedView) -> None:
    """The screen is an unbroken run of the document's lines, the cursor row among them."""
    layout = view.row_layout
    assert layout is not None
    lines = shown(view)
    cursor_at = layout.start(view.cursor) - round(view.scroll_y)
    assert 0 <= cursor_at < len(lines), "the cursor row is on screen"
    exact = exact_layout(view)
    assert lines == reference(view, exact, exact.start(view.cursor) - cursor_at, len(lines))


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_a_big_document_is_wrapped_lazily_and_shown_exactly(make_corpus, size) -> None:
    app = ReaderApp(corpus=make_corpus(sample_document("big", 400)), build_index=False)  # 2,000 units
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.post_message(OpenDocument("big"))
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        view = screen.view
        layout = view.row_layout
        assert layout is not None and len(layout) == 2000
        assert layout.estimated > 1900  # a few pages wrapped, not the document
        check_screen(view)
        steps = [
            ("G",),
            ("pageup",) * 3,
            ("ctrl+u", "k", "k"),
            ("g",),
            ("pagedown",) * 4,
            ("ctrl+d", "j"),
        ]
        for keys in steps:
            await pilot.press(*keys)
            check_screen(view)
        view.move_to(1234, center=True)
        await pilot.pause()
        check_screen(view)
        await pilot.press("pageup", "pageup", "ctrl+u", "pagedown")
        check_screen(view)
        await pilot.press("i")  # another layout: wrapped lazily too, the cursor kept on screen
        await pilot.pause()
        check_screen(view)
        assert view.row_layout is not layout and view.row_layout.estimated > 1800
        await pilot.press("i")
        assert view.row_layout is layout  # the first layout was kept
        check_screen(view)
        assert layout.estimated > 1500
