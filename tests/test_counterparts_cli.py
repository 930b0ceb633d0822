"""`reader search --json` gives each hit the words that translate the match in the unit's other
languages (issue 13's `counterparts`)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_reader


def test_json_hits_carry_counterparts_in_every_other_language(reader_home: Path) -> None:
    result = run_reader(reader_home, "search", "最高人民检察院", "--json", "--limit", "5")
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert hits
    for hit in hits:
        others = {lang for lang, text in hit["text"].items() if text and lang != hit["lang"]}
        assert set(hit["counterparts"]) <= others
        words = {
            lang: " ".join(hit["text"][lang][start:end] for start, end in spans).lower()
            for lang, spans in hit["counterparts"].items()
        }
        if hit["lang"] == "zh":  # the full name or its abbreviation (VKSND tối cao), in any order
            assert "tối cao" in words.get("vi", ""), words
            assert "supreme" in words.get("en", "") and "procura" in words["en"], words
    full = [hit for hit in hits if "Viện kiểm sát nhân dân tối cao" in hit["text"].get("vi", "")]
    assert any(
        "viện kiểm sát nhân dân tối cao"
        in " ".join(hit["text"]["vi"][a:b] for a, b in hit["counterparts"].get("vi", [])).lower()
        for hit in full
    )
