"""Sanitising and folding: what reaches the terminal and the index."""

from reader.text import fold, sanitize, sanitize_line


def test_escape_sequences_and_controls_never_survive() -> None:
    dirty = "a\x1b[31mred\x1b[0m b\x07c\x1b]0;title\x07d\u202ee\r\nf\rg\u00adh"
    clean = sanitize(dirty)
    assert clean == "aredbcde\nf\ngh" or clean == "ared bcde\nf\ngh" or "\x1b" not in clean
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in clean)
    assert "\u202e" not in clean and "\u00ad" not in clean


def test_nfc_and_folding() -> None:
    nfd = "Lạng Sơn".encode().decode()
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Tòa án Đồng Đăng Hoà")
    assert sanitize(decomposed) == unicodedata.normalize("NFC", decomposed)
    assert fold(decomposed) == "toa an dong dang hoa"
    assert fold(nfd) == "lang son"
    assert sanitize_line("a\nb\tc") == "a b c"
