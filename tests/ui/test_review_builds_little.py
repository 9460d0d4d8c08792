"""Opening the daily review builds little (issue 19, target 2): every widget a screen mounts,
and every component class a widget declares, costs Textual a pass over every style rule of the
app each time the screen's styles are worked out (three times as it opens), plus layout and
drawing. So the review mounts one line for its title and counts, and its list declares only
component classes that some rule styles."""

from __future__ import annotations

from textual.widgets import Static

from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from postinterview_tui.tui.widgets.pending_read import PendingRead
from postinterview_tui.tui.widgets.steady_footer import SteadyFooter
from tests.ui.board_pilot import BoardPilots


async def test_the_review_builds_a_header_line_its_list_and_the_footer(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot() as ui:
        await ui.press("r")
        await ui.settle()
        screen = ui.screen
        assert isinstance(screen, ReviewScreen)
        footer = screen.query_one(SteadyFooter)
        built = [
            widget
            for widget in screen.walk_children()
            if widget is footer or footer not in widget.ancestors
        ]
        assert [(type(widget), widget.id) for widget in built] == [
            (Static, "review-counts"),
            (AgendaList, "review-list"),
            (PendingRead, "review-empty"),
            (Static, "review-hint"),
            (SteadyFooter, None),
        ]
        # The one header line names the screen, then counts as before.
        header = str(screen.query_one("#review-counts", Static).render())
        assert header.startswith("Daily review  ")
        assert "overdue · 1 due soon" in header


async def test_every_component_class_of_the_agenda_list_is_styled(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot() as ui:
        await ui.press("r")
        await ui.settle()
        assert isinstance(ui.screen, ReviewScreen)
        styled = {name for rule in ui.app.stylesheet.rules for name in rule.selector_names}
        declared = AgendaList.COMPONENT_CLASSES
        assert {f".{name}" for name in declared} <= styled, "an unstyled class costs for nothing"
