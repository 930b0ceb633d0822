"""Tokens of a unit's text, with their character spans, in the form each kind of evidence needs.

Chinese: one token per Han character (Sino-Vietnamese readings match syllable by syllable) and
one per Latin word or number. Vietnamese: one per syllable, and the syllables an acronym stands
for (VKSND → viện kiểm sát nhân dân), all on the acronym's span. English: one per word.
Numbers become `#value` in every language (9.6万 = 96.000 = 96,000; tháng 7 = 7月 = July).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reader.readings import vi_key
from reader.text import fold, is_cjk

# Abbreviations of Vietnamese institutions as the press writes them.
ACRONYMS = {
    "VKSND": "viện kiểm sát nhân dân",
    "VKSNDTC": "viện kiểm sát nhân dân tối cao",
    "TAND": "tòa án nhân dân",
    "TANDTC": "tòa án nhân dân tối cao",
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "TP": "thành phố",
    "TP.HCM": "thành phố hồ chí minh",
    "ĐCS": "đảng cộng sản",
    "CHXHCN": "cộng hòa xã hội chủ nghĩa",
    "QĐND": "quân đội nhân dân",
    "CAND": "công an nhân dân",
    "MTTQ": "mặt trận tổ quốc",
    "BCH": "ban chấp hành",
    "TW": "trung ương",
}
MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_HAN_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*([万亿])")
_NUMBER = re.compile(r"\d+(?:[.,]\d{3})+(?!\d)|\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_VI_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # as written
    key: str  # how it is compared: see each tokenizer


def _number_key(text: str) -> str:
    """'96.000', '96,000' → '#96000' (a separator before groups of three digits is a thousands
    separator in every language here); '9.6', '9,6' → '#9.6'."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return "#" + str(int(re.sub(r"[.,]", "", text)))
    whole, _, frac = text.replace(",", ".").partition(".")
    frac = frac.rstrip("0")
    return f"#{int(whole)}.{frac}" if frac else f"#{int(whole)}"


def _numbers(text: str) -> list[Token]:
    found = []
    taken: list[tuple[int, int]] = []
    for match in _HAN_NUMBER.finditer(text):
        scale = 10_000 if match.group(2) == "万" else 100_000_000
        value = float(match.group(1)) * scale
        found.append(Token(match.start(), match.end(), match.group(), f"#{round(value)}"))
        taken.append((match.start(), match.end()))
    for match in _NUMBER.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        found.append(Token(match.start(), match.end(), match.group(), _number_key(match.group())))
    return found


def zh_tokens(text: str) -> list[Token]:
    """Han characters (key: the character), Latin words (key: folded) and numbers."""
    tokens = _numbers(text)
    tokens += [Token(i, i + 1, ch, ch) for i, ch in enumerate(text) if is_cjk(ch)]
    tokens += [
        Token(m.start(), m.end(), m.group(), fold(m.group()))
        for m in _WORD.finditer(text)
        if not is_cjk(m.group()[0])
    ]
    return sorted(tokens, key=lambda t: t.start)


_vi_key = lru_cache(maxsize=100_000)(vi_key)  # syllables repeat: key each spelling once


def vi_tokens(text: str) -> list[Token]:
    """Syllables (key: `vi_key`), the syllables of known acronyms on the acronym's span, and
    numbers. `tháng 7` also gives the month `#7`."""
    text = unicodedata.normalize("NFC", text)
    tokens = _numbers(text)
    for match in _VI_WORD.finditer(text):
        word = match.group()
        expansion = ACRONYMS.get(word) or ACRONYMS.get(word.upper()) if word.isupper() else None
        if expansion:
            tokens += [Token(match.start(), match.end(), word, _vi_key(part)) for part in expansion.split()]
        else:
            for part in re.finditer(r"[^\W\d_]+", word):
                tokens.append(
                    Token(
                        match.start() + part.start(),
                        match.start() + part.end(),
                        part.group(),
                        _vi_key(part.group()),
                    )
                )
    return sorted(tokens, key=lambda t: t.start)


def en_tokens(text: str) -> list[Token]:
    """Words (key: lowercase, possessive 's dropped), month names as numbers, and numbers."""
    tokens = _numbers(text)
    for match in _WORD.finditer(text):
        word = match.group()
        key = re.sub(r"['’]s$", "", word.lower())
        tokens.append(Token(match.start(), match.end(), word, key))
        if key in MONTHS and (word[0].isupper() or key != "may"):
            tokens.append(Token(match.start(), match.end(), word, f"#{MONTHS[key]}"))
    return sorted(tokens, key=lambda t: t.start)


def tokens(text: str, lang: str) -> list[Token]:
    return {"zh": zh_tokens, "vi": vi_tokens, "en": en_tokens}[lang](text)
