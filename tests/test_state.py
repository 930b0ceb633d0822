"""The saved reading positions: round trip, and a damaged file kept aside with one line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader.state import AppState, DocumentState, load_state, read_state, save_state


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config" / "state.json"
    state = AppState(
        last_document="d", theme="nord", documents={"d": DocumentState("p2s1", ["zh", "en"], "stack")}
    )
    save_state(state, path)
    assert read_state(path) == (state, "")
    assert read_state(tmp_path / "missing.json") == (AppState(), "")


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{not json", "Expecting property name"),
        (b"null", "does not hold a JSON object"),
        (b"[1, 2]", "does not hold a JSON object"),
        (b'{"documents": {"d": "p1s1"}}', "documents.d is not an object"),
        (b'{"documents": {"d": {"langs": "zh"}}}', "documents.d.langs is not a list of strings"),
        (b'{"theme": 3}', "theme is not a string"),
        (b"\xff\xfe", "codec can't decode"),
    ],
)
def test_a_damaged_file_is_kept_aside_and_named(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state, warning = read_state(path)
    assert state == AppState()
    (backup,) = tmp_path.glob("state.json.damaged-*")
    assert backup.read_bytes() == content and not path.exists()
    assert warning.startswith(f"the saved reading positions ({path}) were damaged (")
    assert warning.endswith(f"); the file was moved to {backup}") and "\n" not in warning
    assert why in warning
    save_state(AppState(last_document="x"), path)  # and the app carries on saving
    assert load_state(path).last_document == "x" and backup.read_bytes() == content


def test_an_unreadable_file_means_defaults_and_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"last_document": "d"}')

    def denied(self: Path) -> bytes:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    state, warning = read_state(path)
    assert state == AppState() and "cannot be read: Permission denied" in warning
    monkeypatch.undo()
    assert path.read_text() == '{"last_document": "d"}'  # not moved: it is not damaged


def test_a_symlinked_state_file_is_written_through(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles" / "reader-state.json"
    dotfiles.parent.mkdir()
    dotfiles.write_text("{}")
    link = tmp_path / "config" / "state.json"
    link.parent.mkdir()
    link.symlink_to(dotfiles)
    save_state(AppState(last_document="d"), link)
    assert link.is_symlink() and load_state(dotfiles).last_document == "d"
