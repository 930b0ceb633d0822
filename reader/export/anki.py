"""A tab-separated file Anki imports: front (original), back (translations and citation), tags.

A word kept in word mode (a `word:WORD` tag) gets a card of its own: the word on the front with
its sentence, the translations on the back. A bookmark made only to keep words (no note, no
other tags) gives only the word cards.

The header lines are Anki's file directives (separator, html, tags column). Fields are HTML,
so document text is escaped and line breaks become <br>.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reader.bookmarks import WORD_TAG, Bookmark
from reader.export.common import citation
from reader.text import LANGUAGE_NAMES


def _field(text: str) -> str:
    """HTML for one field: escaped (quotes too, so Anki never sees a quoted field), tabs as
    character references so they cannot split the line, line breaks as <br>."""
    return escape(text).replace("\t", "&#9;").replace("\r", "").replace("\n", "<br>")


def _back(b: Bookmark, front_lang: str) -> str:
    parts = [
        f"{_field(LANGUAGE_NAMES.get(lang, lang))}: {_field(b.texts[lang])}"
        for lang in b.languages
        if lang != front_lang and b.texts.get(lang)
    ]
    parts.append(f"<small>{_field(b.title)} · {_field(citation(b))}</small>")
    if b.note:
        parts.append(f"<i>{_field(b.note)}</i>")
    return "<br>".join(parts)


def render(bookmarks: Sequence[Bookmark]) -> str:
    lines = ["#separator:tab", "#html:true", "#tags column:3"]
    for b in bookmarks:
        tags = " ".join(tag.replace(" ", "_") for tag in b.tags) or ""
        words = [tag[len(WORD_TAG) :].replace("_", " ") for tag in b.tags if tag.startswith(WORD_TAG)]
        for word in words:
            lang = next((lang for lang in b.languages if word in b.texts.get(lang, "")), b.original_language)
            front = f"<b>{_field(word)}</b><br>{_field(b.texts.get(lang, ''))}"
            lines.append("\t".join([front, _back(b, lang), tags]))
        if words and not b.note and all(tag.startswith(WORD_TAG) for tag in b.tags):
            continue  # kept for its words only
        front = _field(b.texts.get(b.original_language, ""))
        lines.append("\t".join([front, _back(b, b.original_language), tags]))
    return "\n".join(lines) + "\n"
