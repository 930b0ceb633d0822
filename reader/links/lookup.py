"""The dictionary at the cursor (core of the reader's word mode): a unit's text cut into words,
and for a word its pinyin, Hán-Việt, CC-CEDICT glosses, the vi→en lexicon's gloss and its
counterparts in the unit. Chinese is cut by longest match over CC-CEDICT, Vietnamese syllables
are grouped into the longest word pyvi's word list or the lexicon knows, English into words.
The dictionaries load on first use."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from reader.text import is_cjk

MAX_ZH = 8
MAX_VI = 4
_LATIN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str


@dataclass
class Entry:
    word: str
    lang: str
    pinyin: str = ""
    hanviet: str = ""
    glosses: list[str] = field(default_factory=list)  # CC-CEDICT: "pinyin: definition; …"
    vi_en: str = ""  # the vi→en lexicon's gloss words
    counterparts: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _cedict_definitions() -> dict[str, list[tuple[str, list[str]]]]:
    """Word (Simplified or Traditional) → [(pinyin, definitions), ...]."""
    from reader.align.features import cedict_entries

    table: dict[str, list[tuple[str, list[str]]]] = {}
    for entry in cedict_entries():
        for form in {entry["simplified"], entry["traditional"]}:
            table.setdefault(form, []).append((entry["pinyin"], entry["definitions"]))
    return table


def words(text: str, lang: str) -> list[Word]:
    if lang == "zh":
        return _zh_words(text)
    if lang == "vi":
        return _vi_words(text)
    return [Word(m.start(), m.end(), m.group()) for m in _LATIN.finditer(text)]


def _zh_words(text: str) -> list[Word]:
    dictionary = _cedict_definitions()
    out: list[Word] = []
    i = 0
    while i < len(text):
        if not is_cjk(text[i]):
            match = _LATIN.match(text, i)
            if match:
                out.append(Word(i, match.end(), match.group()))
                i = match.end()
            else:
                i += 1
            continue
        size = next(
            (
                n
                for n in range(min(MAX_ZH, len(text) - i), 1, -1)
                if text[i : i + n] in dictionary and all(map(is_cjk, text[i : i + n]))
            ),
            1,
        )
        out.append(Word(i, i + size, text[i : i + size]))
        i += size
    return out


def _vi_words(text: str) -> list[Word]:
    from reader.readings import vi_key, vietnamese_words

    known = vietnamese_words()
    tokens = list(_LATIN.finditer(text))
    out: list[Word] = []
    k = 0
    while k < len(tokens):
        size = 1
        for n in range(min(MAX_VI, len(tokens) - k), 1, -1):
            run = tokens[k : k + n]
            joined = " ".join(m.group() for m in run)
            spaced = all(text[a.end() : b.start()] == " " for a, b in itertools.pairwise(run))
            if spaced and vi_key(joined) in known:
                size = n
                break
        run = tokens[k : k + size]
        out.append(Word(run[0].start(), run[-1].end(), text[run[0].start() : run[-1].end()]))
        k += size
    return out


def lookup(word: Word, lang: str, unit_texts: dict[str, str] | None = None) -> Entry:
    """What the dictionaries say about a word, and (given its unit's texts) its counterparts."""
    from reader.readings import hanviet, pinyin, vi_key

    entry = Entry(word.text, lang)
    if lang == "zh":
        entry.pinyin = pinyin(word.text)
        entry.hanviet = hanviet(word.text)
        entry.glosses = [f"{p}: {'; '.join(defs)}" for p, defs in _cedict_definitions().get(word.text, [])]
    elif lang == "vi":
        entry.vi_en = _lexicon_by_key().get(vi_key(word.text), "")
        entry.glosses = _sino_vietnamese_glosses(word.text)
    if unit_texts:
        from reader.links import counterparts

        entry.counterparts = counterparts(unit_texts, lang, [(word.start, word.end)])
    return entry


@lru_cache(maxsize=1)
def _lexicon_by_key() -> dict[str, str]:
    from reader.align.features import vi_lexicon_entries
    from reader.readings import vi_key

    return {vi_key(key): value for key, value in vi_lexicon_entries().items()}


def _sino_vietnamese_glosses(text: str) -> list[str]:
    """CC-CEDICT entries of the Chinese words read as this Vietnamese word (chính phủ → 政府)."""
    from reader.readings import vi_key

    found = _words_by_reading().get(vi_key(text), [])[:3]
    table = _cedict_definitions()
    return [f"{word} {p}: {'; '.join(defs)}" for word in found for p, defs in table.get(word, [])[:1]]


@lru_cache(maxsize=1)
def _words_by_reading() -> dict[str, list[str]]:
    from reader.readings import vi_key, word_readings

    table: dict[str, list[str]] = {}
    for word, reading in word_readings().items():
        if all("\u4e00" <= ch <= "\u9fff" for ch in word):
            table.setdefault(vi_key(reading), []).append(word)
    return table
