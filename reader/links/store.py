"""Word links computed once per unit and kept in the cache dir (`links.sqlite`), brought up to
date document by document: a document whose files changed (size or modification time) is linked
again, a removed one is dropped, the rest is left alone.

Each unit row keeps its texts (and forms of them to look terms up in), its links, and the
content words no dictionary linked, which the corpus statistics (`stats`) count. A full-text
index of those forms (`unit_words`, SQLite FTS5) finds the units a term may occur in without
reading every row; `find` then checks each one as before, so what it finds is exactly what a scan
would find.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.corpus import Corpus
from reader.text import LANGUAGES, fold

VERSION = "4"  # bump when linking or the stored forms change: stored links are then made again
FILE = "links.sqlite"
Progress = Callable[[int, int], None]


def store_stamp() -> str:
    """What stored links were made with: this module's `VERSION`, the readings table's data and
    the vi→en lexicon's (a change to either links everything again)."""
    from reader.readings import data_hash

    lexicon = Path(__file__).parents[1] / "align" / "vi_en_words.tsv"
    digest = hashlib.sha1(lexicon.read_bytes()).hexdigest()[:16] if lexicon.is_file() else ""
    return f"{VERSION}:{data_hash()[:16]}:{digest}"


def text_key(texts: dict[str, str]) -> str:
    """Identifies a unit by its texts (the search engine has texts, not ids)."""
    joined = "\x1f".join(texts.get(lang, "") or "" for lang in LANGUAGES)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def search_forms(text: str, lang: str) -> tuple[str, str]:
    """Two forms of a text to find terms in, each as long as the text so offsets carry over:
    Chinese in Simplified characters (twice); Vietnamese lowercase in one spelling (`vi_key`)
    and folded (for terms typed without marks); English lowercase (twice)."""
    if lang == "zh":
        simplified = _simplified(text)
        return simplified, simplified
    if lang == "vi":
        from reader.readings import vi_key

        keyed = vi_key(text)
        folded = fold(text)
        return (keyed if len(keyed) == len(text) else text.lower()), (
            folded if len(folded) == len(text) else text.lower()
        )
    lower = text.lower()
    return (lower, lower) if len(lower) == len(text) else (text, text)


def _simplified(text: str) -> str:
    converted = _t2s()(text)
    if len(converted) == len(text):
        return converted
    return "".join(_t2s()(ch) if len(_t2s()(ch)) == 1 else ch for ch in text)


_CONVERTER: list = []


def _t2s() -> Callable[[str], str]:
    if not _CONVERTER:
        import opencc

        _CONVERTER.append(opencc.OpenCC("t2s").convert)
    return _CONVERTER[0]


def folder_signature(folder: Path) -> str:
    """The names, sizes and modification times of a document's files (one `stat` each: every
    `reader renderings` reads them for the whole library)."""
    parts = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_file():
                stat = entry.stat()
                parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()


def document_signature(corpus: Corpus, doc_id: str, folder: Path) -> str:
    """A document's signature: its folder's, and its alignment-edit overlay's when it has one
    (an edit to a bundled document changes its units, so they are linked again)."""
    overlay = corpus.overlay_root / doc_id
    return folder_signature(folder) + (folder_signature(overlay) if overlay.is_dir() else "")


@dataclass
class UnitRow:
    doc: str
    unit: str
    order: int
    texts: dict[str, str]
    links: dict[str, list[tuple[int, int, int, int]]]


class LinkStore:
    def __init__(self, path: Path | None = None):
        if path is None:
            from reader.paths import cache_dir

            path = cache_dir() / FILE
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()  # one writer at a time, one connection opened
        self._indexed = False  # whether `unit_words` (FTS5) is there: set on opening

    # -- the database --------------------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        with self._lock:
            return self._open()

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # one connection, used from whichever thread asks (search and look-ups run in workers)
            db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(
                """
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS docs (doc TEXT PRIMARY KEY, signature TEXT);
                CREATE TABLE IF NOT EXISTS units (
                    doc TEXT, unit TEXT, ord INTEGER, textkey TEXT,
                    zh TEXT, vi TEXT, en TEXT,
                    zh_a TEXT, vi_a TEXT, en_a TEXT, zh_b TEXT, vi_b TEXT, en_b TEXT,
                    links TEXT, free TEXT,
                    PRIMARY KEY (doc, unit));
                CREATE INDEX IF NOT EXISTS units_textkey ON units (textkey);
                """
            )
            try:
                db.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS unit_words USING fts5("
                    "zh, vi_a, vi_b, en, content='', tokenize='unicode61 remove_diacritics 0')"
                )
                self._indexed = True
            except sqlite3.OperationalError:  # an SQLite without FTS5: terms are found by a scan
                self._indexed = False
            version = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            stamp = store_stamp()
            if version is None or version[0] != stamp:
                with db:
                    db.execute("DELETE FROM docs")
                    db.execute("DELETE FROM units")
                    if self._indexed:
                        db.execute("INSERT INTO unit_words(unit_words) VALUES ('delete-all')")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (stamp,))
            self._db = db
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- keeping it up to date ---------------------------------------------------------------

    def ensure(self, corpus: Corpus, progress: Progress | None = None) -> str:
        """Link the documents that changed since the last time; return what was done, in words
        (empty when nothing was)."""
        with self._lock:
            return self._ensure(corpus, progress)

    def _ensure(self, corpus: Corpus, progress: Progress | None) -> str:
        from reader.links import stats as statistics

        signatures = {
            doc_id: document_signature(corpus, doc_id, folder) for doc_id, folder in corpus.folders().items()
        }
        known = dict(self.db.execute("SELECT doc, signature FROM docs").fetchall())
        changed = sorted(doc_id for doc_id, sig in signatures.items() if known.get(doc_id) != sig)
        removed = sorted(doc_id for doc_id in known if doc_id not in signatures)
        if not changed and not removed:
            return ""
        started = time.perf_counter()
        with self.db:
            for doc_id in removed:
                self._unindex(doc_id)
                self.db.execute("DELETE FROM units WHERE doc = ?", (doc_id,))
                self.db.execute("DELETE FROM docs WHERE doc = ?", (doc_id,))
        rows = []
        for done, found in enumerate(_first_passes(corpus, changed), start=1):
            rows.extend(found)
            if progress:
                progress(done, len(changed))
        counts = statistics.Counts.from_rows(self._free_rows(exclude=set(changed)), rows)
        with self.db:
            for doc_id in changed:
                self._unindex(doc_id)
                self.db.execute("DELETE FROM units WHERE doc = ?", (doc_id,))
            self.db.executemany(
                "INSERT OR REPLACE INTO units VALUES (?,?,?,?, ?,?,?, ?,?,?,?,?,?, ?,?)",
                (self._row(row, counts) for row in rows),
            )
            for doc_id in changed:
                self._index(doc_id)
            self.db.executemany(
                "INSERT OR REPLACE INTO docs VALUES (?, ?)",
                [(doc_id, signatures[doc_id]) for doc_id in changed],
            )
        seconds = time.perf_counter() - started
        return f"Word links: {len(changed)} documents linked, {len(removed)} removed ({len(rows):,} units, {seconds:.1f} s)."

    _FORMS = "SELECT rowid, zh_a, vi_a, vi_b, en_a FROM units WHERE doc = ?"

    def _index(self, doc_id: str) -> None:
        """Put a document's units in the full-text index (after they are stored)."""
        if self._indexed:
            self.db.executemany(
                "INSERT INTO unit_words(rowid, zh, vi_a, vi_b, en) VALUES (?,?,?,?,?)",
                (
                    (rowid, *_word_forms(forms))
                    for rowid, *forms in self.db.execute(self._FORMS, (doc_id,)).fetchall()
                ),
            )

    def _unindex(self, doc_id: str) -> None:
        """Take a document's units out of the full-text index (before they are deleted): an index
        without its own copy of the texts is told the words it had for each."""
        if self._indexed:
            self.db.executemany(
                "INSERT INTO unit_words(unit_words, rowid, zh, vi_a, vi_b, en) VALUES ('delete',?,?,?,?,?)",
                (
                    (rowid, *_word_forms(forms))
                    for rowid, *forms in self.db.execute(self._FORMS, (doc_id,)).fetchall()
                ),
            )

    def _free_rows(self, exclude: set[str]) -> Iterator[dict[str, list[str]]]:
        for doc_id, free in self.db.execute("SELECT doc, free FROM units"):
            if doc_id not in exclude:
                yield json.loads(free)

    def _row(self, row, counts) -> tuple:
        from reader.links import stats as statistics

        links = statistics.second_pass(row, counts)
        texts = row.texts
        forms = {lang: search_forms(texts.get(lang, ""), lang) for lang in LANGUAGES}
        return (
            row.doc,
            row.unit,
            row.order,
            text_key(texts),
            *(texts.get(lang, "") for lang in LANGUAGES),
            *(forms[lang][0] for lang in LANGUAGES),
            *(forms[lang][1] for lang in LANGUAGES),
            json.dumps(links, separators=(",", ":")),
            statistics.free_json(row),
        )

    # -- reading -----------------------------------------------------------------------------------

    def links_for(self, texts: dict[str, str]) -> dict[str, list[tuple[int, int, int, int]]] | None:
        found = self.db.execute(
            "SELECT links FROM units WHERE textkey = ? LIMIT 1", (text_key(texts),)
        ).fetchone()
        return json.loads(found[0]) if found else None

    def find(self, term: str, lang: str) -> Iterator[tuple[UnitRow, list[tuple[int, int]]]]:
        """Units whose `lang` text contains the term (case, spelling and, for a term typed without
        marks, Vietnamese marks aside; Traditional = Simplified; English words in any of their
        regular inflections: court, courts, court's), with the term's spans."""
        if lang == "zh":
            needle, column = _simplified(term), "zh_a"
        elif lang == "vi":
            from reader.readings import vi_key

            plain = fold(term) == term.lower()
            needle, column = (fold(term), "vi_b") if plain else (vi_key(term), "vi_a")
        else:
            needle, column = term.lower(), "en_a"
        needle = needle.strip()
        if not needle:
            return
        pattern = english_pattern(needle) if lang == "en" else None
        select = f"SELECT doc, unit, ord, zh, vi, en, links, {column} FROM units"
        if pattern is None:
            select += f" WHERE instr({column}, ?) > 0"
            params: tuple[str, ...] = (needle,)
        else:
            select += " WHERE 1"
            params = ()
        words = word_form(needle, column)
        db = self.db  # opened: `_indexed` is known
        if self._indexed and words:
            # the units whose words include the term's, in order (a superset: checked below)
            select += " AND rowid IN (SELECT rowid FROM unit_words WHERE unit_words MATCH ?)"
            params += (f"{INDEX_COLUMNS[column]} : ({_index_query(words, pattern is not None)})",)
        for doc_id, unit, order, zh, vi, en, links, form in db.execute(f"{select} ORDER BY doc, ord", params):
            spans = []
            if pattern is not None:
                spans = [match.span() for match in pattern.finditer(form)]
            else:
                start = form.find(needle)
                while start >= 0:
                    end = start + len(needle)
                    if lang == "zh" or _word_bounded(form, start, end):
                        spans.append((start, end))
                    start = form.find(needle, start + 1)
            if spans:
                texts = {"zh": zh, "vi": vi, "en": en}
                yield UnitRow(doc_id, unit, order, texts, json.loads(links)), spans


def inflections(word: str) -> list[str]:
    """Regular English inflections of a lowercase word, whichever form it is typed in: court →
    courts, court's; policies → policy; cases → case."""
    bases = {word}
    if word.endswith("ies") and len(word) > 4:
        bases.add(word[:-3] + "y")
    elif word.endswith("es") and len(word) > 3:
        bases.update((word[:-2], word[:-1]))
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        bases.add(word[:-1])
    forms: set[str] = set()
    for base in bases:
        forms.update((base, base + "s", base + "es", base + "'s", base + "’s", base + "s'"))
        if base.endswith("y"):
            forms.add(base[:-1] + "ies")
    return sorted(forms, key=lambda form: (-len(form), form))


def _inflected(word: str) -> bool:
    return word.isalpha() and len(word) >= 3


def english_pattern(needle: str) -> re.Pattern[str] | None:
    """The lowercase English term with each word of three letters or more in any of its
    `inflections`, as whole words; None when no word of it inflects."""
    parts = _WORD_RUN.split(needle)
    words = _WORD_RUN.findall(needle)
    if not any(_inflected(word) for word in words):
        return None
    pieces = [re.escape(parts[0])]
    for word, after in zip(words, parts[1:], strict=True):
        if _inflected(word):
            pieces.append("(?:" + "|".join(map(re.escape, inflections(word))) + ")")
        else:
            pieces.append(re.escape(word))
        pieces.append(re.escape(after))
    return re.compile(r"(?<![^\W_])" + "".join(pieces) + r"(?![^\W_])")


def _index_query(words: str, inflected: bool) -> str:
    """The FTS5 query for a term's `word_form`: its words in a row, or, with `inflected`, every
    word anywhere in the unit, an inflecting one by the prefix all its inflections share."""
    if not inflected:
        return f'"{words}"'
    terms = []
    for word in words.split():
        if _inflected(word):
            forms = [form.split("'")[0].split("’")[0] for form in inflections(word)]
            prefix = min(forms, key=len)
            while not all(form.startswith(prefix) for form in forms):
                prefix = prefix[:-1]
            terms.append(f'"{prefix}"*')
        else:
            terms.append(f'"{word}"')
    return " AND ".join(terms)


INDEX_COLUMNS = {"zh_a": "zh", "vi_a": "vi_a", "vi_b": "vi_b", "en_a": "en"}
_WORD_RUN = re.compile(r"[^\W_]+")


def _word_forms(forms: list[str]) -> list[str]:
    """The index's four columns from a unit's zh_a, vi_a, vi_b and en_a."""
    return [word_form(form, column) for form, column in zip(forms, INDEX_COLUMNS, strict=True)]


def word_form(form: str, column: str) -> str:
    """What the full-text index keeps of a search form, and the words a term is looked up by:
    in Chinese every letter or digit on its own (a term is found anywhere in a Chinese text),
    elsewhere runs of letters and digits (whole words). A term `find` finds in a form has its
    words in a row in this form too, so looking it up in the index never misses a unit."""
    if column == "zh_a":
        return " ".join(ch for ch in form if ch.isalnum())
    return " ".join(_WORD_RUN.findall(form))


PARALLEL_FROM = 2000  # units to link before worker processes pay for themselves
_WORK: list[Corpus] = []  # the corpus a forked worker reads its documents from


def _link_document(doc_id: str) -> list:
    from reader.links import stats as statistics

    try:
        units = _WORK[0].get(doc_id).units
    except Exception:
        return []  # a broken document is reported by `reader corpus check`, not here
    return statistics.first_pass(doc_id, units)


def workers() -> int:
    """Worker processes for linking: one per core, at most 4 (`READER_LINK_WORKERS` overrides)."""
    import os

    wanted = os.environ.get("READER_LINK_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, min(4, os.cpu_count() or 1))


def worker_count(corpus: Corpus, changed: list[str]) -> int:
    """Processes to link `changed` with: `workers()` when there is enough to link and the
    platform forks, else 1 (this process)."""
    import multiprocessing

    count = workers()
    if count < 2 or len(changed) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    folders = corpus.folders()
    return count if sum(_unit_estimate(folders.get(d)) for d in changed) >= PARALLEL_FROM else 1


def _first_passes(corpus: Corpus, changed: list[str]) -> Iterator[list]:
    """The first pass of each changed document, in order: in worker processes forked after the
    dictionaries are loaded (they share them), or here (`worker_count`)."""
    import multiprocessing

    _WORK[:] = [corpus]
    count = worker_count(corpus, changed)
    if count == 1:
        yield from map(_link_document, changed)
        return
    from reader.links import lexicon

    lexicon.load_all()
    with multiprocessing.get_context("fork").Pool(count) as pool:
        yield from pool.imap(_link_document, changed)


def _unit_estimate(folder: Path | None) -> int:
    """A document's units, roughly, from the size of its files (without parsing it)."""
    if folder is None:
        return 0
    return sum(path.stat().st_size for path in folder.iterdir() if path.suffix == ".txt") // 300


def _word_bounded(text: str, start: int, end: int) -> bool:
    """A term in a Latin-script text matches whole words only (án is not in bán)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


_DEFAULT: list[LinkStore] = []


def default_store() -> LinkStore:
    """The store in the cache dir, opened once per process."""
    from reader.paths import cache_dir

    path = cache_dir() / FILE
    if not _DEFAULT or _DEFAULT[0].path != path:
        with contextlib.suppress(IndexError):
            _DEFAULT.pop().close()
        _DEFAULT.append(LinkStore(path))
    return _DEFAULT[0]
