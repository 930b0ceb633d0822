"""User-facing errors: the CLI prints their message on one line and exits 2; the app shows it.

`storage_error` turns an `OSError` met while reading or writing the user's data into such an
error, in the user's terms ("disk full while writing …"), so no traceback reaches anyone.

Messages never name a command-line flag: errors the user can get past with an option are
their own types (`PathTaken`, `IdTaken`), and the CLI adds its flag's wording
(`reader.cli.output.error_line`) while the app points at its own checkbox or field.
"""

from __future__ import annotations

import errno
from pathlib import Path


class UserError(Exception):
    """Bad input from the user, or a problem with their disk; the message names the file or value."""


class PathTaken(UserError):
    """Something is already where a file would be written. `kind` is "a file" (which the user
    may choose to replace: `replaceable`), or "a directory", "a symbolic link", "a device", …,
    which are never replaced."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        self.replaceable = kind == "a file"
        what = "already exists" if self.replaceable else f"is {kind}; only a regular file is ever replaced"
        super().__init__(f"{path}: {what}")


class IdTaken(UserError):
    """A document id is already used: by a bundled document (another id must be chosen) or by
    one of the user's documents (another id, or replacing it on purpose)."""

    def __init__(self, doc_id: str, bundled: bool = True) -> None:
        self.doc_id = doc_id
        self.bundled = bundled
        if bundled:
            super().__init__(f"id {doc_id!r} clashes with a bundled document")
        else:
            super().__init__(f"a document with id {doc_id!r} exists already")


_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a path component is a file, not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EIO: "input/output error (a failing or full disk?)",
}


def storage_error(exc: OSError, doing: str, path: Path | str | None = None) -> UserError:
    """`doing` is what failed, in words ("writing the search index"); the path is named when known."""
    where = path if path is not None else exc.filename
    cause = _CAUSES.get(exc.errno or 0) or exc.strerror or str(exc)
    return UserError(f"{doing}{f' ({where})' if where else ''} failed: {cause}")
