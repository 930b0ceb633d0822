"""Exact top-N ranking without Whoosh's per-document collector.

Whoosh scores a match through a tree of matcher objects, one Python call chain per posting
(~12 µs each here); block-max skipping barely helps on sentence-sized units, whose scores are
all alike, so `the` at 100k units took 1.4 s for its top 20. The queries the search box makes
are terms, unions, intersections, exclusions and phrases; this module scores those a posting
block at a time (term at a time) with Whoosh's own BM25F arithmetic, global statistics and
length bytes, then takes the exact top N of every match: same scores, same order (score, then
document number), and an exact count for free. Any other query shape raises `Unsupported` and
the caller uses Whoosh's collector.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from operator import add, mul
from typing import Any

_TIMES_256 = partial(mul, 256)


class Unsupported(Exception):
    """A query shape (or index layout) this ranker does not score: use Whoosh's collector."""


@dataclass
class Ranked:
    top: list[tuple[int, float]]  # (document number, score), best first
    total: int
    matched: dict[int, list[tuple[str, bytes]]]  # for each top document, the terms it matched


class _Leaf:
    """A term or phrase: its matching documents, for the matched terms of a hit."""

    def __init__(self, terms: list[tuple[str, bytes]], docs):
        self.terms = terms
        self.docs = docs


class Ranker:
    def __init__(self, searcher):
        from whoosh.scoring import BM25F

        weighting = searcher.weighting
        if type(weighting) is not BM25F:
            raise Unsupported("weighting")
        self.searcher = searcher
        self.weighting = weighting
        self.segments = searcher.subsearchers or [(searcher, 0)]
        self._lengths: dict[tuple[int, str], bytes] = {}
        self._terms: dict[tuple[str, bytes, bool, float], tuple[dict[int, float], dict[int, bytes]]] = {}
        self._leaves: list[_Leaf] = []

    def rank(self, query, allowed: set[int] | None, limit: int) -> Ranked:
        self._leaves = []
        scores = self._eval(query)
        if allowed is not None:
            scores = {doc: score for doc, score in scores.items() if doc in allowed}
        candidates: Iterable[tuple[int, float]] = scores.items()
        if len(scores) > limit:  # only scores at or above the limit-th best can be in the top
            cutoff = sorted(scores.values(), reverse=True)[limit - 1]
            candidates = [(doc, score) for doc, score in candidates if score >= cutoff]
        top = sorted(candidates, key=lambda item: (-item[1], item[0]))[:limit]
        matched = {
            doc: [term for leaf in self._leaves if doc in leaf.docs for term in leaf.terms] for doc, _ in top
        }
        return Ranked(top=top, total=len(scores), matched=matched)

    # -- query tree ------------------------------------------------------------------------

    def _eval(self, query) -> dict[int, float]:
        from whoosh import query as Q

        kind = type(query)
        if query is Q.NullQuery:
            return {}
        if kind is Q.Term:
            scores, _ = self._term(query.fieldname, query.text, positions=False, boost=query.boost)
            self._leaves.append(_Leaf([(query.fieldname, self._bytes(query.fieldname, query.text))], scores))
            return scores
        if kind is Q.Phrase:
            return _boosted(self._phrase(query), query.boost)
        if kind is Q.Or and not query.minmatch and query.scale is None:
            parts = sorted((self._eval(sub) for sub in query.subqueries), key=len, reverse=True)
            total: dict[int, float] = dict(parts[0]) if parts else {}
            get = total.get
            for part in parts[1:]:
                for doc, score in part.items():
                    total[doc] = get(doc, 0.0) + score
            return _boosted(total, query.boost)
        if kind is Q.And:
            # Whoosh matches a Not inside an And as "every other document", scoring 1.0.
            nots = [sub for sub in query.subqueries if type(sub) is Q.Not]
            parts = sorted((self._eval(sub) for sub in query.subqueries if type(sub) is not Q.Not), key=len)
            if not parts:
                raise Unsupported("only negations")
            first, rest = parts[0], parts[1:]
            both = {doc: score for doc, score in first.items() if all(doc in part for part in rest)}
            for part in rest:
                for doc in both:
                    both[doc] += part[doc]
            for negation in nots:
                excluded = self._eval(negation.query)
                both = {doc: score + 1.0 for doc, score in both.items() if doc not in excluded}
            return _boosted(both, query.boost)
        if kind is Q.AndNot:
            positive, negative = self._eval(query.a), self._eval(query.b)
            return _boosted({d: s for d, s in positive.items() if d not in negative}, query.boost)
        raise Unsupported(kind.__name__)

    def _phrase(self, query) -> dict[int, float]:
        if query.slop != 1 or not query.words:
            raise Unsupported("phrase slop")
        field = query.fieldname
        terms = [self._term(field, word, positions=True) for word in query.words]
        if any(not scores for scores, _ in terms):
            return {}
        fmt = self.searcher.schema[field].format
        smallest = min((scores for scores, _ in terms), key=len)
        found: dict[int, float] = {}
        for doc in smallest:
            if not all(doc in scores for scores, _ in terms):
                continue
            positions = [set(fmt.decode_positions(values[doc])) for _, values in terms]
            if any(all(start + i in positions[i] for i in range(1, len(terms))) for start in positions[0]):
                found[doc] = sum(scores[doc] for scores, _ in terms)
        self._leaves.append(_Leaf([(field, self._bytes(field, word)) for word in query.words], found))
        return found

    def documents(self, query) -> set[int]:
        """The live documents matching a filter (terms, term and numeric ranges, and their unions
        and intersections), read as posting ids without scoring."""
        from whoosh import query as Q

        kind = type(query)
        if kind is Q.And:
            parts = sorted((self.documents(sub) for sub in query.subqueries), key=len)
            return set.intersection(*parts) if parts else set()
        if kind is Q.Term:
            return self._ids(query.fieldname, [self._bytes(query.fieldname, query.text)])
        if kind is Q.Or:
            return set().union(*(self.documents(sub) for sub in query.subqueries))
        if kind is Q.ConstantScoreQuery:
            return self.documents(query.child)
        if kind is Q.NumericRange:  # an Or of term ranges over the trie levels
            return self.documents(query._compile_query(self.searcher.reader()))
        if kind is Q.TermRange:
            return self._ids(query.fieldname, list(query._btexts(self.searcher.reader())))
        raise Unsupported(kind.__name__)

    def _ids(self, field: str, btexts: list[bytes]) -> set[int]:
        found: set[int] = set()
        for sub, offset in self.segments:
            reader = sub.reader()
            for btext in btexts:
                postings = _postings(reader, field, btext)
                if postings is None:
                    continue
                matcher, deleted = postings
                while not matcher._atend:
                    matcher._read_data()
                    raw = matcher._data[0]
                    ids = raw if matcher._byteids else accumulate(raw)
                    found.update(map(partial(add, offset), ids) if offset else ids)
                    matcher._next_block()
                found.difference_update(doc + offset for doc in deleted)
        return found

    # -- postings --------------------------------------------------------------------------

    def _bytes(self, field: str, text) -> bytes:
        return text if isinstance(text, bytes) else self.searcher.schema[field].to_bytes(text)

    def _term(
        self, field: str, text, positions: bool, boost: float = 1.0
    ) -> tuple[dict[int, float], dict[int, bytes]]:
        """BM25F score (times `boost`) of every live document with the term, and its encoded
        positions when asked, exactly as Whoosh's `BM25FScorer` computes it; a block at a time,
        with a score table per weight (the only per-posting inputs are weight and length byte)."""
        from whoosh.util.numeric import byte_to_length

        btext = self._bytes(field, text)
        key = (field, btext, positions, boost)
        if key in self._terms:
            return self._terms[key]
        if field not in self.searcher.schema or not self.searcher.schema[field].scorable:
            raise Unsupported("unscorable field")
        scores: dict[int, float] = {}
        values: dict[int, bytes] = {}
        if (field, btext) in self.searcher.reader():
            weighting = self.weighting
            idf = self.searcher.idf(field, btext)
            avgfl = self.searcher.avg_field_length(field) or 1
            B = weighting._field_B.get(field, weighting.B)
            K1 = weighting.K1
            K1p1 = K1 + 1
            norms = [K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256)]
            tables: dict[float, list[float]] = {}
            flat: list[float] = []  # flat[w * 256 + length byte] for whole-number weights w

            def table(w: float) -> list[float]:
                found = tables.get(w)
                if found is None:
                    found = tables[w] = [idf * ((w * K1p1) / (w + norm)) * boost for norm in norms]
                return found

            for number, (sub, offset) in enumerate(self.segments):
                reader = sub.reader()
                postings = _postings(reader, field, btext)
                if postings is None:
                    continue
                matcher, deleted = postings
                length_of = self._segment_lengths(number, reader, field).__getitem__
                while not matcher._atend:
                    matcher._read_data()
                    raw_ids, weights, block_values = matcher._data
                    ids = list(raw_ids) if matcher._byteids else list(accumulate(raw_ids))
                    docs = [doc + offset for doc in ids] if offset else ids
                    if weights is None or isinstance(weights, float):  # one weight for the block
                        constant = table(1.0 if weights is None else array("f", [weights])[0])
                        scores.update(zip(docs, map(constant.__getitem__, map(length_of, ids)), strict=True))
                    elif sum(map(int, weights)) == sum(weights):  # whole counts: one flat table
                        top = int(max(weights))
                        while len(flat) < (top + 1) * 256:
                            flat.extend(table(float(len(flat) // 256)))
                        index = map(add, map(_TIMES_256, map(int, weights)), map(length_of, ids))
                        scores.update(zip(docs, map(flat.__getitem__, index), strict=True))
                    else:
                        pairs = map(lambda w, n: table(w)[n], weights, map(length_of, ids))
                        scores.update(zip(docs, pairs, strict=True))
                    if positions:
                        values.update(zip(docs, block_values, strict=True))
                    matcher._next_block()
                for doc in deleted:
                    scores.pop(doc + offset, None)
        self._terms[key] = (scores, values)
        return scores, values

    def _segment_lengths(self, number: int, reader, field: str) -> bytes:
        """The segment's length byte of `field` for every document, read once."""
        key = (number, field)
        if key not in self._lengths:
            try:
                from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

                column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
                data = b"" if column is None else column._dbfile.get(column._basepos, column._count)
            except AttributeError as exc:
                raise Unsupported("length column") from exc
            missing = reader.doc_count_all() - len(data)
            self._lengths[key] = bytes(data) + bytes(max(0, missing))
        return self._lengths[key]


def _boosted(scores: dict[int, float], boost: float) -> dict[int, float]:
    if boost == 1.0:
        return scores
    return {doc: score * boost for doc, score in scores.items()}


def _postings(reader: Any, field: str, btext: bytes) -> tuple[Any, frozenset[int]] | None:
    """A term's raw block matcher in one segment and the segment's deleted units; None when the
    segment lacks the term. `Unsupported` for a posting format scored the slow way."""
    from whoosh.matching.wrappers import FilterMatcher

    if (field, btext) not in reader:
        return None
    matcher = reader.postings(field, btext)
    deleted: frozenset[int] = frozenset()
    if isinstance(matcher, FilterMatcher):
        deleted, matcher = reader.deleted_docs_set, matcher.child
    if not hasattr(matcher, "_read_data"):
        raise Unsupported("posting format")
    return matcher, deleted
