"""The article cleaner on the five real seed articles: debris out, every body sentence in."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import SHARED

from reader.ingest.clean import (
    _DATE_TIME,
    _DATE_UPDATED,
    _JUNK_LINES,
    _SOURCE_URL,
    _TAIL_MARKERS,
    _doubled_title,
    _is_sentence,
    clean_article,
    news_source,
)

SEEDS = SHARED / "seeds"

# seed prefix → (title, date, url, author, paragraph count, debris that must be gone)
EXPECTED = {
    "000": (
        "广西壮族自治区高级人民法院对越南最高人民法院进行工作访问",
        "2023-11-26",
        "",
        "",
        12,
        [
            "相关新闻",
            "查看更多",
            "广宁省传媒中心与广西壮族自治区日报传媒集团签署传媒合作协议",
            "高平与广西深化地方合作",
            "致力解决谅山省新青口岸货物拥堵现象",
            "08:00",
        ],
    ),
    "001": (
        "推动越中司法合作深化",
        "2025-02-19",
        "",
        "",
        10,
        [
            "相关新闻",
            "新春会晤会将促进越中地方合作",
            "越中友好题材电影《边海》在中国上映",
            "裴氏翠云",
            "高尔夫",
            "10:00",
        ],
    ),
    "002": (
        "Seminar held to deepen judicial cooperation between China and Vietnam",
        "2023-07-02",
        "",
        "",
        12,
        ["Updated"],
    ),
    "003": (
        "Đoàn đại biểu Sở Tư pháp tỉnh hội đàm với Đoàn đại biểu Sở Tư pháp Khu tự trị dân tộc Choang Quảng Tây, Trung Quốc",
        "",
        "https://baolangson.vn/doan-dai-bieu-so-tu-phap-tinh-hoi-dam-voi-doan-dai-bieu-so-tu-phap-khu-tu-tri-dan-toc-choang-quang-t-5011465.html",
        "DƯƠNG DUYÊN",
        8,
        ["Zalo", "Nguồn", "https://", "DƯƠNG DUYÊN"],
    ),
    "004": ("", "", "", "Ngô Việt Khoa", 18, ["leftcenterrightdel", "Ngô Việt Khoa"]),
}


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared/seeds beside the repo)")
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _sentences(text: str) -> list[str]:
    """Body sentences, compared without spaces and punctuation width differences."""
    text = unicodedata.normalize("NFKC", text)
    parts = [part for line in text.split("\n") for part in re.split(r"(?<=[。！？.!?])", line)]
    return [s for s in (re.sub(r"\s+", "", part) for part in parts) if len(s) > 3]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_cleaner_lifts_metadata_and_drops_debris(prefix: str) -> None:
    title, date, url, author, count, debris = EXPECTED[prefix]
    cleaned = clean_article(_seed(prefix))
    assert (cleaned.title, cleaned.date, cleaned.url, cleaned.author) == (title, date, url, author)
    assert len(cleaned.paragraphs) == count
    body = "\n".join(cleaned.paragraphs)
    for piece in debris:
        assert piece not in body, piece
    assert not any(line.strip() == "会见场景。" for line in cleaned.paragraphs[4:])  # caption kept once


def _is_debris(line: str, raw_lines: list[str], tail_start: int) -> bool:
    """A line the cleaner may remove: furniture, a date or source line, a link or teaser title
    (no final stop), anything in the related-news tail, a doubled caption, or the teaser text
    under a title scraped twice ("X X")."""
    at = raw_lines.index(line)
    previous = next((raw_lines[i] for i in range(at - 1, -1, -1) if raw_lines[i]), "")
    return (
        line.lower() in _JUNK_LINES
        or bool(_DATE_TIME.match(line) or _DATE_UPDATED.match(line) or _SOURCE_URL.match(line))
        or not _is_sentence(line)
        or at >= tail_start
        or raw_lines.count(line) > 1
        or _doubled_title(previous)
    )


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_body_sentence_survives(prefix: str) -> None:
    raw = _seed(prefix)
    cleaned = clean_article(raw)
    kept = set(_sentences("\n".join([cleaned.title, cleaned.author, *cleaned.paragraphs])))
    removed = set(_sentences("\n".join(cleaned.removed)))
    for sentence in _sentences(raw):
        assert sentence in kept or sentence in removed, sentence
    # Kept and removed overlap only where the seed has the text twice (one copy kept).
    raw_sentences = _sentences(raw)
    for sentence in kept & removed:
        assert raw_sentences.count(sentence) > 1, sentence
    # Every removed line is debris by one of the cleaner's rules, never a body sentence.
    raw_lines = [" ".join(line.split()) for line in raw.replace("\r", "").split("\n")]
    tail_start = next(
        (i for i, line in enumerate(raw_lines) if line.lower() in _TAIL_MARKERS), len(raw_lines)
    )
    for line in cleaned.removed:
        assert _is_debris(line, raw_lines, tail_start), line
    body_markers = {
        "000": ["赵志军率领的代表团", "监控运营中心", "与河内市人民法院举行工作会谈"],
        "001": ["阮辉进已率团", "同志加兄弟", "重要契机"],
        "002": [
            "96,000 mediation organizations",
            "Hague Evidence Convention",
            "said Yang at the closing ceremony",
        ],
        "003": ["Sáng 12/6", "ngày 19/4/2024", "chức năng, nhiệm vụ của mỗi bên"],
        "004": ["Thực hiện kế hoạch đối ngoại", "chụp ảnh lưu niệm", "tỉnh Quảng Đông, Trung Quốc."],
    }[prefix]
    body = "\n".join(cleaned.paragraphs)
    for marker in body_markers:
        assert marker in body, marker


def test_cleaner_handles_crlf_bom_and_control_characters() -> None:
    raw = "\ufeffTitle line\r\n\r\nFirst sentence.\x1b[31m Second one.\r\n\r\nZalo\r\n"
    cleaned = clean_article(raw)
    assert cleaned.title == "Title line"
    assert cleaned.paragraphs == ["First sentence. Second one."]


def test_fullwidth_punctuation_only_after_han_characters() -> None:
    cleaned = clean_article("标题\n\n会上,双方指出:合作很好; 时间是10:30。English, here.")
    assert cleaned.paragraphs == ["会上，双方指出：合作很好；时间是10:30。English, here."]


def test_seed_paths_are_not_needed_for_a_plain_text(tmp_path: Path) -> None:
    cleaned = clean_article("Just one sentence without a title.")
    assert cleaned.title == "" and cleaned.paragraphs == ["Just one sentence without a title."]


def test_news_source_reports_every_removed_line() -> None:
    raw = "Headline here\n\nThe court met. It adjourned.\n\nZalo\n\nRelated news\nOther story title\n"
    source = news_source(raw)
    assert source.title == "Headline here"
    assert [b.text for b in source.blocks] == ["The court met. It adjourned."]
    assert source.removed == ["Zalo", "Related news", "Other story title"]
