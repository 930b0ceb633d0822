"""The Whoosh index: schema, building, incremental updates, and healing.

One Whoosh document per aligned unit, with a field per language (and an exact Vietnamese one);
cross-script readings are not indexed but expanded at query time (`crossscript`).

A JSON file beside the index (`reader-index.json`, validated, never trusted) records the index
version, each document's content hash and a stat stamp of its files (so a freshness check stats
files instead of hashing every document), and the size and mtime of every index file. An index
whose files no longer match that record, whose record is malformed, or that fails while being
read is damaged: it is rebuilt in a temporary folder and swapped in, and the user is told once.

Updates never leave dead postings behind: a segment whose units were all deleted is dropped, and
one with more than `DEAD_SHARE` of its units deleted is rewritten, so after any number of
remove/re-import cycles the index stays close to the size of a fresh build.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reader import atomic
from reader.corpus import Corpus
from reader.errors import UserError, storage_error
from reader.model import Document

INDEX_VERSION = 7
META = "reader-index.json"
DAMAGED = "Search index was damaged; rebuilt it"

Progress = Callable[[int, int], None]
# Units per segment while building. Whoosh sorts a pool that outgrows its memory limit in runs on
# disk and merges them: 20,000 units took 58 s with one 256 MB pool, 37 s in two batches of this
# size (peak RSS 440 MB) and 33 s in one unspilled batch (775 MB). POOL_MB only has to hold a batch.
BATCH_UNITS = 10_000
POOL_MB = 768
# A rebuild of a corpus this big (its documents' files, about 20,000 units) is split between
# processes, one per core up to PARALLEL_PARTS.
PARALLEL_BYTES = 8_000_000
PARALLEL_PARTS = min(2, os.cpu_count() or 1)
DEAD_SHARE = 0.2  # a segment with more deleted units than this share is rewritten on update
LOCK_WAIT = 10.0
STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}


def schema():
    from whoosh.fields import ID, NUMERIC, STORED, Schema

    from reader.search import analyzers
    from reader.search.analyzers import FastText

    return Schema(
        key=ID(unique=True, stored=True),
        doc=ID(stored=True),
        unit=ID(stored=True),
        order=NUMERIC(stored=True, sortable=True),
        lang=ID(stored=True),  # languages present in the unit, space separated
        zh=FastText("zh", analyzers.chinese(), stored=True, multitoken_query="phrase"),
        vi=FastText("vi", analyzers.vietnamese_folded(), stored=True),
        vi_exact=FastText("vi_exact", analyzers.vietnamese_exact()),
        en=FastText("en", analyzers.english(), stored=True),
        title=STORED(),
        date=ID(stored=True),
        datenum=NUMERIC(stored=False, bits=32),
        source=FastText("vi", analyzers.vietnamese_folded(), stored=True),
    )


def date_number(date: str) -> int:
    """'2024-06-12' → 20240612; '2024' → 20240000 (for date ranges)."""
    parts = [*date.split("-"), "0", "0"][:3] if date else ["0", "0", "0"]
    try:
        return int(parts[0]) * 10000 + int(parts[1]) * 100 + int(parts[2])
    except ValueError:
        return 0


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.is_file())


def document_hash(folder: Path) -> str:
    """A digest of a folder's files (empty for a missing folder, e.g. no alignment edits)."""
    if not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in _files(folder):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def document_stamp(folder: Path) -> str:
    """Names, sizes and mtimes of a document's files: when unchanged, so is its hash."""
    parts = []
    for path in _files(folder):
        info = path.stat()
        parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def index_files(directory: Path) -> dict[str, list[int]]:
    """Size and mtime of each of Whoosh's files (not our record, locks or temporary files)."""
    found = {}
    for entry in os.scandir(directory):
        if entry.name == META or entry.name.endswith(("LOCK", ".tmp")) or entry.name.startswith("."):
            continue
        info = entry.stat(follow_symlinks=False)
        found[entry.name] = [info.st_size, info.st_mtime_ns]
    return found


def valid_meta(data: object) -> dict | None:
    """The record if it has the expected shape, else None (a damaged index)."""
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return None
    docs, stamps, files = data.get("docs"), data.get("stamps", {}), data.get("files")
    pending = data.get("pending", [])
    if not (isinstance(docs, dict) and isinstance(stamps, dict) and isinstance(files, dict)):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in [*docs.items(), *stamps.items()]):
        return None
    if not (isinstance(pending, list) and all(isinstance(p, str) for p in pending)):
        return None
    for value in files.values():
        if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
            return None
    return data


def unit_fields(doc: Document) -> list[dict]:
    title = json.dumps(doc.titles, ensure_ascii=False)
    rows = []
    for unit in doc.units:
        text = {lang: value for lang, value in unit.text.items() if value}
        row = {
            "key": f"{doc.id}/{unit.id}",
            "doc": doc.id,
            "unit": unit.id,
            "order": unit.index,
            "lang": " ".join(sorted(text)),
            "title": title,
            "date": doc.date,
            "datenum": date_number(doc.date),
            "source": doc.source,
        }
        if "zh" in text:
            row["zh"] = text["zh"]
        if "vi" in text:
            row["vi"] = row["vi_exact"] = text["vi"]
        if "en" in text:
            row["en"] = text["en"]
        rows.append(row)
    return rows


class IndexManager:
    """Keeps `directory` in step with the corpus, and heals it."""

    def __init__(self, corpus: Corpus, directory: Path):
        self.corpus = corpus
        self.directory = directory

    def _read_meta(self) -> dict | None:
        try:
            return valid_meta(json.loads((self.directory / META).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None

    def open(self):
        from whoosh import index

        return index.open_dir(str(self.directory))

    def _intact(self, meta: dict) -> bool:
        """The index files are the ones the record lists, unchanged since they were written. After
        an interrupted update they differ by design: then the index must at least open."""
        try:
            if not meta.get("pending"):
                return index_files(self.directory) == meta["files"]
            with self.open().searcher() as searcher:
                searcher.doc_count()
            return True
        except Exception:
            return False

    def _place(self) -> bool:
        """Make `directory` a usable location: a symlink to a folder is followed; a dangling or
        looping symlink, or a file, in its place is removed. True when something was there."""
        path = self.directory
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):  # dangling, or a loop (RuntimeError before 3.13)
                target = None
            if target is not None and target.is_dir():
                self.directory = target
                return True
            path.unlink()
            return True
        if path.exists() and not path.is_dir():
            path.unlink()
            return True
        return path.exists()

    def ensure(self, progress: Progress | None = None, damaged: bool = False) -> str:
        """Build, update or rebuild; return what was done, in words (empty when nothing).
        `damaged`: reading the index failed, so rebuild it whatever its record says."""
        try:
            with self._locked():
                return self._ensure(progress, damaged)
        except OSError as exc:
            raise storage_error(exc, "updating the search index") from exc

    def _ensure(self, progress: Progress | None, damaged: bool) -> str:
        existed = self._place()
        folders = self.corpus.folders()
        meta = self._read_meta()
        if damaged or meta is None or not self._intact(meta):
            hashes = {doc_id: self._hash(doc_id, folder) for doc_id, folder in folders.items()}
            stamps = {doc_id: self._stamp(doc_id, folder) for doc_id, folder in folders.items()}
            self._rebuild(hashes, stamps, progress)
            if not existed:
                return f"Search index built ({len(hashes)} documents)."
            if meta is None and self._older_version():
                return f"Search index was from an older version; rebuilt it ({len(hashes)} documents)."
            return f"{DAMAGED} ({len(hashes)} documents)."
        old_hashes, old_stamps = meta["docs"], meta["stamps"]
        stamps = {doc_id: self._stamp(doc_id, folder) for doc_id, folder in folders.items()}
        hashes = {
            doc_id: old_hashes[doc_id]
            if doc_id in old_hashes and old_stamps.get(doc_id) == stamps[doc_id]
            else self._hash(doc_id, folders[doc_id])
            for doc_id in folders
        }
        changed = [doc_id for doc_id, digest in hashes.items() if old_hashes.get(doc_id) != digest]
        removed = sorted(doc_id for doc_id in {*old_hashes, *meta.get("pending", [])} if doc_id not in hashes)
        if not changed and not removed:
            if stamps != old_stamps:  # touched, not changed: remember the new stamps
                self._write_meta({**meta, "stamps": stamps})
            return ""
        try:
            self._update(meta, changed, removed, hashes, stamps, progress)
        except Exception as exc:
            if isinstance(exc, UserError) or storage_trouble(exc):
                raise
            self._rebuild(hashes, stamps, progress)  # the index could not be read: damaged
            return f"{DAMAGED} ({len(hashes)} documents)."
        return f"Search index updated: {len(changed)} changed, {len(removed)} removed."

    def _hash(self, doc_id: str, folder: Path) -> str:
        """A document's digest: its folder and its alignment-edit overlay, if any."""
        return document_hash(folder) + document_hash(self.corpus.overlay_root / doc_id)

    def _stamp(self, doc_id: str, folder: Path) -> str:
        return document_stamp(folder) + "|" + document_stamp(self.corpus.overlay_root / doc_id)

    def _older_version(self) -> bool:
        try:
            data = json.loads((self.directory / META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return (
            isinstance(data, dict)
            and isinstance(data.get("version"), int)
            and data["version"] < INDEX_VERSION
        )

    def _write_meta(self, meta: dict, directory: Path | None = None) -> None:
        where = directory or self.directory
        atomic.write_text(where / META, json.dumps({**meta, "files": index_files(where)}))

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time checks and updates the index (a lock file beside it, since a
        rebuild swaps the folder)."""
        try:
            import fcntl
        except ImportError:  # not POSIX: Whoosh's own write lock still guards the writer
            yield
            return
        path = self.directory.with_name(self.directory.name + ".lock")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(path, "a+b")  # noqa: SIM115 (closed below)
        except OSError as exc:
            if not storage_trouble(exc):
                raise
            yield  # a read-only cache: checking still works, and writing says why it cannot
            return
        with handle:
            deadline = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise UserError("another process is updating the search index; try again") from None
                    time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _add(
        self, ix, doc_ids: list[str], progress: Progress | None, deleting: tuple[str, ...] | list[str] = ()
    ) -> None:
        """Index `doc_ids` (after deleting `deleting`), committing a segment every `BATCH_UNITS`
        units; the last commit drops or rewrites segments that deletions left mostly dead. The
        index's record is written by the caller once everything is in."""
        writer = _writer(ix)
        try:
            for doc_id in deleting:
                writer.delete_by_term("doc", doc_id)
            pending = 0
            total = len(doc_ids)
            for done, doc_id in enumerate(doc_ids, start=1):
                try:
                    doc = self.corpus.get(doc_id)
                except Exception:
                    continue  # a broken document is reported by `reader corpus check`, not here
                for row in unit_fields(doc):
                    writer.add_document(**row)
                pending += len(doc.units)
                if pending >= BATCH_UNITS and done < total:
                    writer.commit(merge=False)
                    writer, pending = _writer(ix), 0
                if progress:
                    progress(done, total)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=heal_segments)

    def _rebuild(self, hashes: dict[str, str], stamps: dict[str, str], progress: Progress | None) -> None:
        from whoosh import index

        temp = self.directory.with_name(self.directory.name + ".building")
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir(parents=True)
        try:
            parts = _split(stamps, PARALLEL_PARTS)
            if len(parts) > 1:
                self._build_parallel(temp, parts, progress)
            else:
                self._add(index.create_in(str(temp), schema()), sorted(hashes), progress)
            self._write_meta({"version": INDEX_VERSION, "docs": hashes, "stamps": stamps}, temp)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)  # a full disk must not stay full of it
            raise
        old = self.directory.with_name(self.directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.directory.exists():
            self.directory.rename(old)
        temp.rename(self.directory)
        shutil.rmtree(old, ignore_errors=True)

    def _build_parallel(self, temp: Path, parts: list[list[str]], progress: Progress | None) -> None:
        """Index each part in its own process (its own segments, in its own folder), then move
        every segment into `temp` under one table of contents: no merge pass, so two cores
        write the index in about half the time."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from whoosh import index
        from whoosh.index import TOC

        folders = [temp / f"part-{number}" for number in range(len(parts))]
        roots = (self.corpus.bundled_root, self.corpus.user_root)
        context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        total, done = sum(len(part) for part in parts), 0
        with ProcessPoolExecutor(max_workers=len(parts), mp_context=context) as pool:
            futures = [
                pool.submit(_build_part, *roots, folder, part)
                for folder, part in zip(folders, parts, strict=True)
            ]
            for future, part in zip(futures, parts, strict=True):
                future.result()
                done += len(part)
                if progress:
                    progress(done, total)
        final = index.create_in(str(temp), schema())
        segments = []
        for folder in folders:
            segments.extend(index.open_dir(str(folder))._read_toc().segments)
            for path in folder.iterdir():
                if path.name.startswith(f"{final.indexname}_"):  # segment files, not the TOC
                    path.rename(temp / path.name)
            shutil.rmtree(folder)
        TOC(final.schema, segments, 1).write(final.storage, final.indexname)
        (temp / f"_{final.indexname}_0.toc").unlink(missing_ok=True)

    def _update(
        self,
        meta: dict,
        changed: list[str],
        removed: list[str],
        hashes: dict[str, str],
        stamps: dict[str, str],
        progress: Progress | None,
    ) -> None:
        # Only documents that may have units in the index need deleting (deleting opens every
        # segment); "pending" remembers an update that was interrupted halfway.
        maybe_indexed = {*meta["docs"], *meta.get("pending", [])}
        deleting = [doc_id for doc_id in [*changed, *removed] if doc_id in maybe_indexed]
        self._write_meta({**meta, "pending": sorted({*meta.get("pending", []), *changed, *removed})})
        self._add(self.open(), changed, progress, deleting=deleting)
        self._write_meta({"version": INDEX_VERSION, "docs": hashes, "stamps": stamps})


def _split(stamps: dict[str, str], parts: int) -> list[list[str]]:
    """The documents in `parts` groups of about equal size (by their files' bytes, from the
    stamps), or one group when the corpus is too small for processes to pay off."""
    sizes = {
        doc_id: sum(int(item.split(":")[-2]) for item in stamp.split("|") if item)
        for doc_id, stamp in stamps.items()
    }
    if parts < 2 or sum(sizes.values()) < PARALLEL_BYTES or len(sizes) < parts:
        return [sorted(stamps)]
    groups: list[list[str]] = [[] for _ in range(parts)]
    loads = [0] * parts
    for doc_id in sorted(sizes, key=lambda d: (-sizes[d], d)):
        smallest = loads.index(min(loads))
        groups[smallest].append(doc_id)
        loads[smallest] += sizes[doc_id]
    return [sorted(group) for group in groups]


def _build_part(bundled_root: Path, user_root: Path, folder: Path, doc_ids: list[str]) -> None:
    """In a worker process: index `doc_ids` into a new index in `folder`."""
    from whoosh import index

    folder.mkdir(parents=True)
    manager = IndexManager(Corpus(bundled_root=bundled_root, user_root=user_root), folder)
    manager._add(index.create_in(str(folder), schema()), doc_ids, None)


def storage_trouble(exc: BaseException) -> bool:
    """An error of the disk (full, read-only, no permission), not of the index's contents."""
    return isinstance(exc, OSError) and exc.errno in STORAGE_ERRNOS


def heal_segments(writer, segments):
    """Whoosh merge policy: drop segments whose units are all deleted, rewrite those with more
    than `DEAD_SHARE` deleted, then merge small segments as Whoosh does by default."""
    from whoosh.reading import SegmentReader
    from whoosh.writing import MERGE_SMALL

    live = [segment for segment in segments if segment.doc_count() > 0]
    keep = []
    for segment in live:
        if segment.deleted_count() > DEAD_SHARE * segment.doc_count_all():
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            keep.append(segment)
    return MERGE_SMALL(writer, keep)


def _writer(ix):
    """A writer with a pool big enough for a batch, waiting up to 10 s for another writer.
    Segments stay as separate files: opening a compound one copies its term tables into memory,
    which made adding a 22-unit document to a 20,000-unit index take 0.40 s instead of 0.14 s."""
    from whoosh.index import LockError

    from reader.search.writer import SegmentWriter

    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            return SegmentWriter(ix, limitmb=POOL_MB, compound=False)
        except LockError:
            if time.monotonic() > deadline:
                raise UserError("another process is writing the search index; try again") from None
            time.sleep(0.2)
