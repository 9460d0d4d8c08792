"""The board's stage columns, drawn by one virtualised line-API widget.

One widget for every column, not one per column (nor one per card): the first frame of a
board costs one widget's layout and styles, only the lines on screen are drawn, and the text
of a card is asked for (through ``describe``) only when that card is first drawn. A column of
10,000 applications costs the same to open as a column of 10.

Each column keeps its own cursor and scroll position (:class:`ColumnView`); moving between
columns is a change of :attr:`BoardView.current`, which repaints a heading line and two cards
instead of moving the focus between widgets. The right-hand cell of every column is its
separator, and shows where the view is in a column taller than the screen.

No key bindings (the screen owns them); mouse clicks and wheel; messages: ``board_messages``.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import chain
from typing import ClassVar

from textual import events
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from postinterview_tui.domain.text import safe_line
from postinterview_tui.tui.widgets.board_column import FOLD, ColumnView, Segments
from postinterview_tui.tui.widgets.board_layout import (
    column_spans,
    scroll_to_show,
    visible_columns,
)
from postinterview_tui.tui.widgets.board_messages import (
    CardClicked,
    CardHighlighted,
    CurrentChanged,
    ExpandRequested,
    HeightChanged,
)
from postinterview_tui.tui.widgets.board_painter import BoardPainter
from postinterview_tui.tui.widgets.card_face import TONES


class BoardView(Widget, can_focus=True, inherit_bindings=False):
    """Focusable columns of cards, side by side, drawing only what is on screen.

    ``inherit_bindings=False``: the screen must own every key.
    """

    CARD_HEIGHT: ClassVar[int] = 4
    """Lines per card: title, subtitle, status, then a blank spacer (at least 4)."""
    FOLD_HEIGHT: ClassVar[int] = 1
    """Lines taken by the "+ N more" row."""
    HEADING_HEIGHT: ClassVar[int] = 1
    """Lines taken by the column headings."""
    ALL_COLUMNS_MIN_WIDTH: ClassVar[int] = 20
    """Every column side by side while each gets at least this many cells (120 for six)."""
    SCROLLED_COLUMN_WIDTH: ClassVar[int] = 26
    """Narrower than that (80 columns and below), as many columns of this width or more as
    fit are shown, scrolled so the current one is always whole; "‹" and "›" in the headings
    say more columns are off to that side."""
    ALLOW_SELECT = False  # click-drag should move the cursor, not select text.
    WHEEL_LINES: ClassVar[int] = 3

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"board-view--{part}"
        for part in (
            "heading",
            "heading-current",
            "separator",
            "thumb",
            "card",
            "title",
            "subtitle",
            *sorted(TONES),
            "cursor",
            "cursor-focused",
            "bar",
            "bar-focused",
            "fold",
            "empty",
        )
    }
    """
    | Class | Description |
    | :- | :- |
    | `board-view--heading` | A column's heading line. |
    | `board-view--heading-current` | Added to the current column's heading while focused. |
    | `board-view--separator` | The cell right of each column. |
    | `board-view--thumb` | Where the view is, in a column taller than the screen. |
    | `board-view--card` | The body of every card (not its spacer line). |
    | `board-view--title` / `--subtitle` | The first and second lines of a card. |
    | `board-view--overdue`, `--due`, `--upcoming`, `--quiet`, `--calm`, `--done` | By tone. |
    | `board-view--cursor` | Added on top of the card (or fold row) under a column's cursor. |
    | `board-view--cursor-focused` | Instead of `--cursor` in the current column, focused. |
    | `board-view--bar` | The bar left of a cursor card. |
    | `board-view--bar-focused` | Instead of `--bar` in the current column, focused. |
    | `board-view--fold` | The "+ N more" row. |
    | `board-view--empty` | The text shown when a column is empty. |
    """

    DEFAULT_CSS = """
    BoardView {
        width: 1fr;
        height: 1fr;
        background: $surface;

        & > .board-view--heading { background: $boost; color: $text-accent; text-style: bold; }
        & > .board-view--heading-current { background: $primary 30%; }
        & > .board-view--separator { background: $background; color: $panel-lighten-1; }
        & > .board-view--thumb { background: $background; color: $primary 60%; }
        & > .board-view--card { background: $boost; }
        & > .board-view--title { text-style: bold; }
        & > .board-view--subtitle { color: $text-muted; }
        & > .board-view--overdue { color: $text-error; text-style: bold; }
        & > .board-view--due { color: $text-warning; }
        & > .board-view--upcoming { color: $text-muted; }
        & > .board-view--calm { color: $text-muted; }
        & > .board-view--done { color: $text-disabled; }
        & > .board-view--cursor { background: $primary 12%; }
        & > .board-view--cursor-focused { background: $primary 35%; }
        & > .board-view--bar { color: $text-muted; }
        & > .board-view--bar-focused { color: $primary; }
        & > .board-view--fold { color: $text-muted; text-style: italic; }
        & > .board-view--empty { color: $text-disabled; text-style: italic; }
    }
    """

    current: reactive[int] = reactive(0, repaint=False, init=False)
    """Index of the current column (the one the keys act on)."""

    # The messages it posts (defined in board_messages; named here, as Textual's own widgets
    # name theirs, so handlers say ``@on(BoardView.CardHighlighted)``).
    HeightChanged = HeightChanged
    CardHighlighted = CardHighlighted
    CardClicked = CardClicked
    ExpandRequested = ExpandRequested
    CurrentChanged = CurrentChanged

    def __init__(
        self,
        columns: Sequence[tuple[Hashable, str]],
        *,
        empty_text: str = "—",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Create empty columns; fill them with :meth:`ColumnView.set_cards`.

        Args:
            columns: (key, heading) of each column, left to right.
            empty_text: Shown (dimmed) in a column with no cards and no fold row.
            name: The widget's name.
            id: The widget's DOM id.
            classes: Space-separated CSS classes.
        """
        super().__init__(name=name, id=id, classes=classes)
        self.columns: tuple[ColumnView, ...] = tuple(
            ColumnView(
                self,
                index,
                key,
                heading,
                card_height=self.CARD_HEIGHT,
                fold_height=self.FOLD_HEIGHT,
            )
            for index, (key, heading) in enumerate(columns)
        )
        self._by_key = {column.key: column for column in self.columns}
        self._painter = BoardPainter(
            lambda *names: self.get_visual_style(*names).rich_style,
            empty_text=safe_line(empty_text),
            card_height=self.CARD_HEIGHT,
        )
        self._spans: tuple[tuple[int, ...], tuple[tuple[int, int], ...]] = ((-1,), ())
        self._first = 0
        """The leftmost column shown (not 0 only when not every column fits)."""
        self._height = 0

    # -- columns and geometry -----------------------------------------------------------------

    def column(self, key: Hashable) -> ColumnView:
        """The column with this key."""
        return self._by_key[key]

    @property
    def current_column(self) -> ColumnView:
        """The current column."""
        return self.columns[self.current]

    @property
    def body_height(self) -> int:
        """Lines below the headings."""
        return max(self.size.height - self.HEADING_HEIGHT, 0)

    def span(self, index: int) -> tuple[int, int]:
        """The x and width of column ``index`` (its separator included)."""
        return self._column_spans()[index]

    def visible_columns(self) -> tuple[int, int]:
        """(first, how many) of the columns shown side by side, the current one among them."""
        first, shown = visible_columns(
            len(self.columns),
            self.size.width,
            self.current,
            self._first,
            all_min_width=self.ALL_COLUMNS_MIN_WIDTH,
            scrolled_width=self.SCROLLED_COLUMN_WIDTH,
        )
        self._first = first
        return first, shown

    def _column_spans(self) -> tuple[tuple[int, int], ...]:
        """Every column's x and width (0 when scrolled out), kept while width and column stay."""
        if self._spans[0] != (width := self.size.width, self.current, self._first):
            first, shown = self.visible_columns()
            spans = column_spans(len(self.columns), width, first, shown)
            self._spans = ((width, self.current, first), spans)
        return self._spans[1]

    def column_has_focus(self, index: int) -> bool:
        """True when the view has the focus and column ``index`` is the current one."""
        return self.has_focus and self.current == index

    def focus_column(self, index: int) -> None:
        """Make column ``index`` the current one and take the focus."""
        self.current = index
        self.focus()

    def column_at(self, x: int) -> ColumnView | None:
        """The column drawn at ``x``, if any."""
        for column in self.columns:
            start, width = self.span(column.index)
            if start <= x < start + width:
                return column
        return None

    def _column_region(self, column: ColumnView) -> Region:
        x, width = self.span(column.index)
        return Region(x, 0, width, self.size.height)

    def _refresh_row(self, column: ColumnView, row: int) -> None:
        if not 0 <= row < column.row_count:
            return
        top, height = column.row_span(row)
        x, width = self.span(column.index)
        self.refresh(Region(x, self.HEADING_HEIGHT + top - column.scroll_y, width, height))

    def _refresh_headings(self) -> None:
        self.refresh(Region(0, 0, self.size.width, self.HEADING_HEIGHT))

    # -- changes ------------------------------------------------------------------------------

    def step(self, delta: int) -> None:
        """Make the column ``delta`` places to the right current (clamped)."""
        self.current += delta  # validate_current clamps it

    def validate_current(self, current: int) -> int:
        """Clamp to an existing column."""
        return max(0, min(current, len(self.columns) - 1))

    def watch_current(self, old: int, new: int) -> None:
        """Repaint the headings and the two cursor cards whose look depends on it (all of the
        view when the columns scrolled to keep the new current one whole)."""
        before = self._first
        if self.visible_columns()[0] != before:
            self.refresh()
        self._refresh_headings()
        for index in (old, new):
            if 0 <= index < len(self.columns):
                column = self.columns[index]
                self._refresh_row(column, column.cursor)
        self.post_message(self.CurrentChanged(self, self.columns[new]))

    def column_changed(self, column: ColumnView) -> None:
        """A column got new cards: repaint it and its heading, keep its cursor in view."""
        self._scroll_into_view(column)
        self.refresh(self._column_region(column))
        self._announce(column)

    def move_cursor(self, column: ColumnView, cursor: int) -> None:
        """Move a column's cursor (clamped), scroll it into view, repaint and announce."""
        old, column.cursor = column.cursor, column._clamp(cursor)
        if self._scroll_into_view(column):
            self.refresh(self._column_region(column))
        elif old != column.cursor:
            self._refresh_row(column, old)
            self._refresh_row(column, column.cursor)
        self._announce(column)

    def scroll_column(self, column: ColumnView, y: int) -> None:
        """Scroll a column so virtual line ``y`` is at the top (clamped)."""
        y = max(0, min(y, column.virtual_height - self.body_height))
        if y != column.scroll_y:
            column.scroll_y = y
            self.refresh(self._column_region(column))

    def _scroll_into_view(self, column: ColumnView) -> bool:
        """Scroll so the cursor row is fully visible. True if the scroll changed."""
        view = self.body_height
        before = column.scroll_y
        if not view:
            return False  # not laid out yet: on_resize scrolls once the size is known
        top, height = column.row_span(column.cursor) if column.row_count else (0, 1)
        column.scroll_y = scroll_to_show(top, height, before, view, column.virtual_height)
        return column.scroll_y != before

    def _announce(self, column: ColumnView) -> None:
        """Post CardHighlighted when what is under the cursor differs from the last post."""
        key: object = FOLD if column.cursor_on_fold else column.highlighted_id
        if key != column.announced:
            column.announced = key
            self.post_message(self.CardHighlighted(self, column, column.highlighted_id))

    # -- events -------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Drop pieces drawn for the old size; keep every cursor in view."""
        self._painter.forget_pieces()
        for column in self.columns:
            self._scroll_into_view(column)
        if event.size.height != self._height:
            self._height = event.size.height
            self.post_message(self.HeightChanged())

    def notify_style_update(self) -> None:
        """Theme, CSS or focus changed: every cached piece may now have other colours."""
        super().notify_style_update()
        self._painter.forget_styles()

    def on_click(self, event: events.Click) -> None:
        """Focus, make the clicked column current, move its cursor and report the click."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        column = self.column_at(offset.x)
        if column is None:
            return
        event.stop()
        self.current = column.index
        self.focus()
        if offset.y < self.HEADING_HEIGHT:
            return
        row = column.row_at(offset.y - self.HEADING_HEIGHT + column.scroll_y)
        if row is None:
            return
        self.move_cursor(column, row)
        if row < len(column.ids):
            self.post_message(self.CardClicked(self, column, column.ids[row]))
        else:
            self.post_message(self.ExpandRequested(self, column))

    def _wheel(self, event: events.MouseScrollDown | events.MouseScrollUp, lines: int) -> None:
        offset = event.get_content_offset(self)
        column = self.column_at(offset.x) if offset is not None else None
        if column is not None:
            event.stop()
            self.scroll_column(column, column.scroll_y + lines)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """Scroll the column under the mouse (the cursor stays)."""
        self._wheel(event, self.WHEEL_LINES)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """Scroll the column under the mouse (the cursor stays)."""
        self._wheel(event, -self.WHEEL_LINES)

    # -- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Draw line ``y``: a piece of every column, side by side. O(1) in the card count."""
        size = self.size
        spans = self._column_spans()
        focused = self.current if self.has_focus else -1  # the column drawn as focused
        pieces = []
        if y < self.HEADING_HEIGHT:
            first, shown = self.visible_columns()
            last = first + shown - 1
            for column, (_, width) in zip(self.columns, spans, strict=True):
                current = column.index == focused
                more_left = column.index == first > 0
                more_right = column.index == last < len(self.columns) - 1
                pieces.append(self._painter.heading(column, current, width, more_left, more_right))
        else:
            body_y = y - self.HEADING_HEIGHT
            view = size.height - self.HEADING_HEIGHT
            for column, (_, width) in zip(self.columns, spans, strict=True):
                current = column.index == focused
                pieces.append(self._painter.body(column, current, body_y, width - 1))
                if width:  # narrower than one cell per column: some columns get none
                    pieces.append(self._painter.separator(column, body_y, view))
        return Strip(list(chain.from_iterable(pieces)), size.width)

    def body_segments(self, column: ColumnView, body_y: int, width: int) -> Segments:
        """The segments of a column's card area on line ``body_y`` of the body."""
        return self._painter.body(column, column.has_focus, body_y, width)
