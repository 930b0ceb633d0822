"""Turn a user's file into clean text: detect the encoding, refuse binaries, sanitise.

UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised directly; anything else goes
to charset-normalizer, restricted to the encodings zh / vi / en text comes in (GB18030, Big5,
Windows-1258, ...). Every failure is a `UserError` naming the file.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from reader.errors import UserError
from reader.text import sanitize

MAX_BYTES = 20_000_000
MAX_LINE_BYTES = 1_000_000
CANDIDATES = ("gb18030", "big5", "cp1258", "utf_16", "cp1252", "latin_1")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_bytes(path: Path, limit: int = MAX_BYTES, max_line: int | None = MAX_LINE_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit` of them (read with a hard limit: a device or
    a pipe is refused, whatever its size claims); `max_line` bounds the longest line."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UserError(f"{path}: is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise UserError(f"{path}: not a regular file (a device, pipe or socket); import files only")
        if info.st_size > limit:
            raise UserError(
                f"{path}: too large ({info.st_size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB)"
            )
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise UserError(f"{path}: not a regular file (a device, pipe or socket); import files only")
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except PermissionError:
        raise UserError(f"{path}: permission denied") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise UserError(f"{path}: too large (over {limit / 1e6:.0f} MB, the limit)")
    if max_line is not None and (longest := _longest_line(data)) > max_line:
        raise UserError(f"{path}: a line of {longest:,} bytes; not a text document with paragraphs")
    return data


def _longest_line(data: bytes) -> int:
    longest = start = 0
    while (end := data.find(b"\n", start)) != -1:
        longest = max(longest, end - start)
        start = end + 1
    return max(longest, len(data) - start)


def decode(data: bytes, name: str) -> str:
    """Decode bytes of a text file; the result is NFC with control characters removed."""
    return decode_noting(data, name)[0]


def decode_noting(data: bytes, name: str) -> tuple[str, list[str]]:
    """`decode`, plus notes for the user (how many invalid bytes were replaced)."""
    if not data.strip():
        raise UserError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return sanitize(data.decode(encoding, errors="replace")), []
    if utf16 := _utf16_without_bom(data):
        return sanitize(data.decode(utf16, errors="replace")), []
    if b"\x00" in data[:8192]:
        raise UserError(f"{name}: looks like a binary file, not text")
    try:
        return sanitize(data.decode("utf-8")), []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad <= max(8, len(text) // 1000):  # UTF-8 with a few stray bytes, not another encoding
        noun = "byte" if bad == 1 else "bytes"
        return sanitize(text), [
            f"{name}: {bad} invalid {noun} replaced with \ufffd (the file is not clean UTF-8)"
        ]
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000], cp_isolation=list(CANDIDATES)).best()
    if best is None:
        raise UserError(
            f"{name}: cannot tell the text encoding (not UTF-8, UTF-16, GB18030, Big5 or Windows-1258)"
        )
    text = data.decode(best.encoding, errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise UserError(f"{name}: looks like a binary file, not text")
    return sanitize(text), []


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM, recognised in Latin-script text by the zero high bytes."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    zeros_odd, zeros_even = sample[1::2].count(0) / half, sample[0::2].count(0) / half
    if zeros_odd > 0.4 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.4 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def read_text_file(path: Path) -> str:
    return decode(read_bytes(path), str(path))


def read_text_noting(path: Path) -> tuple[str, list[str]]:
    return decode_noting(read_bytes(path), str(path))
