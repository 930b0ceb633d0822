"""CSV: one row per bookmark, a column per language plus metadata (RFC 4180 quoting).

Exports are made to be shared, and a spreadsheet runs a cell that starts like a formula
(`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`). OWASP's rule: such a cell gets a leading `'`, which
spreadsheets show as text. `cell` is the one guard every CSV writer in reader uses; `raw=True`
writes values exactly (for scripts that read the file back).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from reader.bookmarks import Bookmark
from reader.export.common import languages

# = + - @, tab, CR, LF, and their full-width and small forms (some spreadsheets fold them).
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
# Spaces a spreadsheet may trim before reading the cell.
_LEADING_SPACE = " \u00a0\u3000"

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


def cell(value: object, raw: bool = False) -> object:
    """A text cell no spreadsheet reads as a formula: a leading `'` when it starts like one
    (after any leading spaces). Numbers and `raw` values pass unchanged."""
    if raw or not isinstance(value, str) or not value:
        return value
    start = value[0] if value[0] not in _LEADING_SPACE else value.lstrip(_LEADING_SPACE)[:1]
    return "'" + value if start in FORMULA_START else value


# First characters worth a closer look (most cells start with a letter or a digit).
_RISKY_FIRST = FORMULA_START | frozenset(_LEADING_SPACE)


def write_rows(rows: Iterable[Sequence[object]], raw: bool = False) -> str:
    """CSV text (CRLF line ends, minimal quoting) with every cell through `cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if raw:
        writer.writerows(rows)
        return out.getvalue()
    for row in rows:
        writer.writerow([cell(v) if type(v) is str and v[:1] in _RISKY_FIRST else v for v in row])
    return out.getvalue()


def render(bookmarks: Sequence[Bookmark], raw: bool = False) -> str:
    langs = languages(bookmarks)
    header = [*COLUMNS[:3], *langs, *COLUMNS[3:]]
    rows = (
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
        for b in bookmarks
    )
    return write_rows([header, *rows], raw)
