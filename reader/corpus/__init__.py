"""The corpus: its on-disk format (`format`) and the catalogue of documents (`catalogue`)."""

from reader.corpus.catalogue import Corpus
from reader.corpus.format import (
    ID_PATTERN,
    CorpusError,
    DocumentInfo,
    load_document,
    parse_beads,
    read_meta,
    write_document,
)

__all__ = [
    "ID_PATTERN",
    "Corpus",
    "CorpusError",
    "DocumentInfo",
    "load_document",
    "parse_beads",
    "read_meta",
    "write_document",
]
