"""Choose a format and a file for exporting bookmarks; problems are said in the dialog, which stays
open with what was typed (an existing file: tick "Overwrite"; a missing folder: Enter again makes it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Select

from reader.dialogs.fields import FIELD_KEYS
from reader.errors import UserError
from reader.widgets.plain import Plain

# (format, path, overwrite) → a message saying what was written; raises UserError
Writer = Callable[[str, Path, bool], str]


class ExportDialog(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > .dialog {
        width: 80%; min-width: 38; max-width: 90; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ExportDialog #export-error { color: $text-error; height: auto; }
    ExportDialog #export-error.-empty { display: none; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        *FIELD_KEYS,
    ]

    def __init__(self, formats: dict[str, str], directory: Path, write: Writer) -> None:
        super().__init__()
        self.formats = formats  # name → file extension
        self.directory = directory
        self.write = write
        self._create_ok: Path | None = None  # a missing folder the user agreed to create

    def compose(self) -> ComposeResult:
        first = next(iter(self.formats))
        with VerticalScroll(classes="dialog"):
            yield Plain("Export bookmarks", classes="dialog-title")
            yield Select([(name, name) for name in self.formats], value=first, allow_blank=False, id="format")
            yield Input(value=str(self._default(first)), id="path")
            yield Checkbox("Overwrite an existing file", id="force")
            yield Plain("", id="export-error", classes="-empty")
            yield Plain("Enter in the path exports · Tab moves · Esc cancels", classes="dialog-hint")

    def _default(self, fmt: str) -> Path:
        return self.directory / f"reader-bookmarks.{self.formats[fmt]}"

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()

    def _say(self, text: str) -> None:
        error = self.query_one("#export-error", Plain)
        error.show(text)
        error.set_class(not text, "-empty")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        current = Path(path.value)
        if current.stem == "reader-bookmarks" and isinstance(event.value, str):
            path.value = str(current.with_suffix("." + self.formats[event.value]))

    @on(Input.Changed, "#path")
    @on(Checkbox.Changed)
    def _clear_error(self) -> None:
        self._say("")

    @on(Input.Submitted, "#path")
    def _submit(self) -> None:
        fmt = self.query_one("#format", Select).value
        raw = self.query_one("#path", Input).value.strip()
        if not raw or not isinstance(fmt, str):
            self._say("Type a file name to export to.")
            return
        path = Path(raw).expanduser()
        force = self.query_one("#force", Checkbox).value
        if path.is_dir():
            self._say(f"{path} is a folder: add a file name.")
            return
        if path.exists() and not force:
            self._say(f"{path.name} already exists: tick “Overwrite an existing file” or change the name.")
            return
        if not path.parent.is_dir():
            if self._create_ok != path.parent:
                self._create_ok = path.parent
                self._say(f"The folder {path.parent} does not exist: press Enter again to create it.")
                return
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self._say(f"Could not create {path.parent}: {exc.strerror or exc}")
                return
        try:
            message = self.write(fmt, path, force)
        except UserError as exc:
            self._say(str(exc))
            return
        self.dismiss(message)

    def action_cancel(self) -> None:
        self.dismiss(None)
