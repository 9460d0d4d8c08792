"""Opening the review from the board counts nothing again (issue 19, target 2).

The board counted the review's groups for its header when it read (and keeps them on its
writes). Pressing r a moment later, with nothing written since and no due or round time
crossed, the review takes those counts (a few seeks to know they still hold) instead of
counting every due in the window again; after its own write it counts afresh.
"""

from __future__ import annotations

from textual.widgets import Static

from postinterview_tui.tui.screens.review import ReviewScreen
from tests.ui.board_pilot import BoardPilots


def _counts(statements: list[str]) -> list[str]:
    return [sql for sql in statements if "COUNT(*)" in sql.upper()]


async def test_the_review_takes_the_boards_counts_while_they_hold(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot() as ui:
        statements: list[str] = []
        ui.app.repository.db.set_trace_callback(statements.append)
        try:
            await ui.press("r")
            await ui.settle()
            assert isinstance(ui.screen, ReviewScreen)
            assert statements, "the review read its rows"
            assert _counts(statements) == []
            header = str(ui.screen.query_one("#review-counts", Static).render())
            assert "3 overdue · 1 due soon · 1 gone quiet · 6 upcoming" in header
            # After a write of its own the review reads again, and counts.
            statements.clear()
            await ui.press("d")
            await ui.settle()
            assert _counts(statements), "a read after a write counts the groups"
            header = str(ui.screen.query_one("#review-counts", Static).render())
            assert "2 overdue · 1 due soon · 1 gone quiet · 6 upcoming" in header
        finally:
            ui.app.repository.db.set_trace_callback(None)
