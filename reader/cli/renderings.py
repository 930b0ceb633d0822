"""`reader renderings TERM`: every way the corpus renders a term in each other language."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "renderings",
        help="how the corpus renders a term in the other languages",
        description="Every distinct rendering of TERM in each other language, most frequent first, "
        "from the word links of each unit where TERM occurs (case, tone placement and English "
        "inflection aside).",
    )
    parser.add_argument(
        "term", help="a word or phrase in zh, vi or en (English words in any inflection: court, courts)"
    )
    parser.add_argument(
        "--lang", help="the term's language (default: Han → zh, Vietnamese marks → vi, else en)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='one JSON object per rendering: {"lang", "rendering", "count", "units"}',
    )
    parser.add_argument(
        "--limit", type=int, default=10, help="renderings shown per language (default 10; --json shows all)"
    )
    parser.add_argument(
        "--export", type=Path, metavar="FILE", help="also write the renderings to FILE.csv or FILE.tbx"
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing export file")
    parser.set_defaults(func=run)


def _language(term: str) -> str:
    from reader.text import fold, is_cjk

    if any(is_cjk(ch) for ch in term):
        return "zh"
    return "vi" if fold(term) != term.lower() else "en"


def run(args: argparse.Namespace) -> int:
    from reader import atomic
    from reader.cli.output import parse_langs, print_json_line
    from reader.corpus import Corpus
    from reader.errors import PathTaken, UserError, storage_error
    from reader.export import write_file
    from reader.links.renderings import renderings, to_csv, to_tbx
    from reader.links.store import LinkStore
    from reader.text import sanitize_line

    term = sanitize_line(args.term).strip()
    if not term:
        raise UserError("the term is empty")
    if args.limit < 1:
        raise UserError(f"--limit {args.limit}: must be at least 1")
    if args.export and args.export.suffix.lower() not in (".csv", ".tbx"):
        raise UserError(f"{args.export}: the export file must end in .csv or .tbx")
    if args.export and (kind := atomic.kind_of(args.export)) and not (args.force and kind == "a file"):
        raise PathTaken(args.export, kind)
    langs = parse_langs(args.lang)
    if langs and len(langs) > 1:
        raise UserError("--lang takes one language: the term's")
    lang = langs[0] if langs else _language(term)
    store = LinkStore()
    try:
        message = store.ensure(Corpus())
    except OSError as exc:
        raise storage_error(exc, "updating the word links", store.path) from None
    except Exception as exc:
        if exc.__class__.__name__.endswith("Error") and "sqlite" in type(exc).__module__:
            raise UserError(
                f"{store.path}: the word-link cache cannot be used ({exc}); delete it to rebuild"
            ) from None
        raise
    if message:
        print(message, file=sys.stderr)
    found = renderings(store, term, lang)
    if not found.occurrences and not langs and lang == "en":
        found = renderings(store, term, "vi")  # a Vietnamese term typed without marks
    if args.export:
        data = to_csv(found) if args.export.suffix.lower() == ".csv" else to_tbx(found)
        write_file(args.export, data.encode("utf-8"), force=args.force)
    for other, options in found.renderings.items():
        if args.json:
            for option in options:
                print_json_line(option.to_json())
            continue
        missing = found.unrendered.get(other, 0)
        note = f", {missing} with no linked words" if missing else ""
        print(f"{other}: {len(options)} renderings of {found.occurrences} occurrences{note}")
        for option in options[: args.limit]:
            where = ", ".join(f"{doc} {unit}" for doc, unit in option.units[:3])
            more = f" (+{len(option.units) - 3} units)" if len(option.units) > 3 else ""
            print(f"  {option.count:5}  {sanitize_line(option.text)}    {where}{more}")
        if len(options) > args.limit:
            print(f"  … {len(options) - args.limit} more (--limit, or --json for all)")
    if not found.occurrences:
        print(f"{term!r} does not occur in the {found.lang} texts", file=sys.stderr)
    return 0
