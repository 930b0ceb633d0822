"""Import the user's documents: a file and its translations in any mix of formats, or TMX / TSV.

`import_path(path, corpus, options)` is the one entry point (CLI and app). Each file goes through
its format reader (`reader.ingest.formats`) to a `Source`, then segment → align → corpus. Every
path ends in `write_document`, which builds the document folder beside the corpus and swaps it in
only when it loads back cleanly, so a failed or interrupted import leaves the corpus as it was.
Nothing is written until every file of the import has been read, so one bad file changes nothing.
The search index is updated by the caller (`SearchEngine.ensure_index`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from reader.corpus import ID_PATTERN, Corpus, write_document
from reader.errors import IdTaken, UserError
from reader.ingest.formats import ORIGINAL_SUFFIXES, read_source
from reader.ingest.langdetect import detect_language
from reader.ingest.source import Source, is_date, sanitized
from reader.model import Bead, Document, Version
from reader.text import LANGUAGES, fold

TRANSLATION = "imported"
LANGUAGE_NAMES = {"zh": "Chinese", "vi": "Vietnamese", "en": "English"}
CLEAN_MODES = ("auto", "none", "news")

# progress(done, total, what): before each step ("reading report.pdf", "aligning vi", "writing
# report"), and once more with done == total at the end.
Progress = Callable[[int, int, str], None]


class Step(Protocol):
    """Starts the next step (or, with advance=False, says more about the current one)."""

    def __call__(self, what: str, advance: bool = True) -> None: ...


def _no_step(what: str, advance: bool = True) -> None:
    """A step nobody watches."""


class _Steps:
    """Counts an import's steps for a progress callback."""

    def __init__(self, progress: Progress, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, what: str, advance: bool = True) -> None:
        if advance:
            self.done += 1
        self.progress(min(self.done - 1, self.total), self.total, what)


@dataclass
class Metadata:
    title: str = ""
    date: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    titles: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportOptions:
    """Everything an import can be told; the defaults import one file losslessly.

    clean: "auto" keeps every line of text and Markdown files, extracts the article of a web page,
    and leaves out a PDF's running headers, footers and page numbers and an EPUB's table of
    contents (all reported); "news" also strips news-site debris from text files; "none" keeps
    everything: a web page's whole text, a PDF's furniture, the table of contents.
    replace: replace a document with the same id (refused otherwise). dry_run: read, segment and
    align, but write nothing. into: the bundled corpus folder (maintainers).
    """

    lang: str | None = None
    translations: dict[str, Path] = field(default_factory=dict)
    meta: Metadata = field(default_factory=Metadata)
    doc_id: str | None = None
    clean: str = "auto"
    replace: bool = False
    dry_run: bool = False
    into: Path | None = None
    translation_provenance: str = TRANSLATION


@dataclass
class LeftOut:
    """Lines of one file that were left out, and what they are in words."""

    what: str
    lines: list[str]


@dataclass
class Imported:
    """One imported (or, in a dry run, readable) document and what the user must be told."""

    doc: Document
    removed: dict[str, LeftOut] = field(default_factory=dict)  # by file name
    notes: list[str] = field(default_factory=list)
    replaced: bool = False
    written: bool = True

    def messages(self, show: int = 3) -> list[str]:
        """Warnings in words: what was left out of which file (count and first lines), notes."""
        lines = list(self.notes)
        for name, left_out in self.removed.items():
            count = len(left_out.lines)
            shown = ", ".join(repr(line[:60]) for line in left_out.lines[:show])
            more = f" and {count - show} more" if count > show else ""
            noun = "line" if count == 1 else "lines"
            lines.append(f"{name}: {count} {noun} left out ({left_out.what}): {shown}{more}")
        return lines


def slugify(text: str) -> str:
    """A document id from a title or file name: "Tòa án Lạng Sơn" → "toa-an-lang-son"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60].strip("-")
    return slug or "document"


def check_date(value: str) -> str:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD that exists on the calendar ("" for none)."""
    if value and not is_date(value):
        raise UserError(f"date {value!r}: expected a real date as YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def check_language(lang: str | None) -> str | None:
    if lang is not None and lang not in LANGUAGES:
        raise UserError(f"unknown language code {lang!r} (expected one of {', '.join(LANGUAGES)})")
    return lang


def resolve_language(text: str, claimed: str | None, name: str) -> str:
    """The claimed language, checked against the text; or the detected one."""
    detected = detect_language(text)
    if claimed is None:
        if detected is None:
            raise UserError(f"{name}: cannot tell whether the text is zh, vi or en; pass --lang")
        return detected
    if detected is not None and detected != claimed:
        raise UserError(
            f"{name}: the text looks {LANGUAGE_NAMES[detected]}, not {LANGUAGE_NAMES[claimed]} as claimed"
        )
    return claimed


def version_of(source: Source, lang: str, provenance: str) -> tuple[Version, list[int]]:
    """Blocks to paragraphs of sentences, and the sentence ids where headings start. A subtitle
    cue stays one sentence (one unit); a pause of 3 s or more between cues starts a paragraph."""
    from reader.segment import split_sentences

    paragraphs: list[list[str]] = []
    headings: list[int] = []
    count = 0
    cues: list[str] = []
    blocks = source.blocks
    for index, block in enumerate(blocks):
        if block.kind != "cue":
            if cues:
                paragraphs.append(cues)
                count += len(cues)
                cues = []
            if sentences := split_sentences(block.text, lang):
                if block.kind == "heading":
                    headings.append(count)
                paragraphs.append(sentences)
                count += len(sentences)
            continue
        if text := " ".join(block.text.split()):
            cues.append(text)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        pause = (
            following is None
            or following.start is None
            or block.end is None
            or following.start - block.end >= 3.0
        )
        if cues and pause:
            paragraphs.append(cues)
            count += len(cues)
            cues = []
    if cues:
        paragraphs.append(cues)
    return Version(lang, paragraphs, provenance), headings


def align_pair(
    original: tuple[Source, Version, list[int]],
    translation: tuple[Source, Version, list[int]],
    report: Callable[[int, int], None] | None = None,
) -> list[Bead]:
    """Subtitles against subtitles by cue times; anything else by the sentence aligner, stretch
    by stretch between matching structure (numbered articles, headings) when there is some."""
    from reader.align import align_versions
    from reader.ingest.sections import align_by_sections

    if _all_cues(original[0]) and _all_cues(translation[0]):
        from reader.ingest.subtitles import align_cues

        return align_cues(original[0].blocks, translation[0].blocks)
    by_sections = align_by_sections(original[1], original[2], translation[1], translation[2], report)
    return by_sections if by_sections is not None else align_versions(original[1], translation[1])


def _all_cues(source: Source) -> bool:
    return bool(source.blocks) and all(b.kind == "cue" and b.start is not None for b in source.blocks)


def build_document(
    doc_id: str,
    original_lang: str,
    original: Source,
    translations: dict[str, Source],
    meta: Metadata,
    original_provenance: str = "original",
    translation_provenance: str = TRANSLATION,
    step: Step = _no_step,
) -> Document:
    """Segment and align an original and its translations into a document."""
    versions, headings = {}, {}
    versions[original_lang], headings[original_lang] = version_of(
        original, original_lang, original_provenance
    )
    if not versions[original_lang].paragraphs:
        raise UserError(f"{doc_id}: the original has no sentences")
    titles = dict(meta.titles)
    if meta.title or original.title:
        titles.setdefault(original_lang, meta.title or original.title)
    for lang, source in translations.items():
        versions[lang], headings[lang] = version_of(source, lang, translation_provenance)
        if not versions[lang].paragraphs:
            raise UserError(f"{doc_id}: the {LANGUAGE_NAMES[lang]} translation has no sentences")
        if source.title:
            titles.setdefault(lang, source.title)
    alignments = {}
    for lang in translations:
        label = f"aligning {LANGUAGE_NAMES[lang]} ({len(versions[lang].sentences):,} sentences)"
        step(label)

        def report(done: int, total: int, label: str = label) -> None:
            step(f"{label}: part {done} of {total}", advance=False)

        alignments[lang] = align_pair(
            (original, versions[original_lang], headings[original_lang]),
            (translations[lang], versions[lang], headings[lang]),
            report,
        )
    return Document(
        id=doc_id,
        original_language=original_lang,
        versions=versions,
        titles=titles,
        date=meta.date or original.date,
        source=meta.source or original.site,
        url=meta.url or original.url,
        author=meta.author or original.author,
        alignments=alignments,
    )


def load_source(path: Path, lang: str | None, clean: str) -> tuple[str, Source]:
    source = sanitized(read_source(path, clean))
    if not source.blocks:
        raise UserError(f"{path}: no text found")
    return resolve_language(" ".join([source.title, source.text[:40000]]), lang, str(path)), source


def check_id(doc_id: str, corpus: Corpus, options: ImportOptions) -> bool:
    """Refuse an invalid id or one that is taken; True when an existing document will be replaced."""
    if not ID_PATTERN.match(doc_id):
        raise UserError(f"invalid document id {doc_id!r}: use lowercase letters, digits and hyphens")
    if options.into is not None:
        return (options.into / doc_id).exists()
    found = corpus.folder(doc_id)
    if found and found[1]:
        raise IdTaken(doc_id)
    if found and not options.replace:
        raise IdTaken(doc_id, bundled=False)
    return found is not None


def read_document(path: Path, corpus: Corpus, options: ImportOptions, step: Step = _no_step) -> Imported:
    """Read, segment and align one original with its translations; nothing is written."""
    check_language(options.lang)
    step(f"reading {path.name}")
    original_lang, original = load_source(path, options.lang, options.clean)
    sources: dict[str, Source] = {}
    removed = {path.name: LeftOut(original.removed_what, original.removed)}
    notes = list(original.notes)
    for tlang, tpath in options.translations.items():
        check_language(tlang)
        if tlang == original_lang:
            raise UserError(f"{tpath}: a translation cannot be in the original's language ({tlang})")
        step(f"reading {tpath.name}")
        resolved, source = load_source(tpath, tlang, options.clean)
        sources[resolved] = source
        removed[tpath.name] = LeftOut(source.removed_what, source.removed)
        notes += source.notes
    doc_id = options.doc_id or slugify(path.stem)
    replaced = check_id(doc_id, corpus, options)
    doc = build_document(
        doc_id,
        original_lang,
        original,
        sources,
        options.meta,
        translation_provenance=options.translation_provenance,
        step=step,
    )
    doc.bundled = options.into is not None
    return Imported(doc, {k: v for k, v in removed.items() if v.lines}, notes, replaced)


def import_path(
    path: Path, corpus: Corpus, options: ImportOptions | None = None, progress: Progress | None = None
) -> list[Imported]:
    """Import a file (any supported format, with translations) or every document in a folder.

    Every file is read and aligned before anything is written; with `options.dry_run` nothing is.
    """
    options = options or ImportOptions()
    if options.clean not in CLEAN_MODES:
        raise UserError(f"unknown cleaning {options.clean!r} (expected one of {', '.join(CLEAN_MODES)})")
    if path.is_dir():
        if options.translations or options.doc_id:
            raise UserError(f"{path}: a translation and an id apply to a single file, not a folder")
        jobs, skipped = folder_documents(path)
    else:
        jobs, skipped = [(path, options.translations)], []
    per_job = [1 + 2 * len(translations) + (0 if options.dry_run else 1) for _, translations in jobs]
    step: Step = _Steps(progress, sum(per_job)) if progress else _no_step
    results: list[Imported] = []
    ids: dict[str, Path] = {}
    for file, translations in jobs:
        one = ImportOptions(**{**options.__dict__, "translations": translations})
        if file.suffix.lower() in (".tmx", ".tsv"):
            step(f"reading {file.name}")
            result = _aligned_file(file, corpus, one)
        else:
            result = read_document(file, corpus, one, step)
        if result.doc.id in ids:
            raise UserError(f"{file} and {ids[result.doc.id]} would both be document {result.doc.id!r}")
        ids[result.doc.id] = file
        results.append(result)
    if skipped:
        names = ", ".join(file.name for file in skipped[:5]) + (" …" if len(skipped) > 5 else "")
        noun = "file" if len(skipped) == 1 else "files"
        results[0].notes.append(f"{path}: {len(skipped)} {noun} of unsupported types skipped: {names}")
    for result in results:
        result.written = not options.dry_run
        if result.written:
            step(f"writing {result.doc.id}")
            write_document(result.doc, options.into or corpus.user_root)
    if progress:
        progress(sum(per_job), sum(per_job), "done")
    return results


def _aligned_file(path: Path, corpus: Corpus, options: ImportOptions) -> Imported:
    from reader.ingest.aligned_formats import read_tmx, read_tsv

    rows = read_tmx(path) if path.suffix.lower() == ".tmx" else read_tsv(path)
    doc_id = options.doc_id or slugify(path.stem)
    replaced = check_id(doc_id, corpus, options)
    doc = document_from_rows(doc_id, rows, options.meta, check_language(options.lang))
    doc.bundled = options.into is not None
    return Imported(doc, replaced=replaced)


def document_from_rows(
    doc_id: str, rows: list[dict[str, str]], meta: Metadata, original_lang: str | None = None
) -> Document:
    """An already-aligned document: one unit per row, one sentence per language and row."""
    langs = [lang for lang in LANGUAGES if any(row.get(lang, "").strip() for row in rows)]
    if len(langs) < 1 or not rows:
        raise UserError(f"{doc_id}: no aligned text found")
    original = original_lang if original_lang in langs else langs[0]
    texts: dict[str, list[str]] = {lang: [] for lang in langs}
    beads: dict[str, list[Bead]] = {lang: [] for lang in langs if lang != original}
    for row in rows:
        source = row.get(original, "").strip()
        if not source:
            for lang in beads:
                if row.get(lang, "").strip():
                    beads[lang].append(Bead((), (len(texts[lang]),)))
                    texts[lang].append(" ".join(row[lang].split()))
            continue
        sid = len(texts[original])
        texts[original].append(" ".join(source.split()))
        for lang in beads:
            value = " ".join(row.get(lang, "").split())
            if value:
                beads[lang].append(Bead((sid,), (len(texts[lang]),)))
                texts[lang].append(value)
            else:
                beads[lang].append(Bead((sid,), ()))
    versions = {lang: Version(lang, [texts[lang]], "imported") for lang in langs if texts[lang]}
    if original not in versions:
        raise UserError(f"{doc_id}: no {LANGUAGE_NAMES[original]} text")
    return Document(
        id=doc_id,
        original_language=original,
        versions=versions,
        titles={original: meta.title} if meta.title else {},
        date=meta.date,
        source=meta.source,
        url=meta.url,
        alignments={lang: beads[lang] for lang in beads if lang in versions},
        bundled=False,
    )


def folder_documents(folder: Path) -> tuple[list[tuple[Path, dict[str, Path]]], list[Path]]:
    """NAME.<ext> originals with their NAME.<lang>.<ext> translations (any supported formats),
    .tmx/.tsv files and translations without an original each on their own; and the files of
    other types, skipped (the caller says so)."""
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file())
    except PermissionError:
        raise UserError(f"{folder}: permission denied") from None
    found: list[tuple[Path, dict[str, Path]]] = []
    used: set[Path] = set()
    by_stem = {file.stem: file for file in files if file.suffix.lower() in ORIGINAL_SUFFIXES}
    for file in files:
        suffix = file.suffix.lower()
        stem_lang = Path(file.stem).suffix.lower().lstrip(".")
        if suffix in (".tmx", ".tsv"):
            found.append((file, {}))
        elif suffix in ORIGINAL_SUFFIXES and stem_lang not in LANGUAGES:
            translations = {
                lang: by_stem[f"{file.stem}.{lang}"] for lang in LANGUAGES if f"{file.stem}.{lang}" in by_stem
            }
            found.append((file, translations))
            used.update(translations.values())
        else:
            continue
        used.add(file)
    for file in files:
        if file not in used and file.suffix.lower() in ORIGINAL_SUFFIXES:
            found.append((file, {}))  # a translation whose original is not there
            used.add(file)
    if not found:
        raise UserError(
            f"{folder}: no documents found (expected NAME.txt with NAME.<lang>.txt translations "
            f"(or another supported format: {', '.join(ORIGINAL_SUFFIXES)}), .tmx or .tsv files)"
        )
    return found, [file for file in files if file not in used]


def remove_document(doc_id: str, corpus: Corpus) -> None:
    """Remove a user document; bookmarks on it keep their saved text."""
    import shutil

    found = corpus.folder(doc_id)
    if found is None:
        raise UserError(f"no document {doc_id!r} (see `reader corpus list`)")
    folder, bundled = found
    if bundled:
        raise UserError(f"{doc_id!r} is a bundled document; only imported documents can be removed")
    trash = folder.parent / ".staging" / f"{doc_id}.removed"
    shutil.rmtree(trash, ignore_errors=True)
    trash.parent.mkdir(parents=True, exist_ok=True)
    folder.rename(trash)  # atomic: the document is either listed or gone
    shutil.rmtree(trash, ignore_errors=True)
