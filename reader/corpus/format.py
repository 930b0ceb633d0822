"""The corpus's file format: reading, validating and writing one folder per document.

    <id>/meta.toml     id, original_language, date, source, url, author, [title], [versions.<lang>],
                       optional title_provenance and notes
    <id>/<lang>.txt    one sentence per line, a blank line between paragraphs
    <id>/<lang>.align  for each translation: one bead per line, `[orig ids]:[translation ids]`,
                       optionally `:confidence` (the aligner's, in [0, 1])

Loading is deterministic and validated: malformed data raises `CorpusError` whose message
names the file and the line.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reader import atomic
from reader.errors import storage_error
from reader.model import PROVENANCES, Bead, Document, Version, pick_title
from reader.paths import check_home
from reader.text import LANGUAGES

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_BEAD = re.compile(r"^\[\s*([0-9,\s]*)\]\s*:\s*\[\s*([0-9,\s]*)\]\s*(?::([^:]*)(?::.*)?)?$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TITLE_PROVENANCES = ("source", "written for this corpus")
_BLANKS = (" ", "\t")
_BLANK_EDGES = re.compile(r"^[ \t]+\S|\S[ \t]+$|^[ \t]+$", re.MULTILINE)
_TEXT_PROBLEMS = (
    (re.compile(r"[\x00-\x08\x0b-\x1f\x7f]"), "control character in text"),
    (_BLANK_EDGES, "a sentence line has leading or trailing spaces"),
)


class CorpusError(Exception):
    """Malformed corpus data; the message names the file (and line) at fault."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the library lists without reading every text: the parsed meta.toml."""

    id: str
    path: Path
    original_language: str
    languages: tuple[str, ...]
    titles: dict[str, str]
    date: str
    source: str
    url: str
    author: str
    provenance: dict[str, str]
    bundled: bool
    title_provenance: str = "source"
    notes: str = ""

    def title(self, lang: str | None = None) -> str:
        return pick_title(self.titles, self.original_language, self.id, lang)


def _fail(path: Path | str, message: str, line: int | None = None) -> CorpusError:
    where = f"{path}:{line}" if line else str(path)
    return CorpusError(f"{where}: {message}")


def read_meta(folder: Path, bundled: bool = True) -> DocumentInfo:
    path = folder / "meta.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail(path, "missing meta.toml") from None
    except UnicodeDecodeError:
        raise _fail(path, "not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise _fail(path, f"invalid TOML: {exc}", int(line.group(1)) if line else None) from None
    doc_id = data.get("id")
    if not isinstance(doc_id, str) or not ID_PATTERN.match(doc_id):
        raise _fail(path, f"id must be a lowercase slug, got {doc_id!r}")
    if doc_id != folder.name:
        raise _fail(path, f"id {doc_id!r} does not match the folder name {folder.name!r}")
    original = data.get("original_language")
    if not isinstance(original, str):
        raise _fail(path, f"original_language must be zh, vi or en, got {original!r}")
    versions = data.get("versions")
    if not isinstance(versions, dict) or not versions:
        raise _fail(path, "needs a [versions.<lang>] table for each language")
    provenance: dict[str, str] = {}
    for lang, entry in versions.items():
        if lang not in LANGUAGES:
            raise _fail(path, f"unknown language {lang!r} (expected one of {', '.join(LANGUAGES)})")
        value = entry.get("provenance") if isinstance(entry, dict) else None
        if value not in PROVENANCES:
            raise _fail(path, f"versions.{lang}.provenance must be one of {PROVENANCES}, got {value!r}")
        provenance[lang] = value
    if original not in versions:
        raise _fail(path, f"original_language {original!r} has no [versions.{original}] table")
    if provenance[original] not in ("original", "imported"):
        raise _fail(path, f"versions.{original} is the original but marked {provenance[original]!r}")
    titles = data.get("title", {})
    if not isinstance(titles, dict) or not all(isinstance(v, str) for v in titles.values()):
        raise _fail(path, "[title] must map languages to strings")
    fields = {key: data.get(key, "") for key in ("date", "source", "url", "author", "notes")}
    for key, value in fields.items():
        if not isinstance(value, str):
            raise _fail(path, f"{key} must be a string")
    if fields["date"] and not _DATE.match(fields["date"]):
        raise _fail(path, f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {fields['date']!r}")
    title_provenance = data.get("title_provenance", "source")
    if title_provenance not in TITLE_PROVENANCES:
        raise _fail(path, f"title_provenance must be one of {TITLE_PROVENANCES}, got {title_provenance!r}")
    languages = (original, *sorted(lang for lang in versions if lang != original))
    return DocumentInfo(
        id=doc_id,
        path=folder,
        original_language=original,
        languages=languages,
        titles=dict(titles),
        provenance=provenance,
        bundled=bundled,
        title_provenance=title_provenance,
        **fields,
    )


def read_text(path: Path, lang: str) -> list[list[str]]:
    """Paragraphs of sentences from a `<lang>.txt` file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(path, "missing text file") from None
    except UnicodeDecodeError:
        raise _fail(path, "not UTF-8") from None
    lines = raw.split("\n")
    # The blank-edge regex takes ~0.2 s on a 10,000-line file: run it only when a line may match.
    blank_edges = any(line[:1] in _BLANKS or line[-1:] in _BLANKS for line in lines)
    for pattern, problem in _TEXT_PROBLEMS:
        if pattern is _BLANK_EDGES and not blank_edges:
            continue
        if found := pattern.search(raw):
            raise _fail(path, problem, raw.count("\n", 0, found.start()) + 1)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line)
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise _fail(path, f"no {lang} text")
    return paragraphs


def _confidence(field: str | None) -> float | None:
    """A bead's third field, the aligner's confidence in [0, 1]; anything else is ignored (other
    tools put a score of their own there)."""
    try:
        value = float(field) if field and field.strip() else None
    except ValueError:
        return None
    return value if value is not None and 0.0 <= value <= 1.0 else None


def _ids(field: str) -> tuple[int, ...]:
    """Sentence ids of one side of a bead: "0, 1" → (0, 1); "" → ()."""
    if field.isdigit():
        return (int(field),)
    return tuple(int(x) for x in field.replace(" ", "").split(",") if x)


def _in_order(ids: tuple[int, ...], first: int) -> bool:
    """Whether `ids` are first, first + 1, … (an empty side always is)."""
    if len(ids) == 1:
        return ids[0] == first
    return ids == tuple(range(first, first + len(ids)))


def parse_beads(
    path: Path | str, text: str, n_src: int | None = None, n_tgt: int | None = None
) -> list[Bead]:
    """Parse beads, one per line (`[0,1]:[2]`, extra `:` fields ignored, `#` comments and blank
    lines skipped). Given the two texts' sizes, also validate them: each sentence on each side
    exactly once, in order. Without sizes (beads to score against gold), only the syntax."""
    beads: list[Bead] = []
    next_src = next_tgt = 0
    match_bead = _BEAD.match
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line or line[0] == "#":
            continue
        match = match_bead(line)
        if not match:
            raise _fail(path, f"not a bead: {line[:40]!r} (expected like [0,1]:[0])", number)
        left, right, field = match.group(1, 2, 3)
        src = _ids(left)
        tgt = _ids(right)
        confidence = _confidence(field)
        if n_src is None or n_tgt is None:
            beads.append(Bead(src, tgt, confidence))
            continue
        if not src and not tgt:
            raise _fail(path, "bead empty on both sides", number)
        if not _in_order(src, next_src):
            raise _fail(path, f"original sentences out of order: expected {next_src}", number)
        if not _in_order(tgt, next_tgt):
            raise _fail(path, f"translation sentences out of order: expected {next_tgt}", number)
        next_src += len(src)
        next_tgt += len(tgt)
        if next_src > n_src or next_tgt > n_tgt:
            raise _fail(path, f"sentence id beyond the text ({n_src} × {n_tgt} sentences)", number)
        beads.append(Bead(src, tgt, confidence))
    if n_src is not None and n_tgt is not None and (next_src != n_src or next_tgt != n_tgt):
        raise _fail(
            path, f"beads cover {next_src}/{n_src} original and {next_tgt}/{n_tgt} translation sentences"
        )
    return beads


OVERLAY_BASE = "base.sha256"  # in an overlay: the digest of the texts its alignment was made for


def text_digest(folder: Path) -> str:
    """A digest of a document's sentence files (an overlay applies only to the texts it was made for)."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def load_document(folder: Path, bundled: bool = True, overlay: Path | None = None) -> Document:
    """Read a document folder; `overlay`, when it exists, holds edited `<lang>.align` files that
    replace the folder's own (alignment edits to a bundled document)."""
    info = read_meta(folder, bundled)
    versions = {
        lang: Version(lang, read_text(folder / f"{lang}.txt", lang), info.provenance[lang])
        for lang in info.languages
    }
    original = versions[info.original_language]
    if overlay is not None and overlay.is_dir():
        base = overlay / OVERLAY_BASE
        if base.is_file() and base.read_text(encoding="utf-8").strip() != text_digest(folder):
            raise _fail(
                overlay,
                "alignment edits made for an earlier version of this document's text;"
                " move this folder away to read the document",
            )
    else:
        overlay = None
    alignments = {}
    for lang in info.languages[1:]:
        path = folder / f"{lang}.align"
        if overlay is not None and (overlay / f"{lang}.align").is_file():
            path = overlay / f"{lang}.align"
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise _fail(path, "missing alignment file") from None
        except UnicodeDecodeError:
            raise _fail(path, "not UTF-8") from None
        alignments[lang] = parse_beads(path, raw, len(original.sentences), len(versions[lang].sentences))
    return Document(
        id=info.id,
        original_language=info.original_language,
        versions=versions,
        titles=info.titles,
        date=info.date,
        source=info.source,
        url=info.url,
        author=info.author,
        title_provenance=info.title_provenance,
        notes=info.notes,
        alignments=alignments,
        bundled=bundled,
    )


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_meta(doc: Document) -> str:
    lines = [f"id = {_toml_str(doc.id)}", f"original_language = {_toml_str(doc.original_language)}"]
    for key in ("date", "source", "url", "author"):
        lines.append(f"{key} = {_toml_str(getattr(doc, key))}")
    if doc.title_provenance != "source":
        lines.append(f"title_provenance = {_toml_str(doc.title_provenance)}")
    if doc.notes:
        lines.append(f"notes = {_toml_str(doc.notes)}")
    lines += ["", "[title]"]
    lines += [f"{lang} = {_toml_str(doc.titles[lang])}" for lang in LANGUAGES if doc.titles.get(lang)]
    for lang in doc.languages:
        lines += ["", f"[versions.{lang}]", f"provenance = {_toml_str(doc.versions[lang].provenance)}"]
    return "\n".join(lines) + "\n"


def render_text(version: Version) -> str:
    return "\n\n".join("\n".join(p) for p in version.paragraphs) + "\n"


def render_beads(beads: list[Bead]) -> str:
    """One bead per line, with its confidence as a third field when it has one: `[0]:[1]:0.97`."""
    return "".join(
        bead.format() + ("" if bead.confidence is None else f":{bead.confidence:.3f}") + "\n"
        for bead in beads
    )


def write_document(doc: Document, root: Path) -> Path:
    """Write a document folder atomically: build it beside the target, then swap it in.

    On any failure (a full or read-only disk, a document that would not load) the corpus is as
    it was and the staging folder is removed, so a full disk is not kept full; an `OSError`
    becomes a one-line `UserError` naming the file."""
    staging = root / ".staging" / doc.id
    try:
        return _write_document(doc, root, staging)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            check_home()
            raise storage_error(exc, "writing the document", root / doc.id) from None
        raise


def _write_document(doc: Document, root: Path, staging: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    final = root / doc.id
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    atomic.write_text(staging / "meta.toml", render_meta(doc))
    for lang, version in doc.versions.items():
        atomic.write_text(staging / f"{lang}.txt", render_text(version))
    for lang, beads in doc.alignments.items():
        atomic.write_text(staging / f"{lang}.align", render_beads(beads))
    load_document(staging, doc.bundled)  # never swap in what would not load
    old = root / ".staging" / f"{doc.id}.old"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    try:
        staging.rename(final)
    except BaseException:
        if old.exists() and not final.exists():
            old.rename(final)  # put the old version back
        raise
    shutil.rmtree(old, ignore_errors=True)
    return final


def recover(root: Path) -> None:
    """Finish or undo a `write_document` that was killed between its two renames."""
    staging = root / ".staging"
    if not staging.is_dir():
        return
    for old in staging.glob("*.old"):
        target = root / old.name[: -len(".old")]
        try:
            if not target.exists():
                old.rename(target)  # killed after moving the old version aside: put it back
            else:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
