"""The parallel-text view: one Line-API ScrollView for all columns, one row per aligned unit.

Each row is as tall as its tallest column, so the columns scroll together by construction. Text
is drawn as Segments from plain strings — never parsed as markup — with search hits, the cursor
row, bookmarks and non-1:1 units styled through component classes (and gutter glyphs, so they
show without colour too). A header line names each column's language.

Big documents: rows are wrapped when they are about to be shown (`RowLayout`), the rest keep
estimated heights; whatever is drawn comes from an exact wrap, and the text width always leaves
the scrollbar's column free, so the first wrap is the right one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Unit
from reader.text import LANGUAGE_NAMES
from reader.widgets.row_layout import INTERLEAVED, SIDE_BY_SIDE, Geometry, RowLayout
from reader.wrap import cell_width, truncate

GUTTER = 5  # cursor, bookmark, non-1:1, confirmed or doubtful, blank
HEADER = 1  # the line naming each column's language, fixed above the text
SEPARATOR = " │ "
CURSOR_MARK = "▌"
BOOKMARK_MARK = "★"
NON_ONE_TO_ONE_MARK = "≠"
CONFIRMED_MARK = "✓"
DOUBTFUL_MARK = "?"


@dataclass
class ViewRow:
    """What the view needs of one unit."""

    unit_id: str
    text: dict[str, str]
    paragraph_start: bool
    one_to_one: bool
    doubtful: bool = False  # the aligner's confidence is low

    @classmethod
    def of(cls, unit: Unit) -> ViewRow:
        return cls(unit.id, unit.text, unit.paragraph_start, unit.is_one_to_one, unit.doubtful)


@dataclass
class Highlight:
    """Character spans to highlight, per (row, lang)."""

    spans: dict[tuple[int, str], list[tuple[int, int]]] = field(default_factory=dict)


class AlignedView(ScrollView, can_focus=True):
    """Aligned units of one document in parallel columns (or interleaved)."""

    COMPONENT_CLASSES = {
        "alignedview--cursor",
        "alignedview--gutter",
        "alignedview--mark",
        "alignedview--translation",
        "alignedview--hit",
        "alignedview--separator",
        "alignedview--header",
    }

    DEFAULT_CSS = """
    AlignedView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    AlignedView > .alignedview--header {
        text-style: bold;
    }
    AlignedView > .alignedview--cursor {
        background: $primary 25%;
        text-style: bold;
    }

    AlignedView > .alignedview--gutter {
        color: $text-muted;
    }

    AlignedView > .alignedview--mark {
        color: $accent;
        text-style: bold;
    }

    AlignedView > .alignedview--translation {
        color: $text-muted;
        text-style: italic;
    }

    AlignedView > .alignedview--hit {
        text-style: reverse underline;
    }

    AlignedView > .alignedview--separator {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("down,j", "cursor_down", "Next", show=False, id="view.next"),
        Binding("up,k", "cursor_up", "Previous", show=False, id="view.previous"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="view.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="view.page-up"),
        Binding("ctrl+d", "half_page_down", "Half page down", show=False, id="view.half-down"),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False, id="view.half-up"),
        Binding("home,g", "first", "First unit", show=False, id="view.first"),
        Binding("end,G", "last", "Last unit", show=False, id="view.last"),
    ]

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class CursorMoved(Message):
        def __init__(self, view: AlignedView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ViewRow] = []
        self.langs: tuple[str, ...] = ()
        self.original_language = ""
        self.mode = SIDE_BY_SIDE
        self.bookmarked: set[str] = set()
        self.confirmed: set[str] = set()
        self.highlight = Highlight()
        self._layout: RowLayout | None = None
        self._layouts: LRUCache[Geometry, RowLayout] = LRUCache(4)  # recent widths and layouts
        # Drawn rows, a few screens' worth: each line is a Strip with caches of its own, and what
        # is kept is walked by every full garbage collection.
        self._strips: LRUCache[tuple[int, int], list[Strip]] = LRUCache(256)
        self._styles: dict[tuple[str, Style | None], Style] = {}

    # -- content -------------------------------------------------------------------------

    def set_rows(self, rows: list[ViewRow], original_language: str) -> None:
        self.rows = rows
        self.original_language = original_language
        self._layouts.clear()
        self._layout = None
        self.cursor = 0
        self._relayout()

    def configure(self, langs: tuple[str, ...], mode: str) -> None:
        if (langs, mode) != (self.langs, self.mode):
            self.langs, self.mode = langs, mode
            self._relayout()

    def set_bookmarks(self, unit_ids: set[str]) -> None:
        self.bookmarked = set(unit_ids)
        self._invalidate()

    def set_confirmed(self, unit_ids: set[str]) -> None:
        """Units a person checked (✓; they are never marked doubtful)."""
        self.confirmed = set(unit_ids)
        self._invalidate()

    def set_highlight(self, highlight: Highlight) -> None:
        self.highlight = highlight
        self._invalidate()

    def _invalidate(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- geometry -----------------------------------------------------------------------

    def _geometry(self, text_width: int | None = None) -> Geometry:
        """Columns for `text_width` cells (by default all the view has beside its scrollbar)."""
        width = max(self.scrollable_content_region.width if text_width is None else text_width, 1)
        langs = self.langs or (self.original_language,)
        if self.mode == SIDE_BY_SIDE:
            available = width - GUTTER - len(SEPARATOR) * (len(langs) - 1)
            col = max(available // len(langs), 4)
        else:
            col = max(width - GUTTER, 4)
        return Geometry(self.mode, langs, col, width)

    def _relayout(self, text_width: int | None = None) -> None:
        """Use the layout for the current document, languages, layout and width, keeping the row
        at the top of the screen there (and the cursor on screen). Rows are wrapped lazily: only
        those about to be shown; layouts already made for other widths are kept for a while."""
        if not self.is_mounted or self.scrollable_content_region.width <= 0:
            return  # laid out on the first resize, when the size is known
        old = self._layout
        top = old.row_at(round(self.scroll_y))[0] if old is not None and self.rows else 0
        geometry = self._geometry(text_width)
        layout = self._layouts.get(geometry)
        if layout is None:
            texts = [row.text for row in self.rows]
            starts = [row.paragraph_start for row in self.rows]
            layout = RowLayout(texts, starts, geometry)
            self._layouts[geometry] = layout
        self._layout = layout
        self._strips.clear()
        if self.rows:
            for _ in layout.rows_down(top, self.page_height):
                pass
            self._update_virtual_size()
            self.scroll_to(y=layout.start(top), animate=False, immediate=True)
            self.scroll_to_cursor()
        else:
            self._update_virtual_size()
        self.refresh()

    def _update_virtual_size(self) -> None:
        layout = self._layout
        height = layout.total_height + HEADER if layout else 0
        size = Size(self.scrollable_content_region.width, height)
        if size == self.virtual_size:
            return
        stays_scrolling = self.show_vertical_scrollbar and height > self.scrollable_content_region.height
        if stays_scrolling and size.width == self.virtual_size.width:
            # Only the scrollbar's proportions change (its column is always reserved): no
            # layout of the screen, which would cost a whole frame on every page of a big document.
            self.set_reactive(AlignedView.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    @contextmanager
    def _keep_top(self) -> Iterator[RowLayout]:
        """Wrap rows inside this block; the line at the top of the screen stays where it is even
        when rows above it change height (their estimates replaced by exact wraps)."""
        layout = self._layout
        assert layout is not None
        row, offset = layout.row_at(round(self.scroll_y))
        yield layout
        self._update_virtual_size()
        y = layout.start(row) + offset
        if y != round(self.scroll_y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def _exact_around(self, row: int, above: int, below: int) -> None:
        """Make rows exact from `above` lines before `row` to `below` lines after its start."""
        with self._keep_top() as layout:
            for _ in layout.rows_up(row, above):
                pass
            for _ in layout.rows_down(row, below):
                pass

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is None or self._geometry() != self._layout.geometry:
            self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, name: str, over: Style | None = None) -> Style:
        """A component class's style ("" for the widget's own), on top of `over`; cached."""
        key = (name, over)
        found = self._styles.get(key)
        if found is None:
            style = self.get_component_rich_style(f"alignedview--{name}") if name else self.rich_style
            found = self._styles[key] = over + style if over is not None else style
        return found

    # -- rendering ------------------------------------------------------------------------

    @property
    def row_layout(self) -> RowLayout | None:
        """Row geometry for the current width, languages and layout (None before the first)."""
        return self._layout

    def render_line(self, y: int) -> Strip:
        if y < HEADER:
            return self._header()
        return self.virtual_line(round(self.scroll_y) + y - HEADER)

    def _header(self) -> Strip:
        """The language of each column (side by side) or of each block, in order (interleaved)."""
        layout = self._layout
        width = self.scrollable_content_region.width
        base = self.rich_style
        if layout is None:
            return Strip.blank(width, base)
        style = base + self._style("header")
        geometry = layout.geometry
        segments = [Segment(" " * GUTTER, style)]
        if geometry.mode == SIDE_BY_SIDE:
            for n, lang in enumerate(geometry.langs):
                if n:
                    segments.append(Segment(SEPARATOR, base + self._style("separator")))
                name = truncate(LANGUAGE_NAMES.get(lang, lang), geometry.col_width)
                segments.append(Segment(name + " " * (geometry.col_width - cell_width(name)), style))
        else:
            names = [LANGUAGE_NAMES.get(lang, lang) for lang in geometry.langs]
            segments.append(Segment(truncate(" · ".join(names), max(width - GUTTER, 1)), style))
        return Strip(segments).crop_extend(0, width, style)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Wrap the rows on screen exactly before drawing them (rows below the top only, so
        nothing on screen moves); the scrollbar follows the corrected total height."""
        layout = self._layout
        if layout is not None and self.rows:
            top, offset = layout.row_at(round(self.scroll_y))
            for _ in layout.rows_down(top, self.page_height + offset):
                pass
            self._update_virtual_size()
        return super().render_lines(crop)

    def virtual_line(self, virtual_y: int) -> Strip:
        """Line `virtual_y` of the whole document, as wide as the text area."""
        layout = self._layout
        width = layout.geometry.width if layout else self.scrollable_content_region.width
        base = self._style("")
        if layout is None or not self.rows:
            return Strip.blank(width, base)
        total = layout.total_height
        while True:  # the row at this line once the rows up to it are exact
            row, line = layout.row_at(virtual_y)
            if layout.exact[row] is not None:
                break
            layout.wrapped(row)
        if layout.total_height != total:
            self.call_later(self._update_virtual_size)
        if virtual_y >= layout.total_height:
            return Strip.blank(width, base)
        strips = self._row_strips(row)
        if line >= len(strips):
            return Strip.blank(width, base)
        return strips[line]

    def _row_strips(self, row: int) -> list[Strip]:
        key = (row, row == self.cursor)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        layout = self._layout
        assert layout is not None
        wrapped = layout.wrapped(row)
        is_cursor = row == self.cursor
        base = self._style("")
        text_style = self._style("cursor", over=base) if is_cursor else base
        dim_style = self._style("translation", over=text_style)
        gutter_style = self._style("gutter", over=base)
        mark_style = self._style("mark", over=base)
        sep_style = self._style("separator", over=base)
        hit_style = self._style("hit")
        data = self.rows[row]
        geometry = layout.geometry
        col_w = geometry.col_width
        if geometry.mode == SIDE_BY_SIDE:
            used = GUTTER + len(geometry.langs) * col_w + len(SEPARATOR) * (len(geometry.langs) - 1)
        else:
            used = GUTTER + col_w
        pad = [Segment(" " * (geometry.width - used), base)] if geometry.width > used else []
        strips: list[Strip] = [Strip.blank(geometry.width, base) for _ in range(wrapped.lead)]

        def gutter(first: bool) -> list[Segment]:
            cursor = Segment(CURSOR_MARK if is_cursor else " ", mark_style if is_cursor else gutter_style)
            bookmark = BOOKMARK_MARK if first and data.unit_id in self.bookmarked else " "
            uneven = NON_ONE_TO_ONE_MARK if first and not data.one_to_one else " "
            status = " "
            if first and data.unit_id in self.confirmed:
                status = CONFIRMED_MARK
            elif first and data.doubtful:
                status = DOUBTFUL_MARK
            return [cursor, Segment(bookmark + uneven + status, mark_style), Segment(" ", gutter_style)]

        def cell(lang: str, index: int, style: Style) -> list[Segment]:
            lines = wrapped.lines[lang]
            if index >= len(lines):
                return [Segment(" " * col_w, text_style)]
            start, end = lines[index]
            text = data.text.get(lang, "")
            segments = self._styled(
                text, start, end, self.highlight.spans.get((row, lang), ()), style, hit_style
            )
            used = cell_width(text[start:end])
            if used < col_w:
                segments.append(Segment(" " * (col_w - used), text_style))
            return segments

        if geometry.mode == SIDE_BY_SIDE:
            height = wrapped.height - wrapped.lead
            for index in range(height):
                segments = gutter(index == 0)
                for n, lang in enumerate(geometry.langs):
                    if n:
                        segments.append(Segment(SEPARATOR, sep_style))
                    segments.extend(cell(lang, index, text_style))
                strips.append(Strip([*segments, *pad], geometry.width))
        else:
            first = True
            for lang in geometry.langs:
                style = text_style if lang == geometry.langs[0] else dim_style
                for index in range(len(wrapped.lines[lang])):
                    strips.append(Strip([*gutter(first), *cell(lang, index, style), *pad], geometry.width))
                    first = False
        self._strips[key] = strips
        return strips

    @staticmethod
    def _styled(text: str, start: int, end: int, spans, style: Style, hit_style: Style) -> list[Segment]:
        """Segments for text[start:end] with the highlighted spans styled."""
        piece = text[start:end].replace("\t", " ")
        if not spans:
            return [Segment(piece, style)]
        segments: list[Segment] = []
        pos = start
        for s, e in spans:
            s, e = max(s, start), min(e, end)
            if s >= e:
                continue
            if s > pos:
                segments.append(Segment(text[pos:s], style))
            segments.append(Segment(text[s:e], style + hit_style))
            pos = e
        if pos < end:
            segments.append(Segment(text[pos:end], style))
        return segments

    # -- cursor ---------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self.post_message(self.CursorMoved(self, new))

    def _refresh_row(self, row: int) -> None:
        layout = self._layout
        if layout is None or not 0 <= row < len(layout):
            return
        for key in ((row, True), (row, False)):
            self._strips.discard(key)
        top = layout.start(row) - round(self.scroll_y) + HEADER
        self.refresh(Region(0, top, self.size.width, layout.heights[row]))

    def _hold_collector(self) -> None:
        """No cyclic garbage collection between a key and the frame it brings (Textual does the
        same while scrolling with the mouse): what is due runs once the frame is out."""
        if gc.isenabled():
            gc.disable()
            self.call_after_refresh(gc.enable)

    def move_to(self, index: int, center: bool = False) -> None:
        if not self.rows:
            return
        self._hold_collector()
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self.scroll_to_cursor(center=center)

    def scroll_to_cursor(self, center: bool = False, animate: bool = False) -> None:
        """Bring the cursor row on screen, the rows that will show around it wrapped first."""
        layout = self._layout
        if layout is None or not self.rows:
            return
        page = self.page_height
        self._exact_around(self.cursor, page, 2 * page)
        region = Region(0, layout.start(self.cursor) + HEADER, 1, layout.heights[self.cursor])
        self.scroll_to_region(
            region,
            spacing=Spacing(HEADER, 0, 0, 0),
            animate=animate,
            center=center,
            immediate=True,
            force=True,
        )

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    @property
    def page_height(self) -> int:
        """Lines of text on screen (the header line excluded)."""
        return max(1, self.scrollable_content_region.height - HEADER)

    def _page(self, fraction: float) -> None:
        """Scroll by a fraction of a page and move the cursor as many lines; at either end of the
        document the cursor still moves, so repeated presses reach the first or last unit."""
        layout = self._layout
        if layout is None or not self.rows:
            return
        self._hold_collector()
        page = self.page_height
        lines = max(1, int(page * abs(fraction)))
        delta = lines if fraction > 0 else -lines
        top = layout.row_at(round(self.scroll_y))[0]
        if delta > 0:  # the page below, wrapped before the screen moves onto it
            self._exact_around(top, 0, 2 * page + lines)
        else:
            self._exact_around(top, lines + page, page)
        self.scroll_to(y=max(0, round(self.scroll_y) + delta), animate=False, immediate=True)
        row, _ = layout.row_at(max(0, layout.start(self.cursor) + delta))
        if row == self.cursor:
            row += 1 if delta > 0 else -1
        self.move_to(row)

    def action_page_down(self) -> None:
        self._page(1.0)

    def action_page_up(self) -> None:
        self._page(-1.0)

    def action_half_page_down(self) -> None:
        self._page(0.5)

    def action_half_page_up(self) -> None:
        self._page(-0.5)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        layout = self._layout
        if layout is None or not self.rows:
            return
        if event.y < HEADER:
            return
        row, _ = layout.row_at(round(self.scroll_y) + event.y - HEADER)
        self.cursor = row
        self.focus()

    @property
    def interleaved(self) -> bool:
        return self.mode == INTERLEAVED
