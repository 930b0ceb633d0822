"""Paragraphs and sentences for zh, vi and en text.

Chinese ends a sentence after 。！？；… (and the closing quotes or brackets that follow).
Vietnamese and English end one at . ! ? … followed by a space and a capital, a digit or an
opening quote — except after abbreviations (TP., TS., PGS., Mr., Dr., U.S., No., Jan. ...),
initials (J. Smith) and inside numbers (2.5, 1.000, 1,000, 19/4/2024), which never contain a
space after the point.
"""

from __future__ import annotations

import re

from reader.text import sanitize

_ZH_END = re.compile(r"(?:[。！？!?；;]|…+|\.{3,})[”’」』）)》】\"']*")
_LATIN_END = re.compile(r"(?:[.!?]+|…+)[”’\"'»)\]]*(?=\s+[\"“‘'«(\[]?[\w])")

ABBREVIATIONS = {
    "en": {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "nos",
        "vs",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "art",
        "para",
        "vol",
        "fig",
        "approx",
        "dept",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "ph.d",
    },
    "vi": {
        "tp",
        "ts",
        "pgs",
        "ths",
        "gs",
        "q",
        "th.s",
        "bs",
        "ks",
        "ls",
        "nxb",
        "p",
        "tt",
        "ubnd",
        "hđnd",
        "tr",
        "cn",
        "đ/c",
        "đc",
        "ông",
        "bà",
        "ng",
        "st",
        "no",
    },
}
# May end a sentence when a capital follows.
_SOFT_ABBREVIATIONS = {"etc", "v.v", "v.v.v"}


def split_paragraphs(text: str) -> list[str]:
    """Each non-empty line is a paragraph (the cleaner and the corpus files keep one per line)."""
    return [" ".join(line.split()) for line in sanitize(text).split("\n") if line.strip()]


def _previous_word(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _is_abbreviation(text: str, point: int, lang: str) -> bool:
    """Is the '.' at `point` the end of an abbreviation or an initial?"""
    word = _previous_word(text, point).lstrip("(\"“‘'«[")
    lowered = word.lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith", "Q. Hoàn Kiếm"
    if lowered in ABBREVIATIONS.get(lang, set()) | ABBREVIATIONS["en"]:
        return True
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))  # U.S, e.g, P.R.C


def _cut(paragraph: str, ends: list[int]) -> list[str]:
    """Slice a paragraph after each end offset; blank pieces dropped."""
    pieces = [paragraph[a:b].strip() for a, b in zip([0, *ends], [*ends, len(paragraph)], strict=True)]
    return [piece for piece in pieces if piece]


def _latin_ends(paragraph: str, lang: str) -> list[int]:
    ends = []
    for match in _LATIN_END.finditer(paragraph):
        end = match.end()
        punct = match.group()
        if paragraph[end:].lstrip().lstrip("\"“‘'«([")[:1].islower():
            continue  # "a point. then lowercase" does not end a sentence
        if punct.startswith(".") and not punct.startswith("..."):
            point = match.start()
            word = _previous_word(paragraph, point).lower().lstrip("(\"“‘'«[")
            soft = word in _SOFT_ABBREVIATIONS or word.rstrip(".") in _SOFT_ABBREVIATIONS
            if not soft and _is_abbreviation(paragraph, point, lang):
                continue
        ends.append(end)
    return ends


def _chinese_ends(paragraph: str) -> list[int]:
    ends = []
    for match in _ZH_END.finditer(paragraph):
        end = match.end()
        # ASCII ?!; inside Latin text (URLs, English quotes) is not a Chinese sentence end.
        following = paragraph[end : end + 1]
        if match.group()[0] in "!?;" and following.isascii() and following.isalnum():
            continue
        ends.append(end)
    return ends


def split_sentences(paragraph: str, lang: str) -> list[str]:
    paragraph = " ".join(sanitize(paragraph).split())
    if not paragraph:
        return []
    ends = _chinese_ends(paragraph) if lang == "zh" else _latin_ends(paragraph, lang)
    return _cut(paragraph, ends)


def segment(text: str, lang: str) -> list[list[str]]:
    """Paragraphs of sentences; empty paragraphs dropped."""
    paragraphs = [split_sentences(p, lang) for p in split_paragraphs(text)]
    return [p for p in paragraphs if p]
