"""Issue 15 §2 in the app: the demo's Cobalt Robotics ("move on?") has gone quiet. Its card has
a calm look of its own (the "~" symbol, the ``quiet`` tone from app.tcss, never the red of what
is late), the review lists it under "Gone quiet" (not Overdue), and the board's header does not
count it as overdue."""

from __future__ import annotations

from rich.segment import Segment
from textual.widgets import Static

from postinterview_tui.domain.review import ItemKey
from postinterview_tui.domain.rules import ActionKind
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from tests.ui.board_pilot import BoardPilots


def _status_segment(lines: list[list[Segment]], words: str) -> Segment:
    for segments in lines:
        for segment in segments:
            if words in segment.text:
                return segment
    raise AssertionError(f"{words!r} is not on the board")


async def test_a_move_on_has_gone_quiet_on_the_card_the_review_and_the_header(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot() as ui:
        cobalt = ui.id_of("Cobalt Robotics")
        view = ui.board().view
        lines = [list(view.render_line(y)) for y in range(view.size.height)]
        quiet = _status_segment(lines, "~ quiet: close it?")
        late = _status_segment(lines, "! follow up 5d late")  # Bright Ledger, overdue
        assert quiet.style is not None and late.style is not None
        assert quiet.style.italic and not quiet.style.bold
        assert quiet.style.color != late.style.color
        header = str(ui.board().query_one("#summary", Static).render())
        assert header.startswith("3 overdue · 1 due soon")  # Cobalt is not one of them
        await ui.press("r")
        screen = ui.screen
        assert isinstance(screen, ReviewScreen)
        rows = screen.query_one("#review-list", AgendaList)
        headings = {group.heading.plain: group.keys for group in rows.groups}
        key = ItemKey(cobalt, ActionKind.MOVE_ON, None)
        assert headings["Gone quiet (1)"] == (key,)
        assert key not in headings["Overdue (3)"]
        row = rows.row_content(key).plain
        assert row.startswith("~ Cobalt Robotics")
        assert row.endswith("no reply since Wed 11 Nov: close it?")
        assert "late" not in row
