"""Whoosh analyzers for zh, vi, en and the cross-script reading fields.

The index pickles these classes into its schema, so this module path must stay stable (rename
it only together with a bump of `INDEX_VERSION`). Converters that cannot be pickled (OpenCC) and
the reading tables are module-level globals, loaded on first use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, Token, Tokenizer

from reader.readings import folded_syllables
from reader.text import fold

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ZH_PIECES = re.compile(rf"[{_HAN}]+|[^\W{_HAN}]+", re.UNICODE)
_WORDS = re.compile(r"\w+", re.UNICODE)
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


class ReadingTokenizer(HanTokenizer):
    """One token per Han character: its Sino-Vietnamese reading ("hv") or pinyin ("py"),
    folded, at the character's offsets. Latin input (a query) is folded word by word."""

    def __init__(self, kind: str = "hv"):
        self.kind = kind

    def __eq__(self, other):
        return isinstance(other, ReadingTokenizer) and other.kind == self.kind

    def han(self, run, offset, mode):
        return [(reading, i, offset + i, 1) for i, reading in enumerate(folded_syllables(run, self.kind))]

    def other(self, run, offset):
        words = list(_WORDS.finditer(run))
        return [(fold(m.group()), i, offset + m.start(), len(m.group())) for i, m in enumerate(words)]


def chinese():
    return ChineseTokenizer()


def vietnamese_folded():
    return RegexTokenizer(r"\w+") | FoldFilter()


def vietnamese_exact():
    return RegexTokenizer(r"\w+") | NFCFilter()


def english():
    return RegexTokenizer(r"\w+(?:'\w+)?") | LowercaseFilter() | FoldFilter() | StemFilter(cachesize=-1)


def hanviet():
    return ReadingTokenizer("hv")


def pinyin():
    return ReadingTokenizer("py")
