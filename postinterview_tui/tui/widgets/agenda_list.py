"""A virtualised list of agenda rows under group headings, drawn with Textual's line API.

An ``OptionList`` measures every row when its options are set; this widget knows every row's
height in advance (headings one line, rows ``row_height`` lines, one rule between groups), so
setting the rows costs O(rows) bookkeeping, and a row's text is asked for (``describe``) only
when the row is first drawn. Like ``OptionList`` it has a cursor row that skips the headings,
up/down/home/end/page keys, click to select, and messages when the cursor moves or a row is
chosen; and it says when the cursor or the view nears the last row (a reader reads on). Rows
are ``Content`` built by the caller from plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import ClassVar, Final

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from postinterview_tui.tui.widgets.agenda_layout import AgendaGroup, AgendaLayout
from postinterview_tui.tui.widgets.agenda_messages import NearEnd, RowHighlighted, RowSelected
from postinterview_tui.tui.widgets.fixed_lines import fixed_lines

__all__ = ["AgendaGroup", "AgendaList"]

# The last RowHighlighted posted carried this key: "nothing posted yet", so the first
# set_groups always announces, even when the list is empty.
_UNSET: Final = object()


class AgendaList(ScrollView, can_focus=True, inherit_bindings=False):
    """A focusable, scrollable list of grouped rows that draws only what is on screen.

    The keys below are the ones ``OptionList`` has, so the review keeps every key it had; they
    are the list's own (any screen using it gets them), like an OptionList's. Styles live in
    ``styles/review.tcss``.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]
    ALLOW_SELECT = False  # a click chooses a row; it does not start a text selection.

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "agenda-list--heading",
        "agenda-list--cursor",
        "agenda-list--hover",
        "agenda-list--separator",
    }
    """
    | Class | Description |
    | :- | :- |
    | `agenda-list--heading` | A group heading (never highlighted). |
    | `agenda-list--cursor` | Added on top of the row under the cursor. |
    | `agenda-list--hover` | Added on top of the row under the mouse. |
    | `agenda-list--separator` | The rule between two groups. |
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Position of the highlighted row among the rows (headings not counted)."""

    # Its messages (agenda_messages), named here as Textual's widgets name theirs.
    RowHighlighted = RowHighlighted
    RowSelected = RowSelected
    NearEnd = NearEnd

    NEAR_END_ROWS = 20
    """Within this many rows of the last one listed (cursor or view), the list says so."""

    def __init__(
        self,
        *,
        row_height: int = 2,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Create an empty list; fill it with :meth:`set_groups`.

        Args:
            row_height: Lines per row; a row's ``Content`` is cut or padded to this many lines
                and each line is cut to the width with "…", so no row is ever measured.
            name: The widget's name.
            id: The widget's DOM id.
            classes: Space-separated CSS classes.
        """
        super().__init__(name=name, id=id, classes=classes)
        self.row_height = max(1, row_height)
        self._layout = AgendaLayout((), self.row_height)
        # Before the first set_groups there is no row to describe.
        self._describe: Callable[[Hashable], Content] = lambda key: Content(str(key))
        self._contents: dict[Hashable, Content] = {}
        # Drawn rows (all their lines), keyed by what they depend on; cleared when the data,
        # the width or the styles change.
        self._drawn: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(256)
        self._hover: int | None = None
        self._announced: object = _UNSET
        self._scroll_pending = False
        self._frame: tuple[int, float, bool] | None = None  # while render_lines draws a frame

    # -- data --------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """Number of rows (headings not counted)."""
        return len(self._layout.keys)

    @property
    def keys(self) -> tuple[Hashable, ...]:
        """The rows' keys, top to bottom."""
        return self._layout.keys

    @property
    def groups(self) -> tuple[AgendaGroup, ...]:
        """The groups as last set."""
        return self._layout.groups

    @property
    def highlighted_key(self) -> Hashable | None:
        """The key under the cursor, or None when there are no rows."""
        return self._layout.keys[self.cursor] if 0 <= self.cursor < len(self._layout.keys) else None

    def set_groups(
        self,
        groups: Sequence[AgendaGroup],
        describe: Callable[[Hashable], Content],
        *,
        keep: Hashable | None = None,
        position: int = 0,
    ) -> None:
        """Replace the rows. Costs O(rows) once; drawing stays O(visible lines).

        Args:
            groups: The groups in display order; empty groups are left out.
            describe: Returns the ``Content`` of one row from its key; called only for rows
                that are drawn, and cached until the next ``set_groups``.
            keep: Put the cursor on this key if it is listed...
            position: ...otherwise on the row at this position (clamped).
        """
        self._layout = AgendaLayout(groups, self.row_height)
        self._describe = describe
        self._contents.clear()
        self._drawn.clear()
        self._hover = None
        target = self._layout.index.get(keep) if keep is not None else None
        # set_reactive skips the watcher: the whole widget is refreshed below anyway.
        self.set_reactive(
            AgendaList.cursor, self.validate_cursor(position if target is None else target)
        )
        self.virtual_size = Size(0, self._layout.line_total)
        self.refresh()
        self._scroll_cursor_into_view()
        self._announce()

    def select_key(self, key: Hashable) -> bool:
        """Move the cursor to ``key`` and scroll to it.

        Returns:
            False (and nothing changes) if the key is not listed.
        """
        position = self._layout.index.get(key)
        if position is None:
            return False
        self.cursor = position
        return True

    # -- geometry ----------------------------------------------------------------------------

    def _row_region(self, row: int) -> Region:
        """The virtual region of ``row``; a group's first row brings its heading along."""
        width = self.scrollable_content_region.width
        top = self._layout.row_line(row)
        if row == self._layout.first_row[self._layout.group_of(row)]:
            return Region(0, top - 1, width, self.row_height + 1)
        return Region(0, top, width, self.row_height)

    # -- cursor ------------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        """Clamp the cursor to an existing row (0 when there are none)."""
        return max(0, min(cursor, len(self._layout.keys) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw only the two rows involved, keep the cursor visible and announce it."""
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_cursor_into_view()
        self._announce()
        self._check_near_end()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled (wheel, page keys, the cursor): near the end, say so."""
        super().watch_scroll_y(old_value, new_value)
        self._check_near_end()

    def _check_near_end(self) -> None:
        layout = self._layout
        rows = len(layout.keys)
        if not rows:
            return
        bottom = int(self.scroll_offset.y) + self.scrollable_content_region.height
        view_near = layout.line_total - bottom <= self.NEAR_END_ROWS * self.row_height
        if view_near or rows - self.cursor <= self.NEAR_END_ROWS:
            self.post_message(self.NearEnd(self))

    def _refresh_row(self, row: int | None) -> None:
        if row is not None and 0 <= row < len(self._layout.keys):
            # ScrollView.refresh_lines takes virtual lines (it subtracts the scroll itself).
            self.refresh_lines(self._layout.row_line(row), self.row_height)

    def _scroll_cursor_into_view(self) -> None:
        if not self.is_mounted or not self.scrollable_content_region.height:
            # Before the first layout the window is empty and any scroll would be wrong;
            # on_resize does it once the size is known.
            self._scroll_pending = True
            return
        self._scroll_pending = False
        if not self._layout.keys:
            self.scroll_to(y=0, animate=False, immediate=True)
            return
        self.scroll_to_region(
            self._row_region(self.cursor), animate=False, force=True, immediate=True, x_axis=False
        )

    def _announce(self) -> None:
        """Post RowHighlighted when the key under the cursor differs from the last post."""
        key = self.highlighted_key
        if key != self._announced:
            self._announced = key
            if key is not None:
                self.post_message(self.RowHighlighted(self, key, self.cursor))

    def action_cursor_down(self) -> None:
        """Highlight the next row (from the last, the first: as an OptionList does)."""
        if self._layout.keys:
            self.cursor = (self.cursor + 1) % len(self._layout.keys)
        self._scroll_cursor_into_view()  # the wheel may have scrolled it out of sight

    def action_cursor_up(self) -> None:
        """Highlight the previous row (from the first, the last)."""
        if self._layout.keys:
            self.cursor = (self.cursor - 1) % len(self._layout.keys)
        self._scroll_cursor_into_view()

    def action_first(self) -> None:
        """Highlight the first row."""
        self.cursor = 0
        self._scroll_cursor_into_view()

    def action_last(self) -> None:
        """Highlight the last row, and ask for every row left (a list read a page at a time)."""
        self.cursor = len(self._layout.keys) - 1
        self._scroll_cursor_into_view()
        self.post_message(self.NearEnd(self, to_the_end=True))

    def _move_page(self, direction: int) -> None:
        """Move about one screen of lines, to the nearest row in that direction."""
        if not self._layout.keys:
            return
        height = max(1, self.scrollable_content_region.height)
        y = self._layout.row_line(self.cursor) + direction * height
        y = max(0, min(y, self._layout.line_total - 1))
        # A heading or a rule is not a row: look on past it, then back if nothing is there.
        for step in (direction, -direction):
            probe = y
            while 0 <= probe < self._layout.line_total:
                if (row := self._layout.row_at(probe)) is not None:
                    self.cursor = row
                    self._scroll_cursor_into_view()
                    return
                probe += step

    def action_page_down(self) -> None:
        """Highlight the row about one page down."""
        self._move_page(1)

    def action_page_up(self) -> None:
        """Highlight the row about one page up."""
        self._move_page(-1)

    def action_select(self) -> None:
        """Choose the highlighted row (posts RowSelected)."""
        key = self.highlighted_key
        if key is not None:
            self.post_message(self.RowSelected(self, key, self.cursor))

    # -- events ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Drop rows drawn for the old width; do a scroll that waited for a size."""
        self._drawn.clear()
        if self._scroll_pending:
            self._scroll_cursor_into_view()

    def on_show(self) -> None:
        """Shown again (the screen hides the list while it is empty): show the cursor too."""
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        """Theme, CSS or focus changed: every drawn row may now have other colours."""
        super().notify_style_update()
        self._drawn.clear()

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        return self._layout.row_at(offset.y + int(self.scroll_offset.y))

    def on_click(self, event: events.Click) -> None:
        """A click on a row highlights and chooses it; a click on a heading does nothing."""
        row = self._row_under(event)
        if row is None:
            return
        event.stop()
        self.cursor = row
        self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light up the row under the mouse."""
        self._set_hover(self._row_under(event))

    def on_leave(self, event: events.Leave) -> None:
        """The mouse left: no row is lit up."""
        self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self._hover:
            old, self._hover = self._hover, row
            self._refresh_row(old)
            self._refresh_row(row)

    # -- drawing -----------------------------------------------------------------------------

    def row_content(self, key: Hashable) -> Content:
        """What the row of ``key`` shows (asked of ``describe`` once per ``set_groups``)."""
        content = self._contents.get(key)
        if content is None:
            content = self._contents[key] = self._describe(key)
        return content

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw a frame: its width, scroll and focus are worked out once, not per line."""
        self._frame = (self.scrollable_content_region.width, self.scroll_offset.y, self.has_focus)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        """Draw the line ``y`` rows below the top of the view: O(1) in the number of rows.

        Every line drawn (a row's, a heading, a rule, blank space) is kept until the data, the
        width or the styles change, so a frame asks for styles once per kind of line.
        """
        if (frame := self._frame) is None:
            frame = (self.scrollable_content_region.width, self.scroll_offset.y, self.has_focus)
        width, scroll_y, focused = frame
        kind, index, line = self._layout.locate(y + int(scroll_y))
        names: tuple[str, ...] = ()
        if kind == "row":
            if index == self.cursor:
                names = ("agenda-list--cursor",)
            elif index == self._hover:
                names = ("agenda-list--hover",)
            key: tuple[object, ...] = ("row", self._layout.keys[index], names, width, focused)
        else:
            key = (kind, index, width, focused)
        if (strips := self._drawn.get(key)) is None:
            strips = self._drawn[key] = self._draw_kind(kind, index, names, width)
        return strips[line]

    def _draw_kind(self, kind: str, index: int, names: tuple[str, ...], width: int) -> list[Strip]:
        """The lines of one row, heading, rule or blank line, exactly ``width`` cells wide."""
        if kind == "row":
            content = self.row_content(self._layout.keys[index])
            return fixed_lines(content, self.get_visual_style(*names), self.row_height, width)
        if kind == "heading":
            heading = self._layout.groups[index].heading
            return fixed_lines(heading, self.get_visual_style("agenda-list--heading"), 1, width)
        if kind == "rule":
            style = self.get_visual_style("agenda-list--separator").rich_style
            return [Strip([Segment("─" * width, style)], width)]
        return [Strip.blank(width, self.get_visual_style().rich_style)]
