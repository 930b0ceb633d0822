"""JSON and JSON Lines: everything the store holds, losslessly."""

from __future__ import annotations

import json
from collections.abc import Sequence

from reader.bookmarks import Bookmark


def render(bookmarks: Sequence[Bookmark]) -> str:
    return json.dumps([b.to_dict() for b in bookmarks], ensure_ascii=False, indent=2) + "\n"


def render_lines(bookmarks: Sequence[Bookmark]) -> str:
    return "".join(json.dumps(b.to_dict(), ensure_ascii=False) + "\n" for b in bookmarks)
