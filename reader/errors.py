"""User-facing errors: the CLI prints their message on one line and exits 2; the app shows it.

`storage_error` turns an `OSError` met while reading or writing the user's data into such an
error, in the user's terms ("disk full while writing …"), so no traceback reaches anyone.
"""

from __future__ import annotations

import errno
from pathlib import Path


class UserError(Exception):
    """Bad input from the user, or a problem with their disk; the message names the file or value."""


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
