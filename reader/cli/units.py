"""`reader units DOC ACTION`: correct a document's alignment from scripts (the app's m/s/c/a/u keys)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "units",
        help="correct a document's alignment: merge, split, move, confirm, undo",
        description="Edit a document's aligned units. Every edit is saved at once and can be undone.",
    )
    parser.add_argument("doc", help="document id (see `reader corpus list`)")
    actions = parser.add_subparsers(dest="units_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="each unit's id, shape and whether it is confirmed")
    listing.add_argument("--json", action="store_true", help="one JSON object per unit")
    listing.set_defaults(func=run_list)
    merge = actions.add_parser("merge", help="merge a unit with the next one")
    merge.add_argument("unit", help="unit id, as `reader show DOC` prints it (e.g. p2s1)")
    merge.set_defaults(func=run_edit)
    split = actions.add_parser("split", help="split a unit in two")
    split.add_argument("unit", help="unit id")
    split.add_argument(
        "--at",
        action="append",
        default=[],
        metavar="LANG:N",
        help="keep N sentences of LANG in the first part (repeatable; the rest pair 1:1 from the top)",
    )
    split.set_defaults(func=run_edit)
    for name, what in (
        ("shift", "move a language's first sentence of the unit to the previous unit"),
        ("pop", "move a language's last sentence of the unit to the next unit"),
    ):
        move = actions.add_parser(name, help=what)
        move.add_argument("unit", help="unit id")
        move.add_argument("--lang", required=True, help="zh, vi or en")
        move.set_defaults(func=run_edit)
    for name, what in (
        ("confirm", "mark a unit confirmed (re-aligning keeps it fixed)"),
        ("unconfirm", "remove a unit's confirmed mark"),
        ("realign", "re-align the units between the nearest confirmed ones around this one"),
    ):
        action = actions.add_parser(name, help=what)
        action.add_argument("unit", help="unit id")
        action.set_defaults(func=run_edit)
    for name, what in (("undo", "undo the last edit"), ("redo", "redo the last undone edit")):
        actions.add_parser(name, help=what).set_defaults(func=run_edit)


def _split_points(values: list[str]) -> dict[str, int]:
    from reader.errors import UserError
    from reader.text import LANGUAGES

    points: dict[str, int] = {}
    for value in values:
        lang, _, number = value.partition(":")
        if lang not in LANGUAGES or not number.isdigit():
            raise UserError(
                f"--at {value!r}: expected LANG:N, e.g. zh:1 (LANG one of {', '.join(LANGUAGES)})"
            )
        points[lang] = int(number)
    return points


def _editor(doc_id: str):
    from reader.corpus import Corpus
    from reader.edits import Editor

    return Editor(Corpus(), doc_id)


def run_edit(args: argparse.Namespace) -> int:
    editor = _editor(args.doc)
    action = args.units_command
    try:
        if action == "split":
            outcome = editor.split(args.unit, _split_points(args.at))
        elif action in ("shift", "pop"):
            outcome = getattr(editor, action)(args.unit, args.lang)
        elif action in ("confirm", "unconfirm"):
            outcome = editor.confirm(args.unit, on=action == "confirm")
        elif action in ("undo", "redo"):
            outcome = getattr(editor, action)()
        else:
            outcome = getattr(editor, action)(args.unit)
    finally:
        if editor.notice:
            print(f"reader: warning: {editor.notice}", file=sys.stderr)
    print(outcome.message)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from reader.cli.output import print_json_line

    editor = _editor(args.doc)
    doc = editor.document()
    confirmed = editor.confirmed(doc)
    for unit in doc.units:
        if args.json:
            print_json_line(
                {
                    "unit": unit.id,
                    "index": unit.index,
                    "confirmed": unit.id in confirmed,
                    "sentences": {lang: list(unit.sentences[lang]) for lang in doc.languages},
                }
            )
            continue
        shape = " ".join(f"{lang} {len(unit.sentences[lang])}" for lang in doc.languages)
        print(f"{'✓' if unit.id in confirmed else ' '} {unit.id}\t{shape}")
    return 0
