"""Text normalisation shared by every layer: NFC, control characters, folding, CJK tests."""

from __future__ import annotations

import json
import re
import unicodedata

LANGUAGES = ("zh", "vi", "en")
LANGUAGE_NAMES = {"zh": "中文", "vi": "Tiếng Việt", "en": "English"}

# C0/C1 controls (keeping \n and \t), DEL, bidi overrides/isolates, soft hyphen, BOM.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
# A whole ANSI/VT escape sequence (CSI, OSC, or a two-byte escape), removed before lone controls.
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# Anything `sanitize` would change besides normalisation: _CONTROL plus CR (ESC is in both).
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LINE_BREAKS = re.compile(r"[\n\t]+")


def is_clean(text: str, line: bool = False) -> bool:
    """True when `sanitize` (`sanitize_line` if `line`) would return `text` unchanged: a fast
    test for the common case, e.g. before cleaning many strings joined by spaces at once."""
    if line and ("\n" in text or "\t" in text):
        return False
    return _SUSPECT.search(text) is None and unicodedata.is_normalized("NFC", text)


def sanitize(text: str) -> str:
    """NFC-normalise, unify line ends, drop escape sequences and control characters."""
    if is_clean(text):
        return text  # the common case, about twice as fast
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def sanitize_line(text: str) -> str:
    """`sanitize`, and also flatten newlines and tabs to spaces (for one-line labels)."""
    text = sanitize(text)
    return _LINE_BREAKS.sub(" ", text) if "\n" in text or "\t" in text else text


# What json.dumps(ensure_ascii=False) leaves raw that a terminal acts on or that reorders text.
_JSON_RAW = re.compile("[\x7f-\x9f\u00ad\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def json_dumps(obj: object, indent: int | None = None) -> str:
    """JSON with non-ASCII text readable, and DEL, C1 controls, bidi overrides and line
    separators written as \\uXXXX escapes: the data read back is exact, yet `cat` shows nothing
    that acts on the terminal (json.dumps escapes C0 controls, ESC included, itself)."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Chinese digits (零 and 〇 are both zero, 两 is two as in 两国), for numbers written in words.
HAN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def fold(text: str) -> str:
    """Lowercase and strip diacritics, including Vietnamese đ → d ("Tòa án" → "toa an")."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")


def is_cjk(ch: str) -> bool:
    """True for Han ideographs (BMP, extension A, compatibility and the supplementary planes)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or code == 0x3007
    )


def cjk_ratio(text: str) -> float:
    """Share of Han characters among the letters of `text`."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if is_cjk(ch)) / len(letters)


# Punctuation a line may not start with, or end with (CJK line-breaking rules, kinsoku).
NO_LINE_START = frozenset("，。、；：！？）」』》〉】〕”’…·,.;:!?)]}%‰℃～")
NO_LINE_END = frozenset("（「『《〈【〔“‘([{")
