"""The glossary of official names and legal terms: the bundled entries (corpus/glossary.toml,
read-only) plus the user's (glossary.toml in the data dir), a consistency check of documents
against them, look-ups for search, and export (CSV, TBX).

    load_glossary() -> Glossary                     entries, find(), expansions()
    check_document(glossary, doc) -> [Finding]      where a translation departs from it
    add_entry(...)                                  append to the user's file, atomically
"""

from reader.terms.check import Finding, check_document, check_documents
from reader.terms.glossary import KINDS, Entry, GlossaryError
from reader.terms.lookup import Glossary, bundled_path, load_glossary, user_path

__all__ = [
    "KINDS",
    "Entry",
    "Finding",
    "Glossary",
    "GlossaryError",
    "bundled_path",
    "check_document",
    "check_documents",
    "load_glossary",
    "user_path",
]
