"""Lossless by default: every non-empty line of a text or Markdown file comes back, headings as
their own paragraphs; cleaning is opt-in and what it removes is reported; --dry-run writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_reader
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.importer import version_of
from reader.ingest.plain import read_markdown, read_plain
from reader.text import sanitize

T1 = (
    "Chapter One\n\nThe court met on Monday. It adjourned.\n\nSee also\nThe judge spoke at length about it.\n"
)


def _chars(text: str) -> str:
    return "".join(text.split())


def test_the_issue_repro_keeps_every_line_and_headings_as_paragraphs() -> None:
    source = read_plain(T1)
    assert [(b.text, b.kind) for b in source.blocks] == [
        ("Chapter One", "heading"),
        ("The court met on Monday. It adjourned.", "paragraph"),
        ("See also", "heading"),
        ("The judge spoke at length about it.", "paragraph"),
    ]
    assert source.title == "Chapter One"


def test_hard_wrapped_prose_is_joined_but_one_line_paragraphs_are_not() -> None:
    wrapped = (
        "The delegation of the Supreme People's Court visited Guangxi on\n"
        "Monday and discussed judicial cooperation, mutual legal assistance\n"
        "and the service of documents across the border.\n"
    )
    assert [b.text for b in read_plain(wrapped).blocks] == [" ".join(wrapped.split())]
    per_line = (
        "The delegation of the Supreme People's Court of Vietnam visited Guangxi on Monday, June 12, 2024.\n"
        "Both sides discussed judicial cooperation.\n"
    )
    assert len(read_plain(per_line).blocks) == 2
    items = "Agreed points\n- mutual legal assistance\n- service of documents\n"
    assert [b.kind for b in read_plain(items).blocks] == ["heading", "item", "item"]


def test_markdown_structure() -> None:
    text = "# Title\n\nSome **bold** text and a [link](https://x.org)\nwrapped.\n\n## Part 2\n\n- one\n- two\n  more\n1. three\n"
    blocks = [(b.text, b.kind) for b in read_markdown(text).blocks]
    assert blocks == [
        ("Title", "heading"),
        ("Some bold text and a link wrapped.", "paragraph"),
        ("Part 2", "heading"),
        ("one", "item"),
        ("two more", "item"),
        ("1. three", "item"),
    ]


lines = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=80
)


@settings(max_examples=200, deadline=None)
@given(st.lists(lines, max_size=30))
def test_every_non_empty_line_comes_back_in_order(raw_lines: list[str]) -> None:
    text = sanitize("\n".join(raw_lines))
    source = read_plain(text)
    assert _chars(source.text) == _chars(text)
    for lang in ("en", "zh"):
        version = version_of(source, lang, "original")[0]
        assert _chars("".join(version.sentences)) == _chars(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abc .!\n中文。", max_size=40), max_size=20))
def test_markdown_keeps_every_word(raw_lines: list[str]) -> None:
    text = "\n".join(raw_lines)
    assert _chars(read_markdown(text).text) == _chars(text)


def test_cli_import_keeps_all_lines_and_dry_run_writes_nothing(reader_home: Path, tmp_path: Path) -> None:
    t1 = tmp_path / "t1.txt"
    t1.write_text(T1, encoding="utf-8")
    dry = run_reader(reader_home, "import", str(t1), "--lang", "en", "--dry-run")
    assert dry.returncode == 0 and "would import t1: 5 units" in dry.stdout, dry.stdout + dry.stderr
    assert not (reader_home / "data" / "corpus" / "t1").exists()
    done = run_reader(reader_home, "import", str(t1), "--lang", "en", "--title", "My title")
    assert done.returncode == 0 and "imported t1: 5 units" in done.stdout
    assert "left out" not in done.stderr
    shown = [json.loads(line) for line in run_reader(reader_home, "show", "t1", "--json").stdout.splitlines()]
    assert [u["text"]["en"] for u in shown] == [
        "Chapter One",
        "The court met on Monday.",
        "It adjourned.",
        "See also",
        "The judge spoke at length about it.",
    ]
    listed = [json.loads(x) for x in run_reader(reader_home, "corpus", "list", "--json").stdout.splitlines()]
    assert next(d for d in listed if d["id"] == "t1")["title"] == {"en": "My title"}


def test_news_cleaning_is_opt_in_and_reported(reader_home: Path, tmp_path: Path) -> None:
    page = tmp_path / "news.txt"
    page.write_text(
        "Court opens\n\nThe court met on Monday. It adjourned.\n\nZalo\n\nRelated news\nA teaser title\n",
        encoding="utf-8",
    )
    result = run_reader(reader_home, "import", str(page), "--lang", "en", "--clean", "news", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would import news: 2 units" in result.stdout
    assert "news.txt: 3 lines left out (news-site debris): 'Zalo', 'Related news', 'A teaser title'" in (
        result.stderr
    )
    assert "--clean auto" in result.stderr


def test_a_real_date_is_required(reader_home: Path, tmp_path: Path) -> None:
    t1 = tmp_path / "t1.txt"
    t1.write_text(T1, encoding="utf-8")
    for bad in ("2025-13-45", "2025-02-30", "25", "2025-1"):
        result = run_reader(reader_home, "import", str(t1), "--lang", "en", "--date", bad)
        assert result.returncode == 2 and f"date {bad!r}" in result.stderr, bad
    ok = run_reader(reader_home, "import", str(t1), "--lang", "en", "--date", "2024-02-29", "--dry-run")
    assert ok.returncode == 0, ok.stderr


def test_progress_counts_every_step_to_the_end(tmp_path: Path) -> None:
    from reader.corpus import Corpus
    from reader.ingest.importer import ImportOptions, import_path

    (tmp_path / "a.txt").write_text(T1, encoding="utf-8")
    (tmp_path / "a.vi.txt").write_text(
        "Chương Một\n\nTòa án họp vào thứ Hai. Phiên tòa tạm dừng.\n", encoding="utf-8"
    )
    seen: list[tuple[int, int, str]] = []
    corpus = Corpus(bundled_root=tmp_path / "none", user_root=tmp_path / "corpus")
    options = ImportOptions(lang="en", translations={"vi": tmp_path / "a.vi.txt"})
    import_path(
        tmp_path / "a.txt", corpus, options, lambda done, total, what: seen.append((done, total, what))
    )
    assert [what.split(" (")[0] for _, _, what in seen] == [
        "reading a.txt",
        "reading a.vi.txt",
        "aligning Vietnamese",
        "writing a",
        "done",
    ]
    assert [done for done, _, _ in seen] == [0, 1, 2, 3, 4] and {total for _, total, _ in seen} == {4}


def test_every_text_of_a_source_is_sanitized() -> None:
    from reader.ingest.source import Block, Source, sanitized

    source = sanitized(
        Source(
            [
                Block("Court\x1b[31m met\x07 today.\u202e"),
                Block("\x1b[2J"),
                Block("Cafe\u0301  here", "heading"),
            ],
            title="Title\x1b]0;evil\x07",
            author="A\x00B",
        )
    )
    assert [(b.text, b.kind) for b in source.blocks] == [
        ("Court met today.", "paragraph"),
        ("Café here", "heading"),
    ]
    assert (source.title, source.author) == ("Title", "AB")


def test_format_libraries_load_only_for_their_format(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text(T1, encoding="utf-8")
    probe = (
        "import sys; from pathlib import Path; from reader.ingest.formats import read_source;"
        f"read_source(Path({str(tmp_path / 'a.txt')!r}));"
        "print(sorted(m for m in ('trafilatura', 'docx', 'pypdf', 'lxml', 'fpdf') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_a_folder_drops_no_file_silently(tmp_path: Path) -> None:
    from reader.corpus import Corpus
    from reader.ingest.importer import ImportOptions, import_path

    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "visit.txt").write_text(T1, encoding="utf-8")
    (folder / "lonely.vi.txt").write_text("Tòa án họp vào thứ Hai. Phiên tòa tạm dừng.\n", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    corpus = Corpus(bundled_root=tmp_path / "none", user_root=tmp_path / "corpus")
    results = import_path(folder, corpus, ImportOptions(dry_run=True))
    assert sorted(r.doc.id for r in results) == ["lonely-vi", "visit"]
    assert f"{folder}: 1 file of unsupported types skipped: photo.jpg" in [
        n for r in results for n in r.notes
    ]
    assert not (tmp_path / "corpus").exists()
