"""Structure as hard anchors: numbered articles pair across languages, headings pair in order,
and each stretch between anchors is aligned on its own."""

from __future__ import annotations

import pytest

from reader.ingest.sections import align_by_sections, anchors, structure_number
from reader.model import Version


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第一条 为了加强司法协助", ("A", 1)),
        ("第二十三条", ("A", 23)),
        ("第十款", ("K", 10)),
        ("第3章 总则", ("C", 3)),
        ("Điều 23. Phạm vi điều chỉnh", ("A", 23)),
        ("Khoản 2", ("K", 2)),
        ("Chương IV", ("C", 4)),
        ("Article 7 Scope", ("A", 7)),
        ("CHAPTER XII", ("C", 12)),
        ("Articles of association", None),
        ("The article 5 says", None),
    ],
)
def test_structure_numbers(text: str, expected: tuple[str, int] | None) -> None:
    assert structure_number(text) == expected


def law(lang: str, articles: list[list[str]], heading: str) -> Version:
    paragraphs = []
    for number, sentences in enumerate(articles, start=1):
        paragraphs.append([heading.format(number)])
        paragraphs.append(sentences)
    return Version(lang, paragraphs)


ZH = [
    ["双方应当相互提供司法协助。"],
    ["请求应当以书面形式提出。", "请求书应当签名。"],
    ["费用由被请求方承担。"],
]
VI = [
    ["Hai bên tương trợ tư pháp cho nhau."],
    ["Yêu cầu phải được lập thành văn bản.", "Văn bản yêu cầu phải có chữ ký."],
    ["Chi phí do bên được yêu cầu chịu.", "Trừ trường hợp có thỏa thuận khác."],
]
HAN_NUMBERS = "一二三"


def test_articles_pair_by_number_and_no_bead_crosses_one() -> None:
    zh = Version("zh", [p for i, s in enumerate(ZH) for p in ([f"第{HAN_NUMBERS[i]}条"], s)])
    vi = law("vi", VI, "Điều {}")
    points = anchors(zh, [], vi, [])
    assert points == [(0, 0), (2, 2), (5, 5)]
    beads = align_by_sections(zh, [], vi, [])
    assert beads is not None
    covered_src = [i for bead in beads for i in bead.src]
    covered_tgt = [j for bead in beads for j in bead.tgt]
    assert covered_src == list(range(len(zh.sentences))) and covered_tgt == list(range(len(vi.sentences)))
    for bead in beads:  # an article's heading starts a bead on both sides
        for start_src, start_tgt in points:
            assert (start_src in bead.src) == (start_tgt in bead.tgt)


def test_a_missing_article_on_one_side_still_anchors_the_rest() -> None:
    zh = Version("zh", [p for i, s in enumerate(ZH) for p in ([f"第{HAN_NUMBERS[i]}条"], s)])
    vi = Version("vi", [["Điều 1"], VI[0], ["Điều 3"], VI[2]])
    assert anchors(zh, [], vi, []) == [(0, 0), (5, 2)]


def test_headings_pair_in_order_when_their_counts_agree() -> None:
    en = Version("en", [["One"], ["A b c."], ["Two"], ["D e f.", "G h."]])
    vi = Version("vi", [["Một"], ["A b c."], ["Hai"], ["D e f.", "G h."]])
    assert anchors(en, [0, 2], vi, [0, 2]) == [(0, 0), (2, 2)]
    assert anchors(en, [0, 2], vi, [0]) == []
    assert align_by_sections(en, [0], vi, [0, 2]) is None


def test_stretches_that_do_not_correspond_drop_the_anchors() -> None:
    en = Version("en", [["One"], [f"Sentence {i}." for i in range(30)], ["Two"], ["Last."]])
    vi = Version("vi", [["Một"], ["Câu."], ["Hai"], [f"Câu {i}." for i in range(30)]])
    assert align_by_sections(en, [0, 31], vi, [0, 2]) is None


def test_aligning_by_sections_reports_its_progress(tmp_path) -> None:
    from reader.corpus import Corpus
    from reader.ingest.importer import ImportOptions, import_path

    en = "\n\n".join(f"Chapter {n}\n\nThe court met on day {n}. It adjourned." for n in range(1, 4))
    vi = "\n\n".join(f"Chương {n}\n\nTòa án họp vào ngày {n}. Phiên tòa tạm dừng." for n in range(1, 4))
    (tmp_path / "a.txt").write_text(en, encoding="utf-8")
    (tmp_path / "a.vi.txt").write_text(vi, encoding="utf-8")
    seen: list[tuple[int, str]] = []
    corpus = Corpus(bundled_root=tmp_path / "none", user_root=tmp_path / "corpus")
    options = ImportOptions(lang="en", translations={"vi": tmp_path / "a.vi.txt"}, dry_run=True)
    import_path(tmp_path / "a.txt", corpus, options, lambda done, total, what: seen.append((done, what)))
    parts = [(done, what.split(": ")[-1]) for done, what in seen if "part" in what]
    assert parts == [(2, "part 0 of 3"), (2, "part 1 of 3"), (2, "part 2 of 3")]  # within step 2
