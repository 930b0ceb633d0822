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
class Found:
    """A glossary name found in a text: the name as the glossary writes it, the entries it names
    (several when entries share it, e.g. 最高人民检察院 for China's and Vietnam's), and whether it
    is only an `accept` form (which counts as a rendering but is not checked on its own)."""

    name: str
    entries: tuple[Entry, ...]
    checkable: bool
    start: int
    end: int


class Glossary:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.by_id = {entry.id: entry for entry in entries}

    @cached_property
    def _index(self) -> dict[str, dict[str, list[tuple[Entry, str, bool]]]]:
        """lang → normalized form → (entry, the form as written, is a name (not only accepted))."""
        index: dict[str, dict[str, list[tuple[Entry, str, bool]]]] = {lang: {} for lang in LANGUAGES}
        for entry in self.entries:
            for lang in LANGUAGES:
                names = entry.names(lang)
                for form in entry.renderings(lang):
                    index[lang].setdefault(normalize(form), []).append((entry, form, form in names))
        return index

    @cached_property
    def _matchers(self) -> dict[str, Matcher]:
        return {lang: Matcher(self._index[lang], lang) for lang in LANGUAGES}

    def find(self, text: str, lang: str) -> list[Found]:
        """The glossary forms in `text`, longest first at each place, left to right. Offsets are
        in `normalize(text)`."""
        found = []
        for hit in self._matchers[lang].hits(normalize(text)):
            owners = self._index[lang][hit.form]
            named = tuple(entry for entry, _, is_name in owners if is_name)
            entries = named or tuple(entry for entry, _, _ in owners)
            found.append(Found(owners[0][1], entries, bool(named), hit.start, hit.end))
        return found

    def rendered(self, text: str, lang: str, entries: tuple[Entry, ...]) -> bool:
        """Does `text` contain any rendering in `lang` of any of `entries`? True when none of
        them has a form in `lang` (there is nothing to check against)."""
        forms = tuple(sorted({normalize(form) for entry in entries for form in entry.renderings(lang)}))
        return not forms or contains_any(normalize(text), forms, lang)

    def expansions(self, query: str) -> dict[str, list[str]]:
        """When the whole query is an entry's form or abbreviation in some language, every
        language's forms and abbreviations of that entry (of each entry sharing the form), the
        agreed form first: "Supreme People's Procuracy" → {"zh": ["越南最高人民检察院",
        "最高人民检察院"], "vi": [...], "en": [...]}. Empty when the query is no glossary name."""
        key = normalize(query)
        entries: list[Entry] = []
        for lang in LANGUAGES:
            for hit in self._matchers[lang].hits(key):
                if hit.start == 0 and hit.end == len(key):
                    entries += [
                        e for e, _, is_name in self._index[lang][hit.form] if is_name and e not in entries
                    ]
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
