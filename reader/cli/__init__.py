"""Command-line entry point. Each sub-command lives in `reader.cli.<name>` and imports
its heavy dependencies only when it runs, so `reader --help` and the app start fast."""

from __future__ import annotations

import argparse
import importlib
import sys

from reader import __version__

COMMAND_MODULES = (
    "corpus",
    "show",
    "align",
    "search",
    "bookmarks",
    "documents",
    "renderings",
    "terms",
    "serve",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read zh / vi / en parallel texts side by side. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    app = sub.add_parser("app", help="open the reader app (the default)")
    app.add_argument("doc", nargs="?", help="open this document directly")
    app.set_defaults(func=run_app)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"reader.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"reader.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def run_app(args: argparse.Namespace) -> int:
    from reader.app import ReaderApp

    ReaderApp(open_doc=getattr(args, "doc", None)).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    from reader.corpus import CorpusError
    from reader.errors import UserError

    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", run_app)
    try:
        return func(args) or 0
    except (UserError, CorpusError) as exc:
        print(f"reader: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader of our output went away (e.g. `| head`)
        return 0
