"""Atomic writes: only a regular file is ever replaced, a failed write leaves nothing behind
and changes nothing, and files get the user's mode."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from reader import atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_creates_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.json"
    atomic.write_text(target, "one")
    atomic.write_text(target, "two")
    assert target.read_text() == "two" and _leftovers(target.parent) == []


def test_no_clobber_mode_refuses_anything_already_there(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    atomic.write_bytes(target, b"first", replace=False)
    with pytest.raises(FileExistsError):
        atomic.write_bytes(target, b"second", replace=False)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        atomic.write_bytes(dangling, b"x", replace=False)
    assert target.read_bytes() == b"first" and dangling.is_symlink()
    assert not (tmp_path / "nowhere").exists() and _leftovers(tmp_path) == []


def test_a_symlink_directory_or_fifo_is_never_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("keep")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path, kind in ((link, "a symbolic link"), (folder, "a directory"), (fifo, "a FIFO")):
        with pytest.raises(atomic.NotRegularFile) as caught:
            atomic.write_bytes(path, b"new")
        assert caught.value.kind == kind == atomic.kind_of(path)
    assert link.is_symlink() and real.read_text() == "keep"
    assert folder.is_dir() and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _leftovers(tmp_path) == []


def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    """As root, `-o /dev/null --force` once replaced the system's /dev/null: a copy of it here."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root (CAP_MKNOD)")
    with pytest.raises(atomic.NotRegularFile, match="a device"):
        atomic.write_bytes(device, b"x")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_new_files_get_the_umask_mode_and_replaced_ones_keep_theirs(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.txt"
        atomic.write_text(fresh, "x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
        private = tmp_path / "private.txt"
        private.write_text("x")
        private.chmod(0o600)
        atomic.write_text(private, "y")
        assert stat.S_IMODE(private.stat().st_mode) == 0o600 and private.read_text() == "y"
    finally:
        os.umask(old)


@pytest.mark.parametrize("function", ["write", "fsync"])
def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, function: str
) -> None:
    target = tmp_path / "state.json"
    target.write_text("old")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, function, full)
    with pytest.raises(OSError) as caught:
        atomic.write_text(target, "new " * 1000)
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC
    assert target.read_text() == "old" and _leftovers(tmp_path) == []


def test_a_read_only_folder_raises_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def read_only(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(OSError) as caught:
        atomic.write_text(tmp_path / "a.txt", "x")
    assert caught.value.errno == errno.EROFS and list(tmp_path.iterdir()) == []
