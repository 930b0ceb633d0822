"""`reader export DOC`: TMX read back by translate-toolkit, TSV by the csv module, Markdown and
JSON; alignment edits show in the export; --langs, --force and errors."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import sample_document

from reader.cli import main
from reader.corpus import Corpus
from reader.edits import Editor
from reader.errors import UserError
from reader.export.document import neutralise, render

DOC = "sample-court-visit"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def corpus(make_corpus: Callable[..., Corpus]) -> Corpus:
    doc = sample_document()
    doc.versions["vi"].paragraphs[0][1] = '=HYPERLINK("http://evil.example","click")'
    doc.versions["en"].paragraphs[1][2] = "-2 degrees | @home +1"
    return make_corpus(doc)


def test_tmx_one_tu_per_unit_read_back_by_translate_toolkit(corpus: Corpus, tmp_path: Path) -> None:
    from translate.storage import tmx

    doc = corpus.get(DOC)
    result = render(doc, "tmx")
    assert (result.units, result.skipped) == (5, 0)
    path = tmp_path / "doc.tmx"
    path.write_text(result.text, encoding="utf-8")
    store = tmx.tmxfile.parsefile(str(path))
    units = [u for u in store.units if not u.isheader()]
    assert store.sourcelanguage == "zh-CN"
    assert [u.source for u in units] == [u.text["zh"] for u in doc.units]
    for lang, code in (("vi", "vi-VN"), ("en", "en-US")):
        assert [u.gettarget(code) for u in units] == [u.text[lang] for u in doc.units]
    tree = ET.fromstring(result.text.encode())
    assert tree.get("version") == "1.4" and tree.find("header").get("srclang") == "zh-CN"
    tus = tree.findall("body/tu")
    assert [[t.get(XML_LANG) for t in tu.findall("tuv")] for tu in tus] == [["zh-CN", "en-US", "vi-VN"]] * 5
    assert tus[3].find("tuv[2]/seg").text == doc.units[3].text["en"]
    assert tus[4].find("tuv/seg").text == "[Reuters] 报道称 [/b] 双方签署了备忘录 [RED] 路径\\"


def test_tmx_leaves_out_units_empty_in_a_language_and_says_so(corpus: Corpus) -> None:
    editor = Editor(corpus, DOC)
    editor.pop("p1s1", "en")  # p1s1 has no English now
    doc = editor.document()
    both = render(doc, "tmx", ["zh", "en"])
    assert (both.units, both.skipped) == (4, 1)
    tus = ET.fromstring(both.text.encode()).findall("body/tu")
    assert [tu.find("prop[@type='x-unit']").text for tu in tus] == ["p1s2", "p2s1", "p2s2", "p3s1"]
    assert tus[0].find("tuv[2]/seg").text == doc.units[1].text["en"]
    every = ET.fromstring(render(doc, "tmx").text.encode()).findall("body/tu")
    assert [t.get(XML_LANG) for t in every[0].findall("tuv")] == ["zh-CN", "vi-VN"]  # no en tuv


def test_tsv_columns_and_formulas_neutralised(corpus: Corpus) -> None:
    doc = corpus.get(DOC)
    text = render(doc, "tsv", ["vi", "en"]).text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["unit", "vi", "en"] and len(rows) == 6
    assert rows[2][1] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows[4][2].startswith("The talks") and rows[4][2].endswith("-2 degrees | @home +1")
    assert [row[0] for row in rows[1:]] == [u.id for u in doc.units]
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "＝1"):
        assert neutralise(cell).startswith("'")
    assert neutralise("a\tb\nc") == "a b c" and neutralise("Hà Nội") == "Hà Nội"


def test_markdown_table_escapes_text(corpus: Corpus) -> None:
    doc = corpus.get(DOC)
    text = render(doc, "md").text
    table = [line for line in text.splitlines() if line.startswith("| p")]
    assert len(table) == 5
    assert "\\| @home" in table[3] and "\\[Reuters\\]" in table[4]
    assert all(line.count(" | ") == 3 for line in table)  # escaped pipes do not add cells
    interleaved = render(doc, "md", layout="interleaved").text
    assert "**p2s2**" in interleaved and "> English: The talks were held in Nanning." in interleaved
    with pytest.raises(UserError, match="layout"):
        render(doc, "md", layout="grid")


def test_json_has_every_unit(corpus: Corpus) -> None:
    doc = corpus.get(DOC)
    data = json.loads(render(doc, "json", ["en", "zh"]).text)
    assert data["languages"] == ["en", "zh"] and data["id"] == DOC
    assert [u["text"] for u in data["units"]] == [{"en": u.text["en"], "zh": u.text["zh"]} for u in doc.units]
    assert data["units"][3]["sentences"] == {"en": [3, 4], "zh": [3]}


# -- the command ------------------------------------------------------------------------------

BUNDLED = "lang-son-guangxi-justice-talks"


def test_cli_writes_refuses_to_overwrite_and_reflects_edits(
    reader_home: Path, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "out.tmx"
    assert main(["units", BUNDLED, "merge", "p1s1"]) == 0
    capsys.readouterr()
    assert main(["export", BUNDLED, "--format", "tmx", "--langs", "vi,zh", "-o", str(target)]) == 0
    assert capsys.readouterr().err == f"exported 7 units of {BUNDLED} to {target}\n"
    tus = ET.fromstring(target.read_bytes()).findall("body/tu")
    assert len(tus) == 7 and tus[0].find("prop[@type='x-unit']").text == "p1s1"
    assert [t.get(XML_LANG) for t in tus[0].findall("tuv")] == ["vi-VN", "zh-CN"]
    before = target.read_bytes()
    assert main(["export", BUNDLED, "--format", "json", "-o", str(target)]) == 2
    assert "already exists (use --force to overwrite)" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main(["export", BUNDLED, "--format", "json", "-o", str(target), "--force"]) == 0
    assert len(json.loads(target.read_text())["units"]) == 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", BUNDLED, "--format", "xlsx"], "unknown export format 'xlsx'"),
        (["export", "no-such-doc", "--format", "tmx"], "no document 'no-such-doc'"),
        (["export", BUNDLED, "--format", "tmx", "--langs", "zh,fr"], "unknown language 'fr'"),
        (["export", BUNDLED, "--format", "tmx", "-o", "/nonexistent-dir/x.tmx"], "no such directory"),
    ],
)
def test_cli_errors(reader_home: Path, capsys, args: list[str], message: str) -> None:
    capsys.readouterr()
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err and err.count("\n") == 1


def test_cli_to_stdout(reader_home: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["export", BUNDLED, "--format", "tsv", "--langs", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "unit\tzh" and len(out.splitlines()) == 9
