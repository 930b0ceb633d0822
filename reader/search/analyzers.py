"""Whoosh analyzers for zh, vi and en, and the text field that indexes with them quickly.

The index pickles these classes into its schema, so this module path must stay stable (rename
it only together with a bump of `INDEX_VERSION`). Converters that cannot be pickled (OpenCC) are
module-level globals, loaded on first use.

Each analyzer has two forms that must agree: the Whoosh token pipeline (queries, highlighting)
and plain functions from text to {term: positions} (`TERM_POSITIONS`, used by `FastText` at index
time) and to character spans (`TERM_SPANS`, for highlighting hits), because building a Token per
character cost most of the indexing time.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from pickle import dumps

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, Token, Tokenizer
from whoosh.fields import TEXT
from whoosh.lang.porter import stem
from whoosh.system import pack_uint

from reader.text import fold

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ZH_PIECES = re.compile(rf"[{_HAN}]+|[^\W{_HAN}]+", re.UNICODE)
_WORDS = re.compile(r"\w+", re.UNICODE)
_EN_WORDS = re.compile(r"\w+(?:'\w+)?", re.UNICODE)
_IS_HAN = re.compile(rf"[{_HAN}]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified, keeping offsets valid (falls back to per character)."""
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in text)


class FoldFilter(Filter):
    """Lowercase and strip diacritics (NFD, drop marks, đ → d): "Tòa" → "toa"."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


class NFCFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = unicodedata.normalize("NFC", token.text).lower()
            yield token


def _emit(token, text, pos, start, length, positions, chars):
    token.text = text
    token.boost = 1.0
    token.stopped = False
    if positions:
        token.pos = pos
    if chars:
        token.startchar, token.endchar = start, start + length
    return token


class HanTokenizer(Tokenizer):
    """Whoosh's tokenizer protocol for text with Han runs: subclasses turn each Han run and each
    run of other characters into tokens. Text is NFC and Traditional → Simplified first (offsets
    kept), so highlights land on the characters as written."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, mode="", **kwargs):  # fmt: skip
        text = to_simplified(unicodedata.normalize("NFC", value))
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for match in _ZH_PIECES.finditer(text):
            piece, offset = match.group(), start_char + match.start()
            tokens = self.han(piece, offset, mode) if _IS_HAN.match(piece) else self.other(piece, offset)
            for text_, position, start, length in tokens:
                yield _emit(token, text_, pos + position, start, length, positions, chars)
            pos += len(piece) if _IS_HAN.match(piece) else max(1, len(tokens))

    def han(self, run: str, offset: int, mode: str) -> list[tuple[str, int, int, int]]:
        raise NotImplementedError

    def other(self, run: str, offset: int) -> list[tuple[str, int, int, int]]:
        return [(run.lower(), 0, offset, len(run))]


class ChineseTokenizer(HanTokenizer):
    """CJK bigrams (plus unigrams at the same position when indexing), so any substring is a
    phrase of bigrams; other runs become lowercase words."""

    def han(self, run, offset, mode):
        n = len(run)
        tokens = []
        for i in range(n):
            if mode != "query" or n == 1:
                tokens.append((run[i], i, offset + i, 1))
            if i < n - 1:
                tokens.append((run[i : i + 2], i, offset + i, 2))
        return tokens


def chinese():
    return ChineseTokenizer()


def vietnamese_folded():
    return RegexTokenizer(r"\w+") | FoldFilter()


def vietnamese_exact():
    return RegexTokenizer(r"\w+") | NFCFilter()


def english():
    return RegexTokenizer(_EN_WORDS.pattern) | LowercaseFilter() | FoldFilter() | StemFilter(cachesize=-1)


# Twins of the analyzers above: text → {term: [positions]} (indexing), text → [(term, start,
# end)] (highlighting).

Positions = dict[str, list[int]]


def chinese_positions(value: str) -> Positions:
    out: Positions = defaultdict(list)
    text = to_simplified(unicodedata.normalize("NFC", value))
    pos = 0
    for match in _ZH_PIECES.finditer(text):
        piece = match.group()
        if _IS_HAN.match(piece):
            for i, ch in enumerate(piece):
                out[ch].append(pos + i)
                if i < len(piece) - 1:
                    out[piece[i : i + 2]].append(pos + i)
            pos += len(piece)
        else:
            out[piece.lower()].append(pos)
            pos += 1
    return out


@lru_cache(maxsize=200_000)
def _folded(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=200_000)
def _exact(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower()


@lru_cache(maxsize=200_000)
def _english(word: str) -> str:
    return stem(fold(word.lower()))


def _words(pattern: re.Pattern, normalise: Callable[[str], str]) -> Callable[[str], Positions]:
    def positions(value: str) -> Positions:
        out: Positions = defaultdict(list)
        for i, word in enumerate(pattern.findall(value)):
            out[normalise(word)].append(i)
        return out

    return positions


TERM_POSITIONS: dict[str, Callable[[str], Positions]] = {
    "zh": chinese_positions,
    "vi": _words(_WORDS, _folded),
    "vi_exact": _words(_WORDS, _exact),
    "en": _words(_EN_WORDS, _english),
}


Spans = list[tuple[str, int, int]]


def chinese_spans(value: str) -> Spans:
    out: Spans = []
    text = to_simplified(unicodedata.normalize("NFC", value))
    for match in _ZH_PIECES.finditer(text):
        piece, start = match.group(), match.start()
        if _IS_HAN.match(piece):
            for i, ch in enumerate(piece):
                out.append((ch, start + i, start + i + 1))
                if i < len(piece) - 1:
                    out.append((piece[i : i + 2], start + i, start + i + 2))
        else:
            out.append((piece.lower(), start, match.end()))
    return out


def _word_spans(pattern: re.Pattern, normalise: Callable[[str], str]) -> Callable[[str], Spans]:
    def spans(value: str) -> Spans:
        return [(normalise(m.group()), m.start(), m.end()) for m in pattern.finditer(value)]

    return spans


TERM_SPANS: dict[str, Callable[[str], Spans]] = {
    "zh": chinese_spans,
    "vi": _word_spans(_WORDS, _folded),
    "vi_exact": _word_spans(_WORDS, _exact),
    "en": _word_spans(_EN_WORDS, _english),
}


def encode_positions(positions: list[int]) -> bytes:
    """Whoosh's `Positions.encode`: the count, then the pickled position deltas."""
    return pack_uint(len(positions)) + dumps([b - a for a, b in pairwise([0, *positions])], 2)


class FastText(TEXT):
    """A phrase-capable TEXT field that indexes through `TERM_POSITIONS[kind]`; queries and
    highlighting still use its Whoosh analyzer."""

    def __init__(self, kind: str, analyzer, **kwargs):
        super().__init__(analyzer=analyzer, phrase=True, **kwargs)
        self.kind = kind

    def index(self, value, **kwargs):
        boost = self.format.field_boost
        for term, positions in TERM_POSITIONS[self.kind](value).items():
            yield term.encode("utf-8"), len(positions), len(positions) * boost, encode_positions(positions)
