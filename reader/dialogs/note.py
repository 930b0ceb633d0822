"""Edit a bookmark's note and tags."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input

from reader.dialogs.fields import FIELD_KEYS
from reader.widgets.plain import Plain


def parse_tags(value: str) -> list[str]:
    """Tags typed as "court, visit #hanoi" → ["court", "visit", "hanoi"]."""
    parts = value.replace(",", " ").split()
    return [part.lstrip("#") for part in parts if part.lstrip("#")]


class NoteDialog(ModalScreen[tuple[str, list[str]] | None]):
    DEFAULT_CSS = """
    NoteDialog { align: center middle; }
    NoteDialog > .dialog {
        width: 80%; min-width: 38; max-width: 80; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        *FIELD_KEYS,
    ]

    def __init__(self, heading: str, note: str = "", tags: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__()
        self.heading, self.note, self.tags = heading, note, list(tags)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Plain(self.heading, classes="dialog-title")
            yield Input(value=self.note, placeholder="Note", id="note")
            yield Input(
                value=" ".join(self.tags), placeholder="Tags, separated by spaces or commas", id="tags"
            )
            yield Plain("Enter saves · Tab moves · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted)
    def _save(self) -> None:
        note = self.query_one("#note", Input).value
        tags = parse_tags(self.query_one("#tags", Input).value)
        self.dismiss((note, tags))

    def action_cancel(self) -> None:
        self.dismiss(None)
