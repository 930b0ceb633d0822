"""The glossary in memory: the bundled entries plus the user's, and look-ups by form."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reader.terms import glossary
from reader.terms.glossary import Entry
from reader.terms.matching import Matcher, contains_any, normalize
from reader.text import LANGUAGES


def bundled_path() -> Path:
    from reader.paths import bundled_corpus_dir

    return bundled_corpus_dir() / "glossary.toml"


def user_path() -> Path:
    from reader.paths import data_dir

    return data_dir() / "glossary.toml"


@dataclass(frozen=True)
class Sense:
    """What a name means in one language: the entries it names (several when entries share it,
    e.g. 最高人民检察院 for China's and Vietnam's), and whether it is a name of theirs or only an
    `accept` form (which counts as a rendering but is not checked on its own)."""

    name: str  # as the glossary writes it
    entries: tuple[Entry, ...]
    ids: tuple[str, ...]
    checkable: bool


@dataclass(frozen=True)
class Found:
    """A glossary name found in a text, at [start, end) of the normalized text."""

    sense: Sense
    start: int
    end: int

    @property
    def name(self) -> str:
        return self.sense.name

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.sense.entries

    @property
    def checkable(self) -> bool:
        return self.sense.checkable


class Glossary:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_id = {entry.id: entry for entry in entries}
        self._renderings: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}

    @cached_property
    def _senses(self) -> dict[str, dict[str, Sense]]:
        """lang → normalized form → its sense."""
        owners: dict[str, dict[str, list[tuple[Entry, str, bool]]]] = {lang: {} for lang in LANGUAGES}
        for entry in self.entries:
            for lang in LANGUAGES:
                names = entry.names(lang)
                for form in entry.renderings(lang):
                    owners[lang].setdefault(normalize(form), []).append((entry, form, form in names))
        senses: dict[str, dict[str, Sense]] = {lang: {} for lang in LANGUAGES}
        for lang, forms in owners.items():
            for key, listed in forms.items():
                named = tuple(entry for entry, _, is_name in listed if is_name)
                entries = named or tuple(entry for entry, _, _ in listed)
                senses[lang][key] = Sense(listed[0][1], entries, tuple(e.id for e in entries), bool(named))
        return senses

    @cached_property
    def _matchers(self) -> dict[str, Matcher]:
        return {lang: Matcher(self._senses[lang], lang) for lang in LANGUAGES}

    def find(self, text: str, lang: str) -> list[Found]:
        """The glossary forms in `text`, longest first at each place, left to right."""
        return self.find_normalized(normalize(text), lang)

    def find_normalized(self, normalized: str, lang: str) -> list[Found]:
        senses = self._senses[lang]
        return [Found(senses[hit.form], hit.start, hit.end) for hit in self._matchers[lang].hits(normalized)]

    def rendered(self, text: str, lang: str, entries: tuple[Entry, ...]) -> bool:
        """Does `text` contain any rendering in `lang` of any of `entries`? True when none of
        them has a form in `lang` (there is nothing to check against)."""
        return self.rendered_normalized(normalize(text), lang, entries)

    def rendered_normalized(
        self, normalized: str, lang: str, entries: tuple[Entry, ...], ids: tuple[str, ...] | None = None
    ) -> bool:
        key = (lang, ids or tuple(entry.id for entry in entries))
        forms = self._renderings.get(key)
        if forms is None:
            forms = tuple(sorted({normalize(f) for entry in entries for f in entry.renderings(lang)}))
            self._renderings[key] = forms
        return not forms or contains_any(normalized, forms, lang)

    def expansions(self, query: str) -> dict[str, list[str]]:
        """When the whole query is an entry's form or abbreviation in some language, every
        language's forms and abbreviations of that entry (of each entry sharing the form), the
        agreed form first: "Supreme People's Procuracy" → {"zh": ["越南最高人民检察院",
        "最高人民检察院"], "vi": [...], "en": [...]}. Empty when the query is no glossary name."""
        key = normalize(query)
        entries: list[Entry] = []
        for lang in LANGUAGES:
            for hit in self._matchers[lang].hits(key):
                sense = self._senses[lang][hit.form]
                if hit.start == 0 and hit.end == len(key) and sense.checkable:
                    entries += [entry for entry in sense.entries if entry not in entries]
        out: dict[str, list[str]] = {}
        for lang in LANGUAGES:
            forms = [form for entry in entries for form in entry.names(lang)]
            if forms:
                out[lang] = list(dict.fromkeys(forms))
        return out


def load_glossary(bundled: Path | None = None, user: Path | None = None) -> Glossary:
    """The bundled glossary plus the user's; `GlossaryError` (file and line) when one is malformed."""
    bundled_entries = glossary.read(bundled or bundled_path(), bundled=True)
    user_entries = glossary.read(user or user_path(), bundled=False)
    glossary.check_ids(bundled_entries, user_entries)
    return Glossary(bundled_entries + user_entries)
