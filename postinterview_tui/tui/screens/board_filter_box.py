"""The board's ``/`` filter box: shown on demand, cleared with escape; what it matches is in
``board_filter``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.reactive import reactive
from textual.screen import Screen

from postinterview_tui.domain.stages import STAGE_ORDER, Stage
from postinterview_tui.tui.screens.board_filter import FILTER_PLACEHOLDER

if TYPE_CHECKING:
    from textual.widgets import Input

    from postinterview_tui.tui.state.board_data import BoardData
    from postinterview_tui.tui.widgets.board_column import ColumnView


class FilterBox(Screen[None]):
    """The filter box of the board screen (mixed into it)."""

    BINDINGS = []  # the keys come from the board's command table

    filter_text: reactive[str] = reactive("", init=False, repaint=False)
    """Text that cards must contain to be shown (its watcher redraws what it affects)."""

    if TYPE_CHECKING:
        board: BoardData | None

        def column(self, stage: Stage) -> ColumnView: ...
        def reload(self, focus_id: int | None = None, *, only_if_changed: bool = False) -> Any: ...

    def _filter_box(self) -> Input | None:
        """The filter box, once it has been opened."""
        for box in self.query("#filter"):
            return box  # type: ignore[return-value]
        return None

    async def action_filter(self) -> None:
        """Show the filter box (mounted the first time: most sessions never filter)."""
        box = self._filter_box()
        if box is None:
            from textual.widgets import Input

            box = Input(placeholder=FILTER_PLACEHOLDER, id="filter")
            await self.mount(box, after="#board-header")
        box.add_class("-shown")
        box.disabled = False
        box.focus()

    def action_clear_filter(self) -> None:
        """Clear and hide the filter box."""
        box = self._filter_box()
        if box is None:
            return
        if box.has_class("-shown") or self.filter_text:
            box.value = ""
            box.remove_class("-shown")
            box.disabled = True
            self.filter_text = ""
            self._restore_focus_after_filter()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The filter box's text changed: filter by it."""
        if event.input.id == "filter":
            self.filter_text = event.value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter box: back to the cards."""
        if event.input.id == "filter":
            self._restore_focus_after_filter()

    def _restore_focus_after_filter(self) -> None:
        for stage in STAGE_ORDER:
            column = self.column(stage)
            if column.card_count:
                column.focus()
                return

    def watch_filter_text(self) -> None:
        board = self.board
        if board is None:
            return
        if self.filter_text and not board.closed_complete:
            self.reload()
        else:
            self.board = board
