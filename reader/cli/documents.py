"""`reader import FILE|DIR` and `reader remove DOC`: the user's own documents."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import",
        help="add a document (and its translations) to your corpus",
        description=(
            "Import a document with its translations (.txt, .md, .html, .docx, .pdf, .epub, .srt, .vtt, "
            "in any mix), an aligned TMX or TSV file, or a folder. Every line of a text file is kept; "
            "anything left out (a web page's navigation, a PDF's page numbers, or news-site debris with "
            "--clean news) is reported. In a folder, NAME.txt is an original and NAME.vi.txt, NAME.en.txt, "
            "NAME.zh.txt (any supported format) are its translations; every .tmx and .tsv file is a "
            "document of its own."
        ),
    )
    parser.add_argument("path", type=Path, help="a file or a folder")
    parser.add_argument("--lang", help="language of the original: zh, vi or en (detected when omitted)")
    parser.add_argument(
        "--translation", action="append", default=[], metavar="LANG=FILE", help="a translation (repeatable)"
    )
    parser.add_argument("--id", dest="doc_id", help="document id (default: from the file name)")
    parser.add_argument("--title", default="", help="title in the original's language")
    parser.add_argument("--date", default="", help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--source", default="", help="publisher")
    parser.add_argument("--url", default="", help="where the original was published")
    parser.add_argument(
        "--clean",
        choices=("auto", "none", "news"),
        default="auto",
        help="auto (default): keep every line of text files; leave out a web page's navigation and "
        "footers, a PDF's running headers, footers and page numbers, an EPUB's table of contents "
        "(all reported); news: also strip news-site debris from text files; none: keep everything",
    )
    parser.add_argument("--replace", action="store_true", help="replace a document with the same id")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported (and left out); write nothing"
    )
    parser.add_argument("--into", type=Path, help=argparse.SUPPRESS)  # maintainers: build the bundled corpus
    parser.add_argument("--corpus-translation", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(func=run_import)
    remove = sub.add_parser("remove", help="remove one of your imported documents")
    remove.add_argument("doc", help="document id")
    remove.set_defaults(func=run_remove)


def _translations(values: list[str]) -> dict[str, Path]:
    from reader.errors import UserError

    pairs: dict[str, Path] = {}
    for value in values:
        lang, sep, file = value.partition("=")
        if not sep or not lang or not file:
            raise UserError(f"--translation {value!r}: expected LANG=FILE, e.g. en=article.en.txt")
        pairs[lang.strip()] = Path(file)
    return pairs


def run_import(args: argparse.Namespace) -> int:
    import sys

    from reader.corpus import Corpus
    from reader.ingest.importer import ImportOptions, Metadata, check_date, import_path

    meta = Metadata(title=args.title, date=check_date(args.date), source=args.source, url=args.url)
    options = ImportOptions(
        lang=args.lang,
        translations=_translations(args.translation),
        meta=meta,
        doc_id=args.doc_id,
        clean=args.clean,
        replace=args.replace,
        dry_run=args.dry_run,
        into=args.into,
        translation_provenance="translation written for this corpus"
        if args.corpus_translation
        else "imported",
    )
    corpus = Corpus()
    bar = _progress_bar() if sys.stderr.isatty() else None
    try:
        results = import_path(args.path, corpus, options, bar)
    finally:
        if bar:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
    for result in results:
        doc = result.doc
        counts = ", ".join(f"{lang} {len(doc.versions[lang].sentences)}" for lang in doc.languages)
        verb = "would import" if args.dry_run else ("replaced" if result.replaced else "imported")
        print(f"{verb} {doc.id}: {len(doc.units)} units (sentences: {counts})")
        for message in result.messages():
            print(f"reader: note: {message}", file=sys.stderr)
        if result.removed:
            keep = "--clean none" if args.clean != "news" else "--clean auto"
            print(f"reader: note: to keep those lines, import with {keep}", file=sys.stderr)
    if not args.dry_run:
        _update_index(corpus)
    return 0


def _progress_bar():
    """A one-line progress bar on stderr (a terminal): steps done, elapsed time, current step."""
    import sys
    import time

    from reader.text import sanitize_line

    start = time.monotonic()

    def show(done: int, total: int, what: str) -> None:
        filled = 20 * done // max(total, 1)
        line = f"[{'#' * filled}{'.' * (20 - filled)}] {done}/{total} {time.monotonic() - start:4.0f}s {what}"
        print(f"\r\x1b[K{sanitize_line(line)[:100]}", end="", file=sys.stderr, flush=True)

    return show


def run_remove(args: argparse.Namespace) -> int:
    from reader.corpus import Corpus
    from reader.ingest.importer import remove_document

    corpus = Corpus()
    remove_document(args.doc, corpus)
    print(f"removed {args.doc}")
    _update_index(corpus)
    return 0


def _update_index(corpus) -> None:
    """Bring the search index up to date; a failure here never undoes the import."""
    import sys

    try:
        from reader.search import SearchEngine
    except ImportError:
        return
    try:
        message = SearchEngine(corpus).ensure_index()
    except Exception as exc:  # the corpus change stands; the index rebuilds on next use
        print(
            f"reader: warning: search index not updated ({exc}); it will be rebuilt on next use",
            file=sys.stderr,
        )
        return
    if message:
        print(message)
