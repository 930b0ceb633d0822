"""Bookmarks that never lose a passage: SQLite in the user data dir, one transaction per change.

Each bookmark keeps the unit's text in every language as it was when saved, with the
document's titles and citation, so it can be exported without the corpus and survives the
document changing or disappearing (it is then flagged stale, never dropped). The database runs
in WAL mode with synchronous=FULL: an acknowledged change survives a kill -9. A damaged file (or
one whose table is not ours) is moved aside to a timestamped backup with a clear message, never
silently emptied; one unreadable row is skipped with a warning naming its id (`skipped`), never
hiding the others.

Storage trouble is a `UserError` naming the file, never a traceback: a full disk, a read-only
store, a store busy in another process ("try again"). A change that fails leaves the data as it
was. Reading works on a full or read-only disk: the store then opens read-only (`read_only`
says why) and changes are refused with that reason. Notes, tags and texts are sanitised on the
way in and out, so no control character or escape sequence reaches a terminal or an export.
"""

from __future__ import annotations

import errno
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
from reader.model import Document, pick_title
from reader.paths import check_home, data_dir
from reader.text import is_clean, sanitize, sanitize_line

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
COLUMNS = frozenset(
    [
        "id",
        "doc_id",
        "unit_id",
        "original_language",
        "texts",
        "titles",
        "source",
        "date",
        "url",
        "note",
        "tags",
        "created",
        "updated",
        "stale",
    ]
)


WORD_TAG = "word:"  # a tag `word:WORD` keeps a word of the unit for study (word mode's b)


class NoSuchBookmark(UserError):
    """The bookmark is not there (removed meanwhile, perhaps by another process)."""

    def __init__(self, bookmark_id: int) -> None:
        self.bookmark_id = bookmark_id
        super().__init__(f"no bookmark {bookmark_id}")


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
        """The document's title by the one rule (`reader.model.pick_title`)."""
        return pick_title(self.titles, self.original_language, self.doc_id)

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
    """Unique tags in order, without a leading '#', no control characters; inner spaces become
    '_' (tags are words)."""
    seen: dict[str, None] = {}
    for tag in tags:
        tag = "_".join(sanitize_line(str(tag)).split()).lstrip("#")
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def _clean_note(note: str) -> str:
    """Line breaks and tabs stay; escape sequences and other control characters go."""
    return sanitize(note)


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Corrupt or not a database at all, as opposed to busy, locked, unreadable or read-only."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # raised by us after a failed quick_check or schema check
        return not isinstance(exc, sqlite3.OperationalError)
    return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


_LINE_FIELDS = ("doc_id", "unit_id", "original_language", "source", "date", "url", "created", "updated")


def _parse_row(row: sqlite3.Row) -> Bookmark:
    """A bookmark from its row, sanitised (rows written by older versions may hold control
    characters); `ValueError` naming the problem when the row is malformed."""
    try:
        texts, titles, tags = (json.loads(row[key]) for key in ("texts", "titles", "tags"))
        fields = {key: row[key] for key in (*_LINE_FIELDS, "note")}
        if type(texts) is not dict or type(titles) is not dict or type(tags) is not list:
            raise TypeError
        # One check for the whole row (a space joins them: nothing composes across it); it
        # also fails on anything that is not text. Only a row that needs it (written by an
        # older version) is cleaned field by field.
        lines = " ".join([*(fields[key] for key in _LINE_FIELDS), *titles.values(), *tags])
        blocks = " ".join([fields["note"], *texts.values()])
    except json.JSONDecodeError as exc:
        raise ValueError(f"stored JSON is malformed ({exc.msg})") from None
    except TypeError:
        raise ValueError(_malformed(row)) from None
    if is_clean(lines, line=True) and is_clean(blocks):
        clean_tags = tuple(tags)
    else:
        fields = {key: sanitize_line(value) for key, value in fields.items() if key != "note"} | {
            "note": _clean_note(fields["note"])
        }
        texts = {lang: sanitize(text) for lang, text in texts.items()}
        titles = {lang: sanitize_line(title) for lang, title in titles.items()}
        clean_tags = _clean_tags(tags)
    return Bookmark(
        id=int(row["id"]),
        doc_id=fields["doc_id"],
        unit_id=fields["unit_id"],
        original_language=fields["original_language"],
        texts=texts,
        titles=titles,
        source=fields["source"],
        date=fields["date"],
        url=fields["url"],
        note=fields["note"],
        tags=clean_tags,
        created=fields["created"],
        updated=fields["updated"],
        stale=bool(row["stale"]),
    )


def _malformed(row: sqlite3.Row) -> str:
    """Which field of a row that failed to parse holds the wrong kind of value."""
    for key in ("texts", "titles"):
        value = json.loads(row[key])
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return f"{key} is not a map of languages to text"
    tags = json.loads(row["tags"])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        return "tags are not a list of words"
    wrong = [key for key in (*_LINE_FIELDS, "note") if not isinstance(row[key], str)]
    return f"{wrong[0] if wrong else 'a field'} is not text"


def default_path() -> Path:
    return data_dir() / "bookmarks.sqlite3"


class BookmarkStore:
    """The user's bookmarks. `warning` holds what the user should be told once after opening
    (a damaged store set aside, a read-only store); `skipped` maps the id of each row that could
    not be read to why (filled by every read)."""

    BUSY_TIMEOUT = 10.0  # seconds to wait for another process's transaction

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.warning = ""
        self.read_only = ""  # why changes are refused, when the store could only be opened read-only
        self.skipped: dict[int, str] = {}
        self._stale: dict[int, bool] = {}  # stale flags mark_stale could not save
        self._db = self._open()

    # -- opening ------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._open_read_only(exc)
        deadline = time.monotonic() + self.BUSY_TIMEOUT
        while True:
            try:
                return self._open_checked()
            except sqlite3.OperationalError as exc:
                # Another process is switching the file to WAL or creating the schema: SQLite
                # reports "locked" at once for these, without waiting on the busy timeout.
                if not _is_busy(exc) or time.monotonic() > deadline:
                    return self._open_failed(exc)
                time.sleep(0.05)
            except sqlite3.DatabaseError as exc:
                return self._open_failed(exc)

    def _open_checked(self) -> sqlite3.Connection:
        db = self._connect()
        try:
            ok = db.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise sqlite3.DatabaseError(ok)
            self._check_columns(db)
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _check_columns(db: sqlite3.Connection) -> None:
        found = {row[1] for row in db.execute("PRAGMA table_info(bookmarks)")}
        if missing := COLUMNS - found:
            raise sqlite3.DatabaseError(f"its bookmarks table lacks {', '.join(sorted(missing))}")

    def _open_failed(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Damage is set aside with a backup; a busy store is an error; a store that cannot be
        written (read-only or full disk, no permission) is opened read-only."""
        if _is_busy(exc):
            raise self._error(exc) from None
        if not _is_damage(exc):
            if self.path.is_dir():
                raise UserError(f"cannot open the bookmark store {self.path}: it is a folder") from None
            return self._open_read_only(exc)
        backup = self._set_aside()
        self.warning = f"the bookmark store {self.path} was damaged ({exc}); it was moved to {backup}"
        try:
            return self._open_checked()
        except sqlite3.Error as again:
            raise self._error(again) from None

    def _open_read_only(self, cause: Exception) -> sqlite3.Connection:
        """Read what is there without writing anything (not even SQLite's shared-memory file):
        `mode=ro`, else `immutable=1`, else, when there is no store at all, an empty one."""
        reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(cause)
        if isinstance(cause, OSError) and cause.errno in (errno.ENOTDIR, errno.EEXIST):
            check_home()
            raise UserError(
                f"cannot create the folder {self.path.parent} for bookmarks: a file is in the way"
            )
        if reason == "disk I/O error":  # what SQLite says when it cannot make its -shm file
            reason = "disk I/O error: is the disk full or failing?"
        self.read_only = f"the bookmark store {self.path} cannot be written ({reason})"
        if not self.path.exists() or self.path.stat().st_size == 0:  # nothing saved yet
            db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute(SCHEMA)
            self.warning = f"{self.read_only}; bookmarks cannot be added"
            return db
        for query in ("mode=ro", "immutable=1"):
            try:
                db = sqlite3.connect(
                    f"{self.path.absolute().as_uri()}?{query}",
                    uri=True,
                    timeout=self.BUSY_TIMEOUT,
                    isolation_level=None,
                    check_same_thread=False,
                )
                db.row_factory = sqlite3.Row
                db.execute("SELECT COUNT(*) FROM bookmarks").fetchone()
                self._check_columns(db)
            except sqlite3.Error as exc:
                reason = str(exc)
                continue
            self.warning = f"{self.read_only}; bookmarks can be read and exported, not changed"
            return db
        raise UserError(f"cannot open the bookmark store {self.path}: {reason}") from None

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
        db = sqlite3.connect(
            self.path, timeout=self.BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute(SCHEMA)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise UserError(f"the bookmark store {self.path} was written by a newer version of reader")
            if version < SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            db.close()
            raise
        return db

    def close(self) -> None:
        self._db.close()

    # -- errors -------------------------------------------------------------------------

    def _error(self, exc: sqlite3.Error) -> UserError:
        """An SQLite error in the user's terms, naming the file."""
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if _is_busy(exc):
            return UserError(f"the bookmark store {self.path} is busy in another process; try again")
        if code == sqlite3.SQLITE_FULL:
            return UserError(f"disk full while writing the bookmark store {self.path}; nothing was changed")
        if code == sqlite3.SQLITE_READONLY or self.read_only:
            reason = self.read_only or f"the bookmark store {self.path} is read-only"
            return UserError(f"{reason}; nothing was changed")
        if code == sqlite3.SQLITE_IOERR:
            return UserError(
                f"input/output error on the bookmark store {self.path} (a failing or full disk?)"
            )
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return UserError(
                f"the bookmark store {self.path} is damaged ({exc}); restart reader to set it aside"
            )
        return UserError(f"the bookmark store {self.path}: {exc}")

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        with self._guard():
            return self._db.execute(sql, params).fetchall()

    def _change(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        """One write statement (its own transaction); refused at once on a read-only store."""
        if self.read_only:
            raise UserError(f"{self.read_only}; nothing was changed")
        with self._guard():
            return self._db.execute(sql, params).fetchall()

    # -- reading ------------------------------------------------------------------------

    def _rows(self, rows: Iterable[sqlite3.Row]) -> list[Bookmark]:
        """The rows that can be read; each that cannot is noted in `skipped`."""
        found = []
        for row in rows:
            try:
                bookmark = _parse_row(row)
            except (ValueError, TypeError) as exc:
                self.skipped[int(row["id"])] = str(exc)
                continue
            self.skipped.pop(bookmark.id, None)
            bookmark.stale = self._stale.get(bookmark.id, bookmark.stale)
            found.append(bookmark)
        return found

    def skipped_warnings(self) -> list[str]:
        """One line per unreadable row met so far, naming its id."""
        return [
            f"bookmark {bookmark_id} in {self.path} cannot be read ({why}); skipped"
            for bookmark_id, why in sorted(self.skipped.items())
        ]

    def list(self, doc_id: str | None = None) -> list[Bookmark]:
        if doc_id is None:
            return self._rows(self._query("SELECT * FROM bookmarks ORDER BY created, id"))
        return self._rows(self._query("SELECT * FROM bookmarks WHERE doc_id = ? ORDER BY id", (doc_id,)))

    def get(self, bookmark_id: int) -> Bookmark | None:
        found = self._rows(self._query("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,)))
        return found[0] if found else None

    def find(self, doc_id: str, unit_id: str) -> Bookmark | None:
        rows = self._query("SELECT * FROM bookmarks WHERE doc_id = ? AND unit_id = ?", (doc_id, unit_id))
        found = self._rows(rows)
        return found[0] if found else None

    def units(self, doc_id: str) -> set[str]:
        return {row[0] for row in self._query("SELECT unit_id FROM bookmarks WHERE doc_id = ?", (doc_id,))}

    def counts(self) -> dict[str, int]:
        return {
            row[0]: row[1] for row in self._query("SELECT doc_id, COUNT(*) FROM bookmarks GROUP BY doc_id")
        }

    # -- changing -----------------------------------------------------------------------

    def add(self, doc: Document, unit_id: str, note: str = "", tags: Iterable[str] = ()) -> Bookmark:
        """Bookmark a unit (or update the note and tags of an existing bookmark on it). Races
        with another process adding or removing the same bookmark end in one clean bookmark."""
        index = doc.unit_index.get(unit_id)
        if index is None:
            raise UserError(f"document {doc.id!r} has no unit {unit_id!r}")
        tags = tuple(tags)
        unit = doc.units[index]
        for _ in range(5):
            rows = self._query("SELECT id FROM bookmarks WHERE doc_id = ? AND unit_id = ?", (doc.id, unit_id))
            if rows:
                try:
                    return self.update(int(rows[0]["id"]), note=note or None, tags=tags or None)
                except NoSuchBookmark:
                    continue  # removed meanwhile: add it afresh
            now = _now()
            inserted = self._change(
                "INSERT INTO bookmarks (doc_id, unit_id, original_language, texts, titles, source, date,"
                " url, note, tags, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (doc_id, unit_id) DO NOTHING RETURNING *",
                (
                    doc.id,
                    unit_id,
                    doc.original_language,
                    json.dumps(unit.text, ensure_ascii=False),
                    json.dumps(doc.titles, ensure_ascii=False),
                    doc.source,
                    doc.date,
                    doc.url,
                    _clean_note(note),
                    json.dumps(list(_clean_tags(tags)), ensure_ascii=False),
                    now,
                    now,
                ),
            )
            if inserted:  # else another process bookmarked the same unit just now: update that
                return self._rows(inserted)[0]
        raise UserError(f"the bookmark store {self.path} is busy in another process; try again")

    def toggle(self, doc: Document, unit_id: str) -> Bookmark | None:
        """Add a bookmark, or remove it if there is one; None when it removed one."""
        existing = self._query("SELECT id FROM bookmarks WHERE doc_id = ? AND unit_id = ?", (doc.id, unit_id))
        if existing:
            self.remove(int(existing[0]["id"]))
            return None
        return self.add(doc, unit_id)

    def update(
        self, bookmark_id: int, note: str | None = None, tags: Iterable[str] | None = None
    ) -> Bookmark:
        """Change the note and/or tags; `NoSuchBookmark` if it is gone (e.g. removed by the CLI)."""
        rows = self._query("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,))
        if not rows:
            raise NoSuchBookmark(bookmark_id)
        found = self._rows(rows)
        if not found:
            raise UserError(f"bookmark {bookmark_id} cannot be read ({self.skipped[bookmark_id]})")
        current = found[0]
        new_note = current.note if note is None else _clean_note(note)
        new_tags = current.tags if tags is None else _clean_tags(tags)
        if (new_note, new_tags) == (current.note, current.tags):
            return current  # nothing to change: keep `updated` as it was
        updated = self._change(
            "UPDATE bookmarks SET note = ?, tags = ?, updated = ? WHERE id = ? RETURNING *",
            (new_note, json.dumps(list(new_tags), ensure_ascii=False), _now(), bookmark_id),
        )
        if not updated:
            raise NoSuchBookmark(bookmark_id)
        return self._rows(updated)[0]

    def remove(self, bookmark_id: int) -> bool:
        """Remove a bookmark (an unreadable one too); False when there was none."""
        removed = bool(self._change("DELETE FROM bookmarks WHERE id = ? RETURNING id", (bookmark_id,)))
        self.skipped.pop(bookmark_id, None)
        return removed

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
        how many are stale now. The saved text is kept either way. The flags are derived, so
        when they cannot be saved (a read-only or full disk, a store busy for more than a
        moment) they are kept in memory for this store's reads instead: listing never fails
        or waits on them. A unit merged into another
        or split by an alignment edit is not stale: its id resolves to the unit holding its
        first sentence, and the saved and current texts contain one another."""
        from reader.corpus import CorpusError

        changes: list[tuple[int, int]] = []
        stale = 0
        for bookmark in self.list():
            try:
                doc = corpus.get(bookmark.doc_id)
                index = doc.resolve(bookmark.unit_id)
                current = doc.units[index].text if index is not None else None
            except (KeyError, CorpusError):
                current = None
            is_stale = current is None or not all(
                _same_passage(current.get(k, ""), v) for k, v in bookmark.texts.items()
            )
            stale += is_stale
            if is_stale != bookmark.stale:
                changes.append((int(is_stale), bookmark.id))
        if changes and not self.read_only:
            try:
                self._db.execute("PRAGMA busy_timeout = 200")
                with self._guard(), self._transaction():
                    self._db.executemany("UPDATE bookmarks SET stale = ? WHERE id = ?", changes)
                changes = []
            except UserError:
                pass  # kept in memory below
            finally:
                self._db.execute(f"PRAGMA busy_timeout = {int(self.BUSY_TIMEOUT * 1000)}")
        self._stale.update({bookmark_id: bool(flag) for flag, bookmark_id in changes})
        return stale

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One explicit transaction (the connection is in autocommit mode); on any error it is
        rolled back, so no lock is left held."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise


def _same_passage(current: str, saved: str) -> bool:
    """The same text, or one holds the other (an alignment edit merged or split the unit)."""
    return current == saved or bool(current and saved and (saved in current or current in saved))
