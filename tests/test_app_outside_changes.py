"""Changes made outside the app (by the CLI, another process) never close it (issue 11)."""

from __future__ import annotations

import pytest
from conftest import sample_document, settle
from textual.widgets import Input

from reader.app import ReaderApp
from reader.bookmarks import BookmarkStore
from reader.dialogs.note import NoteDialog
from reader.screens.bookmarks import BookmarksScreen


@pytest.fixture
def app(make_corpus) -> ReaderApp:
    return ReaderApp(corpus=make_corpus(sample_document()), build_index=False)


async def test_editing_a_bookmark_removed_meanwhile_says_so_and_the_app_goes_on(app: ReaderApp) -> None:
    store = BookmarkStore()
    doc = app.corpus.get("sample-court-visit")
    saved = store.add(doc, "p1s1", note="first")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        store.remove(saved.id)  # as `reader bookmarks remove` would, while the dialog is open
        app.screen.query_one(Input).value = "second"
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, NoteDialog)
        shown = [f"{n.title}: {n.message}" for n in app._notifications]
        assert any("bookmark" in line.lower() and str(saved.id) in line for line in shown), shown
    assert store.find(doc.id, "p1s1") is None  # nothing written in its place
