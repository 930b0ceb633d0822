"""`?`: every key of the current screen and the app, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.widgets.plain import Plain, plain


def key_label(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = {
        "question_mark": "?",
        "slash": "/",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "space": "space",
        "escape": "esc",
    }
    return ", ".join(names.get(key.strip(), key.strip()) for key in binding.key.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        options = []
        for title, bindings in self.sections:
            options.append(Option(plain(title, "bold underline"), disabled=True))
            seen = set()
            for binding in bindings:
                if not binding.description or (binding.action, binding.key) in seen:
                    continue
                seen.add((binding.action, binding.key))
                options.append(
                    Option(
                        Content.assemble(
                            plain(f"{key_label(binding):>18}  ", "bold"), plain(binding.description)
                        )
                    )
                )
        with Vertical(id="help-box"):
            yield Plain("Keys (esc closes)", classes="dialog-title")
            yield OptionList(*options, id="help-keys")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
