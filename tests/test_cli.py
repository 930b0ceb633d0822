"""The command line as scripts use it: exit codes, JSON lines, one-line errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import run_reader, sample_document

from reader.corpus import write_document


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return run_reader(home, *args)


@pytest.fixture
def home(reader_home: Path) -> Path:
    write_document(sample_document(), reader_home / "data" / "corpus")
    return reader_home


def test_show_json_gives_every_unit_in_every_language(home: Path) -> None:
    result = run("show", "sample-court-visit", "--json", home=home)
    assert result.returncode == 0, result.stderr
    units = [json.loads(line) for line in result.stdout.splitlines()]
    assert [u["unit"] for u in units] == ["p1s1", "p1s2", "p2s1", "p2s2", "p3s1"]
    assert set(units[0]["text"]) == {"zh", "vi", "en"}
    assert units[3]["text"]["en"] == "The talks were held in Nanning. The atmosphere was friendly."


def test_show_filters_languages_and_prints_text_literally(home: Path) -> None:
    result = run("show", "sample-court-visit", "--lang", "zh,en", home=home)
    assert result.returncode == 0
    assert "vi:" not in result.stdout
    assert "[Reuters] reported [/b] that the two sides signed a memorandum [RED] path\\" in result.stdout


def test_corpus_list_json(home: Path) -> None:
    result = run("corpus", "list", "--json", home=home)
    assert result.returncode == 0
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    mine = next(d for d in docs if d["id"] == "sample-court-visit")
    assert mine["title"]["en"] == "[Court] delegation visits Guangxi"
    assert mine["original_language"] == "zh" and mine["languages"] == ["zh", "en", "vi"]
    assert {"date", "source"} <= set(mine)


def test_corpus_check_passes_then_fails_on_a_broken_document(home: Path) -> None:
    assert run("corpus", "check", home=home).returncode == 0
    (home / "data" / "corpus" / "sample-court-visit" / "en.align").write_text("[0]:[0]\n")
    result = run("corpus", "check", home=home)
    assert result.returncode == 1
    assert "en.align" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("show", "no-such-doc"), "no document 'no-such-doc'"),
        (("show", "sample-court-visit", "--lang", "fr"), "unknown language 'fr'"),
    ],
)
def test_user_mistakes_get_one_line_and_exit_2(home: Path, args: tuple[str, ...], needle: str) -> None:
    result = run(*args, home=home)
    assert result.returncode == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_help_on_every_command(home: Path) -> None:
    import argparse

    from reader.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    expected = {
        "app",
        "corpus",
        "show",
        "align",
        "search",
        "bookmarks",
        "import",
        "remove",
        "renderings",
        "terms",
    }
    assert expected <= set(sub.choices), expected - set(sub.choices)
    for name, command in sub.choices.items():
        result = run(name, "--help", home=home)
        assert result.returncode == 0 and "usage: reader" in result.stdout, name
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        for action in nested:
            for child in action.choices:
                result = run(name, child, "--help", home=home)
                assert result.returncode == 0 and "usage: reader" in result.stdout, (name, child)


def test_core_errors_name_no_flag_and_the_cli_adds_it(tmp_path: Path) -> None:
    from reader.cli.output import error_line
    from reader.errors import IdTaken, PathTaken

    taken = PathTaken(tmp_path / "out.csv", "a file")
    assert "--" not in str(taken) and "--" not in str(IdTaken("x"))
    assert (
        error_line(taken)
        == f"reader: error: {tmp_path / 'out.csv'}: already exists (use --force to overwrite)"
    )
    assert (
        error_line(IdTaken("x"))
        == "reader: error: id 'x' clashes with a bundled document; choose another with --id"
    )
    folder = PathTaken(tmp_path, "a directory")  # never replaced, so no flag is offered
    assert (
        error_line(folder)
        == f"reader: error: {tmp_path}: is a directory; only a regular file is ever replaced"
    )
