"""Printing helpers shared by the sub-commands."""

from __future__ import annotations

import contextlib
import sys
from typing import Any


def error_line(exc: Exception) -> str:
    """The one line the CLI prints for a user error, with the flag that gets past it when
    there is one (core messages never name flags: the app has its own controls)."""
    from reader.errors import IdTaken, PathTaken

    message = f"reader: error: {exc}"
    if isinstance(exc, PathTaken) and exc.replaceable:
        return f"{message} (use --force to overwrite)"
    if isinstance(exc, IdTaken):
        return f"{message}; choose another with --id" + ("" if exc.bundled else ", or --replace")
    return message


def output_failed(exc: OSError) -> str:
    """The line for an `OSError` no store explained (a write to stdout on a full disk); stdout
    is pointed at /dev/null so the interpreter's last flush at exit cannot fail again."""
    import os

    from reader.errors import storage_error

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    doing = "writing the output" if exc.filename is None else "reading or writing"
    return f"reader: error: {storage_error(exc, doing)}"


def print_json_line(obj: Any) -> None:
    from reader.text import json_dumps

    sys.stdout.write(json_dumps(obj) + "\n")


def parse_langs(value: str | None) -> list[str] | None:
    """`zh,en` → ["zh", "en"]; unknown codes are a user error."""
    from reader.errors import UserError
    from reader.text import LANGUAGES

    if not value:
        return None
    langs = [part.strip() for part in value.split(",") if part.strip()]
    for lang in langs:
        if lang not in LANGUAGES:
            raise UserError(f"unknown language {lang!r} (expected {', '.join(LANGUAGES)})")
    return langs
