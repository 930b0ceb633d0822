"""`?`: every key active where the user is, with what it does; the same listing feeds the command
palette (`key_sections` is the one place that reads the screen's active bindings)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.widgets.plain import Plain, plain

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "escape": "esc",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "semicolon": ";",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
}


@dataclass
class KeyEntry:
    """One thing the user can do: its keys, what it does, and the node that runs it."""

    keys: list[str]
    description: str
    node: DOMNode
    action: str

    async def run(self) -> None:
        await self.node.app.run_action(self.action, self.node)

    @property
    def label(self) -> str:
        return ", ".join(KEY_NAMES.get(key, key) for key in self.keys)


def key_sections(screen: Screen) -> list[tuple[str, list[KeyEntry]]]:
    """The screen's active bindings grouped as "This panel" (the focused widget and its parents),
    "This screen" and "Everywhere" (the app); keys of one action are listed together."""
    sections: dict[str, dict[tuple[int, str], KeyEntry]] = {
        "This panel": {},
        "This screen": {},
        "Everywhere": {},
    }
    for key, active in screen.active_bindings.items():
        binding: Binding = active.binding
        if not binding.description:
            continue
        node = active.node
        title = "Everywhere" if node is screen.app else "This screen" if node is screen else "This panel"
        entries = sections[title]
        key = binding.key_display or key  # "<" for less_than_sign, as the binding says
        entry = entries.get((id(node), binding.action))
        if entry is None:
            entries[(id(node), binding.action)] = KeyEntry([key], binding.description, node, binding.action)
        elif key not in entry.keys:
            entry.keys.append(key)
    return [(title, list(entries.values())) for title, entries in sections.items() if entries]


def key_commands(screen: Screen) -> Iterator[SystemCommand]:
    """The same keys as command-palette entries (help and quit have their own)."""
    for title, entries in key_sections(screen):
        for entry in entries:
            if entry.action not in ("quit", "help"):
                yield SystemCommand(entry.description, f"{title} · key: {entry.label}", entry.run)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help-box {
        width: 80%; max-width: 90; height: 80%; min-height: 8;
        border: round $primary; background: $surface;
    }
    HelpScreen #help-keys { height: 1fr; }
    """
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[KeyEntry]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        options = []
        for title, entries in self.sections:
            options.append(Option(plain(title, "bold underline"), disabled=True))
            for entry in entries:
                options.append(
                    Option(Content.assemble(plain(f"{entry.label:>18}  ", "bold"), plain(entry.description)))
                )
        with Vertical(id="help-box"):
            yield Plain("Keys (esc closes)", classes="dialog-title")
            yield OptionList(*options, id="help-keys")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
