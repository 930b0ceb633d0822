"""The core objects the app's screens share: corpus, saved state, bookmark store, search engine.

Created by the app and reached from any screen as `self.services` (screens/base.py), so that
screens call typed methods instead of reaching into the App. The store and the engine are made
on first use: whoosh, jieba and pyvi are never imported on the way to the first screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.corpus import Corpus
from reader.state import AppState, read_state

if TYPE_CHECKING:
    from reader.bookmarks import Bookmark, BookmarkStore
    from reader.search.engine import SearchEngine


class Services:
    def __init__(self, corpus: Corpus | None = None, state: AppState | None = None) -> None:
        self.corpus = corpus or Corpus()
        self.state, self.state_warning = (state, "") if state else read_state()
        self._store: BookmarkStore | None = None
        self._engine: SearchEngine | None = None
        self.store_warning = ""  # set once when the store had to be set aside
        self.removed: Bookmark | None = None  # the last removed bookmark, while ctrl+z can restore it
        self.removed_at = 0.0

    @property
    def bookmarks(self) -> BookmarkStore:
        if self._store is None:
            from reader.bookmarks import BookmarkStore

            self._store = BookmarkStore()
            self.store_warning = self._store.warning
        return self._store

    @property
    def search_engine(self) -> SearchEngine:
        if self._engine is None:
            from reader.search import SearchEngine

            self._engine = SearchEngine(self.corpus)
        return self._engine

    def bookmark_counts(self) -> dict[str, int]:
        """Bookmarks per document; empty when the store cannot be read (reading goes on)."""
        try:
            return self.bookmarks.counts()
        except Exception:
            return {}

    def bookmarked_units(self, doc_id: str) -> set[str]:
        try:
            return self.bookmarks.units(doc_id)
        except Exception:
            return set()
