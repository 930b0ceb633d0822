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
from typing import Any

from reader.corpus import Corpus
from reader.errors import UserError
from reader.paths import cache_dir
from reader.search import crossscript
from reader.search.glossary import glossary_names
from reader.search.hits import Hit, build_hit
from reader.search.index import IndexManager, Progress
from reader.search.query import QueryError, clean, parse_filters, user_query, with_filters
from reader.search.ranking import Ranked, Ranker, Unsupported


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
        self._index: Any = None
        self._searcher: Any = None
        self._known: dict[str, bool] = {}  # zh terms looked up in the current index
        self._healed = False  # a search found the index damaged and rebuilt it

    def ensure_index(self, progress: Progress | None = None) -> str:
        with self._lock:
            message = self.manager.ensure(progress)
            self._close()
            self._healed = False
            return message

    def warm(self) -> None:
        """Open the index and load the reading tables, so the first query does not wait for them."""
        with self._lock:
            crossscript.reading_table()
            try:
                self._get_searcher()
            except Exception:  # no usable index yet: the first search builds it
                self._close()

    def _close(self) -> None:
        if self._searcher is not None:
            with suppress(Exception):  # a damaged index may fail even to close
                self._searcher.close()
        self._searcher = None
        self._index = None
        self._known = {}

    def _get_searcher(self):
        if self._searcher is None:
            index = self.manager.open()
            self._index, self._searcher = index, index.searcher()
        else:
            searcher = self._searcher.refresh()
            if searcher is not self._searcher:
                self._known = {}  # the index changed
            self._searcher = searcher
        return self._searcher

    def _exists(self, term: str) -> bool:
        """Whether the zh field has `term` (remembered until the index changes)."""
        known = self._known.get(term)
        if known is None:
            known = self._known[term] = ("zh", term) in self._searcher.reader()
        return known

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
            except Exception as exc:  # reading the index failed: it is damaged; rebuild it and answer
                self._close()
                if self._healed:  # rebuilt already and failing still: say so, do not loop
                    return SearchResults(message=f"Search failed: {_one_line(exc)}")
            try:
                notice = self.manager.ensure(None, damaged=True)
                self._healed = True
                results = self._search(self._get_searcher(), text, lang, doc, limit)
                results.notice = " ".join(part for part in (notice, results.notice) if part)
                return results
            except (QueryError, UserError) as exc:
                return SearchResults(message=str(exc))
            except Exception as exc:
                self._close()
                return SearchResults(message=f"Search failed even on a rebuilt index: {_one_line(exc)}")

    def _search(self, searcher, text: str, lang: str | None, doc: str | None, limit: int) -> SearchResults:
        parsed = parse_filters(text, lang, doc)
        if parsed.errors:
            return SearchResults(message="; ".join(parsed.errors))
        if not parsed.text.strip():
            return SearchResults(message="Type some words to search for (filters alone match nothing).")
        query = user_query(parsed, searcher, self._exists)
        if query is None:
            return SearchResults(message="Nothing to search for in that query.")
        filters = with_filters(None, parsed, searcher.schema)
        ranked = _ranked(searcher, query, filters, limit)
        hits = [
            build_hit(searcher.stored_fields(doc), score, ranked.matched[doc], parsed)
            for doc, score in ranked.top
        ]
        names, trouble = glossary_names(parsed)
        if not names:
            return SearchResults(hits=hits, total=max(ranked.total, len(hits)), notice=trouble)
        # The query is a glossary name: its agreed forms in the other languages are searched as
        # phrases too, ranked with the direct matches, and marked "via glossary".
        from whoosh.query import And

        found = {docnum for docnum, _ in ranked.top}
        matching = set(searcher.docs_for_query(query if filters is None else And([query, filters])))
        scored = [(score, n, hit) for n, ((_, score), hit) in enumerate(zip(ranked.top, hits, strict=True))]
        for name in names:
            name_query = user_query(name, searcher, self._exists)
            if name_query is None:
                continue
            more = _ranked(searcher, name_query, filters, limit)
            matching.update(
                searcher.docs_for_query(name_query if filters is None else And([name_query, filters]))
            )
            for docnum, score in more.top:
                if docnum not in found:
                    found.add(docnum)
                    hit = build_hit(searcher.stored_fields(docnum), score, more.matched[docnum], name)
                    hit.via = "glossary"
                    scored.append((score, len(scored), hit))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return SearchResults(hits=[hit for _, _, hit in scored[:limit]], total=len(matching))


def _ranked(searcher, query, filters, limit: int) -> Ranked:
    """The exact top `limit` and the exact count: by `Ranker` for the usual query shapes, else by
    Whoosh's collector (the top N with block-quality skipping, then an unscored count)."""
    try:
        ranker = Ranker(searcher)
        return ranker.rank(query, None if filters is None else ranker.documents(filters), limit)
    except Unsupported:
        pass
    from whoosh.query import And

    final = query if filters is None else And([query, filters])
    collector = searcher.collector(limit=limit, terms=True)
    searcher.search_with_collector(final, collector)
    results = collector.results()
    top = [(found.docnum, float(found.score or 0.0)) for found in results]
    matched = {found.docnum: list(found.matched_terms() or []) for found in results}
    return Ranked(top=top, total=len(results), matched=matched)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
