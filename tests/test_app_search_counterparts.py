"""Search results show every other language of the unit, with the words that translate the
match lit once the word links are in (issue 13)."""

from __future__ import annotations

import pytest
from conftest import sample_document, wait_until
from textual.widgets import OptionList

from reader.app import ReaderApp
from reader.screens.search import SearchScreen, excerpt
from reader.search import SearchEngine


def test_an_excerpt_keeps_the_span_in_view_and_says_where_it_is_cut() -> None:
    text = "x" * 300 + "Tòa án" + "y" * 300
    content = excerpt(text, [(300, 306)], 80, "bold")
    assert content.plain.startswith("…") and content.plain.endswith("…") and "Tòa án" in content.plain
    assert [content.plain[span.start : span.end] for span in content.spans] == ["Tòa án"]
    assert excerpt("short", [], 80, "bold").plain == "short"


def indexed_app(make_corpus) -> ReaderApp:
    """The app on the sample document, its search index built before it starts."""
    corpus = make_corpus(sample_document())
    SearchEngine(corpus).ensure_index()
    return ReaderApp(corpus=corpus, build_index=False)


@pytest.mark.slow
async def test_hits_show_all_languages_with_counterparts_lit(make_corpus) -> None:
    app = indexed_app(make_corpus)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"法院")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        options = screen.query_one(OptionList)

        def lit() -> set[str]:
            if not options.option_count:
                return set()
            prompt = options.get_option_at_index(0).prompt
            return {prompt.plain[s.start : s.end] for s in prompt.spans if "underline" in str(s.style)}

        await wait_until(pilot, lit)  # the dictionaries load on the first search
        prompt = options.get_option_at_index(0).prompt.plain
        assert "vi:\u00a0" in prompt and "en:\u00a0" in prompt  # both other languages, not just one
        assert {"Tòa án", "Court"} <= lit(), lit()


@pytest.mark.slow
async def test_a_hit_opened_in_the_reader_lights_its_counterparts_too(make_corpus) -> None:
    from reader.screens.reader import ReaderScreen

    app = indexed_app(make_corpus)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"法院")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen) and bool(app.screen.hits))
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.search is not None
        # the document opens at once; the translations are lit when the word links are found
        for _ in range(1200):
            if not reader.search.to_light:
                break
            assert "finding the words that translate" in str(reader.query_one("#status").render())
            await pilot.pause(0.05)
        assert not reader.search.to_light
        row = reader.view.cursor
        unit = reader.doc.units[row]
        lit = {
            lang: [unit.text[lang][a:b] for a, b in spans]
            for (r, lang), spans in reader.view.highlight.spans.items()
            if r == row
        }
        assert lit.get("zh") and "法院" in "".join(lit["zh"])
        assert any("Tòa án" in text for text in lit.get("vi", [])), lit
        assert any("Court" in text for text in lit.get("en", [])), lit


def test_opening_a_hit_says_when_n_steps_through_only_the_best_hits(
    make_corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import messages
    from reader.screens import reader as reader_screen
    from reader.services import Services

    corpus = make_corpus(sample_document("big", 3))  # 赵志军 in three units
    SearchEngine(corpus).ensure_index()
    services = Services(corpus)
    opened = reader_screen.SearchContext.find(services, messages.OpenHit("赵志军", "big", ""))
    assert opened.search is not None and len(opened.search.units) == 3 and "best" not in opened.notice
    monkeypatch.setattr(reader_screen, "HITS_IN_DOCUMENT", 2)
    monkeypatch.setattr(reader_screen, "COUNTERPART_HITS", 1)
    opened = reader_screen.SearchContext.find(services, messages.OpenHit("赵志军", "big", ""))
    assert opened.search is not None and len(opened.search.units) == 2
    assert "best 2 of the 3 hits" in opened.notice and "lit for the best 1 hits" in opened.notice
