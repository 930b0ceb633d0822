"""`f` in the reader lists the glossary check of the document and goes to a unit (issue 18)."""

from __future__ import annotations

from conftest import open_reader, sample_document
from textual.widgets import OptionList

from reader.app import ReaderApp
from reader.dialogs.findings import FindingsDialog
from reader.screens.reader import ReaderScreen


async def test_findings_are_listed_and_enter_goes_to_the_unit(make_corpus) -> None:
    doc = sample_document("departs")
    vi = doc.versions["vi"].paragraphs
    vi[-1][-1] = "Hai bên đã ký một văn bản với tòa tối cao."  # no agreed name for 最高人民法院
    doc.versions["zh"].paragraphs[-1][-1] = "双方与最高人民法院签署了备忘录。"
    app = ReaderApp(corpus=make_corpus(doc), build_index=False)
    async with app.run_test(size=(140, 30)) as pilot:
        reader = await open_reader(pilot, "departs")
        last = len(reader.doc.units) - 1
        await pilot.press("g", "f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FindingsDialog)
        lines = [
            str(dialog.query_one(OptionList).get_option_at_index(i).prompt)
            for i in range(len(dialog.findings))
        ]
        assert any("最高人民法院" in line and "Tiếng Việt lacks" in line for line in lines), lines
        target = next(i for i, f in enumerate(dialog.findings) if f.unit_index == last and f.lang == "vi")
        dialog.query_one(OptionList).highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader and reader.view.cursor == last


async def test_a_document_true_to_the_glossary_says_so(make_corpus) -> None:
    doc = sample_document("clean")
    doc.titles["en"] = "Supreme People's Court of Vietnam delegation visits Guangxi"
    app = ReaderApp(corpus=make_corpus(doc), build_index=False)
    async with app.run_test(size=(140, 30)) as pilot:
        await open_reader(pilot, "clean")
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FindingsDialog)
        assert dialog.findings == []
        assert "nothing departs from the glossary" in str(dialog.query_one(".dialog-title").render())
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
