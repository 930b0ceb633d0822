"""Where the user is: the reading position, languages and layout of each document, the last
document and the theme, saved (after a short quiet, and on exit) to the state file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import App
from textual.timer import Timer

from reader import messages
from reader.state import save_state

if TYPE_CHECKING:
    from reader.services import Services


class PositionsApp(App):
    SAVE_DELAY = 0.5  # seconds of quiet before the reading position is written
    services: Services

    def __init__(self) -> None:
        super().__init__()
        self._save_timer: Timer | None = None

    @on(messages.PositionChanged)
    def _position_changed(self, event: messages.PositionChanged) -> None:
        state = self.services.state
        state.last_document = event.doc_id
        saved = state.document(event.doc_id)
        saved.unit, saved.langs, saved.layout = event.unit, event.langs, event.layout
        self._save_soon()

    @on(messages.SettingsChanged)
    def _save_soon(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        if self.SAVE_DELAY:
            self._save_timer = self.set_timer(self.SAVE_DELAY, self.save_state)
        else:
            self.save_state()

    def save_state(self) -> None:
        self.services.state.theme = self.theme
        try:
            save_state(self.services.state)
        except OSError as exc:
            self.notify(f"Could not save the reading position: {exc}", severity="warning")

    def watch_theme(self, theme: str) -> None:
        if self.is_attached and theme != self.services.state.theme:
            self._save_soon()

    def on_unmount(self) -> None:
        self.save_state()
