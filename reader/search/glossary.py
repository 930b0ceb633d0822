"""Search through the glossary: a query that is an official name (a form or an abbreviation in
any language, e.g. "Supreme People's Procuracy" or VKSND) also finds the entry's forms in the
other languages (最高人民检察院), each as a phrase, marked "via glossary" in the hits."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from reader.search.query import ParsedQuery

if TYPE_CHECKING:
    from reader.terms import Glossary

_cache: dict[tuple, Glossary] = {}


def glossary_names(parsed: ParsedQuery) -> tuple[list[ParsedQuery], str]:
    """One phrase query per glossary form of the query, in the languages searched ([] when the
    query is no glossary name), and a line for the user when the glossary cannot be read (the
    search goes on without it, and says so)."""
    text = parsed.text.strip()
    if not text or any(mark in text for mark in '"*?()'):
        return [], ""  # a phrase, wildcard or boolean query is the user's own: not a name look-up
    from reader.terms import GlossaryError, bundled_path, load_glossary, user_path

    try:
        stamp = tuple(_stamp(path) for path in (bundled_path(), user_path()))
        glossary = _cache.get(stamp)
        if glossary is None:
            _cache.clear()
            glossary = _cache[stamp] = load_glossary()
        names = glossary.expansions(text)
    except (GlossaryError, OSError) as exc:
        return [], f"Searched without the glossary, which cannot be read: {exc}"
    key = text.casefold()
    return [
        dataclasses.replace(parsed, text=f'"{form}"', langs=(lang,), readings={})
        for lang, forms in names.items()
        if lang in parsed.langs
        for form in forms
        if form.casefold() != key
    ], ""


def _stamp(path: Path) -> tuple[int, int] | None:
    """A file's size and mtime (None when missing): the glossary is read again when it changes."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_size, info.st_mtime_ns)
