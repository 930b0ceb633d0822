"""Where to split a unit: each language's sentences, and how many of them stay above the split."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input

from reader.text import LANGUAGE_NAMES
from reader.widgets.plain import Plain, plain


class SplitDialog(ModalScreen[dict[str, int] | None]):
    """Returns, per language, the number of its sentences that stay in the first unit."""

    DEFAULT_CSS = """
    SplitDialog .split-lang { height: auto; margin-top: 1; }
    SplitDialog .split-lang Input { width: 8; }
    SplitDialog .split-lang Plain { width: 1fr; padding: 1 0 0 1; }
    SplitDialog VerticalScroll { height: auto; max-height: 70vh; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="split.cancel")]

    def __init__(self, unit_id: str, sentences: dict[str, list[str]], points: dict[str, int]) -> None:
        super().__init__()
        self.unit_id = unit_id
        self.sentences = sentences  # per language, in column order, the original first
        self.points = points

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(f"Split {self.unit_id}", classes="dialog-title")
            with VerticalScroll():
                for lang in self.sentences:
                    with Horizontal(classes="split-lang"):
                        yield Input(str(self.points[lang]), type="integer", id=f"split-{lang}", tooltip=lang)
                        yield Plain("", id=f"preview-{lang}")
            yield Plain(
                "How many sentences of each language stay in the first unit · Enter splits · Esc cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        for lang in self.sentences:
            self._preview(lang)
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("split-"):
            self._preview(event.input.id.removeprefix("split-"))

    def _value(self, lang: str) -> int | None:
        text = self.query_one(f"#split-{lang}", Input).value.strip()
        return int(text) if text.lstrip("-").isdigit() else None

    def _preview(self, lang: str) -> None:
        """The language's sentences with the split drawn where the number puts it."""
        at = self._value(lang)
        parts: list[str | Content] = [plain(LANGUAGE_NAMES.get(lang, lang), "bold")]
        for number, sentence in enumerate(self.sentences[lang]):
            if number == at:
                parts += ["\n", plain("──── split ────", "bold")]
            parts += ["\n", plain(f"{number + 1}. {sentence}")]
        if at == len(self.sentences[lang]):
            parts += ["\n", plain("──── split ────", "bold")]
        self.query_one(f"#preview-{lang}", Plain).show(Content.assemble(*parts))

    @on(Input.Submitted)
    def _submit(self) -> None:
        points = {}
        for position, lang in enumerate(self.sentences):
            value = self._value(lang)
            # the original (first) keeps at least one sentence on each side of the split
            low, high = (
                (1, len(self.sentences[lang]) - 1) if position == 0 else (0, len(self.sentences[lang]))
            )
            if value is None or not low <= value <= high:
                self.notify(
                    f"{LANGUAGE_NAMES.get(lang, lang)}: give a number from {low} to {high}.",
                    severity="warning",
                    markup=False,
                )
                self.query_one(f"#split-{lang}", Input).focus()
                return
            points[lang] = value
        self.dismiss(points)

    def action_cancel(self) -> None:
        self.dismiss(None)
