"""Markdown: readable notes, one section per bookmark.

Document text and notes are never markup: characters that could start a link, emphasis, code,
HTML or an entity are backslash-escaped, and so are line starts that would begin a list or a
heading; leading and trailing whitespace is written as character references so it is neither
an indented code block nor a hard line break. CommonMark readers show the text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.bookmarks import Bookmark
from reader.export.common import citation
from reader.text import LANGUAGE_NAMES

_INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
_LINE_START = re.compile(r"^([+=-]|\d+[.)])")
_EDGE_SPACE = re.compile(r"^[ \t]+|[ \t]+$")


def escape(text: str) -> str:
    """One line of literal text: "[Reuters]" stays "[Reuters]", never a link."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)
    return _EDGE_SPACE.sub(lambda m: "".join(f"&#{ord(ch)};" for ch in m.group()), text)


def _quote(text: str) -> str:
    return "\n".join("> " + escape(line) if line else ">" for line in text.split("\n"))


def render(bookmarks: Sequence[Bookmark]) -> str:
    parts = ["# Bookmarks", ""]
    for b in bookmarks:
        parts += [f"## {escape(b.title)} · {escape(b.unit_id)}", ""]
        if cite := citation(b):
            parts += [f"*{escape(cite)}*", ""]
        for lang in b.languages:
            text = b.texts.get(lang, "")
            if text:
                label = LANGUAGE_NAMES.get(lang, lang) + (
                    " (original)" if lang == b.original_language else ""
                )
                parts += [f"**{escape(label)}**", "", _quote(text), ""]
        if b.note:
            parts += ["**Note**", "", _quote(b.note), ""]
        if b.tags:
            parts += ["Tags: " + " ".join(f"`{tag.replace('`', '')}`" for tag in b.tags), ""]
        if b.stale:
            parts += ["*(stale: the document has changed since this was saved)*", ""]
        parts += [f"<!-- reader bookmark {b.id}: {b.doc_id} {b.unit_id} -->", ""]
    return "\n".join(parts)
