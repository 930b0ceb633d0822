"""`reader corpus check|list`: validate and list the documents."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("corpus", help="validate or list the corpus")
    actions = parser.add_subparsers(dest="corpus_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="validate every document and the glossary; exit 0 when all are valid"
    )
    check.set_defaults(func=run_check)
    listing = actions.add_parser("list", help="one document per line")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(func=run_list)


def run_check(args: argparse.Namespace) -> int:
    from reader.corpus import Corpus

    corpus = Corpus()
    errors = corpus.check()
    for error in errors:
        print(error, file=sys.stderr)
    count = len(corpus.ids())
    print(f"{count - len(errors)} of {count} documents valid")
    from reader.terms import GlossaryError, load_glossary

    try:
        print(f"glossary: {len(load_glossary().entries)} entries valid")
    except GlossaryError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 1 if errors else 0


def run_list(args: argparse.Namespace) -> int:
    from reader.cli.output import print_json_line
    from reader.corpus import Corpus
    from reader.text import sanitize_line

    corpus = Corpus()
    infos = corpus.infos()
    for line in corpus.warnings():
        print(f"reader: warning: {sanitize_line(line)}", file=sys.stderr)
    for info in infos:
        if args.json:
            print_json_line(
                {
                    "id": info.id,
                    "title": info.titles,
                    "date": info.date,
                    "source": info.source,
                    "url": info.url,
                    "author": info.author,
                    "title_provenance": info.title_provenance,
                    "notes": info.notes,
                    "original_language": info.original_language,
                    "languages": list(info.languages),
                    "bundled": info.bundled,
                }
            )
        else:
            langs = ",".join(info.languages)
            print(f"{info.id}\t{info.date or '-'}\t{langs}\t{sanitize_line(info.title())}")
    return 0
