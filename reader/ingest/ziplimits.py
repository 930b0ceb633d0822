"""Open the zip inside a .docx or .epub with bounds, so a zip bomb cannot exhaust memory.

Checked before any member is read: the number of members, each member's and the total declared
size, the compression ratio of large members, and the method (stored or deflated only, whose
reads Python bounds by the declared size). A corrupt zip is a one-line error naming the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from reader.errors import UserError
from reader.ingest.decode import read_bytes

MAX_FILE = 200_000_000
MAX_MEMBERS = 10_000
MAX_MEMBER = 100_000_000
MAX_TOTAL = 400_000_000
MAX_RATIO = 200


def open_zip(path: Path, what: str) -> zipfile.ZipFile:
    """The file's zip, checked; `what` names the format in errors ("Word .docx")."""
    data = read_bytes(path, MAX_FILE, max_line=None)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UserError(f"{path}: not a valid {what} file (a damaged or encrypted file?)") from None
    if len(members) > MAX_MEMBERS:
        raise UserError(f"{path}: {len(members):,} parts in the {what} file; refused as unsafe")
    total = 0
    for member in members:
        total += member.file_size
        if member.flag_bits & 0x1:
            raise UserError(f"{path}: the {what} file is encrypted")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UserError(f"{path}: unsupported compression in the {what} file")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER or (member.file_size > 1_000_000 and ratio > MAX_RATIO):
            raise UserError(
                f"{path}: {member.filename!r} would unpack to {member.file_size / 1e6:,.0f} MB; "
                "refused as a possible zip bomb"
            )
    if total > MAX_TOTAL:
        raise UserError(f"{path}: would unpack to {total / 1e6:,.0f} MB; refused as a possible zip bomb")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, path: Path, what: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise UserError(f"{path}: {name!r} is missing from the {what} file") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UserError(f"{path}: a damaged {what} file ({exc})") from None
