"""Writing a document on a bad day: a full disk or a failed swap leaves the corpus as it was,
no staging folder behind, and one sentence naming the folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from conftest import run_reader, sample_document

from reader.corpus import Corpus, load_document, write_document
from reader.errors import UserError


def _full(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_leaves_the_old_version_and_no_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "corpus"
    write_document(sample_document(), root)
    before = {p.name: p.read_bytes() for p in (root / "sample-court-visit").iterdir()}
    changed = sample_document()
    changed.versions["en"].paragraphs[0][0] = "A different English sentence."
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", _full)
        with pytest.raises(UserError) as caught:
            write_document(changed, root)
    assert (
        str(caught.value) == f"writing the document ({root / 'sample-court-visit'}) failed: the disk is full"
    )
    assert {p.name: p.read_bytes() for p in (root / "sample-court-visit").iterdir()} == before
    assert list((root / ".staging").iterdir()) == []


def test_a_failed_swap_puts_the_old_version_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "corpus"
    write_document(sample_document(), root)
    changed = sample_document()
    changed.versions["en"].paragraphs[0][0] = "A different English sentence."
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self.name == "sample-court-visit" and ".staging" in self.parts:  # the new version's swap
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))
        return real_rename(self, target)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "rename", rename)
        with pytest.raises(UserError, match="input/output error"):
            write_document(changed, root)
    doc = load_document(root / "sample-court-visit")
    assert doc.versions["en"].paragraphs[0][0].startswith("A delegation")
    assert list((root / ".staging").iterdir()) == []
    assert Corpus(bundled_root=root, user_root=tmp_path / "user").check() == []


def test_import_on_a_full_disk_is_one_line_and_changes_nothing(
    reader_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    article = tmp_path / "notes.en.txt"
    article.write_text("A title\n\nThe court met on Monday. It adjourned.\n", encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", _full)
        assert main(["import", str(article), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "the disk is full" in err and "Traceback" not in err
    corpus = reader_home / "data" / "corpus"
    assert [p.name for p in corpus.iterdir() if p.name != ".staging"] == []
    assert not (corpus / ".staging").exists() or list((corpus / ".staging").iterdir()) == []


def test_reader_home_pointing_at_a_file_is_named_by_import(tmp_path: Path) -> None:
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    article = tmp_path / "notes.en.txt"
    article.write_text("A title\n\nThe court met on Monday.\n", encoding="utf-8")
    result = run_reader(home, "import", str(article), "--lang", "en")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"reader: error: READER_HOME ({home}) is not a directory"
    assert home.read_text() == "not a folder"
