"""Finding glossary forms in text.

Text and forms are compared after `normalize`: NFC, case folded, one kind of apostrophe and of
dash (with no spaces around it: "Trung Quốc – ASEAN" = "China-ASEAN"'s spacing), one space
between words, and the Vietnamese tone mark of a final oa/oe/uy on its first vowel ("Hoà" =
"Hòa"). A form written in Latin letters matches whole words only, and an English form also
matches its plural ("people's courts", "procuracies"). Chinese forms match anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_LATIN = "0-9a-z\u00c0-\u024f\u1e00-\u1eff"
_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212\ufe58\ufe63\uff0d-]\s*")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u2032`]")
# Old-style tone placement (hòa, thủy) → one spelling; NFC letters, so the text keeps its length.
_TONED = {"o": "òóỏõọ", "u": "ùúủũụ"}
_PLAIN = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_PAIRS = {
    first + plain[tone]: first_toned[tone] + second
    for first, first_toned in _TONED.items()
    for second, plain in _PLAIN.items()
    if (first, second) in {("o", "a"), ("o", "e"), ("u", "y")}
    for tone in range(5)
}
_TONE_PLACEMENT = re.compile(f"({'|'.join(_PAIRS)})(?![{_LATIN}])")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = _APOSTROPHES.sub("'", text)
    text = _DASHES.sub("-", text)
    text = _TONE_PLACEMENT.sub(lambda m: _PAIRS[m.group(1)], text)
    return " ".join(text.split())


def _word(word: str, lang: str) -> str:
    """A word of a form as a pattern: English words of three or more letters may be plural."""
    escaped = re.escape(word)
    if lang != "en" or not re.fullmatch(r"[a-z]{3,}", word):
        return escaped
    if word.endswith("y") and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if word.endswith(("s", "x", "ch", "sh")):
        return escaped + "(?:es)?"
    return escaped + "s?"


@lru_cache(maxsize=4096)
def pattern(form: str, lang: str) -> str:
    """A normalized form as a regular expression, with word boundaries where it has letters."""
    body = "".join(_word(part, lang) for part in re.split(f"([^{_LATIN}]+)", form) if part)
    start = f"(?<![{_LATIN}])" if re.match(f"[{_LATIN}]", form) else ""
    end = f"(?![{_LATIN}])" if re.search(f"[{_LATIN}]$", form) else ""
    return start + body + end


@dataclass(frozen=True)
class Hit:
    """One glossary form found in a text: which form, where (in the normalized text)."""

    form: str  # normalized
    start: int
    end: int


class Matcher:
    """All forms of one language in one regular expression, longest first, so that at each
    place the longest form wins ("越南最高人民检察院" over "最高人民检察院")."""

    def __init__(self, forms: Iterable[str], lang: str) -> None:
        self.forms = sorted(set(forms), key=lambda form: (-len(form), form))
        self.lang = lang
        alternatives = "|".join(f"({pattern(form, lang)})" for form in self.forms)
        self.regex = re.compile(alternatives) if self.forms else None

    def hits(self, normalized: str) -> list[Hit]:
        if self.regex is None:
            return []
        return [
            Hit(self.forms[m.lastindex - 1], m.start(), m.end())
            for m in self.regex.finditer(normalized)
            if m.lastindex
        ]


@lru_cache(maxsize=8192)
def _any_of(forms: tuple[str, ...], lang: str) -> re.Pattern[str]:
    return re.compile("|".join(pattern(form, lang) for form in forms))


def contains_any(normalized: str, forms: tuple[str, ...], lang: str) -> bool:
    """Does the normalized text contain any of the normalized forms (inside a longer name too)?"""
    return bool(forms) and _any_of(forms, lang).search(normalized) is not None
