"""What every format reader yields: the document's metadata and its blocks in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["heading", "paragraph", "item", "cue"]
_STOPS = tuple("。！？；….!?:：;")
_CLOSERS = "\"'”’“‘」』)）]】》"


@dataclass(frozen=True)
class Block:
    """One heading, paragraph, list item or subtitle cue (times in seconds for cues)."""

    text: str
    kind: Kind = "paragraph"
    start: float | None = None
    end: float | None = None


@dataclass
class Source:
    """A file read by a format reader; `removed` lists whatever text was left out, `notes` warnings."""

    blocks: list[Block]
    title: str = ""
    date: str = ""
    url: str = ""
    site: str = ""
    author: str = ""
    removed: list[str] = field(default_factory=list)
    removed_what: str = "page furniture"  # what the removed lines are, in words
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


def sanitized(source: Source) -> Source:
    """Every text of the source as plain text: NFC, no control characters or escape sequences
    (a .docx or PDF can carry them), spaces collapsed, empty blocks dropped."""
    from dataclasses import replace

    from reader.text import sanitize_line

    def clean(text: str) -> str:
        return " ".join(sanitize_line(text).split())

    blocks = [replace(block, text=clean(block.text)) for block in source.blocks]
    return replace(
        source,
        blocks=[block for block in blocks if block.text],
        title=clean(source.title),
        date=clean(source.date),
        url=clean(source.url),
        site=clean(source.site),
        author=clean(source.author),
    )


def ends_sentence(line: str) -> bool:
    """Ends with a stop, perhaps inside closing quotes or brackets ("…adjourned.)" yes, "(1)" no)."""
    return line.rstrip().rstrip(_CLOSERS).endswith(_STOPS)


def heading_or_paragraph(text: str) -> Kind:
    """A short line without a final stop reads as a heading ("Chapter One", "See also")."""
    return "heading" if len(text) <= 120 and not ends_sentence(text) else "paragraph"


def join_lines(left: str, right: str) -> str:
    """Join two wrapped lines: no space between Han characters or after a hyphenated word part."""
    from reader.text import is_cjk

    if not left or not right:
        return left or right
    if (is_cjk(left[-1]) or left[-1] in "，。、；：！？（「『《") and (
        is_cjk(right[0]) or right[0] in "，。、；：！？）」』》"
    ):
        return left + right
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha():
        return left + right
    return f"{left} {right}"


def is_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a day that exists."""
    import datetime
    import re

    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        return False
    try:
        datetime.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return False
    return True
