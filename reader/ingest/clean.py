"""Strip scraping debris from a news article and lift its metadata out of the body.

Used for the bundled seed articles and on request (`reader import --clean news`); plain imports
keep every line (`reader.ingest.plain`). A line is removed only when it matches a known debris
pattern, and every removed line is listed in `Cleaned.removed` so the import can report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.ingest.source import Block, Source, heading_or_paragraph
from reader.text import cjk_ratio, is_cjk, sanitize

# Everything from one of these lines to the end of the text is a teaser list.
_TAIL_MARKERS = {"相关新闻", "相關新聞", "tin liên quan", "related news", "related stories", "查看更多"}
# Whole lines that are page furniture.
_JUNK_LINES = {
    "leftcenterrightdel",
    "zalo",
    "facebook",
    "twitter",
    "email",
    "in bài",
    "chia sẻ",
    "新闻",
    "查看更多",
    "返回顶部",
}
_SENTENCE_END = tuple("。！？；…」』”\"'.!?:：)）")

_DATE_TIME = re.compile(r"^(?P<time>\d{1,2}:\d{2})\s*\|\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$")
_DATE_UPDATED = re.compile(
    r"^\(?\s*(?:updated|published|cập nhật|发布时间|更新时间)?\s*[:：]?\s*"
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*\)?$",
    re.IGNORECASE,
)
_SOURCE_URL = re.compile(
    r"^(?:Nguồn|Source|来源|來源)\s*(?P<source>[^:：]*?)\s*[:：]\s*(?P<url>https?://\S+)$"
)
_BYLINE_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*$")
_HALF_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


@dataclass
class Cleaned:
    """The article body as paragraphs, plus what the cleaner lifted out of it."""

    paragraphs: list[str]
    title: str = ""
    date: str = ""
    url: str = ""
    source: str = ""
    author: str = ""
    removed: list[str] = field(default_factory=list)


def _is_sentence(line: str) -> bool:
    return line.rstrip().endswith(_SENTENCE_END)


def _is_byline(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 4 or len(line) > 40 or _is_sentence(line):
        return False
    return all(_BYLINE_WORD.match(word) for word in words)


def _doubled_title(line: str) -> bool:
    """A teaser title scraped twice and run together: "X X"."""
    half = len(line) // 2
    return len(line) > 8 and line[:half].strip() == line[half:].strip()


def _fullwidth_punctuation(line: str) -> str:
    """Turn ASCII , ; : ? ! after a Han character into their full-width forms."""
    out = []
    for i, ch in enumerate(line):
        if ch in _HALF_WIDTH and i and is_cjk(line[i - 1]):
            nxt = line[i + 1 : i + 2]
            if not (ch == ":" and nxt.isdigit()):
                out.append(_HALF_WIDTH[ch])
                continue
        out.append(ch)
    return re.sub(r"([，。；：！？、])\s+", r"\1", "".join(out))


def clean_article(raw: str) -> Cleaned:
    """Split raw scraped text into a title, metadata and body paragraphs (one per line)."""
    blocks: list[list[str]] = [[]]
    for line in sanitize(raw).split("\n"):
        line = " ".join(line.split())
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    blocks = [b for b in blocks if b]
    result = Cleaned(paragraphs=[])
    chinese = cjk_ratio(raw) > 0.5

    kept: list[list[str]] = []
    skip_next_block = False
    for block in blocks:
        if block[0].lower() in _TAIL_MARKERS:
            result.removed.extend(line for b in blocks[blocks.index(block) :] for line in b)
            break
        if skip_next_block:
            result.removed.extend(block)
            skip_next_block = False
            continue
        if len(block) == 1 and _doubled_title(block[0]):
            result.removed.extend(block)
            skip_next_block = True
            continue
        lines = []
        punctuated = any(_is_sentence(line) for line in block)
        for line in block:
            lowered = line.lower()
            if lowered in _JUNK_LINES:
                result.removed.append(line)
            elif m := _DATE_TIME.match(line) or _DATE_UPDATED.match(line):
                result.date = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
                result.removed.append(line)
            elif m := _SOURCE_URL.match(line):
                result.url, result.source = m["url"], m["source"]
                result.removed.append(line)
            elif len(block) > 1 and punctuated and not _is_sentence(line):
                result.removed.append(line)  # related-link titles run into the body
            else:
                lines.append(line)
        if lines:
            kept.append(lines)

    paragraphs = [line for block in kept for line in block]
    if paragraphs and not _is_sentence(paragraphs[0]) and len(paragraphs[0]) < 200:
        result.title = paragraphs.pop(0)
    if paragraphs and _is_byline(paragraphs[-1]):
        result.author = paragraphs.pop()
    deduped: list[str] = []
    for paragraph in paragraphs:
        if deduped and deduped[-1] == paragraph:
            result.removed.append(paragraph)  # an image caption scraped twice
            continue
        deduped.append(paragraph)
    if chinese:
        deduped = [_fullwidth_punctuation(p) for p in deduped]
        result.title = _fullwidth_punctuation(result.title)
    result.paragraphs = deduped
    return result


def news_source(raw: str) -> Source:
    """`clean_article` as a `Source` (for `--clean news`): the lines it removed are reported."""
    cleaned = clean_article(raw)
    return Source(
        [Block(p, heading_or_paragraph(p)) for p in cleaned.paragraphs],
        title=cleaned.title,
        date=cleaned.date,
        url=cleaned.url,
        site=cleaned.source,
        author=cleaned.author,
        removed=cleaned.removed,
        removed_what="news-site debris",
    )
