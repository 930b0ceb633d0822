"""`reader search` loads only what a search needs: not the other commands, the export or align
code, the UI, or the word segmenters; and a Latin-script query looks up only its own readings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from test_search import document

from reader.corpus import write_document

NEVER = (
    "reader.export",
    "reader.align",
    "reader.bookmarks",
    "reader.links",
    "reader.ingest",
    "reader.cli.bookmarks",
    "reader.cli.align",
    "textual",
    "rich",
    "jieba",
    "pyvi",
    "sklearn",
    "numpy",
)
PROBE = """
import json, sys
from reader.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def loaded(home: Path, *args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "READER_HOME": str(home)},
        cwd=REPO,
        timeout=300,
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, result.stderr
    return set(report["modules"])


def test_search_does_not_import_other_commands_or_heavy_code(reader_home: Path) -> None:
    write_document(document("one"), reader_home / "data" / "corpus")
    for query in ("法院", "toa an", "Nguyen Huy Tien"):
        modules = loaded(reader_home, "search", query)
        assert "whoosh" in modules  # the probe sees imports at all
        assert not {m for m in modules if m.split(".")[0] in NEVER or m in NEVER}, query
        assert not [m for m in modules if any(m.startswith(prefix + ".") for prefix in NEVER)], query
    # --json adds each hit's counterparts from the word-link store: once the store is up to date
    # (the first --json search links changed documents, with the dictionaries), only it is read.
    loaded(reader_home, "search", "法院", "--json")
    for query in ("法院", "toa an"):
        modules = loaded(reader_home, "search", query, "--json")
        assert "reader.links.store" in modules, query
        json_never = [prefix for prefix in NEVER if prefix != "reader.links"]
        assert not [m for m in modules if any(m == p or m.startswith(p + ".") for p in json_never)], query


def test_the_parser_for_one_command_imports_only_its_module() -> None:
    code = (
        "import sys; from reader.cli import build_parser; build_parser(['search', 'x']); "
        "print(sorted(m for m in sys.modules if m.startswith('reader.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.stdout.strip() == "['reader.cli.search']", out.stderr
