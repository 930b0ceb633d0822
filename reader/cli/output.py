"""Printing helpers shared by the sub-commands."""

from __future__ import annotations

import json
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
        return f"{message}; choose another with --id"
    return message


def print_json_line(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


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
