"""Derived dictionary tables kept in the cache dir, so an alignment does not pay for them again.

Deriving the aligner's tables from their sources costs seconds per process: CC-CEDICT parsed and
its glosses stemmed (about 536,000 `stem` calls), pypinyin's phrase dictionary imported (about
0.5 s), the Sino-Vietnamese bridge built from both. Loading the stored tables takes tens of
milliseconds. Each table lives in its own file (`<cache>/align/<name>.marshal`) and loads only
when a language pair needs it (zh–en never reads the Sino-Vietnamese bridge).

A table is stored with a stamp: its derivation's version and, per source file, the size,
modification time and SHA-1 of the content. When size or time differ the content is hashed
again; a different hash (or version) rebuilds the table, an equal one only refreshes the stamp.
The values are plain str/list/tuple/dict/frozenset, stored with `marshal` (fast, and it builds
no arbitrary objects as pickle would). A missing, damaged, read-only or full cache only costs
time: the table is derived in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")
FORMAT = 1  # bump when the file layout changes


def _digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def _quick(path: Path) -> tuple[str, int, int]:
    status = os.stat(path)
    return str(path), status.st_size, status.st_mtime_ns


def _fresh(stored: list[Any], sources: Sequence[Path]) -> tuple[bool, bool]:
    """(the stored table is still valid, its stamp needs refreshing)."""
    if len(stored) != len(sources):
        return False, False
    refresh = False
    for (name, size, mtime, digest), path in zip(stored, sources, strict=True):
        if (name, size, mtime) == _quick(path):
            continue
        if _digest(path) != digest:
            return False, False
        refresh = True
    return True, refresh


def cache_path(name: str) -> Path:
    from reader.paths import cache_dir

    return cache_dir() / "align" / f"{name}.marshal"


def cached(name: str, version: int, sources: Sequence[Path], build: Callable[[], T]) -> T:
    """The table `build()` derives from `sources`, from the cache when its stamp still holds."""
    path = cache_path(name)
    try:
        form, stored_version, stamp, table = marshal.loads(path.read_bytes())
        if form == FORMAT and stored_version == version:
            valid, refresh = _fresh(stamp, sources)
            if valid:
                if refresh:
                    _store(path, version, sources, table)
                return cast(T, table)
    except (OSError, ValueError, EOFError, TypeError):
        pass  # missing, damaged or another layout: derive it again
    table = build()
    _store(path, version, sources, table)
    return table


def _store(path: Path, version: int, sources: Sequence[Path], table: Any) -> None:
    from reader import atomic

    if path.is_symlink() or (path.exists() and not path.is_file()):
        return  # not ours to replace
    try:
        stamp = [(*_quick(source), _digest(source)) for source in sources]
        data = marshal.dumps((FORMAT, version, stamp, table))
        path.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError):
        return
    with contextlib.suppress(OSError):  # a read-only or full cache dir only costs time
        atomic.write_bytes(path, data)
