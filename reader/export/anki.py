"""A tab-separated file Anki imports: front (original), back (translations and citation), tags.

The header lines are Anki's file directives (separator, html, tags column). Fields are HTML,
so document text is escaped and line breaks become <br>.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reader.bookmarks import Bookmark
from reader.export.common import citation
from reader.text import LANGUAGE_NAMES


def _field(text: str) -> str:
    """HTML for one field: escaped (quotes too, so Anki never sees a quoted field), tabs as
    character references so they cannot split the line, line breaks as <br>."""
    return escape(text).replace("\t", "&#9;").replace("\r", "").replace("\n", "<br>")


def render(bookmarks: Sequence[Bookmark]) -> str:
    lines = ["#separator:tab", "#html:true", "#tags column:3"]
    for b in bookmarks:
        front = _field(b.texts.get(b.original_language, ""))
        back_parts = [
            f"{_field(LANGUAGE_NAMES.get(lang, lang))}: {_field(b.texts[lang])}"
            for lang in b.languages
            if lang != b.original_language and b.texts.get(lang)
        ]
        back_parts.append(f"<small>{_field(b.title)} · {_field(citation(b))}</small>")
        if b.note:
            back_parts.append(f"<i>{_field(b.note)}</i>")
        tags = " ".join(tag.replace(" ", "_") for tag in b.tags) or ""
        lines.append("\t".join([front, "<br>".join(back_parts), tags]))
    return "\n".join(lines) + "\n"
