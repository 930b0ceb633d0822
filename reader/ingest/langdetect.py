"""Tell Chinese, Vietnamese and English apart from the text itself (no model needed)."""

from __future__ import annotations

import unicodedata

from reader.text import is_cjk

# Letters with Vietnamese marks; the second set no other Latin-script language writes much
# (breve a, đ, horn o/u, hook above, dot below), so French or Spanish is not taken for Vietnamese.
_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_VI_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VI_ONLY_LETTERS = set("ăđơưĂĐƠƯ")
_VI_ONLY_MARKS = {"\u0309", "\u0323", "\u031b", "\u0306"}


def detect_language(text: str) -> str | None:
    """'zh', 'vi' or 'en', or None when the text gives no clear answer."""
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 10:
        return None
    han = sum(1 for ch in letters if is_cjk(ch))
    if han / len(letters) > 0.3:
        return "zh"
    latin = [ch for ch in letters if not is_cjk(ch)]
    vietnamese = exclusive = 0
    for ch in latin:
        decomposed = unicodedata.normalize("NFD", ch)
        marks = set(decomposed[1:])
        if ch in _VI_LETTERS or marks & _VI_TONES:
            vietnamese += 1
        if ch in _VI_ONLY_LETTERS or marks & _VI_ONLY_MARKS:
            exclusive += 1
    share = vietnamese / max(len(latin), 1)
    if share > 0.08 and exclusive / max(len(latin), 1) > 0.01:
        return "vi"
    ascii_share = sum(1 for ch in latin if ch.isascii()) / max(len(latin), 1)
    if share < 0.01 and ascii_share > 0.97:
        return "en"
    return None
