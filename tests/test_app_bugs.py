"""A Pilot test for each bug of issue 19 fixed in the app's wiring (and the Getting-around keys)."""

from __future__ import annotations

import pytest
from conftest import open_reader, sample_document, settle
from textual import events
from textual.widgets import DataTable, Input, OptionList

from reader.app import ReaderApp
from reader.bookmarks import BookmarkStore
from reader.screens.bookmarks import BookmarksScreen
from reader.screens.library import LibraryScreen
from reader.screens.reader import ReaderScreen


@pytest.fixture
def app(make_corpus) -> ReaderApp:
    return ReaderApp(
        corpus=make_corpus(sample_document(), sample_document("big-document", 40)), build_index=False
    )


def status(app: ReaderApp) -> str:
    return str(app.screen.query_one("#status").render())


def toasts(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


def type_at_once(app: ReaderApp, keys: list[tuple[str, str | None]]) -> None:
    """Keys as a terminal delivers a fast typist's or a paste's: all queued before any is handled."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


def chars(text: str) -> list[tuple[str, str | None]]:
    return [(c, c) for c in text]


async def test_b_asks_before_removing_a_note_and_ctrl_z_undoes_a_removal(app: ReaderApp) -> None:
    """Bug 2: b on a bookmark with a note asks first; any removal can be undone, same bookmark back."""
    async with app.run_test(size=(120, 30)) as pilot:
        reader = await open_reader(pilot)
        doc = reader.doc
        store = BookmarkStore()
        saved = store.add(doc, "p1s1", note="keep this", tags=["court"])
        await pilot.press("b")
        await settle(pilot)
        assert "Remove the bookmark on p1s1 with its note and its tags?" in str(
            app.screen.query_one(".dialog-title").render()
        )
        await pilot.press("n")  # no: kept
        await settle(pilot)
        assert store.find(doc.id, "p1s1") is not None
        await pilot.press("b", "y")
        await settle(pilot)
        assert store.find(doc.id, "p1s1") is None
        assert any("ctrl+z undoes it" in t for t in toasts(app))
        await pilot.press("ctrl+z")
        await settle(pilot)
        back = store.find(doc.id, "p1s1")
        assert back is not None and (back.id, back.note, back.tags, back.created) == (
            saved.id,
            "keep this",
            ("court",),
            saved.created,
        )
        assert "★ ✎ keep this #court" in status(app)  # the note shows in the status bar
        await pilot.press("j", "b")  # no note: added, then removed at once …
        await pilot.press("b")
        await settle(pilot)
        assert store.find(doc.id, "p1s2") is None
        await pilot.press("ctrl+z")  # … and undone all the same
        await settle(pilot)
        assert store.find(doc.id, "p1s2") is not None


async def test_keys_work_after_the_terminal_was_too_small(app: ReaderApp) -> None:
    """Bug 3: back from "terminal too small", keys move the cursor again; the layout status follows."""
    async with app.run_test(size=(120, 30)) as pilot:
        reader = await open_reader(pilot, "big-document")
        await pilot.resize_terminal(30, 10)
        await settle(pilot)
        assert reader.has_class("-too-small")
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        await pilot.press("j", "down", "G")
        assert reader.view.cursor == len(reader.doc.units) - 1
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        assert reader.view.interleaved and "layout: interleaved (auto)" in status(app)
        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert not reader.view.interleaved and "layout: side by side (auto)" in status(app)


async def test_i_returns_to_the_automatic_layout(app: ReaderApp) -> None:
    """Bug 9: pressing i twice goes back to choosing the layout by width."""
    async with app.run_test(size=(140, 30)) as pilot:
        reader = await open_reader(pilot)
        await pilot.press("i")
        assert reader.layout_choice == "interleaved"
        await pilot.press("i")
        assert reader.layout_choice == "auto" and not reader.view.interleaved
        await pilot.resize_terminal(80, 30)
        await settle(pilot)
        assert reader.view.interleaved  # auto again: narrow means interleaved


async def test_the_last_document_is_remembered_without_moving(app: ReaderApp) -> None:
    """Bug 5: open a document, leave at once, quit: the next start opens it."""
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=1)  # sample-court-visit (listed after big-document)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
    again = ReaderApp(corpus=app.corpus, build_index=False)
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ReaderScreen) and again.screen.doc.id == "sample-court-visit"


async def test_library_columns_fit_after_a_shrink(app: ReaderApp) -> None:
    """Bug 6: after 160 → 80 columns, Date, Source, Languages and ★ are still on screen."""
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(80, 30)
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        widths = [column.get_render_width(table) for column in table.columns.values()]
        assert sum(widths) <= table.size.width, widths


async def test_toasts_do_not_stack_or_follow_into_the_next_document(app: ReaderApp) -> None:
    """Bug 9: the same toast three times shows once; opening another document clears them."""
    async with app.run_test(size=(140, 30)) as pilot:
        await open_reader(pilot)
        await pilot.press("G", "right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert toasts(app).count("No more units that are not 1:1 in this direction.") == 1
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("home", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and toasts(app) == []


async def test_tab_in_the_note_dialog_with_keys_right_after_it(app: ReaderApp) -> None:
    """Bug 7: keys typed right after Tab go to the next field (tags), not the note."""
    async with app.run_test(size=(120, 30)) as pilot:
        await open_reader(pilot)
        await pilot.press("e")
        await settle(pilot)
        type_at_once(app, [*chars("second"), ("tab", "\t"), *chars("court")])
        await settle(pilot)
        assert app.screen.query_one("#note", Input).value == "second"
        assert app.screen.query_one("#tags", Input).value == "court"


async def test_typing_fast_into_the_library_loses_no_keys(app: ReaderApp) -> None:
    """Issue 17: keys that reach the list before the focus moves to the filter still filter."""
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        type_at_once(app, [("f", "f"), *chars("sample-court")])
        await settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "sample-court"
        type_at_once(app, [("escape", None), *chars("big")])
        await settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "big"
        await pilot.press("escape")
        type_at_once(app, [*chars("sample-courtx"), ("backspace", None), ("enter", "\r")])  # Enter too
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.screen.doc.id == "sample-court-visit"


async def test_export_dialog_says_what_is_wrong_and_keeps_the_path(app: ReaderApp, tmp_path) -> None:
    """Bug 7: an existing file or a missing folder is said in the dialog, which stays open."""
    async with app.run_test(size=(120, 30)) as pilot:
        await open_reader(pilot)
        await pilot.press("b", "B", "x")
        await settle(pilot)
        dialog = app.screen
        path = dialog.query_one("#path", Input)
        assert "Documents" in path.value or path.value.startswith(str(__import__("pathlib").Path.home()))
        existing = tmp_path / "old.md"
        existing.write_text("mine", encoding="utf-8")
        path.value = str(existing)
        path.focus()
        await pilot.press("enter")
        await settle(pilot)
        error = str(dialog.query_one("#export-error").render())
        assert "tick “Overwrite an existing file”" in error and "--force" not in error
        assert app.screen is dialog and existing.read_text(encoding="utf-8") == "mine"
        target = tmp_path / "new" / "folder" / "bookmarks.md"
        path.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert "press Enter again to create it" in str(dialog.query_one("#export-error").render())
        assert not target.parent.exists()
        await pilot.press("enter")
        await settle(pilot)
        assert target.is_file() and app.screen is not dialog
        assert "Exported 1 bookmark to" in " ".join(toasts(app))


async def test_the_library_is_one_key_away_and_the_stack_stays_shallow(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await open_reader(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen) and len(app.screen_stack) == 2


async def test_library_home_end_and_g_move_while_other_letters_filter(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0 and app.screen.query_one("#filter", Input).value == ""


async def test_an_imported_document_can_be_removed_after_a_question(app: ReaderApp, tmp_path) -> None:
    from reader.corpus import write_document

    write_document(sample_document("my-import"), app.corpus.user_root)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        await pilot.press("home")  # big-document comes with reader: not removable
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen) and any("only imported" in t for t in toasts(app))
        table.move_cursor(row=[key.value for key in table.rows].index("my-import"))
        await pilot.press("D")
        await settle(pilot)
        assert "Remove" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 2 and "my-import" not in app.corpus.ids()


async def test_bookmarks_list_every_language_and_filter_by_tag(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        reader = await open_reader(pilot)
        store = BookmarkStore()
        store.add(reader.doc, "p1s1", tags=["court"])
        store.add(reader.doc, "p2s1", tags=["visit"])
        await pilot.press("B")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert "越南最高人民法院" in first and "Tòa án" in first and "A delegation" in first
        await pilot.press("t", *"vis")
        await settle(pilot)
        assert options.option_count == 1 and "p2s1" in str(options.get_option_at_index(0).prompt)


async def test_search_loads_more_results_at_the_end(make_corpus) -> None:
    from reader.screens.search import SearchScreen

    app = ReaderApp(corpus=make_corpus(sample_document("big-document", 60)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"赵志军", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and len(screen.hits) == 50
        assert "60 matching units; showing 50" in str(screen.query_one("#search-status").render())
        await pilot.press("end")
        await settle(pilot)
        assert len(screen.hits) == 60
        assert "60 matching units." in str(screen.query_one("#search-status").render())


async def test_errors_are_shown_literally(app: ReaderApp) -> None:
    from reader.messages import Failed

    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.post_message(Failed("Could not save", "[b]disk[/b] full \\"))
        await settle(pilot)
        (toast,) = list(app._notifications)
        assert toast.message == "[b]disk[/b] full \\" and toast.severity == "error" and not toast.markup
