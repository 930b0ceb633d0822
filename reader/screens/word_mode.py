"""Word mode in the reader (issue 13's dictionary at the cursor): `w` turns it on, ← / → move a
word cursor through the current unit (its languages in column order), a panel shows the word's
pinyin, Hán-Việt and glosses, and the words that translate it light up in the other columns;
`b` keeps the word with its sentence (an Anki card with the word on the front).

Words are found by `reader.links.lookup.words` (the dictionaries load on first use, in a
worker); leaving word mode (`w` or Esc) gives the search highlights back."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.binding import Binding

from reader import messages
from reader.screens.base import BaseScreen
from reader.widgets.aligned_view import AlignedView, Highlight
from reader.widgets.word_panel import WordPanel


class WordModeScreen(BaseScreen):
    BINDINGS = [
        Binding("w", "word_mode", "Words", show=False, id="words.toggle"),
        Binding("right", "next_word", "Next word", show=False, priority=True, id="words.next"),
        Binding("left", "prev_word", "Previous word", show=False, priority=True, id="words.prev"),
    ]

    doc: Any
    langs: list[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.word_mode = False
        self._words: list[tuple[str, Any]] = []  # (lang, Word) of the current unit, in column order
        self._word_index = 0
        self._saved_highlight: Highlight | None = None

    @property
    def _view(self) -> AlignedView:
        return self.query_one(AlignedView)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_word", "prev_word"):
            return self.word_mode
        return super().check_action(action, parameters)

    def action_word_mode(self) -> None:
        self.set_word_mode(not self.word_mode)

    def set_word_mode(self, on: bool) -> None:
        if on == self.word_mode:
            return
        self.word_mode = on
        if on and not self.query(WordPanel):
            self.mount(WordPanel(id="word-panel"))
        for panel in self.query(WordPanel):
            panel.display = on
        view = self._view
        if on:
            self._saved_highlight = view.highlight
            self.notify("Word mode: ← / → move between words, b keeps one, w or Esc leaves.", timeout=4)
            self._load_words()
        else:
            view.set_highlight(self._saved_highlight or Highlight())
        self.refresh_bindings()

    @on(AlignedView.CursorMoved)
    def _word_unit_changed(self) -> None:
        if self.word_mode:
            self._load_words()

    def _load_words(self) -> None:
        view = self._view
        if not self.doc.units:
            return
        unit = self.doc.units[view.cursor]
        self._words = []
        self._find_words(view.cursor, dict(unit.text), [lang for lang in self.langs if unit.text.get(lang)])

    @work(thread=True, exclusive=True, group="word-mode", exit_on_error=False)
    def _find_words(self, row: int, texts: dict[str, str], langs: list[str]) -> None:
        from reader.links.lookup import words

        found = [(lang, word) for lang in langs for word in words(texts[lang], lang)]
        self.app.call_from_thread(self._words_found, row, found)

    def _words_found(self, row: int, found: list[tuple[str, Any]]) -> None:
        if not self.word_mode or row != self._view.cursor:
            return  # moved on meanwhile
        self._words, self._word_index = found, 0
        self._show_word()

    def action_next_word(self) -> None:
        self._step_word(1)

    def action_prev_word(self) -> None:
        self._step_word(-1)

    def save_word(self) -> None:
        """`b` in word mode (the reader's bookmark key): keep the word under the cursor."""
        if self._words:
            _, word = self._words[self._word_index]
            unit = self.doc.units[self._view.cursor]
            self.post_message(messages.SaveWord(self.doc, unit.id, word.text))

    def _step_word(self, step: int) -> None:
        if self._words:
            self._word_index = (self._word_index + step) % len(self._words)
            self._show_word()

    def _show_word(self) -> None:
        if not self._words:
            return
        lang, word = self._words[self._word_index]
        row = self._view.cursor
        self._view.set_highlight(Highlight({(row, lang): [(word.start, word.end)]}))
        self.query_one(WordPanel).show_word(word, lang, dict(self.doc.units[row].text))

    @on(WordPanel.Looked)
    def _looked(self, event: WordPanel.Looked) -> None:
        if not (self.word_mode and self._words):
            return
        lang, word = self._words[self._word_index]
        row = self._view.cursor
        spans = {(row, lang): [(word.start, word.end)]}
        for other, found in (event.entry.counterparts or {}).items():
            spans[(row, other)] = list(found)
        self._view.set_highlight(Highlight(spans))
