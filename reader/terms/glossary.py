"""The glossary's file format: TOML, one `[[entry]]` per name or term.

    [[entry]]
    id = "spp-vietnam"                      # a lowercase slug, unique across every glossary file
    kind = "institution"                    # institution | person | place | term
    zh = ["越南最高人民检察院", "最高人民检察院"]  # a string, or a list: the agreed form first,
    vi = "Viện kiểm sát nhân dân tối cao"     #   then accepted variants
    en = "Supreme People's Procuracy"
    abbr.vi = ["VKSND tối cao", "VKSNDTC"]  # abbreviations, per language
    abbr.en = "SPP"
    accept.en = "Mr. Thu"                   # accepted renderings too loose to check on their own
    note = "…"

Forms and abbreviations are what `terms check` looks for and what a rendering must contain;
`accept` forms count as a rendering only. Loading validates every entry; a malformed one raises
`GlossaryError` naming the file and the line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import UserError
from reader.terms.matching import normalize
from reader.text import LANGUAGES

KINDS = ("institution", "person", "place", "term")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,79}$")
_KEYS = ("id", "kind", *LANGUAGES, "abbr", "accept", "note")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class GlossaryError(UserError):
    """A malformed glossary file; the message names the file and the line."""


@dataclass(frozen=True, eq=False)
class Entry:
    id: str
    kind: str
    forms: dict[str, tuple[str, ...]]  # language → the agreed form first, then accepted variants
    abbr: dict[str, tuple[str, ...]] = field(default_factory=dict)
    accept: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""
    bundled: bool = True
    path: Path | None = None
    line: int = 0

    def preferred(self, lang: str) -> str:
        """The agreed form in `lang`, or "" when the entry has none."""
        forms = self.forms.get(lang, ())
        return forms[0] if forms else ""

    def names(self, lang: str) -> tuple[str, ...]:
        """Forms and abbreviations: what the check looks for and what search expands to."""
        return (*self.forms.get(lang, ()), *self.abbr.get(lang, ()))

    def renderings(self, lang: str) -> tuple[str, ...]:
        """Everything that counts as rendering this entry in `lang`."""
        return (*self.names(lang), *self.accept.get(lang, ()))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            **{lang: list(self.forms.get(lang, ())) for lang in LANGUAGES},
            "abbr": {lang: list(forms) for lang, forms in self.abbr.items()},
            "accept": {lang: list(forms) for lang, forms in self.accept.items()},
            "note": self.note,
            "bundled": self.bundled,
        }


class _Lines:
    """Line numbers for error messages: where each `[[entry]]` starts and where its keys are."""

    _HEADER = re.compile(r"^\s*\[\[\s*entry\s*\]\]")

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.starts = [i for i, line in enumerate(self.lines) if self._HEADER.match(line)]

    def top(self, key: str) -> int:
        """The line of a top-level key (one outside every [[entry]])."""
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]")
        end = self.starts[0] if self.starts else len(self.lines)
        return next((number + 1 for number in range(end) if pattern.match(self.lines[number])), 1)

    def entry(self, index: int) -> int:
        return self.starts[index] + 1 if index < len(self.starts) else 1

    def key(self, index: int, key: str) -> int:
        """The line of `key` (a dotted key such as `abbr.vi` too) in the index-th entry."""
        if index >= len(self.starts):
            return 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.lines)
        head, _, tail = key.partition(".")
        dotted = rf"{head}\s*\.\s*{tail}" if tail else head
        pattern = re.compile(rf"^\s*[\"']?{dotted}[\"']?\s*[=.]")
        for number in range(self.starts[index], end):
            if pattern.match(self.lines[number]):
                return number + 1
        return self.starts[index] + 1


def _fail(path: Path, line: int, message: str) -> GlossaryError:
    return GlossaryError(f"{path}:{line}: {message}")


def parse(text: str, path: Path, bundled: bool) -> list[Entry]:
    """Parse and validate one glossary file's text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise _fail(path, int(found.group(1)) if found else 1, f"invalid TOML: {exc}") from None
    lines = _Lines(text)
    for key in data:
        if key != "entry":
            raise _fail(
                path,
                lines.top(key),
                f"unknown key {key!r} (expected [[entry]] tables)",
            )
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        raise _fail(path, 1, "`entry` must be an array of tables: write each one as [[entry]]")
    entries = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_entries):
        entry = _entry(raw, index, lines, path, bundled)
        id_line = lines.key(index, "id")
        if entry.id in seen:
            raise _fail(path, id_line, f"id {entry.id!r} is already used at line {seen[entry.id]}")
        seen[entry.id] = id_line
        entries.append(entry)
    return entries


def _entry(raw: dict, index: int, lines: _Lines, path: Path, bundled: bool) -> Entry:
    line = lines.entry(index)

    def fail(key: str | None, message: str) -> GlossaryError:
        return _fail(path, lines.key(index, key) if key else line, message)

    for key in raw:
        if key not in _KEYS:
            raise fail(key, f"unknown key {key!r} (expected one of {', '.join(_KEYS)})")
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
        raise fail(
            "id" if "id" in raw else None, f"id must be a lowercase slug (like spp-vietnam), got {entry_id!r}"
        )
    kind = raw.get("kind")
    if kind not in KINDS:
        raise fail("kind" if "kind" in raw else None, f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    note = raw.get("note", "")
    if not isinstance(note, str) or _CONTROL.search(note.replace("\n", " ")):
        raise fail("note", "note must be a string without control characters")
    forms = {}
    for lang in LANGUAGES:
        if lang in raw:
            forms[lang] = _forms(raw[lang], lang, lambda message, key=lang: fail(key, message))
    if len(forms) < 2:
        raise fail(None, f"entry {entry_id!r} needs forms in at least two of {', '.join(LANGUAGES)}")
    extra: dict[str, dict[str, tuple[str, ...]]] = {}
    for group in ("abbr", "accept"):
        table = raw.get(group, {})
        if not isinstance(table, dict):
            raise fail(group, f'{group} must be a table of languages, like {group}.en = "…"')
        extra[group] = {}
        for lang, value in table.items():
            key = f"{group}.{lang}"
            if lang not in LANGUAGES:
                raise fail(key, f"{key}: unknown language {lang!r} (expected {', '.join(LANGUAGES)})")
            if lang not in forms:
                raise fail(key, f"{key} needs a {lang} form in the entry too")
            extra[group][lang] = _forms(value, key, lambda message, key=key: fail(key, message))
    listed: set[tuple[str, str]] = set()
    for lang in LANGUAGES:
        for form in (*forms.get(lang, ()), *extra["abbr"].get(lang, ()), *extra["accept"].get(lang, ())):
            if (lang, normalize(form)) in listed:
                raise fail(lang, f"{form!r} is listed twice in entry {entry_id!r}")
            listed.add((lang, normalize(form)))
    return Entry(
        id=entry_id,
        kind=kind,
        forms=forms,
        abbr=extra["abbr"],
        accept=extra["accept"],
        note=note.strip(),
        bundled=bundled,
        path=path,
        line=line,
    )


def _forms(value: object, key: str, fail) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        raise fail(f"{key} must be a string or a non-empty list of strings")
    out = []
    for form in values:
        if not isinstance(form, str) or not form.strip():
            raise fail(f"{key} must hold non-empty strings, got {form!r}")
        if _CONTROL.search(form):
            raise fail(f"{key}: {form!r} contains a control character")
        if not any(ch.isalnum() for ch in form):
            raise fail(f"{key}: {form!r} has no letters")
        out.append(" ".join(form.split()))
    return tuple(out)


def read(path: Path, bundled: bool) -> list[Entry]:
    """Entries of one file; a missing file has none."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        from reader.errors import storage_error

        raise storage_error(exc, "reading the glossary", path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, line, "not UTF-8") from None
    return parse(text.removeprefix("\ufeff"), path, bundled)


def check_ids(bundled: list[Entry], user: list[Entry]) -> None:
    """User entries may not reuse a bundled entry's id (bundled entries are read-only)."""
    taken = {entry.id: entry for entry in bundled}
    for entry in user:
        if entry.id in taken:
            clash = taken[entry.id]
            raise _fail(
                entry.path or Path("?"),
                entry.line,
                f"id {entry.id!r} is a bundled entry's ({clash.path}:{clash.line}); choose another",
            )
