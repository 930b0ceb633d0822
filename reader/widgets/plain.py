"""Text widgets that never interpret their content as markup."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.text import sanitize_line


def plain(text: str, style: str = "") -> Content:
    """Literal content: "[Reuters]", "[/b]" and a trailing backslash stay as typed."""
    return Content.styled(sanitize_line(text), style) if style else Content(sanitize_line(text))


class Plain(Static):
    """A Static that shows its text literally."""

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(plain(text), id=id, classes=classes, markup=False)
        self.base_text = text  # what it was created with (show() does not change it)

    def show(self, text: str | Content) -> None:
        styles = self.styles
        fixed = (
            styles.height is not None
            and styles.height.is_cells
            and not (styles.width and styles.width.is_auto)
        )
        # A fixed-size line (a status bar) needs no layout of the screen when its text changes.
        self.update(text if isinstance(text, Content) else plain(text), layout=not fixed)
