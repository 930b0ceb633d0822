"""`reader bookmarks add|list|remove|export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.bookmarks import BookmarkStore


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("bookmarks", help="add, list, remove and export bookmarks")
    actions = parser.add_subparsers(dest="bookmarks_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="bookmark a unit of a document")
    add.add_argument("doc", help="document id")
    add.add_argument("unit", help="unit id, as `reader show DOC` prints it (e.g. p2s1)")
    add.add_argument("--note", default="", help="a note")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.set_defaults(func=run_add)
    listing = actions.add_parser("list", help="one bookmark per line")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(func=run_list)
    remove = actions.add_parser("remove", help="remove a bookmark by its id")
    remove.add_argument("id", help="bookmark id, as `reader bookmarks list` prints it")
    remove.set_defaults(func=run_remove)
    export = actions.add_parser("export", help="export every bookmark to a file (or stdout)")
    from reader.export import FORMATS

    export.add_argument("--format", required=True, help=f"one of: {', '.join(FORMATS)}")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    export.add_argument(
        "--force",
        action="store_true",
        help="replace an existing regular file (never a folder, link or device)",
    )
    export.add_argument("--bom", action="store_true", help="CSV: start with a BOM so Excel reads UTF-8")
    export.add_argument(
        "--raw-csv",
        action="store_true",
        help="CSV: write cells exactly (by default a cell starting with = + - @ gets a leading ' "
        "so spreadsheets never run it as a formula)",
    )
    export.set_defaults(func=run_export)


def _store(changing: bool = False) -> BookmarkStore:
    """The store, its opening warning on stderr (not when a change is coming that a read-only
    store will refuse: that error says the same in one line)."""
    from reader.bookmarks import BookmarkStore

    store = BookmarkStore()
    if store.warning and not (changing and store.read_only):
        print(f"reader: warning: {store.warning}", file=sys.stderr)
    return store


def _warn_skipped(store: BookmarkStore) -> None:
    for line in store.skipped_warnings():
        print(f"reader: warning: {line}", file=sys.stderr)


def run_add(args: argparse.Namespace) -> int:
    from reader.corpus import Corpus
    from reader.errors import UserError

    try:
        doc = Corpus().get(args.doc)
    except KeyError:
        raise UserError(f"no document {args.doc!r} (see `reader corpus list`)") from None
    if args.unit not in doc.unit_index:
        raise UserError(f"document {doc.id!r} has no unit {args.unit!r} (see `reader show {doc.id}`)")
    bookmark = _store(changing=True).add(doc, args.unit, note=args.note, tags=args.tag)
    print(f"bookmark {bookmark.id}: {bookmark.doc_id} {bookmark.unit_id}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from reader.cli.output import print_json_line
    from reader.corpus import Corpus
    from reader.text import sanitize_line

    store = _store()
    store.mark_stale(Corpus())
    bookmarks = store.list()
    _warn_skipped(store)
    for bookmark in bookmarks:
        if args.json:
            print_json_line(bookmark.to_dict())
            continue
        excerpt = sanitize_line(bookmark.texts.get(bookmark.original_language, ""))[:60]
        stale = " (stale)" if bookmark.stale else ""
        note = f"  ✎ {sanitize_line(bookmark.note)}" if bookmark.note else ""
        tags = "".join(f"  #{sanitize_line(tag)}" for tag in bookmark.tags)
        print(f"{bookmark.id}\t{bookmark.doc_id}\t{bookmark.unit_id}{stale}\t{excerpt}{note}{tags}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from reader.errors import UserError

    if not args.id.isdigit() or not _store(changing=True).remove(int(args.id)):
        raise UserError(f"no bookmark {args.id!r} (see `reader bookmarks list`)")
    print(f"removed bookmark {args.id}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from reader.corpus import Corpus
    from reader.errors import UserError
    from reader.export import FORMATS, render, write_export

    if args.format not in FORMATS:  # before anything is opened or created
        raise UserError(f"unknown export format {args.format!r} (choose from {', '.join(FORMATS)})")
    store = _store()
    store.mark_stale(Corpus())
    bookmarks = store.list()
    _warn_skipped(store)
    if args.output is None:
        sys.stdout.buffer.write(render(bookmarks, args.format, args.bom, args.raw_csv))
        sys.stdout.flush()
        return 0
    write_export(bookmarks, args.format, args.output, force=args.force, bom=args.bom, raw=args.raw_csv)
    print(f"exported {len(bookmarks)} bookmarks to {args.output}", file=sys.stderr)
    return 0
