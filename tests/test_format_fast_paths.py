"""The corpus reader's fast paths (for 10,000-unit documents) keep the checks they skip to."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus.format import CorpusError, parse_beads, read_text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[0,2,1]:[0]\n", "original sentences out of order"),
        ("[0]:[1,0]\n", "translation sentences out of order"),
        ("[0,0]:[0]\n", "original sentences out of order"),
        ("[1]:[0]\n", "original sentences out of order"),
        ("[]:[]\n", "bead empty on both sides"),
        ("[0]:[0\n", "not a bead"),
    ],
)
def test_bad_beads_are_still_refused(text: str, problem: str) -> None:
    with pytest.raises(CorpusError, match=problem):
        parse_beads(Path("x.align"), text, 3, 3)


def test_bead_notation_variants_still_read() -> None:
    text = "# comment\n[0, 1]:[0]\n  [2]:[]  \n[]:[1,2]\n\n[3,,4]:[3] : note\n"
    beads = parse_beads(Path("x.align"), text, 5, 4)
    assert [(b.src, b.tgt) for b in beads] == [((0, 1), (0,)), ((2,), ()), ((), (1, 2)), ((3, 4), (3,))]


@pytest.mark.parametrize("raw", ["a\nb \n", " a\nb\n", "a\n\t\nb\n", "a\nb\t", " a"])
def test_lines_with_blank_edges_are_still_refused(tmp_path: Path, raw: str) -> None:
    path = tmp_path / "vi.txt"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(CorpusError, match="leading or trailing spaces"):
        read_text(path, "vi")


def test_inner_spaces_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "vi.txt"
    path.write_text("Tòa án  nhân dân\n\nHai bên\n", encoding="utf-8")
    assert read_text(path, "vi") == [["Tòa án  nhân dân"], ["Hai bên"]]
