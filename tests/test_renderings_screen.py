"""The renderings screen and the word panel, mounted in a tiny test app (the lead wires them into
the reader): columns with counts, KWIC examples, Enter asking to open the unit; the panel's
entry for a word with its counterparts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sample_document
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from reader.links.store import LinkStore
from reader.screens.renderings import RenderingsScreen
from reader.widgets.word_panel import WordPanel


@pytest.fixture
def linked(make_corpus, reader_home: Path) -> Path:
    corpus = make_corpus(sample_document(), sample_document("second-visit"))
    store = LinkStore()
    assert "2 documents linked" in store.ensure(corpus)
    store.close()
    return store.path


class ScreenApp(App):
    def __init__(self, screen: RenderingsScreen) -> None:
        super().__init__()
        self.first = screen
        self.opened: list[RenderingsScreen.OpenUnit] = []

    def on_mount(self) -> None:
        self.push_screen(self.first)

    def on_renderings_screen_open_unit(self, message: RenderingsScreen.OpenUnit) -> None:
        self.opened.append(message)


def _lines(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _loaded(pilot, screen: RenderingsScreen) -> None:
    for _ in range(1200):
        await pilot.pause(0.05)
        if screen.found is not None or "Could not" in str(screen.query_one("#renderings-status").render()):
            return
    raise AssertionError("the renderings never loaded")


async def test_columns_counts_examples_and_enter_opens_the_unit(linked: Path) -> None:
    screen = RenderingsScreen("法院", "zh", store_path=linked)
    app = ScreenApp(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await _loaded(pilot, screen)
        assert screen.found.occurrences == 2
        assert _lines(screen.query_one("#renderings-vi", OptionList)) == ["Tòa án  2"]
        assert _lines(screen.query_one("#renderings-en", OptionList)) == ["Court  2"]
        examples = screen.query_one("#renderings-examples", OptionList)
        assert examples.option_count == 2  # the first column's first rendering, both units
        first = _lines(examples)[0]
        assert "zh: 越南最高人民法院代表团访问广西" in first and "vi: " in first and "Tòa án" in first
        # the highlighted spans are the term and its counterpart
        prompt = examples.get_option_at_index(0).prompt
        styled = {prompt.plain[span.start : span.end] for span in prompt.spans}
        assert {"法院", "Tòa án"} <= styled
        await pilot.press("tab")  # to the English column: its examples show
        await pilot.pause()
        assert "en: " in _lines(examples)[0] and "Court" in _lines(examples)[0]
        await pilot.press("e", "down", "enter")
        await pilot.pause()
        assert [(m.doc, m.unit, m.lang) for m in app.opened] == [("second-visit", "p1s1", "zh")]
        at = sample_document().units[0].text["zh"].index("法院")
        assert app.opened[0].span == (at, at + 2)


async def test_a_term_the_corpus_lacks_says_so(linked: Path) -> None:
    screen = RenderingsScreen("不存在的词", "zh", store_path=linked)
    async with ScreenApp(screen).run_test(size=(100, 30)) as pilot:
        await _loaded(pilot, screen)
        assert "does not occur in the corpus" in str(screen.query_one("#renderings-status").render())
        assert screen.query_one("#renderings-vi", OptionList).option_count == 0


async def test_markup_in_the_corpus_stays_literal(linked: Path) -> None:
    screen = RenderingsScreen("[Reuters]", "en", store_path=linked)
    async with ScreenApp(screen).run_test(size=(100, 30)) as pilot:
        await _loaded(pilot, screen)
        assert screen.found.occurrences == 2
        examples = _lines(screen.query_one("#renderings-examples", OptionList))
        assert examples and all("[Reuters]" in line and "[/b]" in line for line in examples), examples


class PanelApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.looked: list = []

    def compose(self) -> ComposeResult:
        yield WordPanel(id="panel")

    def on_word_panel_looked(self, message: WordPanel.Looked) -> None:
        self.looked.append(message.entry)


async def test_word_panel_shows_the_dictionaries_and_the_counterparts(linked: Path) -> None:
    from reader.links.lookup import Word

    doc = sample_document()
    texts = doc.units[0].text
    app = PanelApp()
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.query_one(WordPanel)
        start = texts["zh"].index("法院")
        panel.show_word(Word(start, start + 2, "法院"), "zh", texts)
        for _ in range(1200):
            await pilot.pause(0.05)
            if app.looked:
                break
        shown = str(panel.render())
        assert "fǎ yuàn" in shown and "pháp viện" in shown.lower() and "court" in shown
        assert "Tòa án" in shown and "Court" in shown  # what the aligned texts have for it
        assert set(app.looked[0].counterparts) == {"vi", "en"}
        vi_start = texts["vi"].index("Tòa án")
        panel.show_word(Word(vi_start, vi_start + 6, "Tòa án"), "vi", texts)
        for _ in range(1200):
            await pilot.pause(0.05)
            if len(app.looked) == 2:
                break
        shown = str(panel.render())
        assert "court" in shown.lower() and "法院" in shown


async def test_a_rendering_is_added_to_the_users_glossary_after_a_yes(linked: Path) -> None:
    from reader.terms import load_glossary

    screen = RenderingsScreen("法院", "zh", store_path=linked)
    app = ScreenApp(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await _loaded(pilot, screen)
        assert screen.chosen_forms() == {"zh": ["法院"], "vi": ["Tòa án"], "en": ["Court"]}
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("n")  # no: nothing written
        await pilot.pause()
        assert not [e for e in load_glossary().entries if not e.bundled]
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    added = [e for e in load_glossary().entries if not e.bundled]
    assert [(e.kind, e.forms["zh"][0], e.forms["vi"][0], e.forms["en"][0]) for e in added] == [
        ("term", "法院", "Tòa án", "Court")
    ]
