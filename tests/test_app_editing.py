"""Alignment editing in the app, with Pilot: each key and its undo/redo, persistence across a
restart, bookmarks across merges and splits, the split and export dialogs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import sample_document

from reader.app import ReaderApp
from reader.corpus import Corpus, write_document
from reader.dialogs.export_document import ExportDocumentDialog
from reader.dialogs.split import SplitDialog
from reader.screens.reader import ReaderScreen
from reader.widgets.aligned_view import AlignedView
from reader.widgets.plain import Plain

DOC = "sample-court-visit"


@pytest.fixture
def roots(tmp_path: Path, reader_home: Path) -> tuple[Path, Path]:
    write_document(sample_document(), tmp_path / "bundled")
    return tmp_path / "bundled", reader_home / "data" / "corpus"


def make_app(roots: tuple[Path, Path]) -> ReaderApp:
    """The app as a fresh process would start it, straight into the sample document."""
    return ReaderApp(open_doc=DOC, corpus=Corpus(*roots), build_index=False)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def ids(app: ReaderApp) -> list[str]:
    return [row.unit_id for row in app.screen.query_one(AlignedView).rows]


def cursor_unit(app: ReaderApp) -> str:
    view = app.screen.query_one(AlignedView)
    return view.rows[view.cursor].unit_id


def edit_bar(app: ReaderApp) -> str:
    return str(app.screen.query_one("#edit-bar", Plain).render())


async def test_merge_undo_redo_and_restart(roots) -> None:
    app = make_app(roots)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and ids(app) == ["p1s1", "p1s2", "p2s1", "p2s2", "p3s1"]
        await pilot.press("m")
        await settle(pilot)
        assert ids(app) == ["p1s1", "p2s1", "p2s2", "p3s1"] and cursor_unit(app) == "p1s1"
        assert (
            app.screen.query_one(AlignedView).rows[0].text["zh"]
            == "越南最高人民法院代表团访问广西。双方讨论了司法合作。"
        )
        assert "u undo (1)" in edit_bar(app)
        await pilot.press("u")
        await settle(pilot)
        assert ids(app) == ["p1s1", "p1s2", "p2s1", "p2s2", "p3s1"]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert ids(app) == ["p1s1", "p2s1", "p2s2", "p3s1"]
    again = make_app(roots)  # the same corrections after a restart, and the history too
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert ids(again) == ["p1s1", "p2s1", "p2s2", "p3s1"]
        await pilot.press("u")
        await settle(pilot)
        assert ids(again) == ["p1s1", "p1s2", "p2s1", "p2s2", "p3s1"]
        await pilot.press("u")
        await settle(pilot)  # nothing left: a warning, no change
        assert ids(again) == ["p1s1", "p1s2", "p2s1", "p2s2", "p3s1"]


async def test_split_dialog_defaults_and_custom_points(roots) -> None:
    app = make_app(roots)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "m")  # p2s1 + p2s2: zh 2, en 3
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        assert {lang: dialog._value(lang) for lang in ("zh", "vi", "en")} == {"zh": 1, "vi": 1, "en": 1}
        preview = str(dialog.query_one("#preview-en", Plain).render())
        assert preview.index("1. Nguyen") < preview.index("split") < preview.index("2. The talks")
        dialog.query_one("#split-zh").value = "2"  # out of range: the dialog stays, zh focused
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and dialog.focused is dialog.query_one("#split-zh")
        dialog.query_one("#split-zh").value = "1"
        dialog.query_one("#split-en").value = "2"
        await pilot.press("enter")
        await settle(pilot)
        doc = app.screen.doc
        assert ids(app) == ["p1s1", "p1s2", "p2s1", "p2s2", "p3s1"] and cursor_unit(app) == "p2s1"
        assert doc.units[2].sentences["en"] == (2, 3) and doc.units[3].sentences["en"] == (4,)
        await pilot.press("s")  # a unit with one original sentence: a warning, no dialog
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)


async def test_moving_sentences_in_the_chosen_column(roots) -> None:
    app = make_app(roots)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.edit_lang == "en" and "English" in edit_bar(app)  # the first translation column
        await pilot.press("j", "j", "j", "greater_than_sign")  # p2s2's last English sentence goes down
        await settle(pilot)
        assert screen.doc.units[3].sentences["en"] == (3,) and screen.doc.units[4].sentences["en"] == (4, 5)
        await pilot.press("j", "less_than_sign")  # and back up from p3s1
        await settle(pilot)
        assert screen.doc.units[3].sentences["en"] == (3, 4)
        await pilot.press("g", "less_than_sign")  # nothing above the first unit
        await settle(pilot)
        assert screen.doc.units[0].sentences["en"] == (0,)
        await pilot.press("semicolon", "greater_than_sign")  # columns zh, en, vi: now Vietnamese
        await settle(pilot)
        assert screen.edit_lang == "vi" and "Tiếng Việt" in edit_bar(app)
        assert screen.doc.units[0].sentences["vi"] == () and screen.doc.units[1].sentences["vi"] == (0, 1)


async def test_confirm_and_realign(roots) -> None:
    app = make_app(roots)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("j", "j", "j", "less_than_sign", "less_than_sign")  # en 2,3,4 | -
        await settle(pilot)
        assert screen.doc.units[2].sentences["en"] == (2, 3, 4)
        await pilot.press("g", "c", "G", "c")
        await settle(pilot)
        assert screen.confirmed == {"p1s1", "p3s1"} and "✓ confirmed" in edit_bar(app)
        await pilot.press("k", "a")
        await settle(pilot)
        assert screen.doc.units[2].sentences["en"] == (2,) and screen.doc.units[3].sentences["en"] == (3, 4)
        assert screen.confirmed == {"p1s1", "p3s1"}
    confirmed = roots[1].parent / "edits" / DOC / "confirmed.txt"
    assert confirmed.read_text() == "p1s1\np3s1\n"


async def test_bookmarks_follow_merge_and_split(roots) -> None:
    app = make_app(roots)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "b")  # bookmark p1s2
        await settle(pilot)
        view = app.screen.query_one(AlignedView)
        assert "p1s2" in view.bookmarked
        await pilot.press("k", "m")
        await settle(pilot)
        assert view.bookmarked == {"p1s1"}  # shown on the unit that holds it now
        await pilot.press("j", "b", "k")  # another bookmark: the merged-in one stays shown
        await settle(pilot)
        assert view.bookmarked == {"p1s1", "p2s1"}
        await pilot.press("j", "b", "k", "s", "enter")
        await settle(pilot)
        assert view.bookmarked == {"p1s2"}
    store = app.services.bookmarks
    assert [b.unit_id for b in store.list()] == ["p1s2"] and store.mark_stale(Corpus(*roots)) == 0


async def test_export_dialog_writes_the_edited_document(roots, tmp_path: Path) -> None:
    app = make_app(roots)
    target = tmp_path / "out.json"
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDocumentDialog)
        dialog.query_one("#format").value = "json"
        dialog.query_one("#langs").value = "zh,en"
        path = dialog.query_one("#path")
        path.value = str(target)
        path.focus()
        await pilot.press("enter")
        await settle(pilot)
        data = json.loads(target.read_text())
        assert data["languages"] == ["zh", "en"] and len(data["units"]) == 4
        await pilot.press("x")  # again, without overwrite: refused, the file kept
        await settle(pilot)
        app.screen.query_one("#path").value = str(target)
        app.screen.query_one("#path").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert json.loads(target.read_text()) == data


async def test_help_lists_the_editing_keys(roots) -> None:
    from textual.widgets import OptionList

    app = make_app(roots)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        text = "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
        for line in ("m  Merge with the next unit", "<  First sentence of the edit column", "ctrl+r  Redo"):
            assert line in text


async def test_fix_an_imported_document_restart_and_hand_a_tmx_to_a_cat_tool(
    tmp_path: Path, reader_home: Path
) -> None:
    """The issue's "done when": fix every misaligned unit from the keyboard, close the app, come
    back to the same corrections, and export a TMX that translate-toolkit reads."""
    from translate.storage import tmx

    from reader.model import Bead

    doc = sample_document("imported-law")
    doc.bundled = False
    # Misaligned as an aligner might leave it: English 4 ("The atmosphere was friendly.") sits in
    # the last unit, and the two first units are merged in Vietnamese.
    doc.alignments["en"] = [
        Bead((0,), (0,)),
        Bead((1,), (1,)),
        Bead((2,), (2,)),
        Bead((3,), (3,)),
        Bead((4,), (4, 5)),
    ]
    doc.alignments["vi"] = [Bead((0, 1), (0, 1)), Bead((2,), (2,)), Bead((3,), (3,)), Bead((4,), (4,))]
    user_root = reader_home / "data" / "corpus"
    write_document(doc, user_root)
    (tmp_path / "none").mkdir()

    def start() -> ReaderApp:
        return ReaderApp(
            open_doc="imported-law", corpus=Corpus(tmp_path / "none", user_root), build_index=False
        )

    app = start()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert ids(app) == ["p1s1", "p2s1", "p2s2", "p3s1"]
        await pilot.press("s")  # split p1s1: the default pairs 1:1 from the top
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("G", "less_than_sign")  # English 4 goes up to p2s2 (en is the edit column)
        await settle(pilot)
        for key in ("g", "c", "j", "c", "j", "c", "j", "c", "j", "c"):
            await pilot.press(key)
        await settle(pilot)
        assert app.screen.confirmed == {"p1s1", "p1s2", "p2s1", "p2s2", "p3s1"}
    again = start()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        doc_now = again.screen.doc
        assert [u.sentences for u in doc_now.units] == [u.sentences for u in sample_document().units]
        assert again.screen.confirmed == {"p1s1", "p1s2", "p2s1", "p2s2", "p3s1"}
        await pilot.press("x")
        await settle(pilot)
        dialog = again.screen
        dialog.query_one("#langs").value = "zh,en"
        dialog.query_one("#path").value = str(tmp_path / "law.tmx")
        dialog.query_one("#path").focus()
        await pilot.press("enter")
        await settle(pilot)
    units = [u for u in tmx.tmxfile.parsefile(str(tmp_path / "law.tmx")).units if not u.isheader()]
    assert [(u.source, u.gettarget("en-US")) for u in units] == [
        (u.text["zh"], u.text["en"]) for u in sample_document().units
    ]
    assert "[3]:[3,4]" in (user_root / "imported-law" / "en.align").read_text()  # the document's own file
