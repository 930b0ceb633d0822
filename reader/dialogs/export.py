"""Choose a format and a file for exporting bookmarks."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Select

from reader.widgets.plain import Plain


class ExportDialog(ModalScreen[tuple[str, Path, bool] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, formats: dict[str, str], directory: Path) -> None:
        super().__init__()
        self.formats = formats  # name → file extension
        self.directory = directory

    def compose(self) -> ComposeResult:
        first = next(iter(self.formats))
        with Vertical(classes="dialog"):
            yield Plain("Export bookmarks", classes="dialog-title")
            yield Select([(name, name) for name in self.formats], value=first, allow_blank=False, id="format")
            yield Input(value=str(self._default(first)), id="path")
            yield Checkbox("Overwrite an existing file", id="force")
            yield Plain("Enter in the path exports · Esc cancels", classes="dialog-hint")

    def _default(self, fmt: str) -> Path:
        return self.directory / f"reader-bookmarks.{self.formats[fmt]}"

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        current = Path(path.value)
        if current.stem == "reader-bookmarks" and isinstance(event.value, str):
            path.value = str(current.with_suffix("." + self.formats[event.value]))

    @on(Input.Submitted, "#path")
    def _submit(self) -> None:
        fmt = self.query_one("#format", Select).value
        path = self.query_one("#path", Input).value.strip()
        if not path or not isinstance(fmt, str):
            self.notify("Choose a format and a file name.", severity="warning")
            return
        self.dismiss((fmt, Path(path).expanduser(), self.query_one("#force", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
