"""Which reader reads which file: by suffix, each reader module imported only when needed."""

from __future__ import annotations

from pathlib import Path

from reader.ingest.source import Source

ORIGINAL_SUFFIXES = (
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".xhtml",
    ".docx",
    ".pdf",
    ".epub",
    ".srt",
    ".vtt",
)


def read_source(path: Path, clean: str = "auto") -> Source:
    """The file's blocks and metadata; `clean` as in `ImportOptions`. A file of any other suffix
    is read as plain text (a binary one is refused by the decoder)."""
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".xhtml", ".docx", ".epub", ".pdf"):
        from reader.ingest.decode import read_text_noting

        text, notes = read_text_noting(path)
        source = _read_text(text, suffix, clean, str(path))
        source.notes += notes
        return source
    if suffix in (".html", ".htm", ".xhtml"):
        from reader.ingest.html import read_html

        return read_html(path, clean)
    if suffix == ".docx":
        from reader.ingest.docx import read_docx

        return read_docx(path)
    if suffix == ".epub":
        from reader.ingest.epub import read_epub

        return read_epub(path, clean)
    from reader.ingest.pdf import read_pdf

    return read_pdf(path, clean)


def _read_text(text: str, suffix: str, clean: str, name: str) -> Source:
    if suffix in (".srt", ".vtt"):
        from reader.ingest.subtitles import read_subtitles

        return read_subtitles(text, name)
    if suffix in (".md", ".markdown"):
        from reader.ingest.plain import read_markdown

        return read_markdown(text)
    if clean == "news":
        from reader.ingest.clean import news_source

        return news_source(text)
    from reader.ingest.plain import read_plain

    return read_plain(text)
