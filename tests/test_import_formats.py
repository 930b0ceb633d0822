"""Each format reader: structure (headings, paragraphs, list items, cues) and metadata kept, and
a document paired with a translation in another format through `reader import --translation`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_reader

from reader.errors import UserError
from reader.ingest.subtitles import align_cues, read_subtitles
from reader.model import Bead

SRT_EN = """1
00:00:01,000 --> 00:00:04,000
The court met on Monday.

2
00:00:04,500 --> 00:00:08,000
<i>It adjourned</i> after two hours.

3
00:00:12,000 --> 00:00:15,000
The judge spoke at length.
"""

# The Vietnamese track splits cue 2 in two and is shifted by 0.3 s.
VTT_VI = """WEBVTT

NOTE made for the test

a
00:01.300 --> 00:04.300
Tòa án họp vào thứ Hai.

b
00:04.800 --> 00:06.300 align:start
Phiên tòa tạm dừng

c
00:06.300 --> 00:08.300
sau hai giờ &amp; nghỉ.

d
00:12.300 --> 00:15.300
<v Thẩm phán>Thẩm phán đã nói rất lâu.
"""


def show(home: Path, doc_id: str) -> list[dict]:
    return [json.loads(line) for line in run_reader(home, "show", doc_id, "--json").stdout.splitlines()]


def test_subtitle_cues_keep_times_and_drop_tags() -> None:
    source = read_subtitles(VTT_VI, "vi.vtt")
    assert [(b.text, b.start, b.end) for b in source.blocks] == [
        ("Tòa án họp vào thứ Hai.", 1.3, 4.3),
        ("Phiên tòa tạm dừng", 4.8, 6.3),
        ("sau hai giờ & nghỉ.", 6.3, 8.3),
        ("Thẩm phán đã nói rất lâu.", 12.3, 15.3),
    ]
    assert all(b.kind == "cue" for b in source.blocks)


def test_cues_pair_by_time_not_length() -> None:
    en = read_subtitles(SRT_EN, "en.srt").blocks
    vi = read_subtitles(VTT_VI, "vi.vtt").blocks
    assert align_cues(en, vi) == [Bead((0,), (0,)), Bead((1,), (1, 2)), Bead((2,), (3,))]
    # A cue that overlaps nothing on the other side stands alone.
    assert align_cues(en[:1], vi[3:]) == [Bead((0,), ()), Bead((), (0,))]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("1\n00:00:01,000 -> 00:00:02,000\nHello.\n", "en.srt:1: expected a cue time"),
        ("1\n00:00:01,000 --> 00:0x:02,000\nHello.\n", "en.srt:2: broken cue time"),
        ("1\n00:00:03,000 --> 00:00:02,000\nHello.\n", "en.srt:2: the cue ends before it starts"),
        ("WEBVTT\n\n", "en.srt: no subtitle cues found"),
    ],
)
def test_broken_subtitles_are_refused_naming_the_line(text: str, needle: str) -> None:
    with pytest.raises(UserError, match=needle):
        read_subtitles(text, "en.srt")


def test_subtitle_pair_imports_cue_to_cue(reader_home: Path, tmp_path: Path) -> None:
    (tmp_path / "talk.srt").write_text(SRT_EN, encoding="utf-8")
    (tmp_path / "talk.vi.vtt").write_text(VTT_VI, encoding="utf-8")
    result = run_reader(
        reader_home, "import", str(tmp_path / "talk.srt"), "--translation", f"vi={tmp_path / 'talk.vi.vtt'}"
    )
    assert result.returncode == 0, result.stderr
    units = show(reader_home, "talk")
    assert [(u["text"]["en"], u["text"]["vi"]) for u in units] == [
        ("The court met on Monday.", "Tòa án họp vào thứ Hai."),
        ("It adjourned after two hours.", "Phiên tòa tạm dừng sau hai giờ & nghỉ."),
        ("The judge spoke at length.", "Thẩm phán đã nói rất lâu."),
    ]
    # A pause of 3 s or more starts a new paragraph.
    assert [u["paragraph_start"] for u in units] == [True, False, True]
