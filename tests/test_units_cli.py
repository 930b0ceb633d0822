"""`reader units DOC ...` on a bundled document: edits land in the overlay, `reader show --json`
reflects them, errors are one line with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_reader

from reader.cli import main
from reader.corpus import Corpus

DOC = "lang-son-guangxi-justice-talks"  # bundled; original vi, translations en and zh


def _units(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert main(["show", DOC, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["units", DOC, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_edits_show_in_reader_show_and_undo_restores(reader_home: Path, capsys) -> None:
    before = _units(capsys)
    assert _run(capsys, "merge", "p1s1")[:2] == (0, "merged p2s1 into p1s1\n")
    merged = _units(capsys)
    assert len(merged) == len(before) - 1
    assert merged[0]["sentences"]["vi"] == [0, 1]
    assert merged[0]["text"]["en"] == f"{before[0]['text']['en']} {before[1]['text']['en']}"
    assert (reader_home / "data" / "edits" / DOC / "en.align").is_file()
    code, out, _ = _run(capsys, "split", "p1s1", "--at", "vi:1", "--at", "en:1")
    assert code == 0 and "p2s1" in out
    assert _units(capsys) == before
    assert _run(capsys, "undo")[1] == "undid the split of p1s1\n"
    assert _units(capsys) == merged
    assert _run(capsys, "undo")[0] == 0 and _units(capsys) == before
    assert _run(capsys, "redo")[0] == 0 and _units(capsys) == merged


def test_confirm_shows_in_list(reader_home: Path, capsys) -> None:
    assert _run(capsys, "confirm", "p2s1")[1] == "confirmed p2s1\n"
    code, out, _ = _run(capsys, "list", "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["unit"] for row in rows if row["confirmed"]] == ["p2s1"]
    assert _run(capsys, "list")[1].splitlines()[1].startswith("✓ p2s1")
    assert _run(capsys, "unconfirm", "p2s1")[1] == "unconfirmed p2s1\n"


def test_shift_and_pop(reader_home: Path, capsys) -> None:
    before = _units(capsys)
    code, out, _ = _run(capsys, "pop", "p1s1", "--lang", "en")
    assert code == 0 and out.startswith("moved the last en sentence of p1s1 down to p2s1")
    after = _units(capsys)
    assert after[0]["sentences"]["en"] == [] and after[1]["sentences"]["en"] == [0, 1]
    assert _run(capsys, "shift", "p2s1", "--lang", "en")[0] == 0
    assert _units(capsys) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "p99s1"], "has no unit 'p99s1'"),
        (["split", "p1s1"], "cannot split a unit with one vi sentence"),
        (["split", "p6s1", "--at", "zh-1"], "--at 'zh-1': expected LANG:N"),
        (["shift", "p1s1", "--lang", "en"], "the first unit has no previous unit"),
        (["undo"], "nothing to undo"),
        (["redo"], "nothing to redo"),
    ],
)
def test_errors_are_one_line_with_exit_2(reader_home: Path, capsys, args: list[str], message: str) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("reader: error: ") and message in err and err.count("\n") == 1
    assert not (reader_home / "data" / "edits" / DOC / "journal.jsonl").exists()


def test_a_merged_in_unit_is_named_in_the_error(reader_home: Path, capsys) -> None:
    _run(capsys, "merge", "p1s1")
    assert "(it is now part of p1s1)" in _run(capsys, "merge", "p2s1")[2]


def test_split_points_beyond_a_language_name_its_range(reader_home: Path, capsys) -> None:
    _run(capsys, "merge", "p5s1")  # vi 2, zh 1 + 4
    code, out, err = _run(capsys, "split", "p5s1", "--at", "zh:9")
    assert code == 2 and "zh:9 is not a split point (choose 0 to 5)" in err
    code, out, err = _run(capsys, "split", "p5s1", "--at", "vi:2")
    assert code == 2 and out == "" and "vi:2 is not a split point (choose 1 to 1)" in err


def test_unknown_document(reader_home: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["units", "no-such-doc", "undo"]) == 2
    assert "no document 'no-such-doc'" in capsys.readouterr().err


def test_bundled_corpus_untouched_and_check_still_clean(reader_home: Path, capsys) -> None:
    corpus = Corpus()
    folder = corpus.folder(DOC)
    assert folder is not None
    files = {p.name: p.read_bytes() for p in folder[0].iterdir()}
    _run(capsys, "merge", "p1s1")
    assert {p.name: p.read_bytes() for p in folder[0].iterdir()} == files
    assert corpus.check() == []


@pytest.mark.slow
def test_as_a_process(reader_home: Path) -> None:
    result = run_reader(reader_home, "units", DOC, "merge", "p1s1")
    assert result.returncode == 0 and result.stdout == "merged p2s1 into p1s1\n"
    shown = run_reader(reader_home, "show", DOC, "--json")
    assert json.loads(shown.stdout.splitlines()[0])["sentences"]["vi"] == [0, 1]
    bad = run_reader(reader_home, "units", DOC, "split", "p1s1", "--at", "vi:7")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_unwritable_data_dir_is_a_one_line_error(reader_home: Path, capsys) -> None:
    (reader_home / "data").mkdir(parents=True)
    (reader_home / "data" / "edits").write_text("a file where the overlay folder should be")
    before = _units(capsys)
    code, out, err = _run(capsys, "merge", "p1s1")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "saving the alignment edit" in err and "a path component is a file, not a folder" in err
    assert _units(capsys) == before  # nothing half-done
