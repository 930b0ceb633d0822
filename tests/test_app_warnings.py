"""What the core sets aside (a document it cannot read, a damaged state file) is said in the app."""

from __future__ import annotations

from conftest import sample_document

from reader.app import ReaderApp
from reader.state import state_path


def toasts(app: ReaderApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_a_document_the_library_cannot_read_is_named_in_a_toast(make_corpus) -> None:
    corpus = make_corpus(sample_document("good-one"), sample_document("bad-toml"))
    (corpus.bundled_root / "bad-toml" / "meta.toml").write_text('id = "bad-toml\n', encoding="utf-8")
    app = ReaderApp(corpus=corpus, build_index=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = toasts(app)
        assert any(
            line.startswith("Library: skipped a document:") and "bad-toml" in line for line in shown
        ), shown


async def test_a_damaged_state_file_is_moved_aside_and_said(make_corpus) -> None:
    corpus = make_corpus()
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"documents": [1, 2]}', encoding="utf-8")
    app = ReaderApp(corpus=corpus, build_index=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = toasts(app)
        assert any(line.startswith("Reading positions:") and "moved to" in line for line in shown), shown
    assert list(path.parent.glob("state.json.damaged-*"))
