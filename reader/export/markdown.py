"""Markdown: readable notes, one section per bookmark."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.bookmarks import Bookmark
from reader.export.common import citation
from reader.text import LANGUAGE_NAMES

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def escape(text: str) -> str:
    """Literal text in Markdown: "[Reuters]" stays "[Reuters]", not a link."""
    return _SPECIAL.sub(r"\\\1", text)


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
        parts += [f"<!-- reader bookmark {b.id}: {b.doc_id} {b.unit_id} -->", ""]
    return "\n".join(parts)
