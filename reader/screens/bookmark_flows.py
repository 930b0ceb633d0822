"""Bookmark flows shared by the screens that change bookmarks (reader, bookmarks list).

Keys post `ToggleBookmark`, `EditNote`, `EditBookmark`, `DeleteBookmark` or `ExportBookmarks`;
the handlers here ask what needs asking (dialogs), change the store and post `BookmarksChanged`,
which the app turns into a refresh of every screen and, for a removal, an undo offer.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import on
from textual.binding import Binding

from reader import messages
from reader.bookmarks import Bookmark
from reader.model import Document
from reader.screens.base import BaseScreen


def default_export_dir() -> Path:
    """The user's documents folder (platformdirs), or the home folder when there is none."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


UNDO_SECONDS = 20.0


class BookmarkFlowsScreen(BaseScreen):
    BINDINGS = [Binding("ctrl+z", "undo_removal", "Undo removal", id="bookmarks.undo")]

    def _failed(self, doing: str, exc: Exception) -> None:
        self.post_message(messages.Failed(doing, str(exc)))

    @on(messages.ToggleBookmark)
    def _toggle(self, event: messages.ToggleBookmark) -> None:
        event.stop()
        if not event.unit_id:
            return
        try:
            existing = self.services.bookmarks.find(event.doc.id, event.unit_id)
            if existing is None:
                self.services.bookmarks.add(event.doc, event.unit_id)
        except Exception as exc:
            self._failed("Could not save the bookmark", exc)
            return
        if existing is None:
            self.notify(f"Bookmarked {event.unit_id} (e adds a note).")
            self.post_message(messages.BookmarksChanged())
        else:
            self.post_message(messages.DeleteBookmark(existing, ask=bool(existing.note or existing.tags)))

    @on(messages.SaveWord)
    def _save_word(self, event: messages.SaveWord) -> None:
        event.stop()
        from reader.bookmarks import WORD_TAG

        tag = WORD_TAG + "_".join(event.word.split())
        try:
            existing = self.services.bookmarks.find(event.doc.id, event.unit_id)
            tags = list(existing.tags) if existing else []
            if tag in tags:
                self.notify(f"“{event.word}” is kept already (on {event.unit_id}).")
                return
            self.services.bookmarks.add(event.doc, event.unit_id, tags=[*tags, tag])
        except Exception as exc:
            self._failed("Could not keep the word", exc)
            return
        self.notify(f"Kept “{event.word}” with its sentence (bookmarks; an Anki export makes a card of it).")
        self.post_message(messages.BookmarksChanged())

    @on(messages.DeleteBookmark)
    def _delete(self, event: messages.DeleteBookmark) -> None:
        event.stop()
        from reader.dialogs.confirm import ConfirmDialog

        bookmark = event.bookmark
        if not event.ask:
            self._remove(bookmark)
            return
        what = " and ".join(
            name for name, has in (("its note", bookmark.note), ("its tags", bookmark.tags)) if has
        )
        question = f"Remove the bookmark on {bookmark.unit_id}{f' with {what}' if what else ''}?"

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(bookmark)

        self.app.push_screen(ConfirmDialog(question), answered)

    def _remove(self, bookmark: Bookmark) -> None:
        try:
            self.services.bookmarks.remove(bookmark.id)
        except Exception as exc:
            self._failed("Could not remove the bookmark", exc)
            return
        self.services.removed, self.services.removed_at = bookmark, time.monotonic()
        self.notify(f"Removed the bookmark on {bookmark.unit_id}. ctrl+z undoes it.", timeout=UNDO_SECONDS)
        self.post_message(messages.BookmarksChanged())
        self.refresh_bindings()
        self.set_timer(UNDO_SECONDS, self.refresh_bindings)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_removal":
            services = self.services
            return services.removed is not None and time.monotonic() - services.removed_at < UNDO_SECONDS
        return True

    def action_undo_removal(self) -> None:
        """Put the last removed bookmark back as it was (same id, note, tags, dates)."""
        bookmark, self.services.removed = self.services.removed, None
        self.refresh_bindings()
        if bookmark is None:
            return
        try:
            self.services.bookmarks.restore(bookmark)
        except Exception as exc:
            self._failed("Could not restore the bookmark", exc)
            return
        self.notify(f"Restored the bookmark on {bookmark.unit_id}.")
        self.post_message(messages.BookmarksChanged())

    @on(messages.EditNote)
    def _edit_note(self, event: messages.EditNote) -> None:
        event.stop()
        from reader.dialogs.note import NoteDialog

        doc, unit_id = event.doc, event.unit_id
        if not unit_id:
            return
        try:
            existing = self.services.bookmarks.find(doc.id, unit_id)
        except Exception as exc:
            self._failed("Bookmarks unavailable", exc)
            return
        heading = f"Note and tags for {unit_id}" + ("" if existing else " (adds a bookmark)")

        def done(result: tuple[str, list[str]] | None) -> None:
            if result is not None:
                self._save_note(doc, unit_id, existing, *result)

        note, tags = (existing.note, existing.tags) if existing else ("", ())
        self.app.push_screen(NoteDialog(heading, note, tags), done)

    @on(messages.EditBookmark)
    def _edit_bookmark(self, event: messages.EditBookmark) -> None:
        event.stop()
        from reader.dialogs.note import NoteDialog

        bookmark = event.bookmark

        def done(result: tuple[str, list[str]] | None) -> None:
            if result is not None:
                self._save_note(None, bookmark.unit_id, bookmark, *result)

        heading = f"Note and tags for {bookmark.unit_id}"
        self.app.push_screen(NoteDialog(heading, bookmark.note, bookmark.tags), done)

    def _save_note(
        self, doc: Document | None, unit_id: str, existing: Bookmark | None, note: str, tags: list[str]
    ) -> None:
        try:
            if existing is not None:
                self.services.bookmarks.update(existing.id, note=note, tags=tags)
            elif doc is not None:
                self.services.bookmarks.add(doc, unit_id, note=note, tags=tags)
        except Exception as exc:
            self._failed("Could not save the note", exc)
            return
        self.notify(f"Saved the note on {unit_id}.")
        self.post_message(messages.BookmarksChanged())

    @on(messages.ExportBookmarks)
    def _export(self, event: messages.ExportBookmarks) -> None:
        event.stop()
        from reader.dialogs.export import ExportDialog
        from reader.export import FORMATS, write_export

        tag = event.tag

        def write(fmt: str, path: Path, force: bool) -> str:
            bookmarks = self.services.bookmarks.list()
            if tag:
                bookmarks = [b for b in bookmarks if tag in b.tags]
            write_export(bookmarks, fmt, path, force=force)
            count = len(bookmarks)
            return f"Exported {count} bookmark{'' if count == 1 else 's'} to {path}."

        def done(message: str | None) -> None:
            if message:
                self.notify(message)

        self.app.push_screen(ExportDialog(dict(FORMATS), default_export_dir(), write), done)
