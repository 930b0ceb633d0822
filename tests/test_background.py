"""The index worker keeps out of the way of someone paging: it waits for quiet keys."""

from __future__ import annotations

import time

from conftest import sample_document

from reader.app import ReaderApp


async def test_the_index_worker_waits_until_the_keys_are_quiet(make_corpus, monkeypatch) -> None:
    monkeypatch.setattr(ReaderApp, "CHECK_AFTER_QUIET", 1.0)
    monkeypatch.setattr(ReaderApp, "WARM_AFTER_QUIET", 1.5)
    checked: list[float] = []
    warmed: list[float] = []
    app = ReaderApp(corpus=make_corpus(sample_document()), build_index=True)
    engine = app.services.search_engine
    monkeypatch.setattr(engine, "ensure_index", lambda progress=None: checked.append(time.monotonic()) or "")
    monkeypatch.setattr(engine, "warm", lambda: warmed.append(time.monotonic()))
    async with app.run_test() as pilot:
        for _ in range(8):  # a key every few tenths of a second: never a second of quiet
            await pilot.press("down")
            await pilot.pause(0.1)
        assert not checked
        await app.workers.wait_for_complete()
    assert checked and warmed
    assert checked[0] - app.last_input >= 0.99  # quiet counts from the app's last key
    assert warmed[0] - app.last_input >= 1.49
