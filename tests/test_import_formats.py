"""Each format reader: structure (headings, paragraphs, list items, cues) and metadata kept, and
a document paired with a translation in another format through `reader import --translation`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_reader

from reader.errors import UserError
from reader.ingest.subtitles import align_cues, read_subtitles
from reader.model import Bead

SRT_EN = """1
00:00:01,000 --> 00:00:04,000
The court met on Monday.

2
00:00:04,500 --> 00:00:08,000
<i>It adjourned</i> after two hours.

3
00:00:12,000 --> 00:00:15,000
The judge spoke at length.
"""

# The Vietnamese track splits cue 2 in two and is shifted by 0.3 s.
VTT_VI = """WEBVTT

NOTE made for the test

a
00:01.300 --> 00:04.300
Tòa án họp vào thứ Hai.

b
00:04.800 --> 00:06.300 align:start
Phiên tòa tạm dừng

c
00:06.300 --> 00:08.300
sau hai giờ &amp; nghỉ.

d
00:12.300 --> 00:15.300
<v Thẩm phán>Thẩm phán đã nói rất lâu.
"""


def show(home: Path, doc_id: str) -> list[dict]:
    return [json.loads(line) for line in run_reader(home, "show", doc_id, "--json").stdout.splitlines()]


def test_subtitle_cues_keep_times_and_drop_tags() -> None:
    source = read_subtitles(VTT_VI, "vi.vtt")
    assert [(b.text, b.start, b.end) for b in source.blocks] == [
        ("Tòa án họp vào thứ Hai.", 1.3, 4.3),
        ("Phiên tòa tạm dừng", 4.8, 6.3),
        ("sau hai giờ & nghỉ.", 6.3, 8.3),
        ("Thẩm phán đã nói rất lâu.", 12.3, 15.3),
    ]
    assert all(b.kind == "cue" for b in source.blocks)


def test_cues_pair_by_time_not_length() -> None:
    en = read_subtitles(SRT_EN, "en.srt").blocks
    vi = read_subtitles(VTT_VI, "vi.vtt").blocks
    assert align_cues(en, vi) == [Bead((0,), (0,)), Bead((1,), (1, 2)), Bead((2,), (3,))]
    # A cue that overlaps nothing on the other side stands alone.
    assert align_cues(en[:1], vi[3:]) == [Bead((0,), ()), Bead((), (0,))]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("1\n00:00:01,000 -> 00:00:02,000\nHello.\n", "en.srt:1: expected a cue time"),
        ("1\n00:00:01,000 --> 00:0x:02,000\nHello.\n", "en.srt:2: broken cue time"),
        ("1\n00:00:03,000 --> 00:00:02,000\nHello.\n", "en.srt:2: the cue ends before it starts"),
        ("WEBVTT\n\n", "en.srt: no subtitle cues found"),
    ],
)
def test_broken_subtitles_are_refused_naming_the_line(text: str, needle: str) -> None:
    with pytest.raises(UserError, match=needle):
        read_subtitles(text, "en.srt")


@pytest.mark.slow
def test_subtitle_pair_imports_cue_to_cue(reader_home: Path, tmp_path: Path) -> None:
    (tmp_path / "talk.srt").write_text(SRT_EN, encoding="utf-8")
    (tmp_path / "talk.vi.vtt").write_text(VTT_VI, encoding="utf-8")
    result = run_reader(
        reader_home, "import", str(tmp_path / "talk.srt"), "--translation", f"vi={tmp_path / 'talk.vi.vtt'}"
    )
    assert result.returncode == 0, result.stderr
    units = show(reader_home, "talk")
    assert [(u["text"]["en"], u["text"]["vi"]) for u in units] == [
        ("The court met on Monday.", "Tòa án họp vào thứ Hai."),
        ("It adjourned after two hours.", "Phiên tòa tạm dừng sau hai giờ & nghỉ."),
        ("The judge spoke at length.", "Thẩm phán đã nói rất lâu."),
    ]
    # A pause of 3 s or more starts a new paragraph.
    assert [u["paragraph_start"] for u in units] == [True, False, True]


def test_web_page_article_metadata_and_what_was_left_out(tmp_path: Path) -> None:
    from make_fixtures import EN_PARAGRAPHS, web_page

    from reader.ingest.html import read_html

    source = read_html(web_page(tmp_path / "page.html"))
    assert [(b.kind, b.text) for b in source.blocks] == [
        ("heading", "Courts of two countries meet"),
        (
            "paragraph",
            EN_PARAGRAPHS[0] + " It was the first visit in five years & a long one [bold]really[/bold].",
        ),
        ("heading", "Agreed points"),
        ("paragraph", EN_PARAGRAPHS[1]),
        ("item", EN_PARAGRAPHS[2]),
        ("item", EN_PARAGRAPHS[3]),
    ]
    assert (source.title, source.date, source.author, source.url, source.site) == (
        "Courts of two countries meet",
        "2024-06-12",
        "Nguyen Van A",
        "https://news.example/courts-meet",
        "VN Law News",
    )
    assert "We use cookies to improve your experience. Accept all cookies." in source.removed
    assert "Another story about border trade" in source.removed
    assert not any("INJECTED" in b.text or b.text == "Home" for b in source.blocks)
    whole = read_html(tmp_path / "page.html", clean="none")
    texts = [b.text for b in whole.blocks]
    assert "Another story about border trade" in texts and "Agreed points" in texts
    assert not any("INJECTED" in t or "document.write" in t for t in texts)  # scripts are never text


def test_docx_paragraphs_headings_items_and_table_cells(tmp_path: Path) -> None:
    from make_fixtures import VI_PARAGRAPHS, docx_file

    from reader.ingest.docx import read_docx

    source = read_docx(docx_file(tmp_path / "a.docx"))
    assert [(b.kind, b.text) for b in source.blocks] == [
        ("heading", "Hợp tác tư pháp"),
        ("paragraph", VI_PARAGRAPHS[0]),
        ("heading", "Điều 1"),
        ("paragraph", VI_PARAGRAPHS[1]),
        ("item", VI_PARAGRAPHS[2]),
        ("paragraph", "Ô một"),
        ("paragraph", "Ô hai"),
        ("paragraph", VI_PARAGRAPHS[3]),  # a merged cell once
    ]
    assert (source.title, source.author) == ("Hợp tác tư pháp", "Bộ Tư pháp")


def test_pdf_paragraphs_rebuilt_headers_footers_removed_hyphens_joined(tmp_path: Path) -> None:
    from make_fixtures import pdf_file, pdf_paragraph

    from reader.ingest.pdf import read_pdf

    source = read_pdf(pdf_file(tmp_path / "report.pdf", pages=3, paragraphs_per_page=4))
    expected = []
    for page in range(3):
        expected.append(("heading", f"Chapter {page + 1}: Cooperation"))
        expected += [("paragraph", pdf_paragraph(page * 4 + n)) for n in range(4)]
    assert [(b.kind, b.text) for b in source.blocks] == expected
    assert source.title == "Annual report"
    assert source.removed == [
        line for page in range(1, 4) for line in ("Ministry of Justice - Annual Report 2024", f"Page {page}")
    ]


def test_pdf_paragraph_running_on_to_the_next_page(tmp_path: Path) -> None:
    from fpdf import FPDF

    from reader.ingest.pdf import read_pdf

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.cell(0, 6, "The first paragraph ends on this page.")
    pdf.ln(12)
    pdf.cell(0, 6, "The second paragraph starts here and goes on")
    pdf.add_page()
    pdf.cell(0, 6, "to the next page, where it ends.")
    pdf.output(str(tmp_path / "run.pdf"))
    assert [b.text for b in read_pdf(tmp_path / "run.pdf").blocks] == [
        "The first paragraph ends on this page.",
        "The second paragraph starts here and goes on to the next page, where it ends.",
    ]


def test_epub_chapters_in_spine_order(tmp_path: Path) -> None:
    from make_fixtures import ZH_PARAGRAPHS, epub_file

    from reader.ingest.epub import read_epub

    book = epub_file(
        tmp_path / "book.epub",
        [("第一章", ZH_PARAGRAPHS[:2]), ("第二章", [ZH_PARAGRAPHS[2], "- " + ZH_PARAGRAPHS[3]])],
        nav=True,
    )
    source = read_epub(book)
    assert [(b.kind, b.text) for b in source.blocks] == [
        ("heading", "第一章"),
        ("paragraph", ZH_PARAGRAPHS[0]),
        ("paragraph", ZH_PARAGRAPHS[1]),
        ("heading", "第二章"),
        ("paragraph", ZH_PARAGRAPHS[2]),
        ("item", ZH_PARAGRAPHS[3]),
    ]
    assert (source.title, source.author, source.date) == ("书名", "作者", "2023-11-26")
    assert source.removed == ["目录", "第一章", "第二章"]  # the table of contents, reported


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?()[]&") for w in text.split() if w.strip(".,;:!?()[]&")]


@pytest.mark.slow
def test_any_mix_of_formats_imports_aligned_with_every_word_kept(reader_home: Path, tmp_path: Path) -> None:
    from make_fixtures import VI_PARAGRAPHS, ZH_PARAGRAPHS, docx_file, epub_file, web_page

    page = web_page(tmp_path / "courts.html")
    word = docx_file(tmp_path / "courts.vi.docx")
    book = epub_file(tmp_path / "courts.zh.epub", [("法院会晤", ZH_PARAGRAPHS)], title="法院会晤")
    result = run_reader(
        reader_home, "import", str(page), "--translation", f"vi={word}", "--translation", f"zh={book}"
    )
    assert result.returncode == 0, result.stderr
    assert "courts.html: 6 lines left out (navigation, menus, related links and footers): " in result.stderr
    units = show(reader_home, "courts")
    assert {lang for u in units for lang in u["text"]} == {"en", "vi", "zh"}
    shown = {lang: " ".join(u["text"].get(lang, "") for u in units) for lang in ("en", "vi", "zh")}
    for paragraph in VI_PARAGRAPHS:
        assert all(w in shown["vi"] for w in _words(paragraph)), paragraph
    for paragraph in ZH_PARAGRAPHS:
        assert paragraph in shown["zh"].replace(" ", "")
    assert "[bold]really[/bold]" in shown["en"]  # shown literally, never as markup
    first = units[0]["text"]
    assert (first["en"], first["vi"], first["zh"]) == (
        "Courts of two countries meet",
        "Hợp tác tư pháp",
        "法院会晤",
    )
    listed = [json.loads(x) for x in run_reader(reader_home, "corpus", "list", "--json").stdout.splitlines()]
    mine = next(d for d in listed if d["id"] == "courts")
    assert (mine["date"], mine["source"]) == ("2024-06-12", "VN Law News")


@pytest.mark.slow
def test_pdf_with_its_translation_in_a_word_file(reader_home: Path, tmp_path: Path) -> None:
    from make_fixtures import docx_file, pdf_file, pdf_paragraph

    report = pdf_file(tmp_path / "report.pdf", pages=2, paragraphs_per_page=2)
    vi = [
        f"Trong vòng {n}, tòa án hai nước đã trao đổi văn bản tư pháp và họp về tương trợ tư pháp, phiên {n}."
        for n in range(4)
    ]
    word = docx_file(tmp_path / "report.vi.docx", vi, title="Báo cáo")
    result = run_reader(reader_home, "import", str(report), "--translation", f"vi={word}")
    assert result.returncode == 0, result.stderr
    assert (
        "report.pdf: 4 lines left out (running headers, footers and page numbers): 'Ministry of Justice"
        in result.stderr
    )
    en = [u["text"]["en"] for u in show(reader_home, "report")]
    for n in range(4):
        assert pdf_paragraph(n) in " ".join(en)


@pytest.mark.slow
def test_a_folder_pairs_originals_and_translations_across_formats(reader_home: Path, tmp_path: Path) -> None:
    from make_fixtures import VI_PARAGRAPHS, ZH_PARAGRAPHS, docx_file, epub_file

    folder = tmp_path / "batch"
    folder.mkdir()
    epub_file(folder / "visit.epub", [("法院会晤", ZH_PARAGRAPHS)])
    docx_file(folder / "visit.vi.docx", VI_PARAGRAPHS)
    (folder / "talk.srt").write_text(SRT_EN, encoding="utf-8")
    result = run_reader(reader_home, "import", str(folder))
    assert result.returncode == 0, result.stderr
    lines = sorted(line for line in result.stdout.splitlines() if line.startswith("imported"))
    assert lines[0].startswith("imported talk: 3 units") and lines[1].startswith("imported visit: ")
    units = show(reader_home, "visit")
    assert {lang for u in units for lang in u["text"]} == {"zh", "vi"}


def test_clean_none_keeps_pdf_furniture_and_the_table_of_contents(tmp_path: Path) -> None:
    from make_fixtures import ZH_PARAGRAPHS, epub_file, pdf_file

    from reader.ingest.epub import read_epub
    from reader.ingest.pdf import read_pdf

    texts = [b.text for b in read_pdf(pdf_file(tmp_path / "r.pdf", pages=2), clean="none").blocks]
    assert "Page 2" in " ".join(texts) and "Ministry of Justice - Annual Report 2024" in " ".join(texts)
    book = epub_file(tmp_path / "b.epub", [("第一章", ZH_PARAGRAPHS)], nav=True)
    assert [b.text for b in read_epub(book, clean="none").blocks][:2] == ["目录", "第一章"]


JSON_LD_PAGE = """<html><head><title>Tòa án hai nước hội đàm - Báo Pháp luật</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Tòa án hai nước hội đàm","datePublished":"2024-06-12T08:00:00+07:00",
"author":{"@type":"Person","name":"Dương Duyên"},"publisher":{"@type":"Organization","name":"Báo Pháp luật"}}
</script></head><body><div class="menu"><a href="/">Trang chủ</a></div>
<div class="content"><h1>Tòa án hai nước hội đàm</h1>
<p>Đoàn đại biểu Tòa án nhân dân tối cao Việt Nam đã thăm Quảng Tây vào tháng Sáu năm nay.</p>
<p>Hai bên đã thảo luận về tương trợ tư pháp trong các vấn đề dân sự và hình sự, và nhất trí tăng cường hợp tác.</p>
<p>Các tòa án đã nhất trí trao đổi văn bản tư pháp qua một kênh trực tuyến mới trong thời gian tới.</p></div>
<div class="footer">Bản quyền thuộc Báo Pháp luật</div></body></html>"""


def test_web_page_metadata_from_json_ld_in_a_legacy_encoding(tmp_path: Path) -> None:
    from reader.ingest.html import read_html

    page = tmp_path / "page.htm"
    page.write_bytes(JSON_LD_PAGE.encode("utf-16"))
    source = read_html(page)
    assert (source.title, source.date, source.author, source.site) == (
        "Tòa án hai nước hội đàm",
        "2024-06-12",
        "Dương Duyên",
        "Báo Pháp luật",
    )
    assert [b.kind for b in source.blocks] == ["heading", "paragraph", "paragraph", "paragraph"]
    assert source.removed == ["Trang chủ", "Bản quyền thuộc Báo Pháp luật"]


def test_pdf_words_split_by_a_font_change_stay_whole(tmp_path: Path) -> None:
    from fpdf import FPDF

    from reader.ingest.pdf import read_pdf

    pdf = FPDF()
    pdf.add_page()
    for style, text in (
        ("", "The court met on "),
        ("B", "Mon"),
        ("", "day at noon. "),
        ("I", "Both"),
        ("", " sides spoke."),
    ):
        pdf.set_font("Helvetica", style, 11)
        pdf.write(6, text)
    pdf.output(str(tmp_path / "fonts.pdf"))
    assert [b.text for b in read_pdf(tmp_path / "fonts.pdf").blocks] == [
        "The court met on Monday at noon. Both sides spoke."
    ]
