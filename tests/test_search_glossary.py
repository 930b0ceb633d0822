"""Search through the glossary (issue 18): a query that is an official name also finds the
entry's agreed forms in the other languages, ranked with the direct matches, marked "via glossary"."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_reader


def hits(home: Path, *args: str) -> list[dict]:
    result = run_reader(home, "search", *args, "--json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_an_english_name_finds_the_chinese_form_via_the_glossary(reader_home: Path) -> None:
    found = hits(reader_home, "Supreme People's Procuracy", "--lang", "zh", "--limit", "50")
    assert found and all(hit["lang"] == "zh" and hit["via"] == "glossary" for hit in found)
    assert all("最高人民检察院" in hit["text"]["zh"] for hit in found)


def test_glossary_hits_rank_with_direct_ones_exactly_and_are_counted_once(reader_home: Path) -> None:
    result = run_reader(reader_home, "search", "Supreme People's Procuracy", "--limit", "500")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    count = int(result.stderr.strip().splitlines()[-1].split()[0])
    assert count == len(lines)  # every matching unit once, whichever way it matched
    many = hits(reader_home, "Supreme People's Procuracy", "--limit", "500")
    few = hits(reader_home, "Supreme People's Procuracy", "--limit", "5")
    key = [(hit["doc"], hit["unit"]) for hit in many]
    assert [(hit["doc"], hit["unit"]) for hit in few] == key[:5]
    assert {hit["via"] for hit in many} >= {"direct", "glossary"}
    assert [hit["score"] for hit in many] == sorted((hit["score"] for hit in many), reverse=True)


def test_a_query_that_is_no_name_is_not_expanded(reader_home: Path) -> None:
    assert all(hit["via"] != "glossary" for hit in hits(reader_home, "delegation", "--limit", "50"))
    quoted = hits(reader_home, '"Supreme People\'s Procuracy"', "--limit", "50")  # the user's own phrase
    assert quoted and all(hit["via"] != "glossary" for hit in quoted)


def test_a_glossary_that_cannot_be_read_is_said_and_search_goes_on(reader_home: Path) -> None:
    glossary = reader_home / "data" / "glossary.toml"
    glossary.parent.mkdir(parents=True, exist_ok=True)
    glossary.write_text("[[term]\nzh = \n", encoding="utf-8")  # malformed
    result = run_reader(reader_home, "search", "Supreme People's Procuracy", "--json", "--limit", "50")
    assert result.returncode == 0, result.stderr
    assert "Searched without the glossary" in result.stderr and "glossary.toml" in result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert found and all(hit["via"] != "glossary" for hit in found)  # the direct matches still
