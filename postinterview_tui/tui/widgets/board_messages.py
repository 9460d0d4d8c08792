"""The messages the board view posts: about one of its columns, or about its height.

Declared with ``namespace="board_view"`` so their handlers are named as if nested in
:class:`~postinterview_tui.tui.widgets.board_view.BoardView` (``on_board_view_card_clicked``),
which names them as class attributes.
"""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from postinterview_tui.tui.widgets.board_column import ColumnView


class ColumnMessage(Message, namespace="board_view"):
    """Base of the messages the board view posts about one of its columns."""

    def __init__(self, view: Widget, column: ColumnView) -> None:
        super().__init__()
        self.view: Widget = view
        self.column: ColumnView = column
        """The column concerned."""

    @property
    def control(self) -> Widget:
        """The board view, so ``@on(BoardView.CardClicked, "#columns")`` selectors work."""
        return self.view


class HeightChanged(Message, namespace="board_view"):
    """The view got taller or shorter (more or fewer cards fit in a column)."""


class CardHighlighted(ColumnMessage, namespace="board_view"):
    """A column's card under the cursor changed (``app_id`` is None on the fold row or if
    the column is empty)."""

    def __init__(self, view: Widget, column: ColumnView, app_id: int | None) -> None:
        super().__init__(view, column)
        self.app_id: int | None = app_id


class CardClicked(ColumnMessage, namespace="board_view"):
    """A card was clicked (the view has already focused itself and moved the cursor)."""

    def __init__(self, view: Widget, column: ColumnView, app_id: int) -> None:
        super().__init__(view, column)
        self.app_id: int = app_id


class ExpandRequested(ColumnMessage, namespace="board_view"):
    """A "+ N more" row was clicked: the screen should show the folded cards."""


class CurrentChanged(ColumnMessage, namespace="board_view"):
    """Another column became the current one."""
