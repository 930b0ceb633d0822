"""A real full disk and a real read-only disk (a small tmpfs in a private mount namespace, so
nothing outside the test is touched): bookmarks are refused in one line and still listed and
exported, imports leave nothing behind. Skipped where mount namespaces are not allowed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, sample_document

from reader.bookmarks import BookmarkStore
from reader.corpus import write_document

STEPS = """
set -u
mount -t tmpfs -o size=1m none "$MNT" || exit 90
cp -a "$HOME_SRC" "$MNT/home"
export READER_HOME="$MNT/home"
run() {{ name=$1; shift; {python} -m reader "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; echo $? >"$OUT/$name.rc"; }}
dd if=/dev/zero of="$MNT/fill" bs=4k 2>/dev/null
run full-add bookmarks add sample-court-visit p2s1 --note x
run full-list bookmarks list
run full-export bookmarks export --format json -o "$MNT/out.json"
run full-stdout bookmarks export --format jsonl
run full-import import "$ARTICLE" --lang en
ls -A "$MNT/home/data/corpus/.staging" >"$OUT/staging.txt"
rm "$MNT/fill"
mount -o remount,ro "$MNT"
run ro-add bookmarks add sample-court-visit p2s1
run ro-list bookmarks list
run ro-remove bookmarks remove 1
run ro-import import "$ARTICLE" --lang en
mount -o remount,rw "$MNT"
cp "$MNT/home/data/bookmarks.sqlite3" "$OUT/after.sqlite3"
umount "$MNT"
"""


@pytest.mark.slow
def test_a_really_full_then_read_only_disk(tmp_path: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1)")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0 or (hasattr(os, "geteuid") and os.geteuid() != 0):
        pytest.skip("needs a private mount namespace (root, or a container that allows it)")
    home = tmp_path / "home"
    doc = sample_document()
    write_document(doc, home / "data" / "corpus")
    store = BookmarkStore(home / "data" / "bookmarks.sqlite3")
    store.add(doc, "p1s1", note="kept")
    store.close()
    article = tmp_path / "article.en.txt"
    article.write_text("A title\n\nThe court met on Monday.\n", encoding="utf-8")
    out, mnt = tmp_path / "out", tmp_path / "mnt"
    out.mkdir()
    mnt.mkdir()
    env = {**os.environ, "MNT": str(mnt), "HOME_SRC": str(home), "OUT": str(out), "ARTICLE": str(article)}
    script = STEPS.format(python=sys.executable)
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], env=env, cwd=REPO, capture_output=True, text=True
    )
    if result.returncode == 90:
        pytest.skip("mounting a tmpfs is not allowed here")
    assert result.returncode == 0, result.stderr

    def step(name: str) -> tuple[int, str, str]:
        return (
            int((out / f"{name}.rc").read_text()),
            (out / f"{name}.out").read_text(),
            (out / f"{name}.err").read_text(),
        )

    for name, needle in (
        ("full-add", "cannot be written (disk I/O error: is the disk full or failing?); nothing was changed"),
        ("full-export", "failed: the disk is full"),
        ("full-import", "failed: the disk is full"),
        ("ro-add", "is read-only; nothing was changed"),
        ("ro-remove", "is read-only; nothing was changed"),
        ("ro-import", "failed: the file system is read-only"),
    ):
        code, _, err = step(name)
        assert code == 2 and needle in err, (name, err)
        errors = [line for line in err.splitlines() if not line.startswith("reader: warning: ")]
        assert len(errors) == 1 and errors[0].startswith("reader: error: ") and "Traceback" not in err
    for name in ("full-list", "ro-list"):
        code, stdout, err = step(name)
        assert code == 0 and "✎ kept" in stdout and "Traceback" not in err, (name, err)
    code, stdout, _ = step("full-stdout")
    assert code == 0 and '"note": "kept"' in stdout
    assert (out / "staging.txt").read_text() == ""  # the failed import left nothing behind
    after = BookmarkStore(out / "after.sqlite3")
    assert [(b.unit_id, b.note) for b in after.list()] == [("p1s1", "kept")]
