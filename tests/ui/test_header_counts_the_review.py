"""Issue 15 §2: the board's header and the daily review agree. The demo's header said "1 due
today" while its only Due row read "send a thank-you note · tomorrow"; now the header counts
"N overdue · N due soon", and those are the rows under the review's Overdue and Due soon
headings (both come from ``domain.agenda_groups.group_agenda``)."""

from __future__ import annotations

from textual.widgets import Static

from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from tests.ui.board_pilot import BoardPilot, BoardPilots


def _header_counts(ui: BoardPilot) -> dict[str, int]:
    text = str(ui.board().query_one("#summary", Static).render())
    counts = {}
    for part in text.split(" · "):
        number, _, words = part.partition(" ")
        if number.isdigit():
            counts[words] = int(number)
    return counts


def _review_groups(ui: BoardPilot) -> dict[str, int]:
    screen = ui.screen
    assert isinstance(screen, ReviewScreen)
    rows = screen.query_one("#review-list", AgendaList)
    return {group.heading.plain.rsplit(" (", 1)[0]: len(group.keys) for group in rows.groups}


async def test_the_demo_header_counts_the_review_rows(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        header = _header_counts(ui)
        assert set(header) == {"overdue", "due soon"}
        await ui.press("r")
        groups = _review_groups(ui)
        assert header == {
            "overdue": groups.get("Overdue", 0),
            "due soon": groups.get("Due soon", 0),
        }
        assert header["due soon"] == 1  # the thank-you due tomorrow, counted as "due soon"
