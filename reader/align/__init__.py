"""Sentence alignment for zh / vi / en (`aligner`), the lexical anchors it matches
(`features`), the dictionary tables those read from the cache dir (`tables`) and the strict/lax
scorer used to measure it (`score`)."""

from reader.align.aligner import align, align_versions

__all__ = ["align", "align_versions"]
