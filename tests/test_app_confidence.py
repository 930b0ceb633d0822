"""Units the aligner was unsure of carry their own mark in the reader, and `}` / `{` step
through them (issue 14), skipping units a person confirmed (issue 15's ✓)."""

from __future__ import annotations

from conftest import open_reader, sample_document

from reader.app import ReaderApp
from reader.model import Bead
from reader.screens.reader import ReaderScreen
from reader.widgets.aligned_view import CONFIRMED_MARK, DOUBTFUL_MARK, GUTTER, NON_ONE_TO_ONE_MARK


def unsure_document():
    doc = sample_document("unsure")
    beads = doc.alignments["vi"]
    beads[2] = Bead(beads[2].src, beads[2].tgt, 0.2)  # unit 3 of 5
    beads[4] = Bead(beads[4].src, beads[4].tgt, 0.35)  # unit 5
    return doc


def gutter_of(screen: ReaderScreen, index: int) -> str:
    view = screen.view
    lines = ["".join(s.text for s in view.render_line(y)) for y in range(view.size.height)]
    unit_text = screen.doc.units[index].text["zh"][:4]
    return next(line[:GUTTER] for line in lines if unit_text in line)


async def test_doubtful_units_are_marked_and_stepped_through(make_corpus) -> None:
    app = ReaderApp(corpus=make_corpus(unsure_document()), build_index=False)
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_reader(pilot, "unsure")
        assert [unit.doubtful for unit in screen.doc.units] == [False, False, True, False, True]
        assert DOUBTFUL_MARK in gutter_of(screen, 2) and DOUBTFUL_MARK not in gutter_of(screen, 1)
        assert NON_ONE_TO_ONE_MARK in gutter_of(screen, 3) and DOUBTFUL_MARK not in gutter_of(screen, 3)
        await pilot.press("g", "right_curly_bracket")
        assert screen.view.cursor == 2
        assert "aligner unsure (0.20" in str(screen.query_one("#status").render())
        await pilot.press("right_curly_bracket")
        assert screen.view.cursor == 4
        await pilot.press("left_curly_bracket")
        assert screen.view.cursor == 2
        await pilot.press("c")  # confirmed by a person: ✓, and no longer stepped to
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert CONFIRMED_MARK in gutter_of(screen, 2) and DOUBTFUL_MARK not in gutter_of(screen, 2)
        await pilot.press("G", "left_curly_bracket")
        assert screen.view.cursor == 4  # the last unit itself is unsure; nothing before it now
        await pilot.press("left_curly_bracket")
        assert screen.view.cursor == 4
