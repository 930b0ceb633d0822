"""SVG snapshots of each screen at fixed sizes (pytest-textual-snapshot).

Regenerate after an intended visual change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import pytest
from conftest import sample_document, settle

from reader.app import ReaderApp


@pytest.fixture
def app(make_corpus, monkeypatch: pytest.MonkeyPatch) -> ReaderApp:
    from textual.widgets import Input

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)  # no blinking cursor
    corpus = make_corpus(sample_document(), sample_document("second-document"))
    return ReaderApp(corpus=corpus, build_index=False)


def test_library(snap_compare, app: ReaderApp) -> None:
    assert snap_compare(app, terminal_size=(110, 24))


def test_reader_wide(snap_compare, app: ReaderApp) -> None:
    assert snap_compare(app, press=["enter", "j", "j", "j"], terminal_size=(140, 30))


def test_reader_narrow_interleaved(snap_compare, app: ReaderApp) -> None:
    assert snap_compare(app, press=["enter", "j"], terminal_size=(60, 30))


def test_reader_readings_panel(snap_compare, app: ReaderApp) -> None:
    async def readings(pilot) -> None:
        await pilot.press("enter", "j", "j", "r")
        await pilot.app.workers.wait_for_complete()  # the tables load in a worker
        await settle(pilot)

    assert snap_compare(app, run_before=readings, terminal_size=(120, 30))


def test_help(snap_compare, app: ReaderApp) -> None:
    assert snap_compare(app, press=["enter", "question_mark"], terminal_size=(100, 30))


def test_tiny_terminal_notice(snap_compare, app: ReaderApp) -> None:
    assert snap_compare(app, terminal_size=(30, 10))


def test_search_results(snap_compare, app: ReaderApp) -> None:
    from reader.search import SearchEngine

    SearchEngine(app.corpus).ensure_index()  # built before the app starts: no toast, no timing

    async def search(pilot) -> None:
        await pilot.press("slash", *"广西")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()  # the counterparts are in (lit)
        await settle(pilot)

    assert snap_compare(app, run_before=search, terminal_size=(110, 30))


def test_bookmarks_screen(snap_compare, app: ReaderApp) -> None:
    from reader.bookmarks import BookmarkStore

    store = BookmarkStore()
    doc = app.corpus.get("sample-court-visit")
    store.add(doc, "p2s1", note="[Reuters] meeting of the two presidents", tags=["visit"])
    store.add(doc, "p3s1")
    store.close()
    assert snap_compare(app, press=["B"], terminal_size=(110, 24))


def test_library_at_the_smallest_size(snap_compare, app: ReaderApp) -> None:
    """40×12: the title, Languages and ★ columns all fit (Date and Source make way)."""
    assert snap_compare(app, terminal_size=(40, 12))
