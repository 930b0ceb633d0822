"""The app driven by Pilot as a user would: open, move, languages, layout, sizes, literal text."""

from __future__ import annotations

import pytest
from conftest import sample_document, settle

from reader.app import ReaderApp
from reader.screens.library import LibraryScreen
from reader.screens.reader import ReaderScreen
from reader.state import load_state
from reader.widgets.aligned_view import GUTTER, HEADER, AlignedView


def visible(app: ReaderApp) -> str:
    view = app.screen.query_one(AlignedView)
    return "\n".join("".join(s.text for s in view.render_line(y)) for y in range(HEADER, view.size.height))


@pytest.fixture
def app(make_corpus) -> ReaderApp:
    corpus = make_corpus(sample_document(), sample_document("big-document", 40))
    return ReaderApp(corpus=corpus)


async def open_first(pilot) -> ReaderScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, LibraryScreen)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def test_library_lists_documents_and_opens_one(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_first(pilot)
        assert screen.doc.id == "big-document"  # the first row: documents are listed by id
        text = visible(app)
        assert "越南最高人民法院代表团访问广西。" in text
        assert "A delegation of the Supreme" in text


async def test_filter_as_you_type_then_enter_opens_the_match(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"big")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.doc.id == "big-document"


async def test_moving_the_cursor_and_paging(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"big", "enter")
        await pilot.pause()
        view = app.screen.query_one(AlignedView)
        assert view.cursor == 0
        await pilot.press("j", "j", "down")
        assert view.cursor == 3
        await pilot.press("k")
        assert view.cursor == 2
        await pilot.press("G")
        assert view.cursor == len(view.rows) - 1
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("pagedown")
        first_page = view.cursor
        assert first_page > 0 and view.scroll_y > 0
        await pilot.press("ctrl+d")
        assert view.cursor > first_page
        await pilot.press("ctrl+u", "pageup")
        assert view.cursor < first_page
        await pilot.press("end")
        assert view.cursor == len(view.rows) - 1
        await pilot.press("home")
        assert view.cursor == 0 and view.scroll_y == 0


async def test_cursor_row_is_marked_without_colour(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await open_first(pilot)
        lines = visible(app).splitlines()
        assert lines[0].startswith("▌")
        assert not any(line.startswith("▌") for line in lines[3:])


async def test_toggle_languages_and_swap_columns(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_first(pilot)
        assert screen.langs == ["zh", "en", "vi"]
        await pilot.press("2")  # hide Vietnamese
        assert screen.langs == ["zh", "en"]
        assert "Tòa án" not in visible(app)
        await pilot.press("3", "2")  # hide English, show Vietnamese again
        assert screen.langs == ["zh", "vi"]
        await pilot.press("l")  # Vietnamese on the left
        assert screen.langs == ["vi", "zh"]
        assert visible(app).splitlines()[0][GUTTER:].startswith("Đoàn đại biểu")
        await pilot.press("1")
        assert screen.langs == ["vi"]
        await pilot.press("2")  # the last language stays
        assert screen.langs == ["vi"]


async def test_interleaved_layout_on_a_key_and_on_narrow_terminals(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_first(pilot)
        assert not screen.view.interleaved
        await pilot.press("i")
        assert screen.view.interleaved
        lines = visible(app).splitlines()
        assert "越南最高人民法院代表团访问广西。" in lines[0]
        assert "A delegation" in lines[1]
    async with ReaderApp(corpus=app.corpus).run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)  # the last document is restored
        assert screen.view.interleaved


async def test_non_one_to_one_units_are_marked_and_jumped_to(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_first(pilot)
        await pilot.press("right_square_bracket")
        assert screen.doc.units[screen.view.cursor].id == "p2s2"
        assert "≠" in visible(app)
        await pilot.press("left_square_bracket")
        assert screen.view.cursor == 3  # nothing before it: stays


async def test_markup_like_text_shows_literally(make_corpus) -> None:
    app = ReaderApp(corpus=make_corpus(sample_document()))
    async with app.run_test(size=(200, 30)) as pilot:
        await open_first(pilot)
        await pilot.press("G")
        text = visible(app)
        for piece in ("[Reuters] reported [/b] that", "[RED]", "path\\", "dẫn\\"):
            assert piece in text
        assert "[Reuters] 报道称 [/b]" in text
        title = app.screen.query_one("#doc-title").render()
        assert "越南最高人民法院代表团访问广西" in str(title)


async def test_position_and_languages_are_restored(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_first(pilot)
        await pilot.press("j", "j", "2")
        doc_id = screen.doc.id
    state = load_state()
    assert state.last_document == doc_id
    assert state.documents[doc_id].unit == "p2s1"
    assert state.documents[doc_id].langs == ["zh", "en"]
    async with ReaderApp(corpus=app.corpus).run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.doc.units[screen.view.cursor].id == "p2s1"
        assert screen.langs == ["zh", "en"]


@pytest.mark.parametrize("size", [(1, 1), (20, 5), (39, 11), (40, 12)])
async def test_tiny_terminals_show_a_notice_instead_of_crashing(
    app: ReaderApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter", "j", "i", "pagedown")
        await pilot.pause()
        too_small = size[0] < 40 or size[1] < 12
        assert app.screen.has_class("-too-small") == too_small


async def test_readings_of_the_current_chinese_unit(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_first(pilot)
        await pilot.press("j", "j", "r")
        readings = str(screen.query_one("#readings").render())
        if "Loading" not in readings:  # (the tables may be loaded by an earlier test)
            assert "ruǎn huī jìn" in readings
        await settle(pilot)
        readings = str(screen.query_one("#readings").render())
        assert "ruǎn huī jìn" in readings
        assert "nguyễn huy tiến" in readings


async def test_help_lists_the_keys(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        await open_first(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        from textual.widgets import OptionList

        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        joined = "\n".join(labels)
        for description in ("Bookmark", "Interleave", "Next non-1:1", "Readings", "Search", "Page down"):
            assert description in joined
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_command_palette_lists_and_runs_actions(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_first(pilot)
        commands = [command.title for command in app.get_system_commands(screen)]
        for title in (
            "Bookmark",
            "Interleave",
            "Readings",
            "Rotate columns",
            "Search",
            "Bookmarks",
            "Page down",
        ):
            assert title in commands
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Interleave")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.view.interleaved


async def test_bookmark_toggle_note_list_delete_and_export(app: ReaderApp, tmp_path) -> None:
    from textual.widgets import Input, OptionList

    from reader.bookmarks import BookmarkStore
    from reader.screens.bookmarks import BookmarksScreen

    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_first(pilot)
        doc_id = screen.doc.id
        await pilot.press("j", "b")
        await pilot.pause()
        assert BookmarkStore().units(doc_id) == {"p1s2"}
        assert visible(app).splitlines()[2][1] == "★"  # gutter mark on the bookmarked row
        await pilot.press("e")
        await pilot.pause()
        note = app.screen.query_one("#note", Input)
        note.value = "[Reuters] check this [/b]"
        app.screen.query_one("#tags", Input).value = "visit, court"
        await pilot.press("enter")
        await pilot.pause()
        saved = BookmarkStore().find(doc_id, "p1s2")
        assert (
            saved is not None
            and saved.note == "[Reuters] check this [/b]"
            and saved.tags == ("visit", "court")
        )
        await pilot.press("j", "j", "e")  # a note on an unbookmarked unit adds a bookmark
        await pilot.pause()
        app.screen.query_one("#note", Input).value = "second"
        await pilot.press("enter")
        await pilot.pause()
        assert BookmarkStore().units(doc_id) == {"p1s2", "p2s2"}
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        assert "[Reuters] check this [/b]" in str(options.get_option_at_index(0).prompt)
        await pilot.press("x")
        await pilot.pause()
        target = tmp_path / "export.json"
        from textual.widgets import Select

        app.screen.query_one("#format", Select).value = "json"
        app.screen.query_one("#path", Input).value = str(target)
        app.screen.query_one("#path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        import json

        exported = json.loads(target.read_text(encoding="utf-8"))
        assert [b["unit"] for b in exported] == ["p1s2", "p2s2"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert BookmarkStore().units(doc_id) == {"p2s2"}
        await pilot.press("enter")  # opens the remaining bookmark in the reader
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.doc.units[app.screen.view.cursor].id == "p2s2"
        await pilot.press("b")  # it has a note: asks first
        await pilot.pause()
        assert BookmarkStore().units(doc_id) == {"p2s2"}
        await pilot.press("y")
        await pilot.pause()
        assert BookmarkStore().units(doc_id) == set()


async def test_search_jump_and_step_through_hits(make_corpus) -> None:
    from textual.widgets import OptionList

    from reader.screens.search import SearchScreen

    app = ReaderApp(corpus=make_corpus(sample_document(), sample_document("big-document", 40)))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)  # the index is built in a worker at start-up
        await pilot.press("slash", *"赵志军")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert len(screen.hits) == 41  # one unit in the sample, forty in the big document
        assert "41 matching units" in str(screen.query_one("#search-status").render())
        await pilot.press(*" doc:big-document")
        await settle(pilot)
        assert len(screen.hits) == 40
        options = screen.query_one(OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert "赵志军" in first and "p2s1" in first
        await pilot.press("enter", "enter")  # to the results, then open the first
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert [type(s).__name__ for s in app.screen_stack[1:]] == [
            "LibraryScreen",
            "SearchScreen",
            "ReaderScreen",
        ]
        assert reader.doc.units[reader.view.cursor].id == "p2s1"
        assert reader.search is not None and reader.search.query == "赵志军 doc:big-document"
        assert reader.doc.id == "big-document" and "hit 1/40" in str(reader.query_one("#status").render())
        await pilot.press("n")
        assert reader.view.cursor == 2 + 5
        await pilot.press("N", "N")  # one document only: wraps round to its last hit, and says so
        assert reader.view.cursor == len(reader.doc.units) - 3
        await pilot.press("ctrl+l")  # nothing bound here; the view keeps its place
        await pilot.press("slash")
        await settle(pilot)
        assert app.screen is screen  # back to the same search
        await pilot.press("ctrl+l", "ctrl+l", "ctrl+l")  # language filter: zh → vi → en
        await settle(pilot)
        assert screen.lang == "en"  # the name's English form, found through the glossary
        assert screen.hits and all(h.via == "glossary" and "Zhao Zhijun" in h.text["en"] for h in screen.hits)


async def test_n_crosses_into_the_next_documents_hits(make_corpus) -> None:
    from reader.screens.search import SearchScreen

    app = ReaderApp(corpus=make_corpus(sample_document(), sample_document("big-document", 3)))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"赵志军")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and len(screen.hits) == 4
        await pilot.press("enter", "enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.search is not None
        first_doc, docs = reader.doc.id, reader.search.documents
        assert sorted(docs) == ["big-document", "sample-court-visit"]
        for _ in range(len(reader.search.units)):  # past this document's last hit …
            await pilot.press("n")
            await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.doc.id != first_doc  # … into the next one
        assert reader.doc.units[reader.view.cursor].id == "p2s1"  # at its first hit
        assert "in document 2/2" in str(reader.query_one("#status").render())
        for _ in range(len(reader.search.units)):  # past the last document: wraps, and says so
            await pilot.press("n")
            await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.doc.id == first_doc
        assert any("wrapped" in n.message for n in app._notifications), [
            n.message for n in app._notifications
        ]
        assert len([s for s in app.screen_stack if isinstance(s, ReaderScreen)]) == 1  # a shallow stack


async def test_background_work_is_shown_in_the_title_bar(app: ReaderApp) -> None:
    from reader.messages import IndexProgress, IndexReady

    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.post_message(IndexProgress(2, 7))
        await pilot.pause()
        title = app.screen.query(".screen-title").first()
        assert "indexing 2/7" in str(title.render())
        app.post_message(IndexReady("", True))
        await pilot.pause()
        assert "indexing" not in str(title.render())


async def test_import_dialog_adds_a_document_to_the_library(app: ReaderApp, tmp_path) -> None:
    from textual.widgets import DataTable, Input

    article = tmp_path / "visit.txt"
    article.write_text(
        "法院代表团访问河内\n\n越南最高人民法院代表团访问广西。双方讨论了司法合作。\n", encoding="utf-8"
    )
    english = tmp_path / "visit.en.txt"
    english.write_text(
        "Court delegation visits Hanoi\n\nA delegation visited Guangxi. The two sides discussed cooperation.\n",
        encoding="utf-8",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        rows_before = app.screen.query_one(DataTable).row_count
        await pilot.press("I")
        await pilot.pause()
        app.screen.query_one("#import-path", Input).value = str(article)
        app.screen.query_one("#import-en", Input).value = str(english)
        app.screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == rows_before + 1
        doc = app.corpus.get("visit")
        assert doc.languages == ["zh", "en"]
        assert "The two sides discussed cooperation." in [unit.text.get("en") for unit in doc.units]
        await pilot.press("I")
        await pilot.pause()
        app.screen.query_one("#import-path", Input).value = str(tmp_path / "missing.txt")
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one("#import-error").render())
        assert "missing.txt: no such file or folder" in error  # said in the dialog, which stays open
        assert app.screen.query_one("#import-path", Input).value == str(tmp_path / "missing.txt")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == rows_before + 1  # nothing added
