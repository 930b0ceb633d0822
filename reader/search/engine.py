"""Search over aligned units: one searcher kept open, healing, ranking and counting.

Direct matches (zh bigrams, vi folded and exact syllables, en stems) rank above matches through
readings (Hán-Việt, pinyin: `crossscript`); each hit says which way it matched. Any input gives
results or a message, never an exception (`query` reads the input, `hits` builds each hit). An
index that fails while being read is rebuilt and the search answered from the new one; the
results then carry a `notice` saying so, once.
"""

from __future__ import annotations

import threading
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from reader.corpus import Corpus
from reader.errors import UserError
from reader.paths import cache_dir
from reader.search import crossscript
from reader.search.hits import Hit, build_hit
from reader.search.index import IndexManager, Progress
from reader.search.query import QueryError, clean, parse_filters, user_query, with_filters

TIME_LIMIT = 0.02  # the first page never waits for scoring every match; counts become estimates
COUNT_LIMIT = 0.01  # an exact count after the first page, when it is this quick


@dataclass
class SearchResults:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    estimated: bool = False
    message: str = ""  # why there are no results (a bad query, an unusable index)
    notice: str = ""  # something the user should know besides the results (index rebuilt)


class SearchEngine:
    def __init__(self, corpus: Corpus, index_dir: Path | None = None):
        self.corpus = corpus
        self.manager = IndexManager(corpus, index_dir or cache_dir() / "index")
        self._lock = threading.Lock()
        self._index = None
        self._searcher = None
        self._present: frozenset[str] | None = None

    def ensure_index(self, progress: Progress | None = None) -> str:
        with self._lock:
            message = self.manager.ensure(progress)
            self._close()
            return message

    def warm(self) -> None:
        """Load the reading tables and find which of their characters the index has, so the
        first cross-script query does not wait for them."""
        with self._lock:
            try:
                self._present_characters(self._get_searcher().reader())
            except Exception:  # no usable index yet: the first search builds it, and this set
                self._close()

    def _close(self) -> None:
        if self._searcher is not None:
            with suppress(Exception):  # a damaged index may fail even to close
                self._searcher.close()
        self._searcher = None
        self._index = None
        self._present = None

    def _get_searcher(self):
        if self._searcher is None:
            index = self.manager.open()
            self._index, self._searcher = index, index.searcher()
        else:
            searcher = self._searcher.refresh()
            if searcher is not self._searcher:
                self._present = None  # the index changed
            self._searcher = searcher
        return self._searcher

    def _present_characters(self, reader) -> frozenset[str]:
        """The characters with readings that occur in the index (found once per index version:
        checking them per query cost more than the search itself on a segmented index)."""
        if self._present is None:
            self._present = frozenset(ch for ch in crossscript.common_characters() if ("zh", ch) in reader)
        return self._present

    def search(
        self, query: str, lang: str | None = None, doc: str | None = None, limit: int = 20
    ) -> SearchResults:
        """Never raises: problems come back as `SearchResults.message`."""
        try:
            text = clean(query)
        except QueryError as exc:
            return SearchResults(message=str(exc))
        limit = max(1, min(int(limit), 10000))
        with self._lock:
            try:
                return self._search(self._get_searcher(), text, lang, doc, limit)
            except QueryError as exc:
                return SearchResults(message=str(exc))
            except UserError as exc:
                return SearchResults(message=str(exc))
            except Exception:  # reading the index failed: it is damaged; rebuild it and answer
                self._close()
            try:
                notice = self.manager.ensure(None, damaged=True)
                results = self._search(self._get_searcher(), text, lang, doc, limit)
                results.notice = notice
                return results
            except (QueryError, UserError) as exc:
                return SearchResults(message=str(exc))
            except Exception as exc:
                self._close()
                return SearchResults(message=f"Search failed even on a rebuilt index: {_one_line(exc)}")

    def _search(self, searcher, text: str, lang: str | None, doc: str | None, limit: int) -> SearchResults:
        from whoosh.collectors import TimeLimit

        parsed = parse_filters(text, lang, doc)
        if parsed.errors:
            return SearchResults(message="; ".join(parsed.errors))
        if not parsed.text.strip():
            return SearchResults(message="Type some words to search for (filters alone match nothing).")
        query = user_query(parsed, searcher, lambda: self._present_characters(searcher.reader()))
        if query is None:
            return SearchResults(message="Nothing to search for in that query.")
        final = with_filters(query, parsed, searcher.schema)
        collector = searcher.collector(limit=limit, terms=True)
        timed = _time_limited(collector, TIME_LIMIT)
        estimated = False
        try:
            searcher.search_with_collector(final, timed)
        except TimeLimit:
            estimated = True
        results = collector.results()
        hits = [
            build_hit(found.fields(), float(found.score or 0.0), found.matched_terms() or [], parsed)
            for found in results
        ]
        if not estimated and len(hits) < limit:
            total = results.scored_length()  # fewer than a page: every match was scored
        else:
            exact = None if estimated else _count(searcher, final)
            total = results.estimated_length() if exact is None else exact
            estimated = exact is None
        return SearchResults(hits=hits, total=max(total, len(hits)), estimated=estimated)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _count(searcher, query) -> int | None:
    """The exact number of matching units, or None when counting would take too long."""
    from whoosh.collectors import TimeLimit

    counter = searcher.collector(scored=False)
    try:
        searcher.search_with_collector(query, _time_limited(counter, COUNT_LIMIT))
    except TimeLimit:
        return None
    return len(counter.results())


def _time_limited(collector, seconds: float):
    from whoosh.collectors import TimeLimitCollector

    return TimeLimitCollector(collector, timelimit=seconds, use_alarm=False)
