"""`reader serve [--port N] [--host ADDR] [DOC]`: the app in a web browser, through textual-serve
(the Textual project's own server). Each browser tab runs its own `reader app` process under the
same user data. Bound to 127.0.0.1 (this machine only) unless --host says otherwise."""

from __future__ import annotations

import argparse
import shlex
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="serve the app to a web browser (this machine only by default)")
    parser.add_argument("doc", nargs="?", help="open this document in each new browser tab")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1; 0.0.0.0 lets other machines in, unauthenticated)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reader.errors import UserError

    if not 1 <= args.port <= 65535:
        raise UserError(f"--port {args.port}: choose a port from 1 to 65535")
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UserError("`reader serve` needs textual-serve: pip install textual-serve") from None
    command = shlex.join([sys.executable, "-m", "reader", "app", *([args.doc] if args.doc else [])])
    server = Server(command, host=args.host, port=args.port, title="reader")
    print(f"reader: serving on http://{args.host}:{args.port}/ (ctrl+c stops)", file=sys.stderr)
    try:
        server.serve()
    except OSError as exc:
        raise UserError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return 0
