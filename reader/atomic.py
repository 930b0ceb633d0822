"""Atomic file writes: write a temporary file beside the target, fsync, then rename over it.

Only a regular file is ever replaced: a symlink, directory, device, FIFO or socket at the path
raises `NotRegularFile` (a symlink is never followed to write elsewhere, and /dev/null written
by root stays a device). With `replace=False` nothing at all is replaced: the finished temporary
file is hard-linked into place, which fails if anything appeared there meanwhile. A new file gets
the user's umask-derived mode, a replaced one keeps its mode. On any error (a full disk, a
read-only folder) the temporary file is removed and the target is as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """Something other than a regular file is at the path; `kind` says what ("a directory")."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EEXIST, f"it is {kind}, not a regular file", str(path))
        self.kind = kind


def kind_of(path: Path) -> str | None:
    """What is at `path` without following a symlink: None when nothing, "a file" for a regular
    file, else "a symbolic link", "a directory", "a device", "a FIFO" or "a socket"."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISREG(mode):
        return "a file"
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def write_bytes(path: Path, data: bytes, replace: bool = True) -> None:
    """Write `data` to `path` atomically. `replace=False`: `FileExistsError` if anything is there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = 0o666  # the kernel applies the umask to a new file
    if replace:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            pass
        else:
            if not stat.S_ISREG(info.st_mode):
                raise NotRegularFile(path, kind_of(path) or "a special file")
            mode = stat.S_IMODE(info.st_mode)
    elif os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "it already exists", str(path))
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        try:
            _write_all(fd, data)
            if replace and mode != 0o666:
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.replace(tmp, path)
        else:
            _link_no_clobber(tmp, path)
    finally:
        _remove(tmp)
    _fsync_dir(path.parent)


def write_text(path: Path, text: str, replace: bool = True) -> None:
    write_bytes(path, text.encode("utf-8"), replace)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _link_no_clobber(tmp: Path, path: Path) -> None:
    """Put `tmp` at `path` only if nothing is there (a hard link fails with EEXIST otherwise);
    where hard links are not supported, check then rename (a tiny race, never a silent loss of
    a file that was there when we looked)."""
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "it already exists", str(path)) from None
        os.rename(tmp, path)


def _remove(tmp: Path) -> None:
    """Our temporary file, if still there (renamed into place already, or the folder vanished)."""
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
