"""The board's columns beyond their first page: the next page is read when the cursor comes near
the last card read, or when the user chooses a "+ N more" row (issue 19: the board reads what it
draws, so a column of 100,000 closed applications costs what one of 100 does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.screen import Screen

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.screens.services import Services
from postinterview_tui.tui.state.board_data import BoardData, with_next_page
from postinterview_tui.tui.widgets.board_messages import ExpandRequested

if TYPE_CHECKING:
    from postinterview_tui.tui.widgets.board_column import ColumnView

NEXT_PAGE_AHEAD = 10
"""The next page of a column is read when the cursor comes this close to its last card read."""


class BoardPaging(Screen[None]):
    """Reading the board's columns on (mixed into the board screen)."""

    BINDINGS = []  # the keys come from the board's command table

    if TYPE_CHECKING:
        board: BoardData | None
        filter_text: str
        _expanded_closed: bool
        _focus_after_load: int | None
        _paging: set[Stage]

        @property
        def pi_app(self) -> Services: ...
        def column(self, stage: Stage) -> ColumnView: ...
        def current_id(self) -> int | None: ...

    def _read_on_if_near_end(self, column: ColumnView) -> None:
        """Read a column's next page when its cursor comes near its last card read."""
        board = self.board
        if board is None:
            return
        stage = Stage(str(column.key))
        if board.complete(stage) or column.card_count < len(board.columns[stage]):
            return  # every card read, or the Closed column folded: nothing to read yet
        if column.cursor >= column.card_count - NEXT_PAGE_AHEAD:
            self._read_next_page(stage)

    def _read_next_page(self, stage: Stage) -> None:
        board = self.board
        if board is None or board.complete(stage) or stage in self._paging:
            return
        self._paging.add(stage)
        self._next_page_worker(board, stage)

    @work(thread=True, group="board-page", exit_on_error=False)
    def _next_page_worker(self, board: BoardData, stage: Stage) -> None:
        data = None
        try:
            data = with_next_page(self.pi_app.repository, board, stage)
        finally:
            self.app.call_from_thread(self._next_page_read, board, data, stage)

    def _next_page_read(self, before: BoardData, data: BoardData | None, stage: Stage) -> None:
        self._paging.discard(stage)
        if data is None:
            return  # the read failed (the worker reports it)
        if self.board is not before:
            # The board changed meanwhile (a move, a reload): read on from the new one.
            if self.board is not None and self.column(stage).has_focus:
                self._read_on_if_near_end(self.column(stage))
            return
        self._focus_after_load = self.current_id()
        self.board = data

    @on(ExpandRequested)
    def _fold_opened(self, event: ExpandRequested) -> None:
        self.open_fold(Stage(str(event.column.key)))

    def open_fold(self, stage: Stage) -> None:
        """The "+ N more" row was chosen: show the folded closed cards, or read the next page."""
        if stage is Stage.CLOSED and not self._expanded_closed and not self.filter_text:
            self._expanded_closed = True
            if self.board is not None:
                self.board = self.board  # the closed cards read so far, unfolded
        else:
            self._read_next_page(stage)
