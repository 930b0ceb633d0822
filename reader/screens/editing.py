"""Alignment editing in the reader: the keys, a worker that saves each edit, and the view refresh.

`ReaderScreen` inherits from `EditingScreen` and supplies `doc` (the document shown), `langs`
(its visible columns), `bookmarks` (unit ids) and an `AlignedView`. Edits run one at a time in
a thread worker (`reader.edits.Editor` writes the files); the result comes back as `Edited`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.binding import Binding
from textual.message import Message

from reader.corpus import CorpusError
from reader.edits import Editor, Outcome
from reader.errors import UserError
from reader.model import Document
from reader.screens.base import BaseScreen
from reader.text import LANGUAGE_NAMES
from reader.widgets.aligned_view import AlignedView, Highlight, ViewRow
from reader.widgets.plain import Plain


@dataclass
class Edited(Message):
    """An edit finished (or failed with `error`)."""

    outcome: Outcome | None
    error: str = ""
    notice: str = ""
    confirmed: set[str] = field(default_factory=set)
    history: tuple[int, int] = (0, 0)


@dataclass
class DocumentExported(Message):
    message: str
    ok: bool


class EditingScreen(BaseScreen):
    BINDINGS = [
        Binding("m", "merge_unit", "Merge with the next unit", show=False, id="edit.merge"),
        Binding("s", "split_unit", "Split the unit", show=False, id="edit.split"),
        Binding(
            "less_than_sign",
            "move_sentence('up')",
            "First sentence of the edit column to the previous unit",
            show=False,
            key_display="<",
            id="edit.shift",
        ),
        Binding(
            "greater_than_sign",
            "move_sentence('down')",
            "Last sentence of the edit column to the next unit",
            show=False,
            key_display=">",
            id="edit.pop",
        ),
        Binding(
            "semicolon", "edit_column", "Edit column for < >", show=False, key_display=";", id="edit.column"
        ),
        Binding("c", "confirm_unit", "Confirm the unit (again: unconfirm)", show=False, id="edit.confirm"),
        Binding("a", "realign", "Re-align between confirmed units", show=False, id="edit.realign"),
        Binding("u", "undo", "Undo (a bookmark removal, else an alignment edit)", show=False, id="edit.undo"),
        Binding("ctrl+r", "redo_edit", "Redo an alignment edit", show=False, id="edit.redo"),
        Binding(
            "x",
            "export_document",
            "Export the document (TMX, TSV, Markdown, JSON)",
            show=False,
            id="edit.export",
        ),
    ]
    DEFAULT_CSS = """
    EditingScreen #edit-bar { height: 1; display: none; color: $text-muted; }
    EditingScreen #edit-bar.-shown { display: block; }
    """

    doc: Document
    langs: list[str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.confirmed: set[str] = set()
        self.edit_lang = ""
        self._edit_lock = threading.Lock()
        self._editing = False  # an edit key was used: keep the bar shown
        self._history = (0, 0)
        self._editor_instance: Editor | None = None

    # -- set-up ----------------------------------------------------------------------------

    def _editor(self) -> Editor:
        """One editor per screen (it keeps the document between edits while its files stay)."""
        if self._editor_instance is None or self._editor_instance.doc_id != self.doc.id:
            self._editor_instance = Editor(self.services.corpus, self.doc.id)
        return self._editor_instance

    @on(events.Mount)
    def _editing_mounted(self) -> None:
        self.mount(Plain("", id="edit-bar"), after=self.query_one(AlignedView))
        try:
            editor = self._editor()
            self.confirmed = editor.confirmed(self.doc)
            self._history = editor.history()
            self.query_one(AlignedView).set_confirmed(self.confirmed)
        except UserError as exc:
            self.notify(str(exc), title="Alignment edits", severity="warning", markup=False)
        self.query_one(AlignedView).set_bookmarks(self._bookmarks())
        self._update_edit_bar()

    @on(AlignedView.CursorMoved)
    def _editing_cursor_moved(self) -> None:
        self._update_edit_bar()

    def _current(self) -> str:
        view = self.query_one(AlignedView)
        return self.doc.units[view.cursor].id if self.doc.units else ""

    def _column(self) -> str:
        if self.edit_lang not in self.langs:
            translations = [lang for lang in self.langs if lang != self.doc.original_language]
            self.edit_lang = (translations or self.langs)[0]
        return self.edit_lang

    def _bookmarks(self) -> set[str]:
        """Bookmarked units, each shown on the unit that now holds it (after merges)."""
        found = (self.doc.resolve(unit) for unit in getattr(self, "bookmarks", set()))
        return {self.doc.units[index].id for index in found if index is not None}

    def _update_edit_bar(self) -> None:
        bar = self.query("#edit-bar").results(Plain)
        widget = next(iter(bar), None)
        if widget is None:
            return
        unit = self._current()
        done, undone = self._history
        confirmed = unit in self.confirmed
        widget.set_class(self._editing or confirmed, "-shown")
        parts = ["✓ confirmed" if confirmed else "not confirmed"]
        parts.append(f"< > move {LANGUAGE_NAMES.get(self._column(), self._column())} sentences (; changes)")
        parts.append(f"u undo ({done}) · ctrl+r redo ({undone})")
        widget.show("  ·  ".join(parts))

    # -- running edits ---------------------------------------------------------------------

    def _edit(self, action: Callable[[Editor], Outcome]) -> None:
        if not self.doc.units:
            return
        self._editing = True
        self._run_edit(action)

    @work(thread=True, group="edit")
    def _run_edit(self, action: Callable[[Editor], Outcome]) -> None:
        with self._edit_lock:  # one edit at a time, in the order of the keys
            editor = self._editor()
            try:
                outcome = action(editor)
                history = editor.history()
            except (UserError, CorpusError) as exc:
                self.post_message(Edited(None, str(exc), editor.notice))
                return
            self.post_message(Edited(outcome, "", editor.notice, set(outcome.confirmed), history))

    @on(Edited)
    def _edited(self, event: Edited) -> None:
        if event.notice:
            self.notify(event.notice, title="Alignment edits", severity="warning", markup=False)
        if event.outcome is None:
            self.notify(event.error, severity="warning", markup=False)
            return
        self.confirmed, self._history = event.confirmed, event.history
        self.show_edited(event.outcome.doc, event.outcome.unit)
        self.notify(event.outcome.message, markup=False)

    def show_edited(self, doc: Document, unit_id: str) -> None:
        """Show the edited document with the cursor on `unit_id`."""
        self.doc = doc
        view = self.query_one(AlignedView)
        view.set_rows([ViewRow.of(unit) for unit in doc.units], doc.original_language)
        view.set_confirmed(self.confirmed)
        view.set_highlight(Highlight())  # search-hit spans belonged to the units before the edit
        view.set_bookmarks(self._bookmarks())
        view.move_to(doc.resolve(unit_id) or 0)
        view.post_message(AlignedView.CursorMoved(view, view.cursor))

    # -- the keys --------------------------------------------------------------------------

    def action_merge_unit(self) -> None:
        unit = self._current()
        self._edit(lambda editor: editor.merge(unit))

    def action_split_unit(self) -> None:
        from reader.dialogs.split import SplitDialog
        from reader.edits.rows import default_split, rows_of

        if not self.doc.units or not self.doc.alignments:
            return
        view = self.query_one(AlignedView)
        unit = self.doc.units[view.cursor]
        original = self.doc.original_language
        if len(unit.sentences[original]) < 2:
            self.notify(
                f"{unit.id} has one {LANGUAGE_NAMES[original]} sentence: there is nothing to split."
                " Use < or > to move a translation's sentence instead.",
                severity="warning",
                markup=False,
            )
            return
        points = default_split(rows_of(self.doc)[view.cursor], original, {})
        sentences = {
            lang: [self.doc.versions[lang].sentences[i] for i in unit.sentences[lang]]
            for lang in self.doc.languages
        }

        def done(at: dict[str, int] | None) -> None:
            if at is not None:
                self._edit(lambda editor: editor.split(unit.id, at))

        self.app.push_screen(SplitDialog(unit.id, sentences, points), done)

    def action_move_sentence(self, direction: str) -> None:
        unit, lang = self._current(), self._column()
        if direction == "up":
            self._edit(lambda editor: editor.shift(unit, lang))
        else:
            self._edit(lambda editor: editor.pop(unit, lang))

    def action_edit_column(self) -> None:
        column = self._column()
        self.edit_lang = self.langs[(self.langs.index(column) + 1) % len(self.langs)]
        self._editing = True
        self._update_edit_bar()
        self.notify(f"< and > now move {LANGUAGE_NAMES.get(self.edit_lang, self.edit_lang)} sentences.")

    def action_confirm_unit(self) -> None:
        unit = self._current()
        self._edit(lambda editor: editor.confirm(unit))

    def action_realign(self) -> None:
        unit = self._current()
        self.notify("Re-aligning between the nearest confirmed units…")
        self._edit(lambda editor: editor.realign(unit))

    def action_undo(self) -> None:
        self.action_undo_edit()

    def action_undo_edit(self) -> None:
        self._edit(lambda editor: editor.undo())

    def action_redo_edit(self) -> None:
        self._edit(lambda editor: editor.redo())

    # -- export ----------------------------------------------------------------------------

    def action_export_document(self) -> None:
        from reader.dialogs.export_document import DocumentExportRequest, ExportDocumentDialog
        from reader.export.document import FORMATS

        def done(request: DocumentExportRequest | None) -> None:
            if request is not None:
                self._export_document(request)

        self.app.push_screen(ExportDocumentDialog(self.doc.id, FORMATS, list(self.langs), Path.cwd()), done)

    @work(thread=True, group="export-document")
    def _export_document(self, request: Any) -> None:
        from reader.export import write_file
        from reader.export.document import render
        from reader.text import LANGUAGES

        try:
            unknown = [lang for lang in request.langs if lang not in LANGUAGES]
            if unknown:
                raise UserError(f"unknown language {unknown[0]!r} (expected {', '.join(LANGUAGES)})")
            result = render(self.doc, request.fmt, request.langs)
            write_file(request.path, result.text.encode("utf-8"), force=request.force)
        except UserError as exc:
            self.post_message(DocumentExported(str(exc), False))
            return
        skipped = (
            f" ({result.skipped} with text in fewer than two languages left out)" if result.skipped else ""
        )
        self.post_message(
            DocumentExported(f"Exported {result.units} units to {request.path}{skipped}.", True)
        )

    @on(DocumentExported)
    def _exported(self, event: DocumentExported) -> None:
        self.notify(event.message, severity="information" if event.ok else "error", markup=False)
