"""From a search, ctrl+t opens how the corpus renders the query; Enter on an example opens the
reader there with the term and its rendering highlighted (issue 13)."""

from __future__ import annotations

import pytest
from conftest import sample_document, wait_until
from textual.widgets import Input

from reader.app import ReaderApp
from reader.screens.reader import ReaderScreen
from reader.screens.renderings import RenderingsScreen
from reader.screens.search import SearchScreen, term_language


def test_the_term_language_is_told_from_the_script_and_marks() -> None:
    assert [term_language(t) for t in ("法院", "tòa án", "Đà Nẵng", "court", "toa an")] == [
        "zh",
        "vi",
        "vi",
        "en",
        "en",
    ]


@pytest.mark.slow
async def test_renderings_from_a_search_open_the_reader_at_the_example(make_corpus) -> None:
    app = ReaderApp(corpus=make_corpus(sample_document(), sample_document("second-visit")), build_index=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one("#query", Input).value = "法院"
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RenderingsScreen) and screen.lang == "zh"
        await wait_until(pilot, lambda: screen.found is not None)  # the first look-up links the corpus
        assert screen.found is not None and screen.found.occurrences == 2
        await pilot.press("e", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        unit = reader.doc.units[reader.view.cursor]
        spans = reader.view.highlight.spans
        highlighted = {
            lang: unit.text[lang][a:b]
            for (row, lang), found in spans.items()
            if row == reader.view.cursor
            for a, b in found
        }
        assert highlighted.get("zh") == "法院" and highlighted.get("vi") == "Tòa án", highlighted
