"""Reading a query: filters (`lang:`, `doc:`, `date:`, `source:`), limits on what one query may
cost, and the Whoosh query over the direct fields plus cross-script readings.

Whatever is typed, the result is a Whoosh query or a `QueryError` with one line for the user:
Whoosh's parser fails on some inputs with internal errors ("list index out of range" for
`NOT NOT NOT`, a recursion error for 1,000 nested brackets), and long queries or wide wildcards
expand into so many terms that one search took 17 s. Query text is never markup: it is data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from reader.search import crossscript
from reader.search.index import date_number
from reader.text import fold, is_cjk, sanitize_line

FIELD_LANG = {"zh": "zh", "vi": "vi", "vi_exact": "vi", "en": "en"}
BOOSTS = {"zh": 2.0, "vi": 1.0, "vi_exact": 3.0, "en": 1.5}
READING_BOOST = 0.15  # with zh's 2.0, as the former reading fields' 0.3: below direct matches
DIRECT = ("zh", "vi", "vi_exact", "en")
MAX_CHARS = 300  # longer than any sentence one would search for
MAX_WORDS = 32
MAX_DEPTH = 8  # nested brackets
MAX_EXPANSION = 200  # words one wildcard, prefix, range or fuzzy word may stand for
MAX_EXPANDED_UNITS = 50_000  # and units all those words occur in (each costs ~20 µs to merge)
MAX_POSTINGS = 250_000  # a query's words' postings in all: `the` alone has 95,000 at 100k units
_FILTER = re.compile(r'(?<!\S)(lang|doc|date|source):("[^"]*"|\S+)', re.IGNORECASE)
_DATE_RANGE = re.compile(
    r"^(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)?(?:\.\.|–|—)?(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)?$"
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_OPERATOR = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")


class QueryError(ValueError):
    """A query that cannot be run, with one line saying why."""


@dataclass
class ParsedQuery:
    text: str
    langs: tuple[str, ...]
    doc: str | None = None
    date_range: tuple[int, int] | None = None
    source: str | None = None
    errors: list[str] = field(default_factory=list)
    readings: dict[str, str] = field(default_factory=dict)  # zh term → reading kind that gave it


def clean(query: str) -> str:
    """The query as one safe line (no lone surrogates, controls or escape sequences), or a
    `QueryError` when it is too long or too deeply nested to be a search."""
    query = sanitize_line(_SURROGATES.sub("", query)).strip()
    if len(query) > MAX_CHARS:
        raise QueryError(f"the query is {len(query):,} characters long; at most {MAX_CHARS} are searched")
    depth = deepest = 0
    for ch in query:
        depth += (ch == "(") - (ch == ")")
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise QueryError(f"the query nests brackets {deepest} deep; at most {MAX_DEPTH} levels")
    if len(query.split()) > MAX_WORDS:
        raise QueryError(f"the query has {len(query.split())} words; at most {MAX_WORDS} are searched")
    return query


def parse_filters(query: str, lang: str | None, doc: str | None) -> ParsedQuery:
    """Pull `lang:`, `doc:`, `date:` and `source:` filters out of the query text."""
    parsed = ParsedQuery(text="", langs=("zh", "vi", "en"), doc=doc)
    if lang:
        parsed.langs = (lang,) if lang in ("zh", "vi", "en") else ()
        if not parsed.langs:
            parsed.errors.append(f"unknown language {lang!r} (use zh, vi or en)")
    for match in _FILTER.finditer(query):
        key, value = match.group(1).lower(), match.group(2).strip('"')
        if key == "lang":
            if value in ("zh", "vi", "en"):
                parsed.langs = (value,)
            else:
                parsed.errors.append(f"lang:{value} is not zh, vi or en")
        elif key == "doc":
            parsed.doc = value
        elif key == "source":
            parsed.source = value
        elif key == "date":
            found = _DATE_RANGE.match(value)
            if not found or not (found.group(1) or found.group(2)):
                parsed.errors.append(
                    f"date:{value} is not YYYY, YYYY-MM, YYYY-MM-DD or a range like 2023..2024-06"
                )
                continue
            start, end = found.group(1), found.group(2)
            if ".." not in value and "–" not in value and "—" not in value:
                end = start
            low = date_number(start) if start else 0
            high = _upper(end) if end else 99991231
            parsed.date_range = (low, high)
    parsed.text = _FILTER.sub(" ", query).strip()
    return parsed


def _upper(date: str) -> int:
    parts = date.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 12
    day = int(parts[2]) if len(parts) > 2 else 31
    return year * 10000 + month * 100 + day


def typed_language(query: str) -> str | None:
    """The language a query is visibly written in: Han → zh, Vietnamese marks → vi, else None.
    A hit in that language is shown first ("Lạng Sơn" shows the Vietnamese match, not "Lang Son")."""
    if any(is_cjk(ch) for ch in query):
        return "zh"
    if fold(query) != query.lower():
        return "vi"
    return None


def user_query(parsed: ParsedQuery, searcher, exists):
    """The Whoosh query for the words typed (None when nothing searchable is left); `exists(term)`
    tells whether the zh field has a term, for cross-script expansion."""
    fields = [f for f in DIRECT if FIELD_LANG[f] in parsed.langs]
    if fold(parsed.text) == parsed.text.lower():
        fields = [f for f in fields if f != "vi_exact"]  # no marks typed: nothing to prefer
    query = _parse(parsed.text, searcher.schema, fields)
    if "zh" in parsed.langs:
        query = _with_readings(query, parsed, exists)
    if query is not None:
        _check_cost(query, searcher.reader())
    return query


def with_filters(query, parsed: ParsedQuery, schema):
    """`query` AND the filters; with `query` None, the filters alone (None when there are none)."""
    from whoosh import query as Q

    filters = []
    if parsed.doc:
        filters.append(Q.Term("doc", parsed.doc))
    if parsed.date_range:
        filters.append(Q.NumericRange("datenum", *parsed.date_range))
    if parsed.source:
        filters.extend(Q.Term("source", t.text) for t in schema["source"].analyzer(parsed.source))
    if query is None:
        return (Q.And(filters) if len(filters) > 1 else filters[0]) if filters else None
    return Q.And([query, *filters]) if filters else query


def _parse(text: str, schema, fields: list[str]):
    from whoosh.qparser import MultifieldParser, plugins
    from whoosh.query import NullQuery

    if not fields:
        return None
    parser = MultifieldParser(fields, schema, fieldboosts={f: BOOSTS[f] for f in fields})
    parser.remove_plugin_class(plugins.FieldsPlugin)  # field:value only through our filters
    parser.remove_plugin_class(plugins.BoostPlugin)
    try:
        parsed = parser.parse(text)
    except Exception:  # Whoosh's parser fails on some operator soups ("NOT NOT NOT")
        parsed = None
    if parsed is None and _OPERATOR.search(text):
        raise QueryError("could not read the AND/OR/NOT in that query; put words on both sides of them")
    if parsed is None or parsed is NullQuery:
        return None
    return parsed


def _check_cost(query, reader) -> None:
    """A wildcard, prefix, range or fuzzy word standing for too many words, or for words in too
    many units (each costs a posting list to merge), is refused with a message; so is `*` alone,
    and a query whose words are all so common that it would read over `MAX_POSTINGS` postings."""
    from whoosh.query import Every, MultiTerm, Phrase, Term

    words = sum(
        reader.doc_frequency(leaf.fieldname, leaf.text)
        if isinstance(leaf, Term)
        else sum(reader.doc_frequency(leaf.fieldname, word) for word in leaf.words)
        for leaf in query.leaves()
        if isinstance(leaf, (Term, Phrase))
    )
    if words > MAX_POSTINGS:
        raise QueryError(
            f"that query reads {words:,} postings (its words are in most units; at most {MAX_POSTINGS:,}); "
            "add a rarer word"
        )
    postings = 0
    for leaf in query.leaves():
        if isinstance(leaf, Every):
            raise QueryError("a lone * or ? stands for every unit; add some letters to it")
        if isinstance(leaf, MultiTerm):
            words = list(islice(leaf._btexts(reader), MAX_EXPANSION + 1))
            shown = sanitize_line(str(leaf.text if hasattr(leaf, "text") else leaf))[:40]
            if len(words) > MAX_EXPANSION:
                raise QueryError(f"{shown} stands for more than {MAX_EXPANSION} words; type more of the word")
            postings += sum(reader.doc_frequency(leaf.fieldname, word) for word in words)
            if postings > MAX_EXPANDED_UNITS:
                raise QueryError(f"{shown} stands for words in too many units; type more of the word")


def _with_readings(query, parsed: ParsedQuery, exists):
    """`query` OR the Chinese terms a plain-word query spells as Hán-Việt or pinyin."""
    from whoosh import query as Q

    if crossscript.syllables(parsed.text) is None:
        return query
    expansions = crossscript.expand(parsed.text, exists)
    alternatives = []
    seen = set()
    for kind, chains in expansions.items():
        for chain in chains:
            if chain in seen:
                continue
            seen.add(chain)
            for term in chain:
                parsed.readings.setdefault(term, kind)
            if len(chain) == 1:
                alternatives.append(Q.Term("zh", chain[0], boost=READING_BOOST))
            else:
                alternatives.append(Q.Phrase("zh", list(chain), boost=READING_BOOST))
    if not alternatives:
        return query
    readings = Q.Or(alternatives)
    return readings if query is None else Q.Or([query, readings])
