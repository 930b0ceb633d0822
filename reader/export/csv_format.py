"""CSV: one row per bookmark, a column per language plus metadata (RFC 4180 quoting)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from reader.bookmarks import Bookmark
from reader.export.common import languages

COLUMNS = (
    "id",
    "doc",
    "unit",
    "title",
    "source",
    "date",
    "url",
    "note",
    "tags",
    "created",
    "updated",
    "stale",
)


def render(bookmarks: Sequence[Bookmark]) -> str:
    langs = languages(bookmarks)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*COLUMNS[:3], *langs, *COLUMNS[3:]])
    for b in bookmarks:
        writer.writerow(
            [
                b.id,
                b.doc_id,
                b.unit_id,
                *(b.texts.get(lang, "") for lang in langs),
                b.title,
                b.source,
                b.date,
                b.url,
                b.note,
                " ".join(b.tags),
                b.created,
                b.updated,
                "yes" if b.stale else "",
            ]
        )
    return out.getvalue()
