"""Sentence segmentation for zh, vi and en."""

from __future__ import annotations

import unicodedata

import pytest

from reader.segment import segment, split_paragraphs, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "会上，陈文书表示高兴。他还表示祝贺！这是事件？",
            ["会上，陈文书表示高兴。", "他还表示祝贺！", "这是事件？"],
        ),
        ("“好邻居、好朋友。”他说。", ["“好邻居、好朋友。”", "他说。"]),
        ("分享法庭管理经验；关于法官培训等。", ["分享法庭管理经验；", "关于法官培训等。"]),
        ("资料中心，图书馆……此外，代表团将继续。", ["资料中心，图书馆……", "此外，代表团将继续。"]),
        ("他说（见附件。）然后离开。", ["他说（见附件。）", "然后离开。"]),
        ("访问网站http://a.cn/?x=1后再说。", ["访问网站http://a.cn/?x=1后再说。"]),
    ],
)
def test_chinese(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "zh") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sáng 12/6, tại TP. Lạng Sơn, PGS. TS. Nguyễn Văn A phát biểu. Hai bên ký 1.000 bản.",
            ["Sáng 12/6, tại TP. Lạng Sơn, PGS. TS. Nguyễn Văn A phát biểu.", "Hai bên ký 1.000 bản."],
        ),
        (
            "Ông ThS. Lê B và GS. Trần C dự họp. Tỷ lệ là 2,5%.",
            ["Ông ThS. Lê B và GS. Trần C dự họp.", "Tỷ lệ là 2,5%."],
        ),
        ("Hợp tác luật sư, v.v. Hai bên thống nhất.", ["Hợp tác luật sư, v.v.", "Hai bên thống nhất."]),
        ("Các tỉnh, v.v. và các thành phố.", ["Các tỉnh, v.v. và các thành phố."]),
        ("Ký ngày 19/4/2024 tại Q. Hoàn Kiếm. Xong.", ["Ký ngày 19/4/2024 tại Q. Hoàn Kiếm.", "Xong."]),
        ("Ông nói: “Tốt.” Sau đó về.", ["Ông nói: “Tốt.”", "Sau đó về."]),
    ],
)
def test_vietnamese(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "vi") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Lee in the U.S. on Jan. 5. They signed No. 3, worth 1,000 dollars or 2.5 percent.",
            [
                "Mr. Smith met Dr. Lee in the U.S. on Jan. 5.",
                "They signed No. 3, worth 1,000 dollars or 2.5 percent.",
            ],
        ),
        (
            'J. R. Smith agreed! "Yes," he said. Then... Next one?',
            ["J. R. Smith agreed!", '"Yes," he said.', "Then...", "Next one?"],
        ),
        ("It cost $2.5 million (about 1.2%). Done.", ["It cost $2.5 million (about 1.2%).", "Done."]),
        (
            "lowercase after a point. is not a new sentence",
            ["lowercase after a point. is not a new sentence"],
        ),
    ],
)
def test_english(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "en") == expected


def test_text_is_nfc_normalised_and_paragraphs_kept() -> None:
    nfd = unicodedata.normalize("NFD", "Tòa án xét xử.\n\nHai bên đồng ý. Xong.")
    assert segment(nfd, "vi") == [["Tòa án xét xử."], ["Hai bên đồng ý.", "Xong."]]
    assert split_paragraphs("a\n\n\nb\nc") == ["a", "b", "c"]
    assert split_sentences("   ", "en") == []
