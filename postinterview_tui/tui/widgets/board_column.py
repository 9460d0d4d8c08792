"""One column of the board view: its cards, cursor and scroll position (not a widget)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Final, Protocol

from rich.segment import Segment
from textual.geometry import Size
from textual.strip import Strip

from postinterview_tui.domain.text import safe_line
from postinterview_tui.tui.widgets.card_face import CardFace, clean_face, no_face

# Markers for the last CardHighlighted posted: "on the fold row", and "nothing posted yet" (so
# the first set_cards always announces, even when the column is empty).
FOLD: Final = object()
UNSET: Final = object()

Segments = tuple[Segment, ...]


class ColumnHost(Protocol):
    """What a column asks of the widget that draws it (the board view): where the column is
    drawn, and to repaint (and announce) what the column changed. The column knows this
    interface, not the widget, so the two modules do not import each other."""

    @property
    def body_height(self) -> int:
        """Lines below the headings."""

    def span(self, index: int) -> tuple[int, int]:
        """The x and width of column ``index``."""

    def column_has_focus(self, index: int) -> bool:
        """True when the widget has the focus and column ``index`` is the current one."""

    def focus_column(self, index: int) -> None:
        """Make column ``index`` the current one and focus the widget."""

    def column_changed(self, column: ColumnView) -> None:
        """The column got new cards."""

    def move_cursor(self, column: ColumnView, cursor: int) -> None:
        """Move the column's cursor (clamped) and scroll it into view."""

    def scroll_column(self, column: ColumnView, y: int) -> None:
        """Scroll the column to virtual line ``y``."""

    def body_segments(self, column: ColumnView, body_y: int, width: int) -> Segments:
        """The column's cards on line ``body_y`` of its body."""


class ColumnView:
    """One column of the board view: its cards, cursor and scroll position.

    Not a widget: the board view draws every column. Its methods change the column and ask
    its host (:class:`ColumnHost`) to repaint what changed.
    """

    def __init__(
        self,
        host: ColumnHost,
        index: int,
        key: Hashable,
        heading: str,
        *,
        card_height: int,
        fold_height: int,
    ) -> None:
        self._host = host
        self.card_height = card_height
        """Lines per card, its spacer line included."""
        self.fold_height = fold_height
        """Lines of the "+ N more" row."""
        self.index: int = index
        """Position from the left (0 is the first column)."""
        self.key: Hashable = key
        """What the owner calls this column (the board uses its stage)."""
        self.heading: str = safe_line(heading)
        self.ids: tuple[int, ...] = ()
        # id -> position, so select_id and keep_id cost O(1) instead of a scan per call.
        self._index: dict[int, int] = {}
        self._describe: Callable[[int], CardFace] = no_face
        self._faces: dict[int, CardFace] = {}
        self._folded_more = 0
        self.more_counted = True
        """False when the fold row stands for cards not counted (it reads "+ more")."""
        self.cursor: int = 0
        """Index of the highlighted card; ``card_count`` means the fold row."""
        self.scroll_y: int = 0
        """The first virtual line shown."""
        self.announced: object = UNSET

    # -- what it holds ------------------------------------------------------------------------

    @property
    def card_count(self) -> int:
        """Number of cards (the fold row is not counted)."""
        return len(self.ids)

    @property
    def folded_more(self) -> int:
        """How many cards the "+ N more" row stands for (0: no fold row)."""
        return self._folded_more

    @property
    def highlighted_id(self) -> int | None:
        """The id under the cursor, or None on the fold row or when the column is empty."""
        cursor = self.cursor
        return self.ids[cursor] if 0 <= cursor < len(self.ids) else None

    @property
    def cursor_on_fold(self) -> bool:
        """True when the cursor is on the "+ N more" row."""
        return self._folded_more > 0 and self.cursor == len(self.ids)

    @property
    def has_focus(self) -> bool:
        """True when the board view has the focus and this is its current column."""
        return self._host.column_has_focus(self.index)

    @property
    def row_count(self) -> int:
        """Cards plus the fold row, if any."""
        return len(self.ids) + (1 if self._folded_more else 0)

    @property
    def virtual_height(self) -> int:
        """Lines needed to draw every row (1 for the empty text)."""
        if not self.row_count:
            return 1
        card_lines = len(self.ids) * self.card_height
        return card_lines + (self.fold_height if self._folded_more else 0)

    @property
    def size(self) -> Size:
        """The cells the column's cards are drawn in (without heading and separator)."""
        _, width = self._host.span(self.index)
        return Size(max(width - 1, 0), self._host.body_height)

    def face(self, app_id: int) -> CardFace:
        """The (sanitised) face of ``app_id``; ``describe`` runs at most once per id."""
        face = self._faces.get(app_id)
        if face is None:
            face = self._faces[app_id] = clean_face(self._describe(app_id))
        return face

    def row_span(self, row: int) -> tuple[int, int]:
        """The virtual first line and height of a row (cards include their spacer line)."""
        card_height = self.card_height
        if row < len(self.ids):
            return row * card_height, card_height
        return len(self.ids) * card_height, self.fold_height

    def row_at(self, virtual_y: int) -> int | None:
        """The row drawn on virtual line ``virtual_y``, or None below the last row."""
        if virtual_y < 0:
            return None
        card_lines = len(self.ids) * self.card_height
        if virtual_y < card_lines:
            return virtual_y // self.card_height
        if self._folded_more and virtual_y < card_lines + self.fold_height:
            return len(self.ids)
        return None

    # -- changes ------------------------------------------------------------------------------

    def set_cards(
        self,
        ids: Sequence[int],
        describe: Callable[[int], CardFace],
        *,
        heading: str | None = None,
        folded_more: int = 0,
        more_counted: bool = True,
        keep_id: int | None = None,
    ) -> None:
        """Replace the cards. Costs O(len(ids)) once; drawing stays O(visible lines).

        Args:
            ids: Application ids in display order.
            describe: Returns the face of one id; called lazily, only for cards that are drawn,
                and cached until the next call to ``set_cards``.
            heading: A new heading for the column (unchanged when None).
            folded_more: When above 0, a last "+ N more" row is added.
            more_counted: False when how many more there are is not known: the row then
                reads "+ more".
            keep_id: Keep the cursor on this id if it is still present; otherwise the cursor
                index is kept and clamped.
        """
        self.ids = tuple(ids)
        self._index = {app_id: position for position, app_id in enumerate(self.ids)}
        self._describe = describe
        self._faces.clear()
        self._folded_more = max(0, folded_more)
        self.more_counted = more_counted
        if heading is not None:
            self.heading = safe_line(heading)
        target = self._index.get(keep_id) if keep_id is not None else None
        self.cursor = self._clamp(self.cursor if target is None else target)
        self._host.column_changed(self)

    def move_cursor(self, delta: int) -> None:
        """Move the cursor by ``delta`` rows (clamped) and scroll it fully into view."""
        self._host.move_cursor(self, self.cursor + delta)

    def select_id(self, app_id: int) -> bool:
        """Move the cursor to ``app_id`` and scroll to it.

        Returns:
            False (and nothing changes) if the id is not in the column.
        """
        position = self._index.get(app_id)
        if position is None:
            return False
        self._host.move_cursor(self, position)
        return True

    def focus(self) -> None:
        """Make this the current column and give the board view the focus."""
        self._host.focus_column(self.index)

    def scroll_to(self, y: int) -> None:
        """Scroll so virtual line ``y`` is at the top (clamped); the cursor stays."""
        self._host.scroll_column(self, y)

    def _clamp(self, cursor: int) -> int:
        return max(0, min(cursor, self.row_count - 1))

    # -- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """The column's cards on line ``y`` of its body (no heading, no separator)."""
        width = self.size.width
        return Strip(self._host.body_segments(self, y, width), width)
