"""Opening the daily review builds little (issue 19, target 2): every widget a screen mounts,
and every component class a widget declares, costs Textual a pass over every style rule of the
app each time the screen's styles are worked out (three times as it opens), plus layout and
drawing. So the review mounts one line for its title and counts, and its list declares only
component classes that some rule styles."""

from __future__ import annotations

from typing import Any

import pytest
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Static

from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from postinterview_tui.tui.widgets.fixed_lines import fixed_lines
from postinterview_tui.tui.widgets.key_bar import KeyBar
from tests.ui.board_pilot import BoardPilots


async def test_the_review_builds_a_header_line_its_list_its_hint_and_the_footer(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot() as ui:
        await ui.press("r")
        await ui.settle()
        screen = ui.screen
        assert isinstance(screen, ReviewScreen)
        footer = screen.query_one(KeyBar)
        built = [
            widget
            for widget in screen.walk_children()
            if widget is footer or footer not in widget.ancestors
        ]
        assert [(type(widget), widget.id) for widget in built] == [
            (Static, "review-counts"),
            (AgendaList, "review-list"),
            (Static, "review-hint"),
            (KeyBar, None),
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


async def test_a_frame_of_the_list_asks_for_styles_per_kind_of_line_not_per_line(
    board_pilot: BoardPilots, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, ...]] = []
    original = AgendaList.get_visual_style

    def counted(self: AgendaList, *names: str, partial: bool = False) -> Style:
        asked.append(names)
        return original(self, *names, partial=partial)

    async with board_pilot(size=(100, 60)) as ui:
        await ui.press("r")
        await ui.settle()
        rows = ui.screen.query_one("#review-list", AgendaList)
        lines = rows.scrollable_content_region.height
        assert lines > 40 and rows.virtual_size.height < lines - 10, "blank lines below the rows"
        drawn = [rows.render_line(y).text for y in range(lines)]
        monkeypatch.setattr(AgendaList, "get_visual_style", counted)
        asked.clear()
        rows.refresh()
        await ui.pilot.pause()
        assert len(asked) <= 4, asked  # the lines drawn before are drawn again as they were
        assert [rows.render_line(y).text for y in range(lines)] == drawn


def test_a_row_line_is_drawn_as_one_strip(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Strip] = []
    original = Strip.__init__

    def counted(self: Strip, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Strip, "__init__", counted)
    row = Content.assemble(("! ", "bold"), "Acme — Data engineer\n", "   follow up · tomorrow")
    lines = fixed_lines(row, Style(), 2, 40)
    assert [line.text for line in lines] == [
        "! Acme — Data engineer".ljust(40),
        "   follow up · tomorrow".ljust(40),
    ]
    assert len(built) == 2, "one strip per line, padded as it is built"
    long = fixed_lines(Content("x" * 60), Style(), 1, 40)
    assert long[0].text == "x" * 39 + "…"
    assert long[0].cell_length == 40
