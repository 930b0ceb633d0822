"""Behaviour every screen shares: the services, a "terminal too small" notice, background activity
in the title bar, and refreshing when the app says the bookmarks or the documents changed."""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from reader.services import Services
from reader.widgets.plain import Plain

MIN_WIDTH, MIN_HEIGHT = 40, 12


def services_of(app: App) -> Services:
    services = getattr(app, "services", None)
    if not isinstance(services, Services):
        raise RuntimeError("reader's screens run inside ReaderApp")
    return services


class BaseScreen(Screen):
    DEFAULT_CSS = """
    BaseScreen > .too-small { display: none; }
    BaseScreen.-too-small > * { display: none; }
    BaseScreen.-too-small > .too-small {
        display: block;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-style: bold;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._focus_before_too_small: Widget | None = None

    @property
    def services(self) -> Services:
        return services_of(self.app)

    def on_mount(self) -> None:
        self.mount(
            Plain(f"Terminal too small: {MIN_WIDTH}×{MIN_HEIGHT} at least, please.", classes="too-small")
        )
        self._check_size()
        for name, callback in (
            ("activity", self.show_activity),
            ("bookmarks_version", self._bookmarks_changed),
            ("documents_version", self._documents_changed),
        ):
            if hasattr(type(self.app), name):
                self.watch(self.app, name, callback, init=name == "activity")

    # -- shared state, as the app's reactives change ---------------------------------------

    def show_activity(self, text: str) -> None:
        """Background work (indexing, importing) shown at the right of the title bar."""
        for title in self.query(".screen-title").results(Plain):
            title.show(f"{title.base_text}   ⟳ {text}" if text else title.base_text)

    def _bookmarks_changed(self, _version: int) -> None:
        self.refresh_bookmarks()

    def _documents_changed(self, _version: int) -> None:
        self.refresh_documents()

    def refresh_bookmarks(self) -> None:
        """Read the bookmarks again (screens that show them override this)."""

    def refresh_documents(self) -> None:
        """Read the document list again (screens that show it override this)."""

    def default_focus(self) -> Widget | None:
        """The widget keys go to when nothing else has the focus."""
        if self.AUTO_FOCUS:
            return self.query(self.AUTO_FOCUS).first() if self.query(self.AUTO_FOCUS) else None
        return None

    # -- size -----------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._check_size()

    def _check_size(self) -> None:
        width, height = self.app.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small == self.has_class("-too-small"):
            return
        if too_small:
            self._focus_before_too_small = self.focused
        self.set_class(too_small, "-too-small")
        if not too_small:
            # Hidden widgets lose the focus; give it back, or keys would go nowhere.
            target = self._focus_before_too_small or self.default_focus()
            self._focus_before_too_small = None
            if target is not None and target.is_attached:
                self.call_after_refresh(target.focus)
