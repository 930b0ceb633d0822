"""Importing the user's own texts: segmented, aligned, listed; removed; re-imported; interrupted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_reader

from reader.corpus import Corpus

ZH = """法院审理跨境案件

越南最高人民法院代表团访问广西。双方讨论了司法合作。

阮辉进会见了赵志军。会谈在南宁举行，气氛友好。
"""
EN = """Court hears cross-border case

A delegation of the Supreme People's Court of Vietnam visited Guangxi. The two sides discussed judicial cooperation.

Nguyen Huy Tien met Zhao Zhijun. The talks were held in Nanning. The atmosphere was friendly.
"""
VI = """Tòa án xét xử vụ án xuyên biên giới

Đoàn đại biểu Tòa án nhân dân tối cao Việt Nam thăm Quảng Tây. Hai bên thảo luận về hợp tác tư pháp.

Nguyễn Huy Tiến hội kiến Triệu Chí Quân. Cuộc hội đàm diễn ra tại Nam Ninh trong không khí hữu nghị.
"""


def reader(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_reader(home, *args)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for lang, text in (("zh", ZH), ("en", EN), ("vi", VI)):
        paths[lang] = tmp_path / f"case.{lang}.txt"
        paths[lang].write_text(text, encoding="utf-8")
    return paths


def test_import_text_with_translations_then_show(reader_home: Path, files: dict[str, Path]) -> None:
    result = reader(
        reader_home,
        "import",
        str(files["zh"]),
        "--translation",
        f"en={files['en']}",
        "--translation",
        f"vi={files['vi']}",
        "--id",
        "cross-border-case",
        "--date",
        "2024-05",
        "--source",
        "Test",
    )
    assert result.returncode == 0, result.stderr
    assert "imported cross-border-case" in result.stdout
    shown = reader(reader_home, "show", "cross-border-case", "--json")
    units = [json.loads(line) for line in shown.stdout.splitlines()]
    assert [u["text"]["zh"] for u in units] == [
        "法院审理跨境案件",  # the heading stays in the text (and is the title)
        "越南最高人民法院代表团访问广西。",
        "双方讨论了司法合作。",
        "阮辉进会见了赵志军。",
        "会谈在南宁举行，气氛友好。",
    ]
    assert units[0]["text"]["en"] == "Court hears cross-border case"
    assert units[4]["text"]["en"] == "The talks were held in Nanning. The atmosphere was friendly."
    assert units[3]["text"]["vi"] == "Nguyễn Huy Tiến hội kiến Triệu Chí Quân."
    listed = [
        json.loads(line) for line in reader(reader_home, "corpus", "list", "--json").stdout.splitlines()
    ]
    mine = next(d for d in listed if d["id"] == "cross-border-case")
    assert mine["title"] == {
        "zh": "法院审理跨境案件",
        "en": "Court hears cross-border case",
        "vi": "Tòa án xét xử vụ án xuyên biên giới",
    }
    assert (mine["date"], mine["source"], mine["bundled"]) == ("2024-05", "Test", False)


def test_language_is_detected_and_the_id_comes_from_the_file_name(
    reader_home: Path, files: dict[str, Path]
) -> None:
    assert reader(reader_home, "import", str(files["vi"])).returncode == 0
    doc = Corpus(user_root=reader_home / "data" / "corpus").get("case-vi")
    assert doc.original_language == "vi" and doc.languages == ["vi"]


def test_remove_then_reimport_then_replace_on_purpose(
    reader_home: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    assert reader(reader_home, "import", str(files["en"]), "--id", "case").returncode == 0
    assert reader(reader_home, "remove", "case").returncode == 0
    assert "case" not in reader(reader_home, "corpus", "list").stdout.split()
    gone = reader(reader_home, "remove", "case")
    assert gone.returncode == 2 and "no document 'case'" in gone.stderr
    assert reader(reader_home, "import", str(files["en"]), "--id", "case").returncode == 0
    shorter = tmp_path / "short.txt"
    shorter.write_text("A new title\n\nOnly one sentence now.\n", encoding="utf-8")
    taken = reader(reader_home, "import", str(shorter), "--id", "case")
    assert taken.returncode == 2 and "'case' exists already" in taken.stderr and "--replace" in taken.stderr
    replaced = reader(reader_home, "import", str(shorter), "--id", "case", "--replace")
    assert replaced.returncode == 0 and "replaced case" in replaced.stdout
    units = [json.loads(line) for line in reader(reader_home, "show", "case", "--json").stdout.splitlines()]
    assert [u["text"]["en"] for u in units] == ["A new title", "Only one sentence now."]


def test_folder_import_pairs_originals_with_translations(
    reader_home: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "visit.txt").write_text(ZH, encoding="utf-8")
    (folder / "visit.en.txt").write_text(EN, encoding="utf-8")
    (folder / "notes.txt").write_text(VI, encoding="utf-8")
    result = reader(reader_home, "import", str(folder))
    assert result.returncode == 0, result.stderr
    corpus = Corpus(user_root=reader_home / "data" / "corpus")
    assert corpus.get("visit").languages == ["zh", "en"]
    assert corpus.get("notes").languages == ["vi"]


# Runs `reader import …` and kills itself with SIGKILL at one named point of `write_document`:
# while writing the staging folder, just before the swap, between its two renames (the old
# version moved aside, the new one not yet in place), or after the swap before cleaning up.
CRASHING_IMPORT = """
import os, runpy, shutil, signal, sys
from pathlib import Path

import reader.atomic as atomic

point = sys.argv.pop(1)
seen = {"rename": 0, "old_rmtree": 0}
real_rename, real_rmtree, real_write = Path.rename, shutil.rmtree, atomic.write_bytes


def die():
    os.kill(os.getpid(), signal.SIGKILL)


def write_bytes(path, data, replace=True):
    if point == "staging" and ".staging" in path.parts and path.name == "vi.txt":
        die()
    return real_write(path, data, replace)


def rename(self, target):
    seen["rename"] += 1
    if (point, seen["rename"]) in (("before-swap", 1), ("between-renames", 2)):
        die()
    return real_rename(self, target)


def rmtree(path, *args, **kwargs):
    if str(path).endswith(".old"):
        seen["old_rmtree"] += 1
        if point == "after-swap" and seen["old_rmtree"] == 2:
            die()
    return real_rmtree(path, *args, **kwargs)


atomic.write_bytes, Path.rename, shutil.rmtree = write_bytes, rename, rmtree
sys.argv = ["reader", *sys.argv[1:]]
runpy.run_module("reader", run_name="__main__")
"""


@pytest.mark.slow
@pytest.mark.parametrize("point", ["staging", "before-swap", "between-renames", "after-swap"])
def test_a_killed_import_leaves_the_corpus_as_before_or_wholly_new(
    reader_home: Path, tmp_path: Path, point: str
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(
        "Long report\n\n"
        + "\n\n".join(f"Paragraph {i} says the court met on day {i}. It adjourned." for i in range(300)),
        encoding="utf-8",
    )
    translation = tmp_path / "big.vi.txt"
    translation.write_text(
        "Báo cáo dài\n\n"
        + "\n\n".join(f"Đoạn {i} nói tòa án họp vào ngày {i}. Phiên tòa tạm dừng." for i in range(300)),
        encoding="utf-8",
    )
    assert reader(reader_home, "import", str(big), "--id", "report", "--lang", "en").returncode == 0
    corpus_dir = reader_home / "data" / "corpus"

    def files() -> dict[Path, bytes]:
        return {
            p.relative_to(corpus_dir): p.read_bytes()
            for p in corpus_dir.rglob("*")
            if p.is_file() and ".staging" not in p.parts
        }

    before = files()
    args = ["import", str(big), "--id", "report", "--lang", "en", "--translation", f"vi={translation}"]
    if "--replace" in reader(reader_home, "import", "--help").stdout:
        args.append("--replace")  # where an existing id is only replaced on request
    process = subprocess.run(
        [sys.executable, "-c", CRASHING_IMPORT, point, *args],
        env={**os.environ, "READER_HOME": str(reader_home)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr  # the crash point was reached
    corpus = Corpus(user_root=corpus_dir)  # recovers an interrupted swap, if any
    assert corpus.check() == []
    doc = corpus.get("report")
    if point == "after-swap":
        assert doc.languages == ["en", "vi"] and len(doc.units) >= 600  # the whole new version
        assert all(unit.text.get("vi") for unit in doc.units)
    else:
        assert doc.languages == ["en"] and files() == before  # exactly as it was
    assert not list((corpus_dir / ".staging").glob("*.old"))


class Killed(BaseException):
    """Stands for the process dying at one step: nothing after it runs, no cleanup either."""


def test_an_import_killed_at_any_step_leaves_the_corpus_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.corpus import format as corpus_format
    from reader.ingest.importer import ImportOptions, import_path

    original = tmp_path / "report.txt"
    original.write_text(
        "Report\n\n" + "\n\n".join(f"Paragraph {i} says the court met on day {i}." for i in range(20)),
        encoding="utf-8",
    )
    translation = tmp_path / "report.vi.txt"
    translation.write_text(
        "Báo cáo\n\n" + "\n\n".join(f"Đoạn {i} nói tòa án họp vào ngày {i}." for i in range(20)),
        encoding="utf-8",
    )
    root = tmp_path / "corpus"

    def corpus() -> Corpus:
        return Corpus(bundled_root=tmp_path / "none", user_root=root)  # recovers an interrupted swap

    def state() -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and ".staging" not in p.parts
        }

    import_path(original, corpus(), ImportOptions(lang="en", doc_id="report"))
    before = state()
    real_write, real_rename = corpus_format.atomic.write_text, Path.rename
    outcomes = []
    for step in range(100):  # every file write and rename of the swap, in turn
        calls = 0

        def dies_at_step(real, at: int = step):
            def wrapper(*args, **kwargs):
                nonlocal calls
                if calls == at:
                    raise Killed
                calls += 1
                return real(*args, **kwargs)

            return wrapper

        monkeypatch.setattr(corpus_format.atomic, "write_text", dies_at_step(real_write))
        monkeypatch.setattr(Path, "rename", dies_at_step(real_rename))
        options = ImportOptions(lang="en", doc_id="report", translations={"vi": translation}, replace=True)
        try:
            import_path(original, corpus(), options)
            finished = True
        except Killed:
            finished = False
        monkeypatch.undo()
        after = corpus()
        assert after.check() == []
        languages = after.get("report").languages
        if languages == ["en"]:
            assert state() == before  # died before the swap: exactly as it was
        else:
            assert languages == ["en", "vi"]  # the whole new version, never half of one
        outcomes.append(languages == ["en"])
        if finished:
            break
        import_path(original, corpus(), ImportOptions(lang="en", doc_id="report", replace=True))
        before = state()
    assert finished and True in outcomes and False in outcomes, outcomes


def test_big5_traditional_text_is_shown_as_written_and_found_by_simplified_queries(
    reader_home: Path, tmp_path: Path
) -> None:
    big5 = tmp_path / "taiwan.txt"
    big5.write_bytes(
        "臺灣高等法院審理案件\n\n最高人民法院與廣西高級人民法院簽署備忘錄。雙方討論司法協助。\n".encode(
            "big5"
        )
    )
    result = reader(reader_home, "import", str(big5), "--id", "taiwan")
    assert result.returncode == 0, result.stderr
    shown = [json.loads(line) for line in reader(reader_home, "show", "taiwan", "--json").stdout.splitlines()]
    assert shown[1]["text"]["zh"] == "最高人民法院與廣西高級人民法院簽署備忘錄。"  # as written
    found = reader(reader_home, "search", "广西高级人民法院", "--json")
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    mine = [h for h in hits if h["doc"] == "taiwan"]
    assert [h["unit"] for h in mine] == ["p2s1"]
    text = mine[0]["text"]["zh"]
    assert [text[s:e] for s, e in mine[0]["spans"]] == ["廣西高級人民法院"]
