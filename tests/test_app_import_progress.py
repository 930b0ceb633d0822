"""The import dialog shows the import's progress (issue 12) and what the import left out."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from reader.app import ReaderApp
from reader.dialogs.import_document import ImportDialog


async def test_the_import_dialog_shows_progress_and_what_was_left_out(
    make_corpus, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    real = ImportDialog._progress

    def progress(self: ImportDialog, done: int, total: int, what: str) -> None:
        real(self, done, total, what)
        shown.append(str(self.query_one("#import-progress").render()))

    monkeypatch.setattr(ImportDialog, "_progress", progress)
    page = tmp_path / "visit.html"
    page.write_text(
        "<html><head><title>Court delegation visits Hanoi</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Court delegation visits Hanoi</h1>"
        + "".join(
            f"<p>The delegation met the court on day {i}. The sides discussed cooperation.</p>"
            for i in range(8)
        )
        + "</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    app = ReaderApp(corpus=make_corpus(), build_index=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        app.screen.query_one("#import-path", Input).value = str(page)
        app.screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        for _ in range(400):
            await pilot.pause(0.05)
            if not isinstance(app.screen, ImportDialog):
                break
        assert shown and all("/" in line and "…" in line for line in shown), shown
        assert any("reading visit.html" in line for line in shown), shown
        notes = [f"{n.title}: {n.message}" for n in app._notifications]
        assert any(note.startswith("Import:") and "left out" in note for note in notes), notes
