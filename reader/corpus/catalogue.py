"""The catalogue: the bundled documents plus the user's imported ones, found by id.

One broken document never hides the others: listing skips a folder whose meta.toml is missing,
unreadable or invalid, and `skipped` says which and why, one line each, for the CLI and the app
to show (never a silent gap in the library).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from reader.corpus.format import CorpusError, DocumentInfo, load_document, read_meta, recover
from reader.model import Document
from reader.paths import bundled_corpus_dir, overlay_dir, user_corpus_dir


class Corpus:
    """The bundled documents plus the user's imported ones."""

    def __init__(
        self,
        bundled_root: Path | None = None,
        user_root: Path | None = None,
        overlay_root: Path | None = None,
    ):
        self.bundled_root = bundled_root or bundled_corpus_dir()
        self.user_root = user_root or user_corpus_dir()
        self.overlay_root = overlay_root or overlay_dir()
        self._cache: dict[str, Document] = {}
        self.skipped: dict[Path, str] = {}  # folder → why it was left out of the last listing
        recover(self.user_root)

    def _folders(self) -> Iterator[tuple[Path, bool]]:
        for root, bundled in ((self.bundled_root, True), (self.user_root, False)):
            try:
                folders = sorted(root.iterdir()) if root.is_dir() else []
            except OSError as exc:
                self.skipped[root] = f"{root}: cannot be read ({exc.strerror or exc})"
                continue
            for folder in folders:
                if folder.is_dir() and not folder.name.startswith("."):
                    yield folder, bundled

    def infos(self) -> list[DocumentInfo]:
        """Every readable document's metadata, bundled first, each group sorted by id; each
        folder left out is in `skipped` (see `warnings`)."""
        self.skipped.clear()
        found = []
        for folder, bundled in self._folders():
            try:
                found.append(read_meta(folder, bundled))
            except CorpusError as exc:
                self.skipped[folder] = str(exc)
            except OSError as exc:
                self.skipped[folder] = f"{folder / 'meta.toml'}: cannot be read ({exc.strerror or exc})"
        return found

    def warnings(self) -> list[str]:
        """One line per document left out of the last listing, naming the file at fault."""
        return [f"skipped a document: {why}" for why in self.skipped.values()]

    def ids(self) -> list[str]:
        return [folder.name for folder, _ in self._folders()]

    def folder(self, doc_id: str) -> tuple[Path, bool] | None:
        for folder, bundled in self._folders():
            if folder.name == doc_id:
                return folder, bundled
        return None

    def folders(self) -> dict[str, Path]:
        """Every document's folder by id, listed once (a bundled id shadows a user one)."""
        found: dict[str, Path] = {}
        for folder, _ in self._folders():
            found.setdefault(folder.name, folder)
        return found

    def get(self, doc_id: str) -> Document:
        """Load a document by id (with its alignment edits); `KeyError` when there is none,
        `CorpusError` when malformed."""
        if doc_id not in self._cache:
            found = self.folder(doc_id)
            if not found:
                raise KeyError(doc_id)
            folder, bundled = found
            self._cache[doc_id] = load_document(
                folder, bundled, self.overlay_root / doc_id if bundled else None
            )
        return self._cache[doc_id]

    def stamp(self) -> tuple:
        """What changes when a document of the user's library is added, removed, replaced or its
        files rewritten, by any process: each folder's name and mtime (cheap: one scandir)."""
        try:
            with os.scandir(self.user_root) as entries:
                return tuple(
                    sorted((e.name, e.stat().st_mtime_ns) for e in entries if not e.name.startswith("."))
                )
        except OSError:
            return ()

    def reload(self, doc_id: str | None = None) -> None:
        """Forget loaded documents (after an import, removal or edit changed the files)."""
        if doc_id is None:
            self._cache.clear()
        else:
            self._cache.pop(doc_id, None)

    def documents(self) -> Iterator[Document]:
        """Every document that loads; each that does not is in `skipped` (see `warnings`)."""
        self.skipped.clear()
        for doc_id in self.ids():
            try:
                yield self.get(doc_id)
            except CorpusError as exc:
                found = self.folder(doc_id)
                self.skipped[found[0] if found else Path(doc_id)] = str(exc)
            except OSError as exc:
                self.skipped[Path(doc_id)] = f"{doc_id}: cannot be read ({exc.strerror or exc})"

    def check(self) -> list[str]:
        """Load every document; return one error line per broken document."""
        errors = []
        seen: dict[str, Path] = {}
        for folder, bundled in self._folders():
            if folder.name in seen:
                errors.append(f"{folder}: id clashes with {seen[folder.name]}")
                continue
            seen[folder.name] = folder
            try:
                doc = load_document(folder, bundled)
                _ = doc.units
            except CorpusError as exc:
                errors.append(str(exc))
        return errors
