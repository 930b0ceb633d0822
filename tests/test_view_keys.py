"""The aligned view in the app: half pages reach the end, gutter marks, column headers and order."""

from __future__ import annotations

import pytest
from conftest import sample_document

from reader.app import ReaderApp
from reader.messages import OpenDocument
from reader.screens.reader import ReaderScreen
from reader.widgets.aligned_view import BOOKMARK_MARK, CURSOR_MARK, HEADER, NON_ONE_TO_ONE_MARK, AlignedView


def screen_lines(view: AlignedView) -> list[str]:
    return ["".join(s.text for s in view.render_line(y)) for y in range(view.size.height)]


async def open_document(pilot, doc_id: str) -> ReaderScreen:
    await pilot.pause()
    pilot.app.post_message(OpenDocument(doc_id))
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (120, 30), (200, 50)])
@pytest.mark.parametrize("keys", [("ctrl+d",), ("pagedown",), ("space",)])
async def test_paging_down_reaches_the_last_unit_and_up_the_first(make_corpus, size, keys) -> None:
    app = ReaderApp(corpus=make_corpus(sample_document("big", 8)), build_index=False)
    async with app.run_test(size=size) as pilot:
        screen = await open_document(pilot, "big")
        view = screen.view
        last = len(view.rows) - 1
        positions = []
        for _ in range(len(view.rows)):
            await pilot.press(*keys)
            positions.append(view.cursor)
            if view.cursor == last:
                break
        assert view.cursor == last, positions
        assert positions == sorted(positions)  # never backwards
        assert view.scroll_y == view.max_scroll_y
        up = "ctrl+u" if keys == ("ctrl+d",) else "pageup"
        for _ in range(len(view.rows)):
            await pilot.press(up)
            if view.cursor == 0:
                break
        assert view.cursor == 0 and view.scroll_y == 0


async def test_a_bookmarked_uneven_unit_shows_both_marks(make_corpus) -> None:
    app = ReaderApp(corpus=make_corpus(sample_document()), build_index=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_document(pilot, "sample-court-visit")
        uneven = next(i for i, row in enumerate(screen.view.rows) if not row.one_to_one)
        screen.view.move_to(uneven)
        await pilot.press("b")
        await pilot.pause()
        marks = [line[:3] for line in screen_lines(screen.view)[HEADER:] if line[1:3].strip()]
        assert marks == [CURSOR_MARK + BOOKMARK_MARK + NON_ONE_TO_ONE_MARK]
        screen.view.move_to(0)
        await pilot.pause()
        marks = [line[1:3] for line in screen_lines(screen.view)[HEADER:] if line[1:3].strip()]
        assert marks == [BOOKMARK_MARK + NON_ONE_TO_ONE_MARK]


async def test_headers_name_each_column_and_follow_the_order(make_corpus) -> None:
    app = ReaderApp(corpus=make_corpus(sample_document()), build_index=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_document(pilot, "sample-court-visit")
        view = screen.view

        def header() -> list[str]:
            return [name.strip() for name in screen_lines(view)[0].split("│")]

        assert header() == ["中文", "English", "Tiếng Việt"]
        first = screen_lines(view)[HEADER]
        assert first.index("越南") < first.index("A delegation") < first.index("Đoàn")
        await pilot.press("l")
        assert header() == ["English", "Tiếng Việt", "中文"]
        await pilot.press("i")  # interleaved: the blocks' languages, in order
        assert screen_lines(view)[0].split() == ["English", "·", "Tiếng", "Việt", "·", "中文"]


@pytest.mark.parametrize("hidden", ["1", "2", "3"])
async def test_hiding_and_showing_a_language_keeps_the_column_order(make_corpus, hidden: str) -> None:
    app = ReaderApp(corpus=make_corpus(sample_document()), build_index=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_document(pilot, "sample-court-visit")
        await pilot.press("l")
        order = list(screen.langs)
        await pilot.press(hidden)
        assert len(screen.langs) == 2
        await pilot.press(hidden)
        assert screen.langs == order
        assert [n.strip() for n in screen_lines(screen.view)[0].split("│")] == [
            {"zh": "中文", "vi": "Tiếng Việt", "en": "English"}[lang] for lang in order
        ]
