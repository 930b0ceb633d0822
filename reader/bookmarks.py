"""Bookmarks that never lose a passage: SQLite in the user data dir, one transaction per change.

Each bookmark keeps the unit's text in every language as it was when saved, with the
document's titles and citation, so it can be exported without the corpus and survives the
document changing or disappearing (it is then flagged stale, never dropped). The database runs
in WAL mode with synchronous=FULL: an acknowledged change survives a kill -9. A damaged file is
moved aside to a timestamped backup with a clear message, never silently emptied.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import UserError
from reader.model import Document
from reader.paths import data_dir

if TYPE_CHECKING:
    from reader.corpus import Corpus

SCHEMA_VERSION = 1  # PRAGMA user_version; raise it with a migration when the table changes
SCHEMA = """
CREATE TABLE IF NOT EXISTS bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    original_language TEXT NOT NULL,
    texts TEXT NOT NULL,
    titles TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    stale INTEGER NOT NULL DEFAULT 0,
    UNIQUE (doc_id, unit_id)
);
"""


class StoreDamaged(UserError):
    """The bookmark database could not be read; it has been set aside."""


@dataclass
class Bookmark:
    id: int
    doc_id: str
    unit_id: str
    original_language: str
    texts: dict[str, str]
    titles: dict[str, str]
    source: str = ""
    date: str = ""
    url: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    stale: bool = False

    @property
    def languages(self) -> list[str]:
        """The original's language first, then the others (as `Document.languages`)."""
        others = sorted(lang for lang in self.texts if lang != self.original_language)
        return [self.original_language, *others]

    @property
    def title(self) -> str:
        return self.titles.get(self.original_language) or next(iter(self.titles.values()), self.doc_id)

    def to_dict(self) -> dict:
        """Everything the store holds (the JSON export is lossless)."""
        return {
            "id": self.id,
            "doc": self.doc_id,
            "unit": self.unit_id,
            "original_language": self.original_language,
            "text": self.texts,
            "title": self.titles,
            "source": self.source,
            "date": self.date,
            "url": self.url,
            "note": self.note,
            "tags": list(self.tags),
            "created": self.created,
            "updated": self.updated,
            "stale": self.stale,
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Unique tags in order, without a leading '#'; inner spaces become '_' (tags are words)."""
    seen: dict[str, None] = {}
    for tag in tags:
        tag = "_".join(str(tag).split()).lstrip("#")
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Corrupt or not a database at all, as opposed to busy, locked, unreadable or read-only."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # raised by us after a failed quick_check
        return not isinstance(exc, sqlite3.OperationalError)
    return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def default_path() -> Path:
    return data_dir() / "bookmarks.sqlite3"


class BookmarkStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create {self.path.parent} for bookmarks ({exc.strerror})") from None
        self.warning = ""
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        deadline = time.monotonic() + 10
        while True:
            try:
                return self._open_checked()
            except sqlite3.OperationalError as exc:
                # Another process is switching the file to WAL or creating the schema: SQLite
                # reports "locked" at once for these, without waiting on the busy timeout.
                if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                    return self._open_failed(exc)
                time.sleep(0.05)
            except sqlite3.DatabaseError as exc:
                return self._open_failed(exc)

    def _open_checked(self) -> sqlite3.Connection:
        db = self._connect()
        ok = db.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            db.close()
            raise sqlite3.DatabaseError(ok)
        return db

    def _open_failed(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Damage is set aside with a backup; anything else (locked, unopenable) is an error."""
        if not _is_damage(exc):
            raise UserError(f"cannot open the bookmark store {self.path}: {exc}") from None
        backup = self._set_aside()
        self.warning = f"the bookmark store {self.path} was damaged ({exc}); it was moved to {backup}"
        return self._connect()

    def _set_aside(self) -> Path:
        """Move the damaged file (and its WAL) to a timestamped backup that overwrites nothing."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while backup.exists():
            number += 1
            backup = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        try:
            self.path.rename(backup)
            for suffix in ("-wal", "-shm"):
                extra = self.path.with_name(self.path.name + suffix)
                if extra.exists():
                    extra.rename(backup.with_name(backup.name + suffix))
        except OSError as exc:
            raise UserError(
                f"the bookmark store {self.path} is damaged and could not be moved aside ({exc.strerror})"
            ) from None
        return backup

    def _connect(self) -> sqlite3.Connection:
        """Autocommit mode: each single-statement change is its own durable transaction."""
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute(SCHEMA)
        except sqlite3.Error:
            db.close()
            raise
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            raise UserError(f"the bookmark store {self.path} was written by a newer version of reader")
        if version < SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return db

    def close(self) -> None:
        self._db.close()

    # -- reading ------------------------------------------------------------------------

    @staticmethod
    def _row(row: sqlite3.Row) -> Bookmark:
        texts = json.loads(row["texts"])
        return Bookmark(
            id=row["id"],
            doc_id=row["doc_id"],
            unit_id=row["unit_id"],
            original_language=row["original_language"],
            texts=texts,
            titles=json.loads(row["titles"]),
            source=row["source"],
            date=row["date"],
            url=row["url"],
            note=row["note"],
            tags=tuple(json.loads(row["tags"])),
            created=row["created"],
            updated=row["updated"],
            stale=bool(row["stale"]),
        )

    def list(self, doc_id: str | None = None) -> list[Bookmark]:
        if doc_id is None:
            rows = self._db.execute("SELECT * FROM bookmarks ORDER BY created, id").fetchall()
        else:
            rows = self._db.execute(
                "SELECT * FROM bookmarks WHERE doc_id = ? ORDER BY id", (doc_id,)
            ).fetchall()
        return [self._row(row) for row in rows]

    def get(self, bookmark_id: int) -> Bookmark | None:
        row = self._db.execute("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,)).fetchone()
        return self._row(row) if row else None

    def find(self, doc_id: str, unit_id: str) -> Bookmark | None:
        row = self._db.execute(
            "SELECT * FROM bookmarks WHERE doc_id = ? AND unit_id = ?", (doc_id, unit_id)
        ).fetchone()
        return self._row(row) if row else None

    def units(self, doc_id: str) -> set[str]:
        rows = self._db.execute("SELECT unit_id FROM bookmarks WHERE doc_id = ?", (doc_id,))
        return {row[0] for row in rows}

    def counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT doc_id, COUNT(*) FROM bookmarks GROUP BY doc_id")
        return {row[0]: row[1] for row in rows}

    # -- changing -----------------------------------------------------------------------

    def add(self, doc: Document, unit_id: str, note: str = "", tags: Iterable[str] = ()) -> Bookmark:
        """Bookmark a unit (or update the note and tags of an existing bookmark on it)."""
        index = doc.unit_index.get(unit_id)
        if index is None:
            raise UserError(f"document {doc.id!r} has no unit {unit_id!r} (see `reader show {doc.id}`)")
        tags = tuple(tags)
        existing = self.find(doc.id, unit_id)
        if existing is not None:
            return self.update(existing.id, note=note or None, tags=tags or None)
        unit = doc.units[index]
        now = _now()
        try:
            cursor = self._db.execute(
                "INSERT INTO bookmarks (doc_id, unit_id, original_language, texts, titles, source, date, url,"
                " note, tags, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    unit_id,
                    doc.original_language,
                    json.dumps(unit.text, ensure_ascii=False),
                    json.dumps(doc.titles, ensure_ascii=False),
                    doc.source,
                    doc.date,
                    doc.url,
                    note,
                    json.dumps(list(_clean_tags(tags)), ensure_ascii=False),
                    now,
                    now,
                ),
            )
        except sqlite3.IntegrityError:  # another process bookmarked the same unit just now
            return self.add(doc, unit_id, note, tags)
        found = self.get(int(cursor.lastrowid or 0))
        assert found is not None
        return found

    def toggle(self, doc: Document, unit_id: str) -> Bookmark | None:
        """Add a bookmark, or remove it if there is one; None when it removed one."""
        existing = self.find(doc.id, unit_id)
        if existing is not None:
            self.remove(existing.id)
            return None
        return self.add(doc, unit_id)

    def update(
        self, bookmark_id: int, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Bookmark:
        current = self.get(bookmark_id)
        if current is None:
            raise UserError(f"no bookmark {bookmark_id}")
        new_note = current.note if note is None else note
        new_tags = current.tags if tags is None else _clean_tags(tags)
        if (new_note, new_tags) == (current.note, current.tags):
            return current  # nothing to change: keep `updated` as it was
        self._db.execute(
            "UPDATE bookmarks SET note = ?, tags = ?, updated = ? WHERE id = ?",
            (new_note, json.dumps(list(new_tags), ensure_ascii=False), _now(), bookmark_id),
        )
        updated = self.get(bookmark_id)
        assert updated is not None
        return updated

    def remove(self, bookmark_id: int) -> bool:
        cursor = self._db.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
        return cursor.rowcount > 0

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Put back a removed bookmark as it was (same id, note, tags and dates): the app's undo.
        If the unit was bookmarked again meanwhile, that bookmark takes the note and tags back."""
        existing = self.find(bookmark.doc_id, bookmark.unit_id)
        if existing is not None:
            return self.update(existing.id, note=bookmark.note, tags=bookmark.tags)
        self._db.execute(
            "INSERT OR IGNORE INTO bookmarks (id, doc_id, unit_id, original_language, texts, titles, source,"
            " date, url, note, tags, created, updated, stale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                bookmark.id,
                bookmark.doc_id,
                bookmark.unit_id,
                bookmark.original_language,
                json.dumps(bookmark.texts, ensure_ascii=False),
                json.dumps(bookmark.titles, ensure_ascii=False),
                bookmark.source,
                bookmark.date,
                bookmark.url,
                bookmark.note,
                json.dumps(list(bookmark.tags), ensure_ascii=False),
                bookmark.created,
                bookmark.updated,
                int(bookmark.stale),
            ),
        )
        restored = self.find(bookmark.doc_id, bookmark.unit_id)
        assert restored is not None
        return restored

    def mark_stale(self, corpus: Corpus) -> int:
        """Flag bookmarks whose unit changed or vanished (unflag those back in sync); return
        how many are stale now. The saved text is kept either way."""
        from reader.corpus import CorpusError

        changes: list[tuple[int, int]] = []
        stale = 0
        for bookmark in self.list():
            try:
                doc = corpus.get(bookmark.doc_id)
                index = doc.unit_index.get(bookmark.unit_id)
                current = doc.units[index].text if index is not None else None
            except (KeyError, CorpusError):
                current = None
            is_stale = current is None or any(current.get(k) != v for k, v in bookmark.texts.items())
            stale += is_stale
            if is_stale != bookmark.stale:
                changes.append((int(is_stale), bookmark.id))
        if changes:
            with self._transaction():
                self._db.executemany("UPDATE bookmarks SET stale = ? WHERE id = ?", changes)
        return stale

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One explicit transaction (the connection is in autocommit mode)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
