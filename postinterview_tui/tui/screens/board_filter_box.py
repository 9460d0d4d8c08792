"""The board's ``/`` filter box: shown on demand, cleared with escape; what it matches is in
``board_filter``.

The board is read again for a filter once typing pauses (:data:`FILTER_PAUSE_SECONDS`), not
on every key: at 100,000 applications a read for a needle that few cards hold walks a whole
column, and one read per key piled those walks up behind each other (issue 19).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from postinterview_tui.domain.stages import STAGE_ORDER, Stage
from postinterview_tui.tui.screens.board_filter import FILTER_PLACEHOLDER

if TYPE_CHECKING:
    from textual.widgets import Input

    from postinterview_tui.tui.state.board_data import BoardData
    from postinterview_tui.tui.widgets.board_column import ColumnView


FILTER_PAUSE_SECONDS = 0.25
"""How long typing must pause before the board is filtered by what was typed (a key typed
sooner starts the wait again); enter filters at once."""


class FilterBox(Screen[None]):
    """The filter box of the board screen (mixed into it)."""

    BINDINGS = []  # the keys come from the board's command table

    filter_text: reactive[str] = reactive("", init=False, repaint=False)
    """Text that cards must contain to be shown (its watcher redraws what it affects)."""

    _filter_timer: Timer | None = None
    """Waits for typing to pause; a new one for every change of the box's text."""

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
            self._stop_filter_timer()
            box.value = ""
            box.remove_class("-shown")
            box.disabled = True
            self.filter_text = ""
            self._restore_focus_after_filter()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The filter box's text changed: filter by it once typing pauses."""
        if event.input.id != "filter":
            return
        self._stop_filter_timer()  # typed again: the wait starts over
        self._filter_timer = self.set_timer(FILTER_PAUSE_SECONDS, self._apply_filter)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter box: filter now, and back to the cards."""
        if event.input.id == "filter":
            self._apply_filter()
            self._restore_focus_after_filter()

    def _apply_filter(self) -> None:
        """Filter by what the box holds now."""
        self._stop_filter_timer()
        box = self._filter_box()
        if box is not None and box.has_class("-shown"):
            self.filter_text = box.value.strip()

    def _stop_filter_timer(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None

    def _restore_focus_after_filter(self) -> None:
        for stage in STAGE_ORDER:
            column = self.column(stage)
            if column.card_count:
                column.focus()
                return

    def watch_filter_text(self) -> None:
        if self.board is not None:
            self.reload()  # the store finds the matching cards, on every page
