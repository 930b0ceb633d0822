"""`reader terms list|check|add|export`: the glossary of official names and legal terms."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from reader.terms.glossary import KINDS

    parser = sub.add_parser("terms", help="the glossary: list, check translations against it, add, export")
    actions = parser.add_subparsers(dest="terms_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="one entry per line (bundled first, then yours)")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.add_argument("--kind", choices=KINDS, help="only entries of this kind")
    listing.set_defaults(func=run_list)
    check = actions.add_parser(
        "check",
        help="list every unit where a glossary name appears in one language and none of its agreed"
        " renderings in an aligned one; exit 1 when there are findings",
    )
    check.add_argument("doc", nargs="?", help="check only this document (default: all)")
    check.add_argument("--json", action="store_true", help="one JSON object per finding")
    check.set_defaults(func=run_check)
    add = actions.add_parser("add", help="add an entry to your glossary (bundled entries are read-only)")
    add.add_argument("--kind", required=True, choices=KINDS)
    for lang in ("zh", "vi", "en"):
        add.add_argument(
            f"--{lang}",
            action="append",
            default=[],
            metavar="FORM",
            help=f"{lang} form; repeat for variants, the agreed one first",
        )
    add.add_argument(
        "--abbr", action="append", default=[], metavar="LANG=FORM", help="an abbreviation (repeatable)"
    )
    add.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="LANG=FORM",
        help="a rendering accepted in running text but too loose to check on its own (repeatable)",
    )
    add.add_argument("--note", default="", help="a note")
    add.add_argument("--id", help="the entry's id (default: made from the English or Vietnamese form)")
    add.set_defaults(func=run_add)
    export = actions.add_parser("export", help="export the whole glossary to a file (or stdout)")
    export.add_argument("--format", required=True, choices=("csv", "tbx"), help="csv, or tbx for CAT tools")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument("--bom", action="store_true", help="CSV: start with a BOM so Excel reads UTF-8")
    export.set_defaults(func=run_export)


def run_list(args: argparse.Namespace) -> int:
    from reader.cli.output import print_json_line
    from reader.terms import load_glossary
    from reader.text import sanitize_line

    for entry in load_glossary().entries:
        if args.kind and entry.kind != args.kind:
            continue
        if args.json:
            print_json_line(entry.to_dict())
        else:
            forms = "\t".join(sanitize_line(entry.preferred(lang)) or "-" for lang in ("zh", "vi", "en"))
            print(f"{entry.id}\t{entry.kind}\t{forms}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from reader.cli.output import print_json_line
    from reader.corpus import Corpus, CorpusError
    from reader.errors import UserError
    from reader.terms import check_document, load_glossary, with_found
    from reader.text import sanitize_line

    glossary = load_glossary()
    corpus = Corpus()
    if args.doc and corpus.folder(args.doc) is None:
        raise UserError(f"no document {args.doc!r} (see `reader corpus list`)")
    findings = checked = 0
    skipped = []
    found = []
    for doc_id in [args.doc] if args.doc else corpus.ids():
        try:
            doc = corpus.get(doc_id)
        except CorpusError as exc:
            if args.doc:
                raise
            skipped.append(doc_id)
            print(f"reader: warning: skipped {doc_id}: {exc}", file=sys.stderr)
            continue
        checked += 1
        found.append((doc, check_document(glossary, doc)))
    if any(listed for _, listed in found):
        _update_links(corpus)  # what each text has instead comes from the word links
    for doc, listed in found:
        for finding in with_found(listed, doc):
            findings += 1
            if args.json:
                print_json_line(finding.to_dict())
                continue
            expected = sanitize_line(finding.expected[0]) + (" …" if len(finding.expected) > 1 else "")
            instead = f" but {sanitize_line(finding.found)}" if finding.found else ""
            print(
                f"{finding.doc}\t{finding.unit}\t{finding.term_lang}: {sanitize_line(finding.term)}"
                f"\t{finding.lang}: no {expected}{instead}"
            )
    documents = "document" if checked == 1 else "documents"
    summary = f"{findings} finding{'' if findings == 1 else 's'} in {checked} {documents}"
    print(summary + (f"; {len(skipped)} could not be read" if skipped else ""), file=sys.stderr)
    if skipped:
        return 2
    return 1 if findings else 0


def _update_links(corpus) -> None:
    """Bring the word links up to date (linking only changed documents); a cache that cannot be
    written only means the findings' units are linked on the spot, with the dictionaries alone."""
    import sqlite3

    from reader.links.store import LinkStore

    store = LinkStore()
    try:
        message = store.ensure(corpus)
    except (OSError, sqlite3.Error) as exc:
        print(
            f"reader: warning: word links not updated ({exc}); 'found' from the dictionaries alone",
            file=sys.stderr,
        )
        return
    finally:
        store.close()
    if message:
        print(message, file=sys.stderr)


def _pairs(values: list[str], option: str) -> dict[str, list[str]]:
    from reader.errors import UserError
    from reader.text import LANGUAGES

    table: dict[str, list[str]] = {}
    for value in values:
        lang, sep, form = value.partition("=")
        if not sep or lang.strip() not in LANGUAGES:
            raise UserError(f"{option} {value!r}: write LANG=FORM with LANG one of {', '.join(LANGUAGES)}")
        table.setdefault(lang.strip(), []).append(form)
    return table


def run_add(args: argparse.Namespace) -> int:
    from reader.terms.store import add_entry

    forms = {lang: getattr(args, lang) for lang in ("zh", "vi", "en") if getattr(args, lang)}
    entry = add_entry(
        args.kind,
        forms,
        abbr=_pairs(args.abbr, "--abbr"),
        accept=_pairs(args.accept, "--accept"),
        note=args.note,
        entry_id=args.id,
    )
    print(f"added {entry.id} to {entry.path}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from reader.export import write_file
    from reader.terms import load_glossary
    from reader.terms.export import render

    entries = load_glossary().entries
    data = render(entries, args.format).encode("utf-8")
    if args.bom and args.format == "csv":
        data = b"\xef\xbb\xbf" + data
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    write_file(args.output, data, force=args.force)
    print(f"exported {len(entries)} glossary entries to {args.output}", file=sys.stderr)
    return 0
