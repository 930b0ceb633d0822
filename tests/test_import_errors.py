"""Bad input to `reader import`: a one-line error, a non-zero exit, and nothing changed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO, run_reader, sample_document

from reader.corpus import Corpus, write_document
from reader.errors import UserError
from reader.ingest.decode import decode
from reader.ingest.importer import ImportOptions, import_path

VI = "Đoàn đại biểu Tòa án nhân dân tối cao Việt Nam thăm Quảng Tây. Hai bên thảo luận về hợp tác tư pháp."
ZH = "越南最高人民法院代表团访问广西。双方讨论了司法合作，打击跨国犯罪和司法协助。"
TW = "越南最高人民法院代表團訪問廣西。雙方討論了司法合作，打擊跨國犯罪和司法協助。"
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters precomposed, tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out.append(base + "".join(c for c in decomposed if c in TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (VI.encode("utf-8"), VI),
        (VI.encode("utf-8-sig"), VI),
        (VI.encode("utf-16"), VI),
        (VI.encode("utf-16-le"), VI),
        (VI.encode("utf-16-be"), VI),
        (ZH.encode("utf-16"), ZH),
        (ZH.encode("gb18030"), ZH),
        (ZH.encode("gbk"), ZH),
        (TW.encode("big5"), TW),
        (windows_1258(VI), VI),
        (unicodedata.normalize("NFD", VI).encode("utf-8"), VI),
        ((VI + "\r\n" + VI + "\r").encode("utf-8"), VI + "\n" + VI + "\n"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16le",
        "utf16be",
        "zh-utf16",
        "gb18030",
        "gbk",
        "big5",
        "cp1258",
        "nfd",
        "crlf",
    ],
)
def test_encodings_are_detected_and_text_normalised(data: bytes, expected: str) -> None:
    assert decode(data, "file.txt") == unicodedata.normalize("NFC", expected)


def test_escape_sequences_are_removed_on_import() -> None:
    assert decode(b"Court\x1b[2J news\x07 here\x1b]0;evil\x07.", "x") == "Court news here."


def tree_state(root: Path) -> dict[str, str]:
    """Every file under root with its content hash (the corpus, index, bookmarks, config)."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def home(reader_home: Path) -> Path:
    write_document(sample_document(), reader_home / "data" / "corpus")
    (reader_home / "config").mkdir(parents=True)
    (reader_home / "config" / "state.json").write_text('{"last_document": "sample-court-visit"}')
    return reader_home


def run_import(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_reader(home, "import", *args)


def entity_bomb() -> str:
    """The "billion laughs": nine levels of ten references each (10^9 copies if expanded)."""
    entities = ['<!ENTITY a0 "ha">'] + [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [' + "".join(entities) + "]>\n"
        '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&a9;</seg></tuv></tu></body></tmx>'
    )


CASES = {
    "missing file": (lambda tmp: [str(tmp / "nope.txt")], "no such file"),
    "empty file": (lambda tmp: [str(write(tmp / "empty.txt", b""))], "empty"),
    "binary file": (lambda tmp: [str(write(tmp / "blob.txt", bytes(range(256)) * 64))], "binary"),
    "unknown language": (
        lambda tmp: [str(write(tmp / "a.txt", VI.encode())), "--lang", "fr"],
        "unknown language code 'fr'",
    ),
    "wrong language": (
        lambda tmp: [str(write(tmp / "a.txt", VI.encode())), "--lang", "zh"],
        "looks Vietnamese, not Chinese",
    ),
    "malformed TMX": (lambda tmp: [str(write(tmp / "bad.tmx", b"<tmx><body><tu>"))], "malformed TMX"),
    "TMX entity bomb": (
        lambda tmp: [str(write(tmp / "bomb.tmx", entity_bomb().encode()))],
        "refused unsafe XML",
    ),
    "TSV without language header": (
        lambda tmp: [str(write(tmp / "a.tsv", b"foo\tbar\nx\ty\n"))],
        "header must name languages",
    ),
    "bad translation spec": (
        lambda tmp: [str(write(tmp / "a.txt", VI.encode())), "--translation", "en"],
        "expected LANG=FILE",
    ),
}


def encrypted_pdf(tmp: Path) -> Path:
    from make_fixtures import pdf_file
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(pdf_file(tmp / "plain.pdf", pages=1)))
    writer.encrypt("secret")
    with (tmp / "locked.pdf").open("wb") as handle:
        writer.write(handle)
    return tmp / "locked.pdf"


def image_only_pdf(tmp: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a "scan": no text layer at all
    pdf.output(str(tmp / "scan.pdf"))
    return tmp / "scan.pdf"


def truncated(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def symlink_to_dev_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _docx(tmp: Path) -> Path:
    from make_fixtures import docx_file

    return docx_file(tmp / "a.docx")


def _epub(tmp: Path) -> Path:
    from make_fixtures import ZH_PARAGRAPHS, epub_file

    return epub_file(tmp / "book.epub", [("第一章", ZH_PARAGRAPHS)])


def _bomb_epub(tmp: Path) -> Path:
    from make_fixtures import ZH_PARAGRAPHS, epub_file

    return epub_file(
        tmp / "bomb.epub", [("第一章", ZH_PARAGRAPHS)], extra={"OEBPS/Text/big.xhtml": b"\0" * 30_000_000}
    )


def _zip_bomb(tmp: Path) -> Path:
    from make_fixtures import zip_bomb

    return zip_bomb(tmp / "bomb.docx", "word/document.xml", megabytes=30)


def _entity_bomb_docx(tmp: Path) -> Path:
    import zipfile

    bomb = entity_bomb().replace("tmx", "w:document")
    source = _docx(tmp)
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(tmp / "laughs.docx", "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            new.writestr(
                item, bomb.encode() if item.filename == "word/document.xml" else old.read(item.filename)
            )
    return tmp / "laughs.docx"


def _entity_bomb_epub(tmp: Path) -> Path:
    from make_fixtures import CONTAINER

    members = {"mimetype": b"application/epub+zip", "META-INF/container.xml": CONTAINER.encode()}
    members["OEBPS/content.opf"] = entity_bomb().replace("tmx", "package").encode()
    return write(tmp / "laughs.epub", _zip_bytes(members))


FORMAT_CASES = {
    "docx entity bomb": (lambda tmp: [str(_entity_bomb_docx(tmp))], "laughs.docx: a damaged Word file"),
    "epub entity bomb": (lambda tmp: [str(_entity_bomb_epub(tmp))], "laughs.epub: refused unsafe XML"),
    "encrypted PDF": (lambda tmp: [str(encrypted_pdf(tmp))], "locked.pdf: the PDF is password-protected"),
    "image-only PDF": (lambda tmp: [str(image_only_pdf(tmp))], "scan.pdf: the PDF has no text layer"),
    "corrupt PDF": (lambda tmp: [str(write(tmp / "bad.pdf", b"%PDF-1.4\n1 0 obj <<>>\ngarbage"))], "bad.pdf"),
    "truncated docx": (lambda tmp: [str(truncated(_docx(tmp)))], "a.docx: not a valid Word .docx file"),
    "not a zip docx": (
        lambda tmp: [str(write(tmp / "x.docx", b"PK\x03\x04 not really"))],
        "x.docx: not a valid",
    ),
    "docx zip bomb": (lambda tmp: [str(_zip_bomb(tmp))], "refused as a possible zip bomb"),
    "truncated epub": (lambda tmp: [str(truncated(_epub(tmp)))], "book.epub: not a valid EPUB file"),
    "epub zip bomb": (lambda tmp: [str(_bomb_epub(tmp))], "refused as a possible zip bomb"),
    "epub without package": (
        lambda tmp: [str(write(tmp / "e.epub", _zip_bytes({"mimetype": b"application/epub+zip"})))],
        "META-INF/container.xml' is missing",
    ),
    "broken srt times": (
        lambda tmp: [str(write(tmp / "a.srt", b"1\n00:00:01,000 --> 00:0x:02,000\nHello there.\n"))],
        "a.srt:2: broken cue time",
    ),
    "page without article": (
        lambda tmp: [str(write(tmp / "p.html", b"<html><body><nav><a href=/>Home</a></nav></body></html>"))],
        "p.html: no article found",
    ),
    "symlink to /dev/zero": (
        lambda tmp: [str(symlink_to_dev_zero(tmp / "zero.txt"))],
        "zero.txt: not a regular file",
    ),
    "translation is /dev/zero": (
        lambda tmp: [
            str(write(tmp / "a.txt", VI.encode())),
            "--translation",
            f"en={symlink_to_dev_zero(tmp / 'zero.en.txt')}",
        ],
        "zero.en.txt: not a regular file",
    ),
    "fifo": (lambda tmp: [str(fifo(tmp / "pipe.txt"))], "pipe.txt: not a regular file"),
    "huge text": (lambda tmp: [str(sparse(tmp / "huge.txt", 25_000_000))], "huge.txt: too large"),
    "TSV with one language twice": (
        lambda tmp: [str(write(tmp / "a.tsv", b"en\ten\nA.\tB.\n"))],
        "a.tsv:1: two columns are en",
    ),
    "impossible date": (
        lambda tmp: [str(write(tmp / "a.txt", VI.encode())), "--date", "2025-13-45"],
        "date '2025-13-45'",
    ),
}
CASES.update(FORMAT_CASES)


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_and_changes_nothing(case: str, home: Path, tmp_path: Path) -> None:
    make_args, needle = CASES[case]
    args = make_args(tmp_path)
    before = tree_state(home)
    result = run_import(home, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert tree_state(home) == before


def test_fifty_megabytes_on_one_line_is_refused_without_blowing_up_memory(home: Path, tmp_path: Path) -> None:
    big = tmp_path / "one-line.txt"
    with big.open("wb") as handle:
        for _ in range(50):
            handle.write(b"a" * 1_000_000)
    probe = (
        "import resource, subprocess, sys, json, os;"
        f"r = subprocess.run([sys.executable, '-m', 'reader', 'import', {str(big)!r}], capture_output=True, text=True);"
        "print(json.dumps([r.returncode, r.stderr, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))"
    )
    env = {**os.environ, "READER_HOME": str(home)}
    before = tree_state(home)
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=REPO, timeout=300
    )
    code, stderr, peak_kb = json.loads(out.stdout)
    assert code == 2 and len(stderr.strip().splitlines()) == 1
    assert "too large" in stderr or "not a text document" in stderr
    assert peak_kb * 1024 < 4 * 50_000_000, f"peak {peak_kb / 1024:.0f} MB for a 50 MB file"
    assert tree_state(home) == before


def test_an_existing_id_is_refused_and_replace_is_on_purpose(home: Path, tmp_path: Path) -> None:
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        write(tmp_path / name / "visit.txt", (VI if name == "first" else ZH).encode())
    assert run_import(home, str(tmp_path / "first" / "visit.txt")).returncode == 0
    before = tree_state(home)
    clash = run_import(home, str(tmp_path / "second" / "visit.txt"))
    assert clash.returncode == 2 and "'visit' exists already" in clash.stderr
    assert len(clash.stderr.strip().splitlines()) == 1
    assert tree_state(home) == before
    replaced = run_import(home, str(tmp_path / "second" / "visit.txt"), "--replace")
    assert replaced.returncode == 0 and "replaced visit" in replaced.stdout
    assert Corpus(user_root=home / "data" / "corpus").get("visit").original_language == "zh"


def test_two_files_of_one_folder_with_the_same_id_change_nothing(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    write(folder / "Visit.txt", VI.encode())
    write(folder / "visit.md", ZH.encode())
    before = tree_state(home)
    result = run_import(home, str(folder))
    assert result.returncode == 2 and "would both be document 'visit'" in result.stderr
    assert tree_state(home) == before


def test_a_stray_invalid_byte_is_replaced_and_counted(home: Path, tmp_path: Path) -> None:
    data = VI.encode().replace(b" Hai", b" \xffHai")
    result = run_import(home, str(write(tmp_path / "stray.txt", data)))
    assert result.returncode == 0, result.stderr
    assert "stray.txt: 1 invalid byte replaced" in result.stderr


def test_utf16_and_latin1_tmx_are_read_as_declared(home: Path, tmp_path: Path) -> None:
    tmx = (
        '<?xml version="1.0" encoding="{}"?>\n<tmx version="1.4"><header/><body><tu>'
        '<tuv xml:lang="en"><seg>The café court sat.</seg></tuv>'
        '<tuv xml:lang="vi"><seg>{}</seg></tuv></tu></body></tmx>'
    )
    write(tmp_path / "u16.tmx", tmx.format("UTF-16", "Tòa án họp.").encode("utf-16"))
    write(tmp_path / "l1.tmx", tmx.format("ISO-8859-1", "Toa an hop.").encode("latin-1"))
    write(tmp_path / "gb.tmx", tmx.format("GB18030", "法院开庭。").replace('"vi"', '"zh"').encode("gb18030"))
    for name, other in (("u16", "Tòa án họp."), ("l1", "Toa an hop."), ("gb", "法院开庭。")):
        result = run_import(home, str(tmp_path / f"{name}.tmx"))
        assert result.returncode == 0, result.stderr
        doc = Corpus(user_root=home / "data" / "corpus").get(name)
        sentences = {lang: version.sentences for lang, version in doc.versions.items()}
        assert sentences["en"] == ["The café court sat."]
        assert other in [s for v in sentences.values() for s in v]


def test_an_id_that_clashes_with_a_bundled_document_is_refused(tmp_path: Path, reader_home: Path) -> None:
    bundled = tmp_path / "bundled"
    write_document(sample_document("clash-me"), bundled)
    corpus = Corpus(bundled_root=bundled, user_root=reader_home / "data" / "corpus")
    tsv = write(tmp_path / "a.tsv", "zh\ten\n甲。\tA.\n".encode())
    with pytest.raises(UserError, match="clashes with a bundled document"):
        import_path(tsv, corpus, ImportOptions(doc_id="clash-me"))
    assert not corpus.user_root.exists()


def test_unreadable_folder_is_a_clear_error(tmp_path: Path, monkeypatch, reader_home: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", denied)
    with pytest.raises(UserError, match="permission denied"):
        import_path(folder, Corpus(bundled_root=tmp_path / "none", user_root=reader_home / "c"))


def test_tmx_and_tsv_imports_show_aligned(home: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "court.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="zh" datatype="plaintext"/><body>'
        '<tu><tuv xml:lang="zh-CN"><seg>法院开庭。</seg></tuv><tuv xml:lang="en-US"><seg>The court sat &amp; heard [Reuters].</seg></tuv></tu>'
        '<tu><tuv xml:lang="zh-CN"><seg>判决生效。</seg></tuv><tuv xml:lang="vi"><seg>Bản án có hiệu lực.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    assert run_import(home, str(tmx), "--title", "TMX test").returncode == 0
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(
        "vi\ten\nTòa án xét xử.\tThe court tried the case.\nBị cáo kháng cáo.\tThe defendant appealed.\n",
        encoding="utf-8",
    )
    result = run_import(home, str(tsv))
    assert result.returncode == 0, result.stderr
    env = {**os.environ, "READER_HOME": str(home)}
    shown = subprocess.run(
        [sys.executable, "-m", "reader", "show", "court", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    units = [json.loads(line) for line in shown.stdout.splitlines()]
    assert units[0]["text"] == {"zh": "法院开庭。", "en": "The court sat & heard [Reuters].", "vi": ""}
    assert units[1]["text"]["vi"] == "Bản án có hiệu lực."
    shown = subprocess.run(
        [sys.executable, "-m", "reader", "show", "pairs", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    units = [json.loads(line) for line in shown.stdout.splitlines()]
    assert [u["text"]["en"] for u in units] == ["The court tried the case.", "The defendant appealed."]
