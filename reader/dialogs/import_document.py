"""Import a document from the library: a file (or folder) typed or picked in a file tree, its
language, its translations, and the title, date and source the CLI's `reader import` takes.

The import runs here in a worker; a problem is said in the dialog, which stays open with what
was typed. Replacing an imported document of the same id is asked first (Enter again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Select

from reader.corpus import Corpus
from reader.dialogs.fields import FIELD_KEYS
from reader.text import LANGUAGE_NAMES, LANGUAGES
from reader.widgets.plain import Plain


@dataclass
class ImportRequest:
    path: Path
    lang: str | None = None
    translations: dict[str, Path] = field(default_factory=dict)
    title: str = ""
    date: str = ""
    source: str = ""
    replace: bool = False  # the user agreed to replace an imported document with the same id


def run_import(
    request: ImportRequest, corpus: Corpus, progress: Callable[[int, int, str], None] | None = None
) -> tuple[list[str], list[str]]:
    """Import (in a worker thread): the ids imported and what the user must be told (lines
    left out, a document replaced). Raises UserError / CorpusError."""
    from reader.ingest.importer import ImportOptions, Metadata, import_path

    meta = Metadata(title=request.title, date=request.date, source=request.source)
    options = ImportOptions(
        lang=request.lang, translations=request.translations, meta=meta, replace=request.replace
    )
    results = import_path(request.path, corpus, options, progress)
    notes = [f"{result.doc.id}: {message}" for result in results for message in result.messages()]
    notes += [f"Replaced {result.doc.id}." for result in results if result.replaced]
    return [result.doc.id for result in results], notes


class ImportDialog(ModalScreen[list[str] | None]):
    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    ImportDialog > .dialog {
        width: 90%; max-width: 110; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ImportDialog #import-body { height: auto; layout: vertical; }
    ImportDialog DirectoryTree { height: 10; }
    ImportDialog #import-fields { height: auto; }
    ImportDialog.-wide #import-body { layout: horizontal; }
    ImportDialog.-wide DirectoryTree { width: 1fr; height: 22; }
    ImportDialog.-wide #import-fields { width: 2fr; }
    ImportDialog #import-fields Input, ImportDialog #import-fields Select { margin: 0; }
    ImportDialog #import-error { color: $text-error; height: auto; }
    ImportDialog #import-error.-empty { display: none; }
    ImportDialog #import-progress { height: auto; }
    ImportDialog #import-progress.-empty { display: none; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
        *FIELD_KEYS,
    ]

    def __init__(self, corpus: Corpus, root: Path | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.root = root or Path.home()
        self._replace_ok: str = ""  # the id of an imported document the user agreed to replace
        self._busy = False

    def compose(self) -> ComposeResult:
        choices = [(f"{LANGUAGE_NAMES[lang]} ({lang})", lang) for lang in LANGUAGES]
        with VerticalScroll(classes="dialog"):
            yield Plain("Import a document", classes="dialog-title")
            yield Plain("", id="import-error", classes="-empty")  # at the top: seen at any size
            yield Plain("", id="import-progress", classes="-empty")
            with Horizontal(id="import-body"):
                yield DirectoryTree(self.root, id="import-tree")
                with Vertical(id="import-fields"):
                    yield Input(placeholder="File or folder (.txt, .tmx, .tsv)", id="import-path")
                    yield Select(
                        [("Detect the language", "auto"), *choices],
                        value="auto",
                        allow_blank=False,
                        id="import-lang",
                    )
                    for lang in LANGUAGES:
                        yield Input(
                            placeholder=f"{LANGUAGE_NAMES[lang]} translation file (optional)",
                            id=f"import-{lang}",
                        )
                    yield Input(placeholder="Title (optional)", id="import-title")
                    yield Input(placeholder="Date, YYYY-MM-DD (optional)", id="import-date")
                    yield Input(placeholder="Source (optional)", id="import-source")
            yield Plain(
                "Enter imports · Tab moves · Enter on a file in the tree picks it · Esc cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()
        self.on_resize()

    def on_resize(self) -> None:
        """The file tree beside the fields when there is room, above them otherwise."""
        self.set_class(self.app.size.width >= 100, "-wide")

    def _say(self, text: str) -> None:
        error = self.query_one("#import-error", Plain)
        error.show(text)
        error.set_class(not text, "-empty")
        if text:
            self.query_one(".dialog", VerticalScroll).scroll_home(animate=False)

    @on(DirectoryTree.FileSelected)
    def _file_picked(self, event: DirectoryTree.FileSelected) -> None:
        """A file picked in the tree fills the first empty path field (the original first)."""
        for field_id in ("import-path", *(f"import-{lang}" for lang in LANGUAGES)):
            field_input = self.query_one(f"#{field_id}", Input)
            if not field_input.value.strip():
                field_input.value = str(event.path)
                field_input.focus()
                return
        self._say("Every path field is filled: clear one to pick another file.")

    @on(Input.Changed)
    def _changed(self) -> None:
        if not self._busy:
            self._say("")

    def _request(self) -> ImportRequest | None:
        raw = self.query_one("#import-path", Input).value.strip()
        if not raw:
            self._say("Type the path of a file or folder to import, or pick one in the tree.")
            return None
        path = Path(raw).expanduser()
        if not path.exists():
            self._say(f"{path}: no such file or folder.")
            return None
        translations: dict[str, Path] = {}
        for code in LANGUAGES:
            if value := self.query_one(f"#import-{code}", Input).value.strip():
                translations[code] = Path(value).expanduser()
                if not translations[code].is_file():
                    self._say(f"{translations[code]}: no such file ({LANGUAGE_NAMES[code]} translation).")
                    return None
        lang = self.query_one("#import-lang", Select).value
        return ImportRequest(
            path,
            lang if isinstance(lang, str) and lang != "auto" else None,
            translations,
            self.query_one("#import-title", Input).value.strip(),
            self.query_one("#import-date", Input).value.strip(),
            self.query_one("#import-source", Input).value.strip(),
        )

    @on(Input.Submitted)
    def _submit(self) -> None:
        if self._busy:
            return
        request = self._request()
        if request is None:
            return
        if request.path.is_file():
            from reader.ingest.importer import slugify

            doc_id = slugify(request.path.stem)
            found = self.corpus.folder(doc_id)
            if found is not None and not found[1] and self._replace_ok != doc_id:
                self._replace_ok = doc_id
                self._say(f"An imported document {doc_id} exists: press Enter again to replace it.")
                return
            request.replace = found is not None
        self._busy = True
        self._say(f"Importing {request.path.name}… (the first import loads the segmenters)")
        self._import(request)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _import(self, request: ImportRequest) -> None:
        from reader.corpus import CorpusError
        from reader.errors import UserError

        def progress(done: int, total: int, what: str) -> None:
            self.app.call_from_thread(self._progress, done, total, what)

        try:
            ids, notes = run_import(request, self.corpus, progress)
        except (UserError, CorpusError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # never a traceback in the UI
            self.app.call_from_thread(self._failed, f"import failed: {exc}")
            return
        self.corpus.reload()
        self.app.call_from_thread(self._finished, ids, notes)

    def _finished(self, ids: list[str], notes: list[str]) -> None:
        for note in notes:  # what the import left out is said, never dropped silently
            self.notify(note, title="Import", timeout=15, markup=False)
        if self.is_current:
            self.dismiss(ids)
        else:  # cancelled while importing: the documents are there all the same
            from reader.messages import DocumentsChanged

            self.app.post_message(DocumentsChanged(f"Imported {', '.join(ids)}."))

    def _progress(self, done: int, total: int, what: str) -> None:
        if self._busy:
            filled = round(20 * done / max(total, 1))
            line = self.query_one("#import-progress", Plain)
            line.show(f"{'█' * filled}{'░' * (20 - filled)} {done}/{total} {what}…")
            line.remove_class("-empty")

    def _failed(self, error: str) -> None:
        self._busy = False
        self._say(error)

    def action_cancel(self) -> None:
        if self._busy:
            self.notify("The import goes on in the background; the library will list it.")
        self.dismiss(None)
