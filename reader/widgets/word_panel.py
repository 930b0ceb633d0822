"""The dictionary at the cursor: for the word under the word cursor, its pinyin, Hán-Việt,
CC-CEDICT glosses, the vi→en lexicon's gloss and what the aligned texts have for it.

`show_word(word, lang, unit_texts)` looks the word up in a thread (the dictionaries load on the
first look-up) and posts `WordPanel.Looked`, with the counterparts, for the view to highlight."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from reader.text import LANGUAGE_NAMES, sanitize_line
from reader.widgets.plain import plain

MAX_GLOSSES = 4


def entry_content(entry: Any, unit_texts: dict[str, str] | None = None) -> Content:
    """The panel's lines for a `reader.links.lookup.Entry` (text shown literally, never markup)."""
    lines = [plain(entry.word, "bold")]
    if entry.pinyin:
        lines.append(Content.assemble(plain("pinyin  ", "dim"), plain(entry.pinyin)))
    if entry.hanviet:
        lines.append(Content.assemble(plain("Hán-Việt  ", "dim"), plain(entry.hanviet)))
    if entry.vi_en:
        lines.append(Content.assemble(plain("English  ", "dim"), plain(entry.vi_en)))
    for gloss in entry.glosses[:MAX_GLOSSES]:
        lines.append(plain(f"· {gloss}"))
    if len(entry.glosses) > MAX_GLOSSES:
        lines.append(plain(f"  … {len(entry.glosses) - MAX_GLOSSES} more", "dim"))
    if not (entry.pinyin or entry.hanviet or entry.vi_en or entry.glosses):
        lines.append(plain("not in the dictionaries", "dim"))
    for lang, spans in (entry.counterparts or {}).items():
        text = (unit_texts or {}).get(lang, "")
        shown = " … ".join(sanitize_line(text[a:b]) for a, b in spans) if text else ""
        name = LANGUAGE_NAMES.get(lang, lang)
        lines.append(
            Content.assemble(plain(f"{name}  ", "dim"), plain(shown or "(no counterpart found)", "italic"))
        )
    return Content("\n").join(lines)


class WordPanel(Static):
    """A panel beside the reader's columns showing the word under the word cursor."""

    DEFAULT_CSS = """
    WordPanel {
        dock: right;
        width: 40;
        height: auto;
        max-height: 50%;
        border: round $accent;
        padding: 0 1;
    }
    """

    class Looked(Message):
        """A word was looked up: its entry, with `counterparts` (language → spans) to highlight."""

        def __init__(self, entry: Any) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(plain("Word mode: move the cursor to a word."), id=id, classes=classes, markup=False)
        self.entry: Any = None
        self._asked: tuple[Any, str] | None = None

    def show_word(self, word: Any, lang: str, unit_texts: dict[str, str] | None = None) -> None:
        """Look up `word` (a `reader.links.lookup.Word` of the unit's `lang` text) in a thread."""
        self._asked = (word, lang)
        self.update(Content.assemble(plain(word.text, "bold"), plain("  looking up…", "dim")))
        self._look_up(word, lang, dict(unit_texts) if unit_texts else None)

    @work(thread=True, exclusive=True, group="word-panel")
    def _look_up(self, word: Any, lang: str, unit_texts: dict[str, str] | None) -> None:
        from reader.links.lookup import lookup

        entry = lookup(word, lang, unit_texts)
        self.app.call_from_thread(self._show, word, lang, entry, unit_texts)

    def _show(self, word: Any, lang: str, entry: Any, unit_texts: dict[str, str] | None) -> None:
        if self._asked != (word, lang):
            return  # the cursor moved on meanwhile
        self.entry = entry
        self.update(entry_content(entry, unit_texts))
        self.post_message(self.Looked(entry))
