"""Code hygiene that CI enforces: ruff, mypy, and the import boundaries between core and UI.

The core packages serve the CLI and the tests and must not drag in the UI toolkit; the app must
not pay for the search engine or the NLP libraries before its first screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

CORE_MODULES = [
    "reader.model",
    "reader.text",
    "reader.segment",
    "reader.readings",
    "reader.state",
    "reader.paths",
    "reader.corpus",
    "reader.ingest.importer",
    "reader.align",
    "reader.search",
    "reader.bookmarks",
    "reader.edits",
    "reader.export",
    "reader.terms",
    "reader.cli",
    "reader.links",
]
UI_PACKAGES = ("textual", "rich")


def _loaded_after_import(module: str) -> list[str]:
    probe = (
        "import importlib, json, sys;"
        f"importlib.import_module({module!r});"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_loads_no_ui_toolkit(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert not [name for name in UI_PACKAGES if name in loaded], f"{module} imports the UI toolkit"


FIRST_SCREEN_PROBE = """
import asyncio, json, sys
from reader.app import ReaderApp
from reader.screens.library import LibraryScreen

async def main():
    app = ReaderApp(build_index=False)  # the index worker starts after the first screen
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and app.screen.infos, "no library drawn"
        print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))

asyncio.run(main())
"""


def test_the_first_screen_loads_no_search_engine_or_nlp(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN_PROBE],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "READER_HOME": str(tmp_path)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "textual" in loaded  # the probe sees imports at all
    assert not loaded & {"whoosh", "jieba", "pyvi", "sklearn", "pypdf", "trafilatura", "docx"}


def test_ruff_is_clean() -> None:
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args], capture_output=True, text=True, cwd=REPO
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr
