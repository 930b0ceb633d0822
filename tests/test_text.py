"""Sanitising and folding: what reaches the terminal and the index."""

import unicodedata

from reader.text import fold, sanitize, sanitize_line


def test_escape_sequences_and_controls_never_survive() -> None:
    dirty = "a\x1b[31mred\x1b[0m b\x07c\x1b]0;title\x07d\u202ee\r\nf\rg\u00adh"
    # whole sequences go (CSI colour, OSC title), then lone controls, bidi override, soft hyphen
    assert sanitize(dirty) == "ared bcde\nf\ngh"
    c1_and_bidi = "x\x85y\x9bz\u2066w\u2069\ufeffv\u200fu"
    assert sanitize(c1_and_bidi) == "xyzwvu"
    assert sanitize("keep\ttabs\nand lines") == "keep\ttabs\nand lines"


def test_nfc_and_folding() -> None:
    nfd = unicodedata.normalize("NFD", "Lạng Sơn")
    assert nfd != "Lạng Sơn" and len(nfd) > len("Lạng Sơn")  # really decomposed
    assert sanitize(nfd) == "Lạng Sơn"
    decomposed = unicodedata.normalize("NFD", "Tòa án Đồng Đăng Hoà")
    assert sanitize(decomposed) == unicodedata.normalize("NFC", decomposed) != decomposed
    assert fold(decomposed) == "toa an dong dang hoa"
    assert fold(nfd) == "lang son"
    assert sanitize_line("a\nb\tc") == "a b c"


def test_json_output_reads_back_exactly_but_shows_nothing_that_acts() -> None:
    import json

    from reader.text import json_dumps

    value = {"note": "a\x1b[2Jb\x9b1mc\u202eevil\u2028d\x7fé中"}
    text = json_dumps(value)
    assert json.loads(text) == value
    assert not any(ch in text for ch in "\x1b\x9b\u202e\u2028\x7f") and "é中" in text


def test_the_fast_path_changes_nothing_sanitize_would_not() -> None:
    """`sanitize` skips work on clean text; on any text it must equal the full pipeline."""
    import random
    import re

    from reader import text as module

    def full(value: str) -> str:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        value = module._ESCAPE_SEQUENCE.sub("", value)
        return unicodedata.normalize("NFC", module._CONTROL.sub("", value))

    alphabet = "ab é\u0301中\n\t\r\x1b[31m]\x07\x9b\x85\u202e\u2066\u00ad\ufeff\x7f\x00"
    rng = random.Random(11)
    for _ in range(3000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert sanitize(value) == full(value), repr(value)
        assert sanitize_line(value) == re.sub(r"[\n\t]+", " ", full(value)), repr(value)
        assert module.is_clean(value) == (sanitize(value) == value), repr(value)
        assert module.is_clean(value, line=True) == (sanitize_line(value) == value), repr(value)
