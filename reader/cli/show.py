"""`reader show DOC`: a document's aligned units in order."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("show", help="print a document's aligned units")
    parser.add_argument("doc", help="document id (see `reader corpus list`)")
    parser.add_argument("--lang", help="languages to show, comma-separated, e.g. zh,en")
    parser.add_argument("--json", action="store_true", help="one JSON object per unit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.cli.output import parse_langs, print_json_line
    from reader.corpus import Corpus
    from reader.errors import UserError
    from reader.text import sanitize_line

    try:
        doc = Corpus().get(args.doc)
    except KeyError:
        raise UserError(f"no document {args.doc!r} (see `reader corpus list`)") from None
    langs = parse_langs(args.lang) or doc.languages
    missing = [lang for lang in langs if lang not in doc.versions]
    if missing:
        raise UserError(f"document {doc.id!r} has no {', '.join(missing)} version")
    if not args.json:
        print(f"# {sanitize_line(doc.title())}")
    for unit in doc.units:
        if args.json:
            print_json_line(
                {
                    "unit": unit.id,
                    "index": unit.index,
                    "paragraph_start": unit.paragraph_start,
                    "text": {lang: unit.text[lang] for lang in langs},
                    "sentences": {lang: list(unit.sentences[lang]) for lang in langs},
                    "confidence": unit.confidence,
                }
            )
            continue
        if unit.paragraph_start and unit.index:
            print()
        print(f"[{unit.id}]")
        for lang in langs:
            print(f"  {lang}: {sanitize_line(unit.text[lang])}")
    return 0
