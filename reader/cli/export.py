"""`reader export DOC --format tmx|tsv|md|json`: a whole aligned document, e.g. for a CAT tool."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from reader.export.document import FORMATS

    parser = sub.add_parser(
        "export",
        help="export a whole aligned document (TMX for CAT tools, TSV, Markdown, JSON)",
        description="Write a document's aligned units, as corrected with `reader units`, to a file or stdout.",
    )
    parser.add_argument("doc", help="document id (see `reader corpus list`)")
    parser.add_argument("--format", required=True, help=f"one of: {', '.join(FORMATS)}")
    parser.add_argument("--langs", help="languages to export, in order, e.g. zh,vi (default: all)")
    parser.add_argument("--layout", default="table", help="Markdown: a table (the default) or interleaved")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.cli.output import parse_langs
    from reader.corpus import Corpus
    from reader.errors import UserError
    from reader.export import write_file
    from reader.export.document import FORMATS, render

    if args.format not in FORMATS:
        raise UserError(f"unknown export format {args.format!r} (choose from {', '.join(FORMATS)})")
    try:
        doc = Corpus().get(args.doc)
    except KeyError:
        raise UserError(f"no document {args.doc!r} (see `reader corpus list`)") from None
    result = render(doc, args.format, parse_langs(args.langs), args.layout)
    data = result.text.encode("utf-8")
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_file(args.output, data, force=args.force)
    where = f" to {args.output}" if args.output else ""
    skipped = (
        f" ({result.skipped} units with text in fewer than two of the languages left out)"
        if result.skipped
        else ""
    )
    print(f"exported {result.units} units of {doc.id}{where}{skipped}", file=sys.stderr)
    return 0
