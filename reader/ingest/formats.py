"""Which reader reads which file: by suffix, each reader module imported only when needed."""

from __future__ import annotations

from pathlib import Path

from reader.errors import UserError
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
    """The file's blocks and metadata; `clean` as in `ImportOptions`."""
    suffix = path.suffix.lower()
    if suffix not in ORIGINAL_SUFFIXES:
        raise UserError(
            f"{path}: unsupported file type {suffix or '(none)'!r} "
            f"(supported: {', '.join(ORIGINAL_SUFFIXES)}, .tmx, .tsv)"
        )
    if suffix in (".md", ".markdown"):
        from reader.ingest.decode import read_text_file
        from reader.ingest.plain import read_markdown

        return read_markdown(read_text_file(path))
    if suffix == ".txt":
        from reader.ingest.decode import read_text_file

        text = read_text_file(path)
        if clean == "news":
            from reader.ingest.clean import news_source

            return news_source(text)
        from reader.ingest.plain import read_plain

        return read_plain(text)
    if suffix in (".html", ".htm", ".xhtml"):
        from reader.ingest.html import read_html

        return read_html(path, clean)
    if suffix == ".docx":
        from reader.ingest.docx import read_docx

        return read_docx(path)
    if suffix == ".pdf":
        from reader.ingest.pdf import read_pdf

        return read_pdf(path)
    if suffix == ".epub":
        from reader.ingest.epub import read_epub

        return read_epub(path)
    if suffix in (".srt", ".vtt"):
        from reader.ingest.subtitles import read_subtitle_file

        return read_subtitle_file(path)
    raise UserError(f"{path}: {suffix} files are not supported yet")
