"""Helpers the export formats share."""

from __future__ import annotations

from collections.abc import Sequence

from reader.bookmarks import Bookmark
from reader.text import LANGUAGES


def languages(bookmarks: Sequence[Bookmark]) -> list[str]:
    """Every language any bookmark has, in the fixed zh, vi, en order."""
    present = {lang for b in bookmarks for lang, text in b.texts.items() if text}
    return [lang for lang in LANGUAGES if lang in present]


def citation(bookmark: Bookmark) -> str:
    """ "Source, date, URL" with whatever is known."""
    return ", ".join(part for part in (bookmark.source, bookmark.date, bookmark.url) if part)
