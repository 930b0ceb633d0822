"""The library follows imports and removals made by another process (issue 12)."""

from __future__ import annotations

import shutil

import pytest
from conftest import sample_document
from textual.widgets import DataTable

from reader.app import ReaderApp
from reader.corpus import write_document


async def test_the_library_follows_another_process(make_corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ReaderApp, "WATCH_SECONDS", 0.1)
    corpus = make_corpus()
    app = ReaderApp(corpus=corpus, build_index=False)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        before = table.row_count
        write_document(sample_document("from-the-cli"), corpus.user_root)  # as `reader import` would
        for _ in range(40):
            await pilot.pause(0.05)
            if table.row_count == before + 1:
                break
        assert table.row_count == before + 1
        assert any("changed on disk" in n.message for n in app._notifications)
        shutil.rmtree(corpus.user_root / "from-the-cli")  # as `reader remove` would
        for _ in range(40):
            await pilot.pause(0.05)
            if table.row_count == before:
                break
        assert table.row_count == before
