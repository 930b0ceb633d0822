"""`reader search QUERY`: the same engine as the app, from the command line."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "search",
        help="search the corpus in zh, vi or en",
        description='Words, "phrases", AND/OR/NOT, prefix*, filters lang:zh doc:ID date:2024 '
        "(or date:2023-01..2024-06) source:NAME.",
    )
    parser.add_argument("query", help="what to search for")
    parser.add_argument("--lang", help="only hits in this language (zh, vi or en)")
    parser.add_argument("--limit", type=int, default=20, help="at most this many hits (default 20)")
    parser.add_argument("--json", action="store_true", help="one JSON object per hit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.cli.output import parse_langs, print_json_line
    from reader.corpus import Corpus
    from reader.errors import UserError
    from reader.search import SearchEngine
    from reader.text import sanitize_line

    if args.limit < 1:
        raise UserError(f"--limit {args.limit}: must be at least 1")
    langs = parse_langs(args.lang)
    engine = SearchEngine(Corpus())
    message = engine.ensure_index()
    if message:
        print(message, file=sys.stderr)
    results = engine.search(args.query, lang=langs[0] if langs else None, limit=args.limit)
    if results.notice:
        print(results.notice, file=sys.stderr)
    if results.message:
        raise UserError(results.message)
    linked = _counterparts(engine.corpus, results.hits) if args.json else []
    for number, hit in enumerate(results.hits):
        if args.json:
            print_json_line({**hit.to_json(), "counterparts": linked[number]})
        else:
            left, match, right = (sanitize_line(part) for part in hit.kwic)
            via = "" if hit.via == "direct" else f" (via {hit.via})"
            print(f"{hit.doc} {hit.unit} [{hit.lang}{via}] {left}«{match}»{right}")
    if not args.json:
        about = "about " if results.estimated else ""
        print(f"{about}{results.total} matching units", file=sys.stderr)
    return 0


def _counterparts(corpus, hits) -> list[dict[str, list[list[int]]]]:
    """For each hit, language → spans of the words that translate the match (word links,
    brought up to date first: a changed document is linked again before it is answered for)."""
    if not hits:
        return []
    from reader.links import counterparts
    from reader.links.store import LinkStore

    message = LinkStore().ensure(corpus)
    if message:
        print(message, file=sys.stderr)
    return [
        {
            lang: [list(span) for span in spans]
            for lang, spans in counterparts(hit.text, hit.lang, hit.spans).items()
        }
        for hit in hits
    ]
