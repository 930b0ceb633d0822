"""The aligner's derived tables in the cache dir: reused while their sources hold, rebuilt when a
source's content (or the derivation's version) changes, and never in the way when the cache is
damaged or unwritable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from reader.align import tables


class Builder:
    """A build function that counts its calls and returns the source's current content."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.calls = 0

    def __call__(self) -> dict[str, str]:
        self.calls += 1
        return {"content": self.source.read_text(encoding="utf-8")}


def test_a_table_is_built_once_then_loaded(reader_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "dictionary.txt"
    source.write_text("alpha", encoding="utf-8")
    build = Builder(source)
    assert tables.cached("words", 1, [source], build) == {"content": "alpha"}
    assert tables.cached("words", 1, [source], build) == {"content": "alpha"}
    assert build.calls == 1
    assert tables.cache_path("words").is_relative_to(reader_home / "cache")


def test_a_changed_source_rebuilds_the_table_even_with_its_old_size_and_time(tmp_path: Path) -> None:
    source = tmp_path / "dictionary.txt"
    source.write_text("alpha", encoding="utf-8")
    build = Builder(source)
    tables.cached("words", 1, [source], build)
    status = os.stat(source)
    source.write_text("omega", encoding="utf-8")  # same size, 1 ns later: the hash tells
    os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns + 1))
    assert tables.cached("words", 1, [source], build) == {"content": "omega"}
    assert build.calls == 2
    source.write_text("a longer text", encoding="utf-8")
    assert tables.cached("words", 1, [source], build) == {"content": "a longer text"}
    assert build.calls == 3


def test_a_touched_but_equal_source_and_a_new_version(tmp_path: Path) -> None:
    source = tmp_path / "dictionary.txt"
    source.write_text("alpha", encoding="utf-8")
    build = Builder(source)
    tables.cached("words", 1, [source], build)
    os.utime(source, ns=(1, 1))  # other time, same content: no rebuild
    assert tables.cached("words", 1, [source], build) == {"content": "alpha"}
    assert build.calls == 1
    assert tables.cached("words", 2, [source], build) == {"content": "alpha"}
    assert build.calls == 2  # the derivation changed


def test_a_damaged_or_unwritable_cache_only_costs_time(reader_home: Path, tmp_path: Path) -> None:
    """A damaged file is derived again; a directory or symlink in the file's place is never
    replaced."""
    source = tmp_path / "dictionary.txt"
    source.write_text("alpha", encoding="utf-8")
    build = Builder(source)
    tables.cached("words", 1, [source], build)
    tables.cache_path("words").write_bytes(b"\x00garbage")
    assert tables.cached("words", 1, [source], build) == {"content": "alpha"}
    assert build.calls == 2
    tables.cache_path("words").unlink()
    tables.cache_path("words").mkdir()  # a directory where the file goes: never replaced
    assert tables.cached("words", 1, [source], build) == {"content": "alpha"}
    assert tables.cached("words", 1, [source], build) == {"content": "alpha"}
    assert build.calls == 4 and tables.cache_path("words").is_dir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"")
    tables.cache_path("words").rmdir()
    tables.cache_path("words").symlink_to(elsewhere)
    assert tables.cached("words", 1, [source], build) == {"content": "alpha"}
    assert tables.cache_path("words").is_symlink() and elsewhere.read_bytes() == b""


@pytest.mark.slow
def test_the_aligner_keeps_its_tables_and_a_second_process_reuses_them(reader_home: Path) -> None:
    """Whole processes: the first derives the zh–en tables, the second loads them (its log of
    derived tables stays empty)."""
    script = (
        "import sys\n"
        "from reader.align import align, tables\n"
        "built = []\n"
        "original = tables._store\n"
        "tables._store = lambda path, *rest: (built.append(path.name), original(path, *rest))\n"
        "beads = align(['阮辉进会见了赵志军。'], ['Nguyen Huy Tien met Zhao Zhijun.'], 'zh', 'en')\n"
        "print(sorted(built), [b.format() for b in beads])\n"
    )
    env = {**os.environ, "READER_HOME": str(reader_home)}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=REPO)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "['cedict-glosses.marshal', 'pinyin-folded.marshal'] ['[0]:[0]']"
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=REPO)
    assert second.stdout.strip() == "[] ['[0]:[0]']"
    assert sorted(p.name for p in (reader_home / "cache" / "align").iterdir()) == [
        "cedict-glosses.marshal",
        "pinyin-folded.marshal",
    ]
