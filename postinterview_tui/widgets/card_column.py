"""A virtualised column of kanban cards, drawn with Textual's line API.

One widget per column instead of one widget per card: a column of 10,000 applications costs the
same to open as a column of 10, because only the lines on screen are drawn and the text of a card
is asked for (through ``describe``) only when that card is first drawn.

The widget owns no key bindings (the board screen owns them, from its command table); it offers
:meth:`CardColumn.move_cursor` and :meth:`CardColumn.select_id`, handles mouse clicks and wheel
scrolling, and reports what happened with messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Final

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from postinterview_tui.domain.text import safe_line

TONES: Final[frozenset[str]] = frozenset({"overdue", "due", "upcoming", "calm", "done"})
"""The tones a card can take; anything else is drawn as ``calm``."""

# Markers for the last CardHighlighted posted: "on the fold row", and "nothing posted yet" (so
# the first set_cards always announces, even when the column is empty).
_FOLD: Final = object()
_UNSET: Final = object()


@dataclass(frozen=True, slots=True)
class CardFace:
    """What one card shows. All strings are plain user text, never markup."""

    title: str  # first line, usually the company
    subtitle: str  # second line, usually the role
    status: str  # third line: "thank-you overdue 2d", "follow up in 3d", "interview tomorrow"
    tone: str  # one of TONES; picks the colour of the status line
    symbol: str = ""  # before the status ("!" overdue, "•" due) so it reads without colour
    short_status: str = ""  # used instead of ``status`` when that does not fit ("2d late")


def _fit(text: str, width: int) -> str:
    """Cut or pad ``text`` to exactly ``width`` terminal cells, ending with "…" when cut.

    Works in cells, not characters, so wide CJK and emoji can never overflow the column.
    """
    if width <= 0:
        return ""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    # set_cell_size pads with a space when the cut falls inside a wide character.
    return set_cell_size(text, width - 1) + "…"


def _clean_face(face: CardFace) -> CardFace:
    """Return ``face`` with every string made safe to draw on one terminal line."""
    return CardFace(
        title=safe_line(face.title),
        subtitle=safe_line(face.subtitle),
        status=safe_line(face.status),
        tone=face.tone if face.tone in TONES else "calm",
        symbol=safe_line(face.symbol),
        short_status=safe_line(face.short_status),
    )


def _no_face(app_id: int) -> CardFace:
    """The ``describe`` used before the first ``set_cards`` (never called: there are no ids)."""
    return CardFace(title=str(app_id), subtitle="", status="", tone="calm")


class ColumnMessage(Message):
    """Base of the messages a :class:`CardColumn` posts."""

    def __init__(self, column: CardColumn) -> None:
        super().__init__()
        self.column: CardColumn = column
        """The column that posted the message."""

    @property
    def control(self) -> CardColumn:
        """The column, so ``@on(CardColumn.CardClicked, "#applied")`` selectors work."""
        return self.column


class CardColumn(ScrollView, can_focus=True, inherit_bindings=False):
    """A focusable, scrollable column of cards that draws only what is on screen.

    ``inherit_bindings=False`` drops ScrollView's arrow/page keys: a focused widget's bindings
    would otherwise shadow the board screen's, and the screen must own every key.
    """

    CARD_HEIGHT: ClassVar[int] = 4
    """Lines per card: title, subtitle, status, then a blank spacer (at least 4)."""
    FOLD_HEIGHT: ClassVar[int] = 1
    """Lines taken by the "+ N more" row."""
    ALLOW_SELECT = False  # click-drag should move the cursor, not select text.

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"card-column--{part}"
        for part in (
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
    | `card-column--card` | The body of every card (not its spacer line). |
    | `card-column--title` / `--subtitle` | The first and second lines of a card. |
    | `card-column--overdue`, `--due`, `--upcoming`, `--calm`, `--done` | Status line, by tone. |
    | `card-column--cursor` | Added on top of the card (or fold row) under the cursor. |
    | `card-column--cursor-focused` | Instead of `--cursor` while the column has focus. |
    | `card-column--bar` | The bar left of the cursor card. |
    | `card-column--bar-focused` | Instead of `--bar` while the column has focus. |
    | `card-column--fold` | The "+ N more" row. |
    | `card-column--empty` | The text shown when the column is empty. |
    """

    DEFAULT_CSS = """
    CardColumn {
        width: 1fr;
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;

        & > .card-column--card { background: $boost; }
        & > .card-column--title { text-style: bold; }
        & > .card-column--subtitle { color: $text-muted; }
        & > .card-column--overdue { color: $text-error; text-style: bold; }
        & > .card-column--due { color: $text-warning; }
        & > .card-column--upcoming { color: $text-muted; }
        & > .card-column--calm { color: $text-muted; }
        & > .card-column--done { color: $text-disabled; }
        & > .card-column--cursor { background: $primary 12%; }
        & > .card-column--cursor-focused { background: $primary 35%; }
        & > .card-column--bar { color: $text-muted; }
        & > .card-column--bar-focused { color: $primary; }
        & > .card-column--fold { color: $text-muted; text-style: italic; }
        & > .card-column--empty { color: $text-disabled; text-style: italic; }
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Index of the highlighted card; ``card_count`` means the fold row."""

    class CardHighlighted(ColumnMessage):
        """The card under the cursor changed (``app_id`` is None on the fold row or if empty)."""

        def __init__(self, column: CardColumn, app_id: int | None) -> None:
            super().__init__(column)
            self.app_id: int | None = app_id

    class CardClicked(ColumnMessage):
        """A card was clicked (the column has already focused itself and moved its cursor)."""

        def __init__(self, column: CardColumn, app_id: int) -> None:
            super().__init__(column)
            self.app_id: int = app_id

    class ExpandRequested(ColumnMessage):
        """The "+ N more" row was clicked: the screen should show the folded cards."""

    def __init__(
        self,
        *,
        empty_text: str = "Nothing here",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Create an empty column; fill it with :meth:`set_cards`.

        Args:
            empty_text: Shown (dimmed) when the column has no cards and no fold row.
            name: The widget's name.
            id: The widget's DOM id.
            classes: Space-separated CSS classes.
        """
        super().__init__(name=name, id=id, classes=classes)
        self._empty_text = safe_line(empty_text)
        self._ids: tuple[int, ...] = ()
        # id -> position, so select_id and keep_id cost O(1) instead of a scan per call.
        self._index: dict[int, int] = {}
        self._describe: Callable[[int], CardFace] = _no_face
        self._faces: dict[int, CardFace] = {}
        self._folded_more = 0
        # Drawn lines, keyed by what they depend on (a card's face, not its id, so lines
        # survive set_cards when a card did not change); cleared when the styles change.
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        # Resolved component styles: resolving one costs more than drawing a line.
        self._styles: dict[tuple[str, ...], RichStyle] = {}
        self._announced: object = _UNSET
        self._scroll_pending = False

    @property
    def card_count(self) -> int:
        """Number of cards (the fold row is not counted)."""
        return len(self._ids)

    @property
    def folded_more(self) -> int:
        """How many cards the "+ N more" row stands for (0: no fold row)."""
        return self._folded_more

    @property
    def highlighted_id(self) -> int | None:
        """The id under the cursor, or None on the fold row or when the column is empty."""
        cursor = self.cursor
        return self._ids[cursor] if 0 <= cursor < len(self._ids) else None

    @property
    def cursor_on_fold(self) -> bool:
        """True when the cursor is on the "+ N more" row."""
        return self._folded_more > 0 and self.cursor == len(self._ids)

    def set_cards(
        self,
        ids: Sequence[int],
        describe: Callable[[int], CardFace],
        *,
        folded_more: int = 0,
        keep_id: int | None = None,
    ) -> None:
        """Replace the cards. Costs O(len(ids)) once; drawing stays O(visible lines).

        Args:
            ids: Application ids in display order.
            describe: Returns the face of one id; called lazily, only for cards that are drawn,
                and cached until the next call to ``set_cards``.
            folded_more: When above 0, a last "+ N more" row is added.
            keep_id: Keep the cursor on this id if it is still present; otherwise the cursor
                index is kept and clamped.
        """
        self._ids = tuple(ids)
        self._index = {app_id: position for position, app_id in enumerate(self._ids)}
        self._describe = describe
        self._faces.clear()
        self._folded_more = max(0, folded_more)
        target = self._index.get(keep_id) if keep_id is not None else None
        # set_reactive skips the watcher: the whole widget is refreshed below anyway.
        self.set_reactive(
            CardColumn.cursor, self.validate_cursor(self.cursor if target is None else target)
        )
        self._set_virtual_height(self._line_count())
        self.refresh()
        self._scroll_cursor_into_view()
        self._announce()

    def _set_virtual_height(self, height: int) -> None:
        """Set the scrollable height; a layout pass (a repaint of the whole screen) only when
        the scrollbar appears or goes."""
        size = Size(0, height)
        view = self.container_size.height
        if self.is_mounted and view and (height > view) == (self.virtual_size.height > view):
            # Same scrollbar, other thumb: what Textual's layout pass would do for this column.
            self.set_reactive(CardColumn.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def move_cursor(self, delta: int) -> None:
        """Move the cursor by ``delta`` rows (clamped) and scroll it fully into view."""
        self.cursor = self.cursor + delta
        # Also when the cursor did not move: the wheel may have scrolled it out of sight.
        self._scroll_cursor_into_view()

    def select_id(self, app_id: int) -> bool:
        """Move the cursor to ``app_id`` and scroll to it.

        Returns:
            False (and nothing changes) if the id is not in the column.
        """
        position = self._index.get(app_id)
        if position is None:
            return False
        self.cursor = position
        self._scroll_cursor_into_view()
        return True

    def _row_count(self) -> int:
        return len(self._ids) + (1 if self._folded_more else 0)

    def _line_count(self) -> int:
        if not self._row_count():
            return 1  # the empty-text line
        return len(self._ids) * self.CARD_HEIGHT + (self.FOLD_HEIGHT if self._folded_more else 0)

    def _row_region(self, row: int) -> Region:
        """The virtual region a row occupies (cards include their spacer line)."""
        width = self.scrollable_content_region.width
        if row < len(self._ids):
            return Region(0, row * self.CARD_HEIGHT, width, self.CARD_HEIGHT)
        return Region(0, len(self._ids) * self.CARD_HEIGHT, width, self.FOLD_HEIGHT)

    def _row_at(self, virtual_y: int) -> int | None:
        """The row drawn on virtual line ``virtual_y``, or None below the last row."""
        if virtual_y < 0:
            return None
        card_lines = len(self._ids) * self.CARD_HEIGHT
        if virtual_y < card_lines:
            return virtual_y // self.CARD_HEIGHT
        if self._folded_more and virtual_y < card_lines + self.FOLD_HEIGHT:
            return len(self._ids)
        return None

    def validate_cursor(self, cursor: int) -> int:
        """Clamp the cursor to an existing row (0 when there are none)."""
        return max(0, min(cursor, self._row_count() - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw only the two rows involved, keep the cursor visible and announce it."""
        for row in (old, new):
            if 0 <= row < self._row_count():
                region = self._row_region(row)
                self.refresh_lines(region.y, region.height)
        self._scroll_cursor_into_view()
        self._announce()

    def _scroll_cursor_into_view(self) -> None:
        if not self.is_mounted or not self.scrollable_content_region.height:
            # Before the first layout the window is empty and any scroll would be wrong;
            # on_resize does it once the size is known.
            self._scroll_pending = True
            return
        self._scroll_pending = False
        if not self._row_count():
            self.scroll_to(y=0, animate=False, immediate=True)
            return
        self.scroll_to_region(
            self._row_region(self.cursor), animate=False, force=True, immediate=True, x_axis=False
        )

    def _announce(self) -> None:
        """Post CardHighlighted when what is under the cursor differs from the last post."""
        key: object = _FOLD if self.cursor_on_fold else self.highlighted_id
        if key != self._announced:
            self._announced = key
            self.post_message(self.CardHighlighted(self, self.highlighted_id))

    def on_resize(self, event: events.Resize) -> None:
        """Drop lines drawn for the old width; do a scroll that waited for a size."""
        self._strips.clear()
        if self._scroll_pending:
            self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        """Theme, CSS or focus changed: every cached line may now have other colours."""
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    def on_click(self, event: events.Click) -> None:
        """Focus, move the cursor to the clicked row and report the click."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self._row_at(offset.y + self.scroll_offset.y)
        if row is None:
            return
        event.stop()
        self.focus()
        self.cursor = row
        if row < len(self._ids):
            self.post_message(self.CardClicked(self, self._ids[row]))
        else:
            self.post_message(self.ExpandRequested(self))

    def _face(self, app_id: int) -> CardFace:
        """The (sanitised) face of ``app_id``; ``describe`` runs at most once per id."""
        face = self._faces.get(app_id)
        if face is None:
            face = self._faces[app_id] = _clean_face(self._describe(app_id))
        return face

    def _style(self, *names: str) -> RichStyle:
        # get_visual_style resolves the component classes against the current theme and blends
        # translucent backgrounds over the widget's own. Focus is in the names (``-focused``).
        style = self._styles.get(names)
        if style is None:
            style = self._styles[names] = self.get_visual_style(*names).rich_style
        return style

    def _bar_class(self) -> str:
        return "card-column--bar-focused" if self.has_focus else "card-column--bar"

    def _on_focus(self, event: events.Focus) -> None:
        # Textual's own handler repaints the whole widget; focus changes only the cursor's
        # look here (no :focus style), and repainting two full columns made h/l and moves
        # cost as much as the rest of the key press together.
        event.prevent_default()
        # Without the style update Textual runs on has_focus: no style here depends on :focus
        # (keep it so), and the update re-applies the scrollbar colours, which repaints them.
        self.set_reactive(Widget.has_focus, True)
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))
        self._refresh_cursor_row()

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()  # as _on_focus
        self.set_reactive(Widget.has_focus, False)
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))
        self._refresh_cursor_row()

    def _refresh_cursor_row(self) -> None:
        if 0 <= self.cursor < self._row_count():
            region = self._row_region(self.cursor)
            self.refresh_lines(region.y, region.height)

    def _text_line(
        self, names: tuple[str, ...], text_class: str, text: str, bar: str, width: int
    ) -> Strip:
        """One line: a 1-cell bar, a space, the text cut to fit, a space on the right."""
        fill = self._style(*names)
        text_style = self._style(*names, text_class)
        if width < 4:  # too narrow for margins: text only.
            return Strip([Segment(_fit(text, width), text_style)], max(width, 0))
        bar_segment = (
            Segment(bar, self._style(*names, self._bar_class())) if bar else Segment(" ", fill)
        )
        segments = [
            bar_segment,
            Segment(" ", fill),
            Segment(_fit(text, width - 3), text_style),
            Segment(" ", fill),
        ]
        return Strip(segments, width)

    def render_line(self, y: int) -> Strip:
        """Draw the line ``y`` rows below the top of the view: O(1) in the number of cards."""
        virtual_y = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        focused = self.has_focus
        row = self._row_at(virtual_y)
        if row is None:
            if virtual_y == 0 and not self._row_count():
                key: tuple[object, ...] = ("empty", width, focused)
                if (strip := self._strips.get(key)) is None:
                    strip = self._text_line((), "card-column--empty", self._empty_text, "", width)
                    self._strips[key] = strip
                return strip
            return Strip.blank(width, self._style())

        on_cursor = row == self.cursor
        if row == len(self._ids):
            key = ("fold", self._folded_more, on_cursor, width, focused)
            line = 0
        else:
            line = virtual_y - row * self.CARD_HEIGHT
            key = ("card", self._face(self._ids[row]), line, on_cursor, width, focused)
        if (strip := self._strips.get(key)) is None:
            strip = self._draw_row_line(row, line, on_cursor, width)
            self._strips[key] = strip
        return strip

    def _draw_row_line(self, row: int, line: int, on_cursor: bool, width: int) -> Strip:
        """Draw line ``line`` of row ``row`` (a card, or the fold row)."""
        focused = self.has_focus
        names: tuple[str, ...] = ()
        if on_cursor:
            names = ("card-column--cursor-focused",) if focused else ("card-column--cursor",)
        # A heavy bar when focused, a thin one when not: the cursor reads without colour too.
        bar = ("▌" if focused else "│") if on_cursor else ""
        if row == len(self._ids):
            text = f"+ {self._folded_more:,} more"
            return self._text_line(names, "card-column--fold", text, bar, width)
        if line >= self.CARD_HEIGHT - 1:
            return Strip.blank(width, self._style())  # spacer between cards
        face = self._face(self._ids[row])
        names = ("card-column--card", *names)
        if line == 0:
            return self._text_line(names, "card-column--title", face.title, bar, width)
        if line == 1:
            return self._text_line(names, "card-column--subtitle", face.subtitle, bar, width)
        if line == 2:
            text = face.status
            if face.short_status and cell_len(text) + 2 > width - 2:
                text = face.short_status
            status = f"{face.symbol} {text}" if face.symbol else text
            return self._text_line(names, f"card-column--{face.tone}", status, bar, width)
        return self._text_line(names, "card-column--subtitle", "", bar, width)  # taller cards
