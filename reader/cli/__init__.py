"""Command-line entry point. Each sub-command lives in `reader.cli.<name>` and imports
its heavy dependencies only when it runs; the parser imports only the module of the command
being run (all of them only for `reader --help` or an unknown command), so `reader search`
never loads the export or align code, and the app starts fast."""

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
    "units",
    "export",
    "serve",
)


def _command(argv: list[str]) -> str | None:
    """The sub-command named in `argv` (its first non-option word), if any."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: with only the named command's module when it names one, with none
    when it opens the app, with every command for help, errors, or when `argv` is not given."""
    name = _command(argv or [])
    if argv is None:
        names: tuple[str, ...] = COMMAND_MODULES
    elif name in COMMAND_MODULES:
        names = (name,)
    elif name in (None, "app") and not {"-h", "--help"} & set(argv):
        names = ()
    else:
        names = COMMAND_MODULES
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read zh / vi / en parallel texts side by side. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    app = sub.add_parser("app", help="open the reader app (the default)")
    app.add_argument("doc", nargs="?", help="open this document directly")
    app.set_defaults(func=run_app)
    for module_name in names:
        importlib.import_module(f"reader.cli.{module_name}").register(sub)
    return parser


def run_app(args: argparse.Namespace) -> int:
    import gc

    # No cyclic collections while the app starts (imports and the first screen make objects that
    # live on, and walking them cost ~100 ms); the app turns collection back on, with what exists
    # by then frozen, once its first screen is up.
    gc.disable()
    from reader.app import ReaderApp

    ReaderApp(open_doc=getattr(args, "doc", None)).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    from reader.corpus import CorpusError
    from reader.errors import UserError

    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    func = getattr(args, "func", run_app)
    try:
        code = func(args) or 0
        sys.stdout.flush()  # a full disk under stdout is reported here, not at exit
        return code
    except (UserError, CorpusError) as exc:
        from reader.cli.output import error_line

        print(error_line(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader of our output went away (e.g. `| head`)
        return 0
    except OSError as exc:  # not turned into a UserError by a store: most often stdout's disk
        from reader.cli.output import output_failed

        print(output_failed(exc), file=sys.stderr)
        return 2
