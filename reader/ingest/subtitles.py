"""SubRip (.srt) and WebVTT (.vtt) subtitles: one block per cue, with its start and end times.

Formatting tags (<i>, <b>, <c.x>, <v Speaker>, {\\an8}) are removed as text, never interpreted.
Two subtitle files are paired by cue times (`align_cues`), so a cue the translation splits in two
joins its counterpart whatever the texts' lengths.
"""

from __future__ import annotations

import html
import re

from reader.errors import UserError
from reader.ingest.source import Block, Source
from reader.model import Bead

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
_CUE_TIMES = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+.*)?$")
_TAG = re.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")
_MIN_SHARE = 0.3  # two cues belong together when their overlap is this share of the shorter one


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction.ljust(3, "0")) / 1000


def read_subtitles(text: str, name: str) -> Source:
    """Cues of an .srt or .vtt text; a cue without valid times is an error naming the line."""
    lines = text.split("\n")
    blocks: list[Block] = []
    vtt = bool(lines) and lines[0].lstrip("\ufeff").startswith("WEBVTT")
    number = 1 if vtt else 0
    while number < len(lines):
        line = lines[number].strip()
        if not line:
            number += 1
            continue
        group_start = number
        group: list[str] = []
        while number < len(lines) and lines[number].strip():
            group.append(lines[number].strip())
            number += 1
        if vtt and group[0].split(" ")[0] in ("NOTE", "STYLE", "REGION"):
            continue
        at = next((i for i, g in enumerate(group[:2]) if "-->" in g), None)
        if at is None:
            raise UserError(
                f"{name}:{group_start + 1}: expected a cue time like 00:00:01,000 --> 00:00:02,000"
            )
        times = _CUE_TIMES.match(group[at])
        if not times:
            raise UserError(f"{name}:{group_start + at + 1}: broken cue time {group[at][:60]!r}")
        start, end = _seconds(*times.groups()[:4]), _seconds(*times.groups()[4:])
        if end < start:
            raise UserError(f"{name}:{group_start + at + 1}: the cue ends before it starts")
        words = _TAG.sub("", " ".join(group[at + 1 :]))
        cue = " ".join((html.unescape(words) if vtt else words).split())
        if cue:
            blocks.append(Block(cue, "cue", start, end))
    if not blocks:
        raise UserError(f"{name}: no subtitle cues found")
    return Source(blocks)


def _overlap(a: Block, b: Block) -> bool:
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    shared = min(a.end, b.end) - max(a.start, b.start)
    shorter = max(min(a.end - a.start, b.end - b.start), 0.001)
    return shared > 0 and shared >= _MIN_SHARE * shorter


def align_cues(original: list[Block], translation: list[Block]) -> list[Bead]:
    """Beads from cue times: cues that overlap (by 30% of the shorter) join one bead, in order;
    a cue that overlaps nothing stands alone."""
    beads: list[Bead] = []
    i = j = 0
    n, m = len(original), len(translation)
    while i < n or j < m:
        if j == m or (
            i < n and not _overlap(original[i], translation[j]) and _ends_first(original[i], translation[j])
        ):
            beads.append(Bead((i,), ()))
            i += 1
            continue
        if i == n or not _overlap(original[i], translation[j]):
            beads.append(Bead((), (j,)))
            j += 1
            continue
        src, tgt = [i], [j]
        i, j = i + 1, j + 1
        while True:
            if i < n and _overlap(original[i], translation[tgt[-1]]):
                src.append(i)
                i += 1
            elif j < m and _overlap(translation[j], original[src[-1]]):
                tgt.append(j)
                j += 1
            else:
                break
        beads.append(Bead(tuple(src), tuple(tgt)))
    return beads


def _ends_first(a: Block, b: Block) -> bool:
    return (a.end or 0) <= (b.end or 0)
