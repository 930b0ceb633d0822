"""Textual's footer, recomposed only when the keys it shows change.

Textual rebuilds the footer's keys whenever a screen's bindings may have changed — on every focus
change, three or four times while a screen is first shown — and each rebuild restyles a dozen
keys (some 50 ms of CPU). They all land right after the screen appears, in front of the user's
first keys. Here a rebuild is skipped when the bindings are those already shown.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None  # the bindings of the last rebuild

    def bindings_changed(self, screen: Screen) -> None:
        rebuilds = screen.app.app_focus and self.is_attached and screen is self.screen
        if rebuilds:
            shown = tuple(
                (binding.key, binding.action, binding.description, binding.show, enabled, tooltip)
                for _, binding, enabled, tooltip in screen.active_bindings.values()
            )
            if shown == self._shown and self._bindings_ready:
                return
            self._shown = shown
        super().bindings_changed(screen)
