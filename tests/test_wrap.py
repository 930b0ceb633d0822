"""Line breaking in terminal cells for Chinese, Vietnamese, English and mixed text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.corpus import Corpus
from reader.text import NO_LINE_START
from reader.wrap import _narrow, _wrap_boxes, _wrap_narrow, cell_width, wrap


def wrap_lines(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e in wrap(text, width)]


ZH = "会议期间，广西壮族高级人民法院代表团还参观了最高人民法院总部并参观了集体审判室；监控运营中心；资料中心，图书馆。"


def test_chinese_wraps_between_characters_and_fills_lines() -> None:
    lines = wrap_lines(ZH, 20)
    assert all(cell_width(line) <= 20 for line in lines)
    assert all(cell_width(line) >= 18 for line in lines[:-1])
    assert "".join(lines) == ZH


def test_no_line_starts_with_closing_punctuation() -> None:
    for width in range(6, 41):
        for line in wrap_lines(ZH + "“好邻居、好朋友”（SPC）。", width)[1:]:
            assert line[0] not in NO_LINE_START, (width, line)


def test_mixed_text_has_no_ragged_gap_before_chinese() -> None:
    lines = wrap_lines("This is an example 中文汉字混合文本测试这是一个例子 with Tim Cook", 30)
    assert lines[0] == "This is an example 中文汉字混"
    assert cell_width(lines[0]) >= 29  # the next character would need 2 more cells


def test_latin_wraps_at_spaces_and_cuts_only_overlong_words() -> None:
    assert wrap_lines("Tòa án nhân dân tối cao Việt Nam", 12) == ["Tòa án nhân", "dân tối cao", "Việt Nam"]
    assert wrap_lines("Supercalifragilistic word", 10) == ["Supercalif", "ragilistic", "word"]


def test_degenerate_inputs() -> None:
    assert wrap("", 10) == [(0, 0)]
    assert wrap_lines("a\nb", 10) == ["a", "b"]
    assert wrap_lines("中文", 1) == ["中", "文"]  # width is clamped to 2 cells
    assert cell_width("Lạng Sơn") == len("Lạng Sơn")


@given(st.text(alphabet=st.sampled_from(list("ab c。，中文字“”（）Ơơ\n ")), max_size=80), st.integers(2, 30))
def test_wrapping_never_loses_text_nor_overflows(text: str, width: int) -> None:
    spans = wrap(text, width)
    for start, end in spans:
        assert 0 <= start <= end <= len(text)
        piece = text[start:end]
        # Overflow is allowed only for a glued closing punctuation mark (kinsoku push-out keeps
        # it with its character), which adds at most 2 cells.
        assert cell_width(piece) <= width + 2
    kept = "".join(text[s:e] for s, e in spans)
    assert kept.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


NARROW_LETTERS = [*"ab Ếếơà.,;:!?)(]“”…-\u00a0", "  ", "Supercalifragilistic"]


@given(st.lists(st.sampled_from(NARROW_LETTERS), max_size=60), st.integers(2, 40))
def test_one_cell_text_takes_a_shorter_path_to_the_same_lines(pieces: list[str], width: int) -> None:
    text = "".join(pieces)
    assert _narrow().issuperset(text)
    assert _wrap_narrow(text, width) == _wrap_boxes(text, width)


def test_the_bundled_translations_wrap_the_same_on_either_path(tmp_path: Path) -> None:
    texts = [
        unit.text[lang]
        for doc in Corpus(user_root=tmp_path).documents()
        for unit in doc.units
        for lang in ("vi", "en")
        if lang in unit.text and _narrow().issuperset(unit.text[lang])
    ]
    assert len(texts) > 100  # most English and Vietnamese units take the short path
    for width in (8, 13, 20, 31, 47, 64, 90):
        for text in texts:
            assert _wrap_narrow(text, width) == _wrap_boxes(text, width), (width, text)


def test_text_with_wide_or_zero_width_characters_is_not_taken_for_one_cell_text() -> None:
    for text in ("中文 text", "e\u0301", "tab\there", "line\nbreak", "😀 emoji", "ｆｕｌｌ"):
        assert not _narrow().issuperset(text), text
    assert _narrow().issuperset("Việt Nam … “quoted” — dash")
