"""The user's own glossary entries: `glossary.toml` in the data dir, appended to atomically.

The file stays the user's to edit: an addition is appended as text (comments and layout kept),
the whole file is validated before it replaces the old one, and nothing is written when the
file is malformed, a link, or not a regular file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from reader import atomic
from reader.errors import UserError, storage_error
from reader.terms import glossary
from reader.terms.glossary import Entry
from reader.terms.lookup import bundled_path, user_path
from reader.text import LANGUAGES, fold

_HEADER = "# Your glossary entries (`reader terms add` appends here); edit freely, one [[entry]] each.\n\n"


def _toml_value(values: Sequence[str]) -> str:
    quoted = [json.dumps(value, ensure_ascii=False) for value in values]
    return quoted[0] if len(quoted) == 1 else f"[{', '.join(quoted)}]"


def render_entry(
    entry_id: str,
    kind: str,
    forms: Mapping[str, Sequence[str]],
    abbr: Mapping[str, Sequence[str]] | None = None,
    accept: Mapping[str, Sequence[str]] | None = None,
    note: str = "",
) -> str:
    lines = ["[[entry]]", f"id = {json.dumps(entry_id)}", f"kind = {json.dumps(kind)}"]
    lines += [f"{lang} = {_toml_value(forms[lang])}" for lang in LANGUAGES if forms.get(lang)]
    for group, table in (("abbr", abbr or {}), ("accept", accept or {})):
        lines += [f"{group}.{lang} = {_toml_value(table[lang])}" for lang in LANGUAGES if table.get(lang)]
    if note:
        lines.append(f"note = {json.dumps(note, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def new_id(forms: Mapping[str, Sequence[str]], taken: set[str]) -> str:
    """A slug from the English (else Vietnamese) form, unique among `taken`."""
    source = next((forms[lang][0] for lang in ("en", "vi") if forms.get(lang)), "")
    base = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’]", "", fold(source))).strip("-")[:60] or "term"
    if not base[0].isalpha():
        base = f"term-{base}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def add_entry(
    kind: str,
    forms: Mapping[str, Sequence[str]],
    abbr: Mapping[str, Sequence[str]] | None = None,
    accept: Mapping[str, Sequence[str]] | None = None,
    note: str = "",
    entry_id: str | None = None,
    path: Path | None = None,
    bundled: Path | None = None,
) -> Entry:
    """Append an entry to the user's glossary; `UserError` for a bad entry or an unwritable file."""
    path = path or user_path()
    bundled_entries = glossary.read(bundled or bundled_path(), bundled=True)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UserError(
            f"{path}: not a regular file; the glossary is not written through links or to devices"
        )
    try:
        current = path.read_bytes().decode("utf-8").removeprefix("\ufeff") if path.exists() else ""
    except OSError as exc:
        raise storage_error(exc, "reading the glossary", path) from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8; fix or move it before adding entries") from None
    user_entries = glossary.parse(current, path, bundled=False)  # malformed: stop before writing
    taken = {entry.id for entry in (*bundled_entries, *user_entries)}
    if entry_id is None:
        entry_id = new_id(forms, taken)
    elif entry_id in taken:
        raise UserError(f"the glossary already has an entry {entry_id!r}; choose another id")
    block = render_entry(entry_id, kind, forms, abbr, accept, note)
    try:
        glossary.parse(block, Path("entry"), bundled=False)
    except glossary.GlossaryError as exc:
        raise UserError(f"cannot add the entry: {str(exc).split(': ', 1)[1]}") from None
    if current and not current.endswith("\n"):
        current += "\n"
    text = (current + "\n" if current else _HEADER) + block
    entries = glossary.parse(text, path, bundled=False)
    glossary.check_ids(bundled_entries, entries)
    try:
        atomic.write_text(path, text)
    except OSError as exc:
        raise storage_error(exc, "writing the glossary", path) from None
    return entries[-1]
