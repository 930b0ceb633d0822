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
_LATIN_CHAR = re.compile(f"[{_LATIN}]")
_LATIN_WORD = re.compile(f"[{_LATIN}]+")
_DASH_CHARS = "\u2010-\u2015\u2212\ufe58\ufe63\uff0d-"
_DASH = re.compile(f"[{_DASH_CHARS}]")
_DASHES = re.compile(rf"\s*[{_DASH_CHARS}]\s*")
_SPACES = re.compile(r"\s+")
_DASHES_OR_SPACES = re.compile(rf"\s*[{_DASH_CHARS}]\s*|\s+")
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
_TONE_PLACEMENT = re.compile(f"o[{_PLAIN['a']}{_PLAIN['e']}](?![{_LATIN}])|u[{_PLAIN['y']}](?![{_LATIN}])")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = _APOSTROPHES.sub("'", text)
    text = _DASHES.sub("-", text)
    text = _TONE_PLACEMENT.sub(lambda m: _PAIRS[m.group()], text)
    return _SPACES.sub(" ", text).strip(" ")


def original_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where [start, end) of `normalize(text)` lies in `text` (an NFC text, as the corpus's are).
    Slower than `normalize`: for the few places that show or look up a found name."""
    origins = normalized_origins(text)
    return origins[start], origins[end - 1] + 1


def normalized_origins(text: str) -> list[int]:
    """For each character of `normalize(text)`, the index in `text` it comes from."""
    text = unicodedata.normalize("NFC", text)
    chars: list[str] = []
    origins: list[int] = []
    for index, ch in enumerate(text):
        for folded in ch.casefold():
            chars.append(_APOSTROPHES.sub("'", folded))
            origins.append(index)
    folded_text = "".join(chars)
    kept: list[int] = []  # the origin of each character `normalize` keeps, in order
    position = 0
    for run in _DASHES_OR_SPACES.finditer(folded_text):
        kept += origins[position : run.start()]
        piece = run.group()
        if dash := _DASH.search(piece):
            kept.append(origins[run.start() + dash.start()])
        elif run.start() and run.end() < len(folded_text):
            kept.append(origins[run.start()])  # a run of spaces inside the text: one space
        position = run.end()
    kept += origins[position:]
    return kept


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


Candidate = tuple[str, bool]  # a form, and whether it needs its pattern (it has Latin letters)


class Matcher:
    """All forms of one language, indexed by their first word (Latin letters) or first character
    (anything else). Scanning left to right, the longest form that matches at a place wins
    ("越南最高人民检察院" over "最高人民检察院") and the scan goes on after it."""

    def __init__(self, forms: Iterable[str], lang: str) -> None:
        self.lang = lang
        self.by_word: dict[str, list[Candidate]] = {}
        self.by_char: dict[str, list[Candidate]] = {}
        for form in sorted(set(forms), key=lambda form: (-len(form), form)):
            # patterns are compiled on first use: a few hundred up front cost a CLI search 0.3 s
            latin = bool(_LATIN_CHAR.search(form))
            if word := _LATIN_WORD.match(form):
                self.by_word.setdefault(word.group(), []).append((form, latin))
            else:
                self.by_char.setdefault(form[0], []).append((form, latin))
        words = sorted(self.by_word, key=lambda word: (-len(word), word))
        starts = (
            [f"(?<![{_LATIN}])(?:{'|'.join(_word(word, lang) for word in words)})(?![{_LATIN}])"]
            if words
            else []
        )
        if self.by_char:
            starts.append(f"[{''.join(re.escape(ch) for ch in self.by_char)}]")
        self.starts = re.compile("|".join(starts)) if starts else None
        self._word_candidates: dict[str, list[Candidate]] = {}

    def _candidates(self, token: str) -> list[Candidate]:
        if not _LATIN_CHAR.match(token):
            return self.by_char.get(token, [])
        found = self._word_candidates.get(token)
        if found is None:
            keys = [token]
            if self.lang == "en":  # the first word of a form may be plural in the text
                keys += [token[:-1], token[:-2], token[:-3] + "y"] if token.endswith("s") else []
            lists = [self.by_word[key] for key in keys if key in self.by_word]
            merged = [candidate for listed in lists for candidate in listed]
            found = lists[0] if len(lists) == 1 else sorted(merged, key=lambda candidate: -len(candidate[0]))
            self._word_candidates[token] = found
        return found

    def hits(self, normalized: str) -> list[Hit]:
        hits: list[Hit] = []
        if self.starts is None:
            return hits
        i = 0
        while start := self.starts.search(normalized, i):
            at = start.start()
            found = self._longest(normalized, at, self._candidates(start.group()))
            if found:
                hits.append(Hit(found[0], at, found[1]))
                i = found[1]
            else:
                i = start.start() + 1
        return hits

    def _longest(self, text: str, i: int, candidates: list[Candidate]) -> tuple[str, int] | None:
        for form, latin in candidates:
            if not latin:
                if text.startswith(form, i):
                    return form, i + len(form)
            elif found := _compiled(form, self.lang).match(text, i):
                return form, found.end()
        return None


@lru_cache(maxsize=8192)
def _compiled(form: str, lang: str) -> re.Pattern[str]:
    return re.compile(pattern(form, lang))


@lru_cache(maxsize=8192)
def _any_of(forms: tuple[str, ...], lang: str) -> re.Pattern[str]:
    return re.compile("|".join(pattern(form, lang) for form in forms))


def contains_any(normalized: str, forms: tuple[str, ...], lang: str) -> bool:
    """Does the normalized text contain any of the normalized forms (inside a longer name too)?"""
    return bool(forms) and _any_of(forms, lang).search(normalized) is not None
