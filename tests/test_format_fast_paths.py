"""The corpus reader's fast paths (for 10,000-unit documents) keep the checks they skip to."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.corpus.format import _BLANK_EDGES, CorpusError, parse_beads, read_text


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


def paragraphs_line_by_line(raw: str) -> list[list[str]] | None:
    """What read_text returns, found the slow way: None where it refuses the text."""
    lines = raw.split("\n")
    if _BLANK_EDGES.search(raw):  # the check the fast test may skip
        return None
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line)
    return [p for p in paragraphs if p] or None


@given(
    st.lists(st.sampled_from(["a", "b", "中", " ", "\t", "\n", "\n\n", "\u3000"]), max_size=30).map("".join)
)
def test_paragraphs_and_blank_edges_as_line_by_line(raw: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vi.txt"
        path.write_bytes(raw.encode("utf-8"))
        expected = paragraphs_line_by_line(raw)
        if expected is None:
            with pytest.raises(CorpusError):
                read_text(path, "vi")
        else:
            assert read_text(path, "vi") == expected
