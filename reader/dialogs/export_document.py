"""Choose a format, languages and a file for exporting the whole aligned document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Select

from reader.widgets.plain import Plain


@dataclass(frozen=True)
class DocumentExportRequest:
    fmt: str
    langs: list[str]
    path: Path
    force: bool


class ExportDocumentDialog(ModalScreen[DocumentExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export-document.cancel")]

    def __init__(self, doc_id: str, formats: dict[str, str], langs: list[str], directory: Path) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.formats = formats  # name → file extension
        self.langs = langs
        self.directory = directory

    def compose(self) -> ComposeResult:
        first = next(iter(self.formats))
        with Vertical(classes="dialog"):
            yield Plain(f"Export {self.doc_id}", classes="dialog-title")
            yield Plain("Format (TMX for CAT tools)", classes="dialog-hint")
            yield Select([(name, name) for name in self.formats], value=first, allow_blank=False, id="format")
            yield Plain("Languages, in order", classes="dialog-hint")
            yield Input(value=",".join(self.langs), placeholder="e.g. zh,vi", id="langs")
            yield Plain("File", classes="dialog-hint")
            yield Input(value=str(self._default(first)), id="path")
            yield Checkbox("Overwrite an existing file", id="force")
            yield Plain("Enter in a text field exports · Esc cancels", classes="dialog-hint")

    def _default(self, fmt: str) -> Path:
        return self.directory / f"{self.doc_id}.{self.formats[fmt]}"

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        current = Path(path.value)
        if current.stem == self.doc_id and isinstance(event.value, str):
            path.value = str(current.with_suffix("." + self.formats[event.value]))

    @on(Input.Submitted)
    def _submit(self) -> None:
        fmt = self.query_one("#format", Select).value
        path = self.query_one("#path", Input).value.strip()
        langs = [part.strip() for part in self.query_one("#langs", Input).value.split(",") if part.strip()]
        if not path or not isinstance(fmt, str) or not langs:
            self.notify("Choose a format, the languages and a file name.", severity="warning")
            return
        force = self.query_one("#force", Checkbox).value
        self.dismiss(DocumentExportRequest(fmt, langs, Path(path).expanduser(), force))

    def action_cancel(self) -> None:
        self.dismiss(None)
