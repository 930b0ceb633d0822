"""Import a document from the library: a file (or folder), its language, its translations."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select

from reader.text import LANGUAGE_NAMES, LANGUAGES
from reader.widgets.plain import Plain


class ImportRequest:
    def __init__(self, path: Path, lang: str | None, translations: dict[str, Path]) -> None:
        self.path, self.lang, self.translations = path, lang, translations


class ImportDialog(ModalScreen[ImportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import.cancel")]

    def compose(self) -> ComposeResult:
        choices = [(f"{LANGUAGE_NAMES[lang]} ({lang})", lang) for lang in LANGUAGES]
        with Vertical(classes="dialog"):
            yield Plain("Import a document", classes="dialog-title")
            yield Input(placeholder="File or folder (.txt, .tmx, .tsv)", id="import-path")
            yield Select(
                [("Detect the language", "auto"), *choices], value="auto", allow_blank=False, id="import-lang"
            )
            for lang in LANGUAGES:
                yield Input(
                    placeholder=f"{LANGUAGE_NAMES[lang]} translation file (optional)", id=f"import-{lang}"
                )
            yield Plain("Enter imports · Tab moves · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        if not raw:
            self.notify("Type the path of a file or folder to import.", severity="warning")
            return
        lang = self.query_one("#import-lang", Select).value
        translations = {
            code: Path(value).expanduser()
            for code in LANGUAGES
            if (value := self.query_one(f"#import-{code}", Input).value.strip())
        }
        chosen = lang if isinstance(lang, str) and lang != "auto" else None
        self.dismiss(ImportRequest(Path(raw).expanduser(), chosen, translations))

    def action_cancel(self) -> None:
        self.dismiss(None)
