"""A plain (non-editable) install, run from another directory, finds its styles and corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"pip install failed: {result.stderr[-2000:]}")
    return target


def test_installed_package_ships_styles_and_corpus(installed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed), "READER_HOME": str(tmp_path / "home")}
    probe = (
        "import json, reader, reader.paths as p;"
        "print(json.dumps([reader.__file__, str(p.styles_dir()), str(p.bundled_corpus_dir()),"
        " sorted(x.name for x in p.bundled_corpus_dir().iterdir() if x.is_dir() and not x.name.startswith('.'))]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    module, styles, corpus, ids = json.loads(result.stdout)
    assert Path(module).is_relative_to(installed)
    assert Path(styles).is_relative_to(installed) and (Path(styles) / "reader.tcss").is_file()
    assert Path(corpus).is_relative_to(installed)
    repo_ids = sorted(
        x.name for x in (REPO / "corpus").iterdir() if x.is_dir() and not x.name.startswith(".")
    )
    assert ids == repo_ids
    for args, expected in (
        (["corpus", "check"], "5 of 5 documents valid"),
        (["terms", "check"], "0 findings"),
    ):
        run = subprocess.run(
            [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, cwd=tmp_path
        )
        assert run.returncode == 0 and expected in run.stdout + run.stderr, (
            run.stderr
        )  # the glossary ships too
