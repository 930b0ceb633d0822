"""Word mode (issue 13's dictionary at the cursor): w, then ← / → through the unit's words; the
panel shows the word's readings and glosses, and its counterparts light up in the other columns."""

from __future__ import annotations

import pytest
from conftest import open_reader, sample_document

from reader.app import ReaderApp
from reader.screens.reader import ReaderScreen
from reader.widgets.word_panel import WordPanel


async def wait_for(pilot, condition, tries: int = 1200) -> None:
    for _ in range(tries):  # the dictionaries load on the first look-up
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError("timed out")


async def in_word_mode(pilot) -> tuple[ReaderScreen, WordPanel]:
    """The sample document open in the reader, at its first unit, in word mode."""
    reader = await open_reader(pilot)
    await pilot.press("g", "w")
    return reader, reader.query_one(WordPanel)


@pytest.mark.slow
async def test_word_mode_looks_up_words_and_lights_their_counterparts(make_corpus) -> None:
    app = ReaderApp(corpus=make_corpus(sample_document()), build_index=False)
    async with app.run_test(size=(160, 40)) as pilot:
        reader, panel = await in_word_mode(pilot)
        await pilot.pause()
        assert panel.region.right == 160 and panel.region.x > 80  # beside the columns, on the right
        await wait_for(pilot, lambda: panel.entry is not None)
        first = panel.entry.word
        assert reader.doc.units[0].text["zh"].startswith(first)  # 越南: the first word of the unit
        await pilot.press("right")
        await wait_for(pilot, lambda: panel.entry is not None and panel.entry.word != first)
        assert panel.entry.word == "最高人民法院"
        assert "Supreme People's Court" in " ".join(panel.entry.glosses)
        cursor = reader.view.cursor
        await wait_for(pilot, lambda: (cursor, "vi") in reader.view.highlight.spans)
        vi = reader.doc.units[cursor].text["vi"]
        lit = [vi[a:b] for a, b in reader.view.highlight.spans[(cursor, "vi")]]
        assert any("Tòa án nhân dân tối cao" in text for text in lit), lit
        await pilot.press("escape")  # leaves word mode, stays in the reader
        assert app.screen is reader and not reader.word_mode and not reader.view.highlight.spans
        await pilot.pause()
        assert not panel.display and panel.region.width == 0  # the panel is gone from the screen


@pytest.mark.slow
async def test_b_in_word_mode_keeps_the_word_for_an_anki_card(make_corpus) -> None:
    from reader.bookmarks import BookmarkStore
    from reader.export.anki import render

    app = ReaderApp(corpus=make_corpus(sample_document()), build_index=False)
    async with app.run_test(size=(160, 40)) as pilot:
        _, panel = await in_word_mode(pilot)
        await wait_for(pilot, lambda: panel.entry is not None)
        word = panel.entry.word
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("b")  # twice: kept once
        await pilot.pause()
        await pilot.press("w", "j", "b")  # out of word mode, b bookmarks the unit as before
        await pilot.pause()
    store = BookmarkStore()
    kept = store.find("sample-court-visit", "p1s1")
    assert kept is not None and kept.tags == (f"word:{word}",)
    assert store.find("sample-court-visit", "p1s2") is not None
    cards = render([kept]).splitlines()[3:]
    assert len(cards) == 1 and cards[0].startswith(f"<b>{word}</b><br>")  # the word card only
    assert "Tòa án" in cards[0] or "Việt Nam" in cards[0]  # the translations on the back
