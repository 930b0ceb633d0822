"""The editor: makes alignment edits, saves each at once, and undoes and redoes them across restarts.

Where the edits live (the *store*):
    imported documents   the document's own folder: its `<lang>.align` files are rewritten
    bundled documents    an overlay, `<data dir>/edits/<id>/`, whose `<lang>.align` files the
                         corpus loader reads instead of the bundled ones (which stay read-only);
                         `base.sha256` names the texts the overlay was made for
Beside them, `confirmed.txt` lists confirmed unit ids, and `journal.jsonl` is the append-only
history: one JSON line per edit (the beads it replaced and put in, per language, as a splice),
per undo and per redo, each with a digest of the state it left. Every file is written atomically;
the alignment first, then the journal. A state the journal does not know (the files changed
outside the editor, or a crash between the two writes) starts a new history: a `rebase` line,
and `notice` says so.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader import atomic
from reader.corpus import Corpus
from reader.corpus.format import OVERLAY_BASE, render_beads, text_digest
from reader.edits import rows as ops
from reader.edits.rows import EditError, Row
from reader.errors import UserError, storage_error
from reader.model import Bead, Document

JOURNAL = "journal.jsonl"
CONFIRMED = "confirmed.txt"


@dataclass(frozen=True)
class Outcome:
    """What an edit did, in words, and the unit to show afterwards."""

    message: str
    unit: str
    doc: Document
    confirmed: frozenset[str] = frozenset()  # the confirmed units after it


def state_digest(alignments: dict[str, list[Bead]], confirmed: set[str]) -> str:
    digest = hashlib.sha256()
    for lang in sorted(alignments):
        digest.update(f"{lang}\n{render_beads(alignments[lang])}\n".encode())
    digest.update("\n".join(sorted(confirmed)).encode())
    return digest.hexdigest()[:20]


def _bead_text(bead: Bead) -> str:
    """A bead as an `.align` line writes it: `[0,1]:[2]`, with `:0.970` when it has a confidence."""
    return render_beads([bead]).rstrip("\n")


def _beads(texts: list[str]) -> list[Bead]:
    """Beads from their `.align` notation (as the journal stores them)."""
    beads = []
    for text in texts:
        src, tgt, *confidence = text.split(":")
        beads.append(
            Bead(
                tuple(int(x) for x in src.strip("[]").split(",") if x),
                tuple(int(x) for x in tgt.strip("[]").split(",") if x),
                float(confidence[0]) if confidence else None,
            )
        )
    return beads


def _covers(beads: list[Bead], n_src: int, n_tgt: int) -> bool:
    """Every sentence of both sides exactly once, in order, and no empty bead."""
    return (
        all(bead.src or bead.tgt for bead in beads)
        and [i for bead in beads for i in bead.src] == list(range(n_src))
        and [t for bead in beads for t in bead.tgt] == list(range(n_tgt))
    )


def _splice(old: list[Bead], new: list[Bead]) -> list[Any] | None:
    """[start, replaced beads, inserted beads] turning `old` into `new`; None when equal."""
    if old == new:
        return None
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return [
        start,
        [_bead_text(b) for b in old[start : len(old) - end]],
        [_bead_text(b) for b in new[start : len(new) - end]],
    ]


class Editor:
    """Edits to one document's alignment. Every call reads the files afresh, so the app and
    `reader units` can take turns on the same document."""

    def __init__(self, corpus: Corpus, doc_id: str) -> None:
        found = corpus.folder(doc_id)
        if not found:
            raise UserError(f"no document {doc_id!r} (see `reader corpus list`)")
        self.corpus, self.doc_id = corpus, doc_id
        self.folder, self.bundled = found
        self.store = corpus.overlay_root / doc_id if self.bundled else self.folder
        self.notice = ""  # set when the history had to restart (see the module docstring)
        self._confirmed: set[str] = set()  # as the last call left them
        self._loaded: tuple[tuple, Document] | None = None  # (the files' identity, the document)

    def _outcome(self, message: str, unit: str, doc: Document) -> Outcome:
        return Outcome(message, unit, doc, frozenset(self._confirmed))

    # -- reading ---------------------------------------------------------------------------

    def document(self) -> Document:
        """The document as edited so far (read again whenever any of its files was replaced)."""
        key = self._files_key()
        if self._loaded is not None and self._loaded[0] == key:
            return self._loaded[1]
        self.corpus.reload(self.doc_id)
        doc = self.corpus.get(self.doc_id)
        self._loaded = (key, doc)
        return doc

    def _files_key(self) -> tuple:
        """Which files the document and its edits are now: an atomic write makes a new inode,
        so another process's edit is never mistaken for the version in memory."""
        files = []
        for folder in dict.fromkeys([self.folder, self.store]):
            try:
                for path in sorted(folder.iterdir()):
                    info = path.stat()
                    files.append((str(path), info.st_ino, info.st_mtime_ns, info.st_size))
            except OSError:  # missing or not a folder: loading (or saving) will say so
                continue
        return tuple(files)

    def confirmed(self, doc: Document | None = None) -> set[str]:
        """Ids of the confirmed units (ids the document no longer has are dropped)."""
        doc = doc or self.document()
        path = self.store / CONFIRMED
        try:
            lines = path.read_text(encoding="utf-8").split("\n") if path.is_file() else []
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{path}: cannot read the confirmed units ({exc})") from None
        return {line for line in lines if line in doc.unit_index}

    def _journal(self) -> list[dict[str, Any]]:
        path = self.store / JOURNAL
        if not path.is_file():
            return []
        entries = []
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{path}: cannot read the edit history ({exc})") from None
        for number, line in enumerate(lines, start=1):
            try:
                entry = json.loads(line)
                if not isinstance(entry, dict) or "op" not in entry or "state" not in entry:
                    raise ValueError
            except ValueError:
                raise UserError(
                    f"{path}:{number}: damaged edit history; move the file away to keep editing"
                    " (the edits themselves are in the .align files)"
                ) from None
            entries.append(entry)
        return entries

    @staticmethod
    def _stacks(entries: list[dict[str, Any]]) -> tuple[list[int], list[int]]:
        """Positions of the edits that can be undone and of those that can be redone."""
        done: list[int] = []
        undone: list[int] = []
        for position, entry in enumerate(entries):
            op = entry["op"]
            if op == "undo" and done:
                undone.append(done.pop())
            elif op == "redo" and undone:
                done.append(undone.pop())
            elif op == "rebase":
                done, undone = [], []
            elif op not in ("undo", "redo"):
                done.append(position)
                undone.clear()
        return done, undone

    def history(self) -> tuple[int, int]:
        """How many edits can be undone and redone."""
        done, undone = self._stacks(self._journal())
        return len(done), len(undone)

    def _begin(self) -> tuple[Document, set[str], list[dict[str, Any]]]:
        self.notice = ""
        doc = self.document()
        confirmed = self._confirmed = self.confirmed(doc)
        entries = self._journal()
        if entries and entries[-1]["state"] != state_digest(doc.alignments, confirmed):
            self.notice = (
                "the alignment was changed outside the editor; earlier edits can no longer be undone"
            )
            entries.append(self._append({"op": "rebase"}, doc.alignments, confirmed, entries))
        return doc, confirmed, entries

    # -- writing ---------------------------------------------------------------------------

    def _append(
        self, entry: dict[str, Any], alignments: dict[str, list[Bead]], confirmed: set[str], entries: list
    ) -> dict[str, Any]:
        entry = {**entry, "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        entry["state"] = state_digest(alignments, confirmed)
        path = self.store / JOURNAL
        text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in [*entries, entry])
        try:
            atomic.write_text(path, text)
        except OSError as exc:
            raise storage_error(exc, "saving the edit history", path) from None
        return entry

    def _save(self, doc: Document, alignments: dict[str, list[Bead]], confirmed: set[str]) -> None:
        """Write the changed `.align` files and the confirmed list, atomically each."""
        writes: list[tuple[Path, str]] = []
        if self.bundled and not (self.store / OVERLAY_BASE).is_file():
            writes.append((self.store / OVERLAY_BASE, text_digest(self.folder) + "\n"))
        for lang, beads in alignments.items():
            if beads == doc.alignments[lang] and (
                not self.bundled or (self.store / f"{lang}.align").is_file()
            ):
                continue
            n_src, n_tgt = len(doc.original.sentences), len(doc.versions[lang].sentences)
            if not _covers(beads, n_src, n_tgt):  # never write what would not load
                raise EditError(f"this edit would leave the {lang} alignment broken; nothing was saved")
            writes.append((self.store / f"{lang}.align", render_beads(beads)))
        if confirmed != self._confirmed:  # most edits leave the confirmations as they were
            writes.append((self.store / CONFIRMED, "".join(f"{unit}\n" for unit in sorted(confirmed))))
        for path, text in writes:
            try:
                atomic.write_text(path, text)
            except OSError as exc:
                raise storage_error(exc, "saving the alignment edit", path) from None
        self.corpus.reload(self.doc_id)

    def _commit(
        self,
        op: dict[str, Any],
        doc: Document,
        confirmed: set[str],
        entries: list[dict[str, Any]],
        alignments: dict[str, list[Bead]],
        new_confirmed: set[str],
    ) -> Document:
        changes = {
            lang: splice
            for lang in alignments
            if (splice := _splice(doc.alignments[lang], alignments[lang])) is not None
        }
        removed, added = sorted(confirmed - new_confirmed), sorted(new_confirmed - confirmed)
        if not changes and not removed and not added:
            raise EditError("nothing to change")
        self._save(doc, alignments, new_confirmed)
        self._confirmed = new_confirmed
        self._append(
            {**op, "changes": changes, "confirmed": [removed, added]}, alignments, new_confirmed, entries
        )
        edited = replace(doc, alignments=alignments)
        self._loaded = (self._files_key(), edited)
        return edited

    # -- edits -----------------------------------------------------------------------------

    @staticmethod
    def _index(doc: Document, unit_id: str) -> int:
        index = doc.unit_index.get(unit_id)
        if index is None:
            holder = doc.resolve(unit_id)
            where = f" (it is now part of {doc.units[holder].id})" if holder is not None else ""
            raise EditError(f"document {doc.id!r} has no unit {unit_id!r}{where}")
        return index

    def _rows_edit(
        self, op: dict[str, Any], change: Callable[[Document, list[Row], int], list[Row]]
    ) -> tuple[Document, Document, int]:
        doc, confirmed, entries = self._begin()
        index = self._index(doc, op["unit"])
        new_rows = change(doc, ops.rows_of(doc), index)
        edited = replace(doc, alignments=ops.alignments_of(new_rows))
        # a confirmation stays only on units whose sentences did not change
        kept = {
            unit
            for unit in confirmed
            if unit in edited.unit_index
            and edited.units[edited.unit_index[unit]].sentences == doc.units[doc.unit_index[unit]].sentences
        }
        return doc, self._commit(op, doc, confirmed, entries, edited.alignments, kept), index

    def merge(self, unit_id: str) -> Outcome:
        """Merge a unit with the next one (all languages); the merged unit keeps the first id."""
        old, doc, index = self._rows_edit({"op": "merge", "unit": unit_id}, lambda d, r, i: ops.merge(r, i))
        merged_in = old.units[index + 1].id
        return self._outcome(f"merged {merged_in} into {unit_id}", unit_id, doc)

    def split(self, unit_id: str, at: dict[str, int] | None = None) -> Outcome:
        """Split a unit in two; `at[lang]` sentences of each language stay in the first part
        (by default 1:1 from the top). The second part gets a new id."""
        at = dict(at or {})
        _, doc, index = self._rows_edit(
            {"op": "split", "unit": unit_id, "at": at},
            lambda d, r, i: ops.split(r, i, at, d.original_language),
        )
        return self._outcome(f"split {unit_id}: the new unit is {doc.units[index + 1].id}", unit_id, doc)

    def shift(self, unit_id: str, lang: str) -> Outcome:
        """Move the unit's first `lang` sentence to the end of the previous unit."""
        _, doc, index = self._rows_edit(
            {"op": "shift", "unit": unit_id, "lang": lang},
            lambda d, r, i: ops.shift(r, i, lang, d.original_language),
        )
        unit = doc.units[index].id
        return self._outcome(
            f"moved the first {lang} sentence of {unit_id} up to {doc.units[index - 1].id}", unit, doc
        )

    def pop(self, unit_id: str, lang: str) -> Outcome:
        """Move the unit's last `lang` sentence to the start of the next unit."""
        _, doc, index = self._rows_edit(
            {"op": "pop", "unit": unit_id, "lang": lang},
            lambda d, r, i: ops.pop(r, i, lang, d.original_language),
        )
        unit = doc.units[index].id
        return self._outcome(
            f"moved the last {lang} sentence of {unit_id} down to {doc.units[index + 1].id}", unit, doc
        )

    def confirm(self, unit_id: str, on: bool | None = None) -> Outcome:
        """Mark a unit confirmed (or not; by default toggle)."""
        doc, confirmed, entries = self._begin()
        self._index(doc, unit_id)
        on = unit_id not in confirmed if on is None else on
        new = confirmed | {unit_id} if on else confirmed - {unit_id}
        if new == confirmed:
            return self._outcome(f"{unit_id} is already {'confirmed' if on else 'unconfirmed'}", unit_id, doc)
        op = {"op": "confirm" if on else "unconfirm", "unit": unit_id}
        doc = self._commit(op, doc, confirmed, entries, doc.alignments, new)
        return self._outcome(f"{'confirmed' if on else 'unconfirmed'} {unit_id}", unit_id, doc)

    def realign(self, unit_id: str) -> Outcome:
        """Re-align the units between the nearest confirmed units above and below this one."""
        doc, confirmed, entries = self._begin()
        index = self._index(doc, unit_id)
        rows = ops.rows_of(doc)
        lo, hi = ops.stretch([unit.id in confirmed for unit in doc.units], index)
        edited = replace(doc, alignments=ops.alignments_of(ops.realign(doc, rows, lo, hi)))
        span = f"{doc.units[lo].id}–{doc.units[hi].id}" if hi > lo else doc.units[lo].id
        if edited.alignments == doc.alignments:
            return self._outcome(
                f"re-aligned {span}: the aligner agrees with the current alignment", unit_id, doc
            )
        op = {"op": "realign", "unit": unit_id, "from": doc.units[lo].id, "to": doc.units[hi].id}
        doc = self._commit(op, doc, confirmed, entries, edited.alignments, confirmed)
        return self._outcome(f"re-aligned {span}", doc.units[lo].id, doc)

    # -- history ---------------------------------------------------------------------------

    def undo(self) -> Outcome:
        return self._step(undo=True)

    def redo(self) -> Outcome:
        return self._step(undo=False)

    def _step(self, undo: bool) -> Outcome:
        doc, confirmed, entries = self._begin()
        done, undone = self._stacks(entries)
        stack = done if undo else undone
        if not stack:
            raise EditError(f"nothing to {'undo' if undo else 'redo'}")
        position = stack[-1]
        entry = entries[position]
        alignments = {lang: list(beads) for lang, beads in doc.alignments.items()}
        try:
            for lang, (start, old, new) in entry.get("changes", {}).items():
                remove, insert = (_beads(new), _beads(old)) if undo else (_beads(old), _beads(new))
                if alignments[lang][start : start + len(remove)] != remove:
                    raise EditError(
                        f"the {lang} alignment no longer matches the edit history;"
                        f" cannot {'undo' if undo else 'redo'}"
                    )
                alignments[lang][start : start + len(remove)] = insert
            removed, added = entry.get("confirmed", [[], []])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise EditError(
                f"{self.store / JOURNAL}:{position + 1}: damaged edit history; move the file away to keep editing"
            ) from None
        new_confirmed = (
            (confirmed - set(added)) | set(removed) if undo else (confirmed - set(removed)) | set(added)
        )
        self._save(doc, alignments, new_confirmed)
        self._confirmed = new_confirmed
        self._append({"op": "undo" if undo else "redo", "of": position}, alignments, new_confirmed, entries)
        edited = replace(doc, alignments=alignments)
        self._loaded = (self._files_key(), edited)
        what = f"{entry['op']} of {entry['unit']}" if "unit" in entry else entry["op"]
        index = edited.resolve(entry.get("unit", ""))
        unit = edited.units[index].id if index is not None else ""
        return self._outcome(f"{'undid' if undo else 'redid'} the {what}", unit, edited)
