"""JSON and JSON Lines: everything the store holds, losslessly (characters that could act on a
terminal are written as \\uXXXX escapes, which read back exactly)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.bookmarks import Bookmark
from reader.text import json_dumps


def render(bookmarks: Sequence[Bookmark]) -> str:
    return json_dumps([b.to_dict() for b in bookmarks], indent=2) + "\n"


def render_lines(bookmarks: Sequence[Bookmark]) -> str:
    return "".join(json_dumps(b.to_dict()) + "\n" for b in bookmarks)
