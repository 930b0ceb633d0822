"""The Whoosh index: schema, building, incremental updates by content hash, recovery.

One Whoosh document per aligned unit, with a field per language (and an exact Vietnamese one);
cross-script readings are not indexed but expanded at query time (`crossscript`). A small JSON file beside the index records the index
version and each document's content hash; only documents whose hash changed are re-indexed.
A missing, damaged or older-version index is rebuilt in a temporary folder and swapped in.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from reader import atomic
from reader.corpus import Corpus
from reader.model import Document

INDEX_VERSION = 6
META = "reader-index.json"

Progress = Callable[[int, int], None]
# Units per segment while building. Whoosh sorts a pool that outgrows its memory limit in runs on
# disk and merges them: 20,000 units took 58 s with one 256 MB pool, 37 s in two batches of this
# size (peak RSS 440 MB) and 33 s in one unspilled batch (775 MB). POOL_MB only has to hold a batch.
BATCH_UNITS = 10_000
POOL_MB = 768


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


def document_hash(folder: Path) -> str:
    """A digest of a folder's files (empty for a missing folder, e.g. no alignment edits)."""
    if not folder.is_dir():
        return ""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


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
    """Keeps `directory` in step with the corpus."""

    def __init__(self, corpus: Corpus, directory: Path):
        self.corpus = corpus
        self.directory = directory

    def _meta(self) -> dict:
        try:
            return json.loads((self.directory / META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def open(self):
        from whoosh import index

        return index.open_dir(str(self.directory))

    def _usable(self) -> bool:
        meta = self._meta()
        if meta.get("version") != INDEX_VERSION:
            return False
        try:
            ix = self.open()
            with ix.searcher() as searcher:
                searcher.doc_count()
            return True
        except Exception:
            return False

    def ensure(self, progress: Progress | None = None) -> str:
        """Build, update or rebuild; return what was done, in words (empty when nothing)."""
        hashes = {
            doc_id: document_hash(folder) + document_hash(self.corpus.overlay_root / doc_id)
            for doc_id, folder in self.corpus.folders().items()
        }
        existed = (self.directory / META).exists() or self.directory.exists()
        if not self._usable():
            reason = "was damaged or out of date" if existed else "did not exist"
            self._rebuild(hashes, progress)
            return f"Search index {reason}; built it ({len(hashes)} documents)."
        meta = self._meta()
        old = meta.get("docs", {})
        changed = [doc_id for doc_id, digest in hashes.items() if old.get(doc_id) != digest]
        removed = sorted(doc_id for doc_id in {*old, *meta.get("pending", [])} if doc_id not in hashes)
        if not changed and not removed:
            return ""
        self._update(changed, removed, hashes, progress)
        return f"Search index updated: {len(changed)} changed, {len(removed)} removed."

    def _add(
        self, ix, doc_ids: list[str], progress: Progress | None, deleting: tuple[str, ...] | list[str] = ()
    ) -> None:
        """Index `doc_ids` (after deleting `deleting`), committing a segment every `BATCH_UNITS`
        units; the index's metadata is written by the caller once everything is in."""
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
        writer.commit()

    def _rebuild(self, hashes: dict[str, str], progress: Progress | None) -> None:
        from whoosh import index

        temp = self.directory.with_name(self.directory.name + ".building")
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir(parents=True)
        self._add(index.create_in(str(temp), schema()), sorted(hashes), progress)
        atomic.write_text(temp / META, json.dumps({"version": INDEX_VERSION, "docs": hashes}))
        old = self.directory.with_name(self.directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.directory.exists():
            self.directory.rename(old)
        temp.rename(self.directory)
        shutil.rmtree(old, ignore_errors=True)

    def _update(
        self, changed: list[str], removed: list[str], hashes: dict[str, str], progress: Progress | None
    ) -> None:
        # Only documents that may have units in the index need deleting (deleting opens every
        # segment); "pending" remembers an update that was interrupted halfway.
        meta = self._meta()
        maybe_indexed = {*meta.get("docs", {}), *meta.get("pending", [])}
        deleting = [doc_id for doc_id in [*changed, *removed] if doc_id in maybe_indexed]
        atomic.write_text(
            self.directory / META, json.dumps({**meta, "pending": sorted({*changed, *removed})})
        )
        self._add(self.open(), changed, progress, deleting=deleting)
        atomic.write_text(self.directory / META, json.dumps({"version": INDEX_VERSION, "docs": hashes}))


def _writer(ix):
    """A writer with a pool big enough for a batch, waiting up to 10 s for another writer.
    Segments stay as separate files: opening a compound one copies its term tables into memory,
    which made adding a 22-unit document to a 20,000-unit index take 0.40 s instead of 0.14 s."""
    from whoosh.index import LockError

    from reader.search.writer import SegmentWriter

    deadline = time.monotonic() + 10
    while True:
        try:
            return SegmentWriter(ix, limitmb=POOL_MB, compound=False)
        except LockError:
            if time.monotonic() > deadline:
                raise RuntimeError("another process is writing the search index; try again") from None
            time.sleep(0.2)
