"""The glossary of official names and legal terms: the bundled entries (corpus/glossary.toml,
read-only) plus the user's (glossary.toml in the data dir), a consistency check of documents
against them, look-ups for search, and export (CSV, TBX).

    load_glossary() -> Glossary                     entries, find(), expansions()
    expansions(query) -> {lang: [forms]}            for search: a glossary name in every language
    check_document(glossary, doc) -> [Finding]      where a translation departs from it
    with_found(findings, doc) -> [Finding]          with what the text has instead (word links)
    add_entry(...)                                  append to the user's file, atomically
"""

from reader.terms.check import Finding, check_document, check_documents, with_found
from reader.terms.glossary import KINDS, Entry, GlossaryError
from reader.terms.lookup import Glossary, bundled_path, load_glossary, user_path


def expansions(query: str, glossary: Glossary | None = None) -> dict[str, list[str]]:
    """Search's look-up: when the whole query is a glossary name (a form or an abbreviation, in
    any language), each language's names of the entries it names, the agreed form first; {}
    otherwise. Pass a loaded `glossary` to avoid reading the files again."""
    return (glossary or load_glossary()).expansions(query)


__all__ = [
    "KINDS",
    "Entry",
    "Finding",
    "Glossary",
    "GlossaryError",
    "bundled_path",
    "check_document",
    "check_documents",
    "expansions",
    "load_glossary",
    "user_path",
    "with_found",
]
