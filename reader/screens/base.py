"""Behaviour every screen shares: a "terminal too small" notice and a list of its keys."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from reader.widgets.plain import Plain

MIN_WIDTH, MIN_HEIGHT = 40, 12


class BaseScreen(Screen):
    def show_activity(self, text: str) -> None:
        """Background work (indexing, importing) shown at the right of the title bar."""
        for title in self.query(".screen-title").results(Plain):
            title.show(f"{title.base_text}   ⟳ {text}" if text else title.base_text)

    def on_mount(self) -> None:
        self.mount(
            Plain(f"Terminal too small: {MIN_WIDTH}×{MIN_HEIGHT} at least, please.", classes="too-small")
        )
        self._check_size()

    def on_resize(self) -> None:
        self._check_size()

    def _check_size(self) -> None:
        width, height = self.app.size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    def key_help(self) -> list[Binding]:
        """Every binding active here, for the help screen and the command palette."""
        return [binding for _, binding, *_ in self.active_bindings.values()]
