"""Import the user's documents: a text and its translations, or already-aligned TMX / TSV.

Every path ends in `write_document`, which builds the document folder beside the corpus and
swaps it in only when it loads back cleanly, so a failed or interrupted import leaves the
corpus as it was. The search index is updated by the caller (`SearchEngine.ensure_index`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.corpus import ID_PATTERN, Corpus, write_document
from reader.errors import IdTaken, UserError
from reader.ingest.clean import Cleaned, clean_article
from reader.ingest.decode import read_text_file
from reader.ingest.langdetect import detect_language
from reader.model import Bead, Document, Version
from reader.text import LANGUAGES, fold

TRANSLATION = "imported"
LANGUAGE_NAMES = {"zh": "Chinese", "vi": "Vietnamese", "en": "English"}


@dataclass
class Metadata:
    title: str = ""
    date: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    titles: dict[str, str] = field(default_factory=dict)


def slugify(text: str) -> str:
    """A document id from a title or file name: "Tòa án Lạng Sơn" → "toa-an-lang-son"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60].strip("-")
    return slug or "document"


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


def segment_paragraphs(paragraphs: list[str], lang: str) -> list[list[str]]:
    from reader.segment import split_sentences

    segmented = [split_sentences(p, lang) for p in paragraphs]
    return [p for p in segmented if p]


def build_document(
    doc_id: str,
    original_lang: str,
    original: Cleaned,
    translations: dict[str, Cleaned],
    meta: Metadata,
    original_provenance: str = "original",
    translation_provenance: str = TRANSLATION,
) -> Document:
    """Segment and align a cleaned original and its cleaned translations into a document."""
    from reader.align import align_versions

    versions = {
        original_lang: Version(
            original_lang, segment_paragraphs(original.paragraphs, original_lang), original_provenance
        )
    }
    if not versions[original_lang].paragraphs:
        raise UserError(f"{doc_id}: the original has no sentences")
    titles = dict(meta.titles)
    if meta.title or original.title:
        titles.setdefault(original_lang, meta.title or original.title)
    for lang, cleaned in translations.items():
        paragraphs = segment_paragraphs(cleaned.paragraphs, lang)
        if not paragraphs:
            raise UserError(f"{doc_id}: the {LANGUAGE_NAMES[lang]} translation has no sentences")
        versions[lang] = Version(lang, paragraphs, translation_provenance)
        if cleaned.title:
            titles.setdefault(lang, cleaned.title)
    alignments = {
        lang: align_versions(versions[original_lang], versions[lang])
        for lang in versions
        if lang != original_lang
    }
    return Document(
        id=doc_id,
        original_language=original_lang,
        versions=versions,
        titles=titles,
        date=meta.date or original.date,
        source=meta.source or original.source,
        url=meta.url or original.url,
        author=meta.author or original.author,
        alignments=alignments,
    )


def load_article(path: Path, lang: str | None) -> tuple[str, Cleaned]:
    text = read_text_file(path)
    cleaned = clean_article(text)
    if not cleaned.paragraphs:
        raise UserError(f"{path}: no text left after removing page furniture")
    return resolve_language(" ".join([cleaned.title, *cleaned.paragraphs]), lang, str(path)), cleaned


def check_id(doc_id: str, corpus: Corpus, into: Path | None) -> None:
    if not ID_PATTERN.match(doc_id):
        raise UserError(f"invalid document id {doc_id!r}: use lowercase letters, digits and hyphens")
    found = corpus.folder(doc_id)
    if found and found[1] and into is None:
        raise IdTaken(doc_id)


def import_text(
    path: Path,
    corpus: Corpus,
    lang: str | None = None,
    translations: dict[str, Path] | None = None,
    meta: Metadata | None = None,
    doc_id: str | None = None,
    into: Path | None = None,
    translation_provenance: str = TRANSLATION,
) -> Document:
    """Import an original text file and its translations into the user corpus (or `into`)."""
    meta = meta or Metadata()
    check_language(lang)
    original_lang, original = load_article(path, lang)
    cleaned_translations: dict[str, Cleaned] = {}
    for tlang, tpath in (translations or {}).items():
        check_language(tlang)
        if tlang == original_lang:
            raise UserError(f"{tpath}: a translation cannot be in the original's language ({tlang})")
        resolved, cleaned = load_article(tpath, tlang)
        cleaned_translations[resolved] = cleaned
    doc_id = doc_id or slugify(path.stem)
    check_id(doc_id, corpus, into)
    doc = build_document(
        doc_id,
        original_lang,
        original,
        cleaned_translations,
        meta,
        translation_provenance=translation_provenance,
    )
    doc.bundled = into is not None
    write_document(doc, into or corpus.user_root)
    return doc


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


def import_path(
    path: Path,
    corpus: Corpus,
    lang: str | None = None,
    translations: dict[str, Path] | None = None,
    meta: Metadata | None = None,
    doc_id: str | None = None,
    into: Path | None = None,
    translation_provenance: str = TRANSLATION,
) -> list[Document]:
    """Import a file (text, TMX or TSV) or every document in a folder."""
    meta = meta or Metadata()
    if path.is_dir():
        if translations or doc_id:
            raise UserError(f"{path}: --translation and --id apply to a single file, not a folder")
        return [
            import_path(file, corpus, lang, found, meta, None, into, translation_provenance)[0]
            for file, found in folder_documents(path)
        ]
    suffix = path.suffix.lower()
    if suffix in (".tmx", ".tsv"):
        from reader.ingest.aligned_formats import read_tmx, read_tsv

        rows = read_tmx(path) if suffix == ".tmx" else read_tsv(path)
        doc_id = doc_id or slugify(path.stem)
        check_id(doc_id, corpus, into)
        doc = document_from_rows(doc_id, rows, meta, check_language(lang))
        write_document(doc, into or corpus.user_root)
        return [doc]
    return [import_text(path, corpus, lang, translations, meta, doc_id, into, translation_provenance)]


def folder_documents(folder: Path) -> list[tuple[Path, dict[str, Path]]]:
    """NAME.txt originals with their NAME.<lang>.txt translations; .tmx/.tsv files on their own."""
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file())
    except PermissionError:
        raise UserError(f"{folder}: permission denied") from None
    found: list[tuple[Path, dict[str, Path]]] = []
    for file in files:
        suffixes = [s.lower() for s in file.suffixes]
        if file.suffix.lower() in (".tmx", ".tsv"):
            found.append((file, {}))
        elif file.suffix.lower() == ".txt" and (
            len(suffixes) < 2 or suffixes[-2].lstrip(".") not in LANGUAGES
        ):
            stem = file.name[: -len(".txt")]
            translations = {
                lang: folder / f"{stem}.{lang}.txt"
                for lang in LANGUAGES
                if (folder / f"{stem}.{lang}.txt").is_file()
            }
            found.append((file, translations))
    if not found:
        raise UserError(
            f"{folder}: no documents found (expected NAME.txt, NAME.<lang>.txt, .tmx or .tsv files)"
        )
    return found


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
