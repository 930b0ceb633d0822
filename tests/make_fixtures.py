"""Build each format's test files at run time: a web page, a .docx (python-docx), a PDF (fpdf2),
an EPUB (a zip written here), and broken or hostile variants of them."""

from __future__ import annotations

import zipfile
from pathlib import Path

EN_PARAGRAPHS = [
    "The delegation of the Supreme People's Court of Vietnam visited Guangxi in June.",
    "Both sides discussed mutual legal assistance in civil and criminal matters.",
    "The courts agreed to exchange judicial documents through a new online channel.",
    "Judges from the border provinces will meet every year to review the cooperation.",
]
VI_PARAGRAPHS = [
    "Đoàn đại biểu Tòa án nhân dân tối cao Việt Nam đã thăm Quảng Tây vào tháng Sáu.",
    "Hai bên đã thảo luận về tương trợ tư pháp trong các vấn đề dân sự và hình sự.",
    "Các tòa án đã nhất trí trao đổi văn bản tư pháp qua một kênh trực tuyến mới.",
    "Thẩm phán các tỉnh biên giới sẽ gặp nhau hằng năm để đánh giá hợp tác.",
]
ZH_PARAGRAPHS = [
    "越南最高人民法院代表团于六月访问了广西。",
    "双方讨论了民事和刑事司法协助问题。",
    "两国法院同意通过新的在线渠道交换司法文书。",
    "边境省份的法官将每年会面，总结合作情况。",
]

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Courts meet | VN Law News</title>
<meta property="og:title" content="Courts of two countries meet">
<meta property="og:site_name" content="VN Law News">
<meta name="author" content="Nguyen Van A">
<meta property="article:published_time" content="2024-06-12T08:00:00+07:00">
<link rel="canonical" href="https://news.example/courts-meet">
<script>document.write("INJECTED BY SCRIPT")</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news section</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article>
<h1>Courts of two countries meet</h1>
<p>{0} It was the first visit in five years &amp; a long one [bold]really[/bold].</p>
<h2>Agreed points</h2>
<p>{1}</p>
<ul><li>{2}</li><li>{3}</li></ul>
</article>
<aside><h3>Related news</h3><ul><li><a href="/x">Another story about border trade</a></li></ul></aside>
<footer>Copyright 2024 VN Law News. All rights reserved.</footer>
</body></html>
"""


def web_page(path: Path) -> Path:
    path.write_text(PAGE.format(*EN_PARAGRAPHS), encoding="utf-8")
    return path


def docx_file(path: Path, paragraphs: list[str] = VI_PARAGRAPHS, title: str = "Hợp tác tư pháp") -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = "Bộ Tư pháp"
    document.add_heading(title, 0)
    document.add_paragraph(paragraphs[0])
    document.add_heading("Điều 1", 1)
    document.add_paragraph(paragraphs[1])
    document.add_paragraph(paragraphs[2], style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Ô một"
    table.cell(0, 1).text = "Ô hai"
    table.cell(1, 0).merge(table.cell(1, 1)).text = paragraphs[3]
    document.save(str(path))
    return path


def pdf_file(path: Path, pages: int = 3, paragraphs_per_page: int = 4, title: str = "Annual report") -> Path:
    """An English report: a running header, "Page N" footers, a heading per page, and paragraphs
    of three lines whose first line ends in a word hyphenated across the line end."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, "Ministry of Justice - Annual Report 2024", align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")

    pdf = Report()
    pdf.set_title(title)
    pdf.set_auto_page_break(True, 20)
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 10, f"Chapter {page + 1}: Cooperation")
        pdf.ln(14)
        pdf.set_font("Helvetica", size=11)
        for number in range(paragraphs_per_page):
            n = page * paragraphs_per_page + number
            for line in pdf_paragraph_lines(n):
                pdf.cell(0, 6, line)
                pdf.ln(6)
            pdf.ln(4)
    pdf.output(str(path))
    return path


def pdf_paragraph_lines(n: int) -> list[str]:
    return [
        f"In round {n} the courts of both coun-",
        "tries exchanged judicial documents and held",
        f"meetings on mutual legal assistance, session {n}.",
    ]


def pdf_paragraph(n: int) -> str:
    return f"In round {n} the courts of both countries exchanged judicial documents and held meetings on mutual legal assistance, session {n}."


CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">test-book</dc:identifier><dc:title>{title}</dc:title>
<dc:creator>{author}</dc:creator><dc:date>2023-11-26</dc:date><dc:language>{lang}</dc:language>
</metadata>
<manifest>{items}</manifest>
<spine>{spine}</spine>
</package>"""

CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title><style>p {{ color: red }}</style></head>
<body><h1>{heading}</h1>{body}</body></html>"""


def epub_file(
    path: Path,
    chapters: list[tuple[str, list[str]]],
    title: str = "书名",
    lang: str = "zh",
    extra: dict[str, bytes] | None = None,
    nav: bool = False,
) -> Path:
    """An EPUB whose spine lists the chapters in the given order (the manifest lists them reversed)."""
    names = [f"Text/ch{i}.xhtml" for i in range(len(chapters))]
    items = "".join(
        f'<item id="c{i}" href="{name}" media-type="application/xhtml+xml"/>'
        for i, name in reversed(list(enumerate(names)))
    )
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
    if nav:  # a table of contents listed first in the spine, as some books do
        items += '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        spine = '<itemref idref="nav"/>' + spine
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER)
        opf = OPF.format(title=title, author="作者", lang=lang, items=items, spine=spine)
        archive.writestr("OEBPS/content.opf", opf)
        for name, (heading, paragraphs) in zip(names, chapters, strict=True):
            body = "".join(
                f"<p>{p}</p>" if not p.startswith("- ") else f"<ul><li>{p[2:]}</li></ul>" for p in paragraphs
            )
            archive.writestr(f"OEBPS/{name}", CHAPTER.format(heading=heading, body=body))
        if nav:
            toc = "".join(f"<li>{heading}</li>" for heading, _ in chapters)
            archive.writestr(
                "OEBPS/nav.xhtml", CHAPTER.format(heading="目录", body=f"<nav><ol>{toc}</ol></nav>")
            )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def zip_bomb(path: Path, member: str, megabytes: int = 50) -> Path:
    """A zip whose `member` unpacks to `megabytes` of zeros (a few tens of KB packed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w") as handle:
            chunk = b"\0" * 1_000_000
            for _ in range(megabytes):
                handle.write(chunk)
    return path
