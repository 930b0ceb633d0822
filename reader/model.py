"""The core data model: documents, versions, sentences, beads and aligned units.

A version's text is a list of paragraphs, each a list of sentences; sentence ids are 0-based
positions in the flattened list. A translation is aligned to the original by beads, pairs of
(original sentence ids, translation sentence ids). Units are what the reader shows as one row:
the smallest runs of original sentences that no translation's bead crosses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

_UNIT_ID = re.compile(r"^p([1-9][0-9]*)s([1-9][0-9]*)$")
PROVENANCES = ("original", "translation written for this corpus", "imported")


def pick_title(
    titles: Mapping[str, str], original_language: str, fallback: str, lang: str | None = None
) -> str:
    """The one rule for a document's title, wherever it is shown: in `lang` if asked and there,
    else in the original's language, else the first title there is, else `fallback` (the id)."""
    for candidate in (lang, original_language, *titles):
        if candidate and titles.get(candidate):
            return titles[candidate]
    return fallback


DOUBTFUL_BELOW = 0.5  # a unit less confident than this gets its own mark in the reader


@dataclass(frozen=True)
class Bead:
    """Original sentence ids paired with translation sentence ids. `confidence` is the aligner's
    calibrated probability that the pairing is right, in [0, 1] (None when not computed, e.g. a
    hand-made alignment); it takes no part in comparing beads."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float | None = field(default=None, compare=False)

    def format(self) -> str:
        """The public gold-file notation: `[0,1]:[2]`."""
        return f"[{','.join(map(str, self.src))}]:[{','.join(map(str, self.tgt))}]"


@dataclass
class Version:
    lang: str
    paragraphs: list[list[str]]
    provenance: str = "original"

    @cached_property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in p]

    @cached_property
    def paragraph_of(self) -> list[int]:
        """Paragraph index of each sentence id."""
        return [i for i, p in enumerate(self.paragraphs) for _ in p]

    @cached_property
    def paragraph_start(self) -> list[int]:
        """Sentence id of the first sentence of each paragraph."""
        starts, total = [], 0
        for paragraph in self.paragraphs:
            starts.append(total)
            total += len(paragraph)
        return starts

    def join(self, ids: tuple[int, ...] | list[int]) -> str:
        """The text of consecutive sentences, joined as the language writes them."""
        if len(ids) == 1:
            return self.sentences[ids[0]]
        sep = "" if self.lang == "zh" else " "
        return sep.join(self.sentences[i] for i in ids)


@dataclass
class Unit:
    """One aligned row: a run of original sentences and the matching sentences per language."""

    id: str
    index: int
    sentences: dict[str, tuple[int, ...]]
    text: dict[str, str]
    paragraph_start: bool = False
    shape: dict[str, tuple[int, int]] = field(default_factory=dict)
    # The least confidence of the beads this unit is made of, over every translation (see
    # `Bead.confidence`): a unit below 0.5 is worth checking. None when no bead has one.
    confidence: float | None = None

    @property
    def doubtful(self) -> bool:
        """The aligner was not sure of this unit (worth a look when checking an import)."""
        return self.confidence is not None and self.confidence < DOUBTFUL_BELOW

    @property
    def is_one_to_one(self) -> bool:
        return all(shape == (1, 1) for shape in self.shape.values())


@dataclass
class Document:
    id: str
    original_language: str
    versions: dict[str, Version]
    titles: dict[str, str] = field(default_factory=dict)
    date: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    title_provenance: str = "source"  # or "written for this corpus" when the source has no headline
    notes: str = ""  # editorial notes shown with the metadata (e.g. an inferred date)
    alignments: dict[str, list[Bead]] = field(default_factory=dict)
    bundled: bool = True

    @property
    def original(self) -> Version:
        return self.versions[self.original_language]

    @property
    def languages(self) -> list[str]:
        """The original's language first, then the translations in a fixed order."""
        others = sorted(lang for lang in self.versions if lang != self.original_language)
        return [self.original_language, *others]

    def title(self, lang: str | None = None) -> str:
        return pick_title(self.titles, self.original_language, self.id, lang)

    @cached_property
    def units(self) -> list[Unit]:
        return build_units(self)

    @cached_property
    def unit_index(self) -> dict[str, int]:
        return {unit.id: unit.index for unit in self.units}

    def resolve(self, unit_id: str) -> int | None:
        """The index of the unit with this id, or of the unit that now holds the original
        sentence the id names (a unit merged into its predecessor keeps resolving)."""
        if unit_id in self.unit_index:
            return self.unit_index[unit_id]
        match = _UNIT_ID.match(unit_id)
        if not match:
            return None
        para, sent = int(match.group(1)) - 1, int(match.group(2)) - 1
        original = self.original
        if not 0 <= para < len(original.paragraphs) or not 0 <= sent < len(original.paragraphs[para]):
            return None
        return self._unit_of_sentence[original.paragraph_start[para] + sent]

    @cached_property
    def _unit_of_sentence(self) -> list[int]:
        return [unit.index for unit in self.units for _ in unit.sentences[self.original_language]]


def unit_id(version: Version, first_sentence: int) -> str:
    """Stable id of the unit starting at an original sentence: `p3s2` (1-based)."""
    para = version.paragraph_of[first_sentence]
    return f"p{para + 1}s{first_sentence - version.paragraph_start[para] + 1}"


def _lower(confidence: dict[int, float], sid: int, values: list[float]) -> None:
    if values:
        confidence[sid] = min(confidence.get(sid, 1.0), *values)


def build_units(doc: Document) -> list[Unit]:
    """Group original sentences into units that no translation's bead crosses."""
    original = doc.original
    n = len(original.sentences)
    if n == 0:
        return []
    # For each original sentence, may a unit end after it? Only where every translation agrees.
    can_end = [True] * n
    # owner[lang][first original sentence of a bead] = that bead's translation sentences;
    # translation-only (0-k) beads join the next bead, or the last one at the end.
    owner: dict[str, dict[int, list[int]]] = {}
    # The confidence of the bead (with the 0-k beads joined to it) of each original sentence.
    confidence: dict[int, float] = {}
    for lang, beads in doc.alignments.items():
        pending: list[int] = []
        pending_confidence: list[float] = []
        own = owner.setdefault(lang, {})
        for bead in beads:
            if bead.confidence is not None:
                pending_confidence.append(bead.confidence)
            if not bead.src:
                pending.extend(bead.tgt)
                continue
            for sid in bead.src[:-1]:
                can_end[sid] = False
            own[bead.src[0]] = [*pending, *bead.tgt]
            for sid in bead.src:
                _lower(confidence, sid, pending_confidence)
            pending, pending_confidence = [], []
        if pending:
            last = max(own, default=0)
            own.setdefault(last, []).extend(pending)
            _lower(confidence, last, pending_confidence)
    units: list[Unit] = []
    start = 0
    for sid in range(n):
        if not can_end[sid] and sid != n - 1:
            continue
        ids = tuple(range(start, sid + 1))
        sentences = {doc.original_language: ids}
        shape = {}
        for lang in doc.alignments:
            tgt = sorted(t for s in ids for t in owner[lang].get(s, []))
            sentences[lang] = tuple(tgt)
            shape[lang] = (len(ids), len(tgt))
        text = {lang: doc.versions[lang].join(sentences[lang]) for lang in sentences}
        known = [confidence[s] for s in ids if s in confidence]
        para_start = start == 0 or original.paragraph_of[start] != original.paragraph_of[start - 1]
        units.append(
            Unit(
                id=unit_id(original, start),
                index=len(units),
                sentences=sentences,
                text=text,
                paragraph_start=para_start,
                shape=shape,
                confidence=min(known) if known else None,
            )
        )
        start = sid + 1
    return units
