"""The catalogue lists every document it can read and names each one it cannot."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from conftest import run_reader, sample_document

from reader.corpus import Corpus, write_document


def test_a_bad_meta_toml_is_skipped_and_named(make_corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(
        sample_document("good-one"),
        sample_document("bad-toml"),
        sample_document("no-meta"),
        sample_document("locked"),
    )
    root = corpus.bundled_root
    (root / "bad-toml" / "meta.toml").write_text('id = "bad-toml\n', encoding="utf-8")
    (root / "no-meta" / "meta.toml").unlink()
    real_read_text = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if self == root / "locked" / "meta.toml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", read_text)
    assert [info.id for info in corpus.infos()] == ["good-one"]
    warnings = corpus.warnings()
    assert len(warnings) == 3 and all(line.startswith("skipped a document: ") for line in warnings)
    assert any(f"{root / 'bad-toml' / 'meta.toml'}:" in line and "invalid TOML" in line for line in warnings)
    assert any(f"{root / 'no-meta' / 'meta.toml'}: missing meta.toml" in line for line in warnings)
    assert any(
        f"{root / 'locked' / 'meta.toml'}: cannot be read (Permission denied)" in line for line in warnings
    )
    assert all("\n" not in line for line in warnings)
    assert [doc.id for doc in corpus.documents()] == ["good-one"] and len(corpus.warnings()) == 3


def test_cli_lists_the_good_documents_and_warns_about_the_bad(reader_home: Path) -> None:
    user = reader_home / "data" / "corpus"
    write_document(sample_document("user-good"), user)
    write_document(sample_document("user-bad"), user)
    (user / "user-bad" / "meta.toml").write_text("original_language = 3\n", encoding="utf-8")
    result = run_reader(reader_home, "corpus", "list")
    assert result.returncode == 0 and "user-good" in result.stdout and "user-bad" not in result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert (
        line.startswith("reader: warning: skipped a document: ")
        and str(user / "user-bad" / "meta.toml") in line
    )
    assert Corpus(user_root=user).infos()  # the bundled corpus and the good one still list


def test_corpus_list_json_carries_hostile_titles_exactly_but_inert(reader_home: Path) -> None:
    import json

    doc = sample_document("hostile")
    doc.titles["en"] = "Title\u202eevil\x9b31m"
    write_document(doc, reader_home / "data" / "corpus")
    result = run_reader(reader_home, "corpus", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert not any(ch in result.stdout for ch in "\u202e\x9b")
    (found,) = [json.loads(line) for line in result.stdout.splitlines() if '"hostile"' in line]
    assert found["title"]["en"] == doc.titles["en"]
