"""Opening an application's details builds little (issue 19): its three texts and the footer,
no scrolling container (the screen scrolls itself, with keys from the command table); and a
footer does no work for a screen that is covered or whose keys are about to be drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone
from textual.screen import Screen
from textual.widgets import Static

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.stages import InterviewKind
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.board import BoardScreen
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.widgets.steady_footer import KeySignature, SteadyFooter
from tests.ui.board_pilot import BoardPilots


def _long_history(db_path: Path, now: DateTime, zone: Timezone) -> int:
    """An application whose timeline is far taller than an 80x24 terminal."""
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    try:
        interview = NewInterview(now.subtract(days=30), InterviewKind.VIDEO, "")
        acme = repository.add_application(
            NewApplication("Acme", "Data engineer", interview), now.subtract(days=30)
        )
        for day in range(29, 0, -1):
            repository.record_reply(
                acme, when=now.subtract(days=day), decision_by=None, now=now, note=f"day {day}"
            )
        return acme
    finally:
        repository.close()


async def test_the_detail_builds_its_three_texts_and_the_footer(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot() as ui:
        await ui.open_card("Lumen Health", "enter")
        screen = ui.screen
        assert isinstance(screen, DetailScreen)
        footer = screen.query_one(SteadyFooter)
        built = [
            widget
            for widget in screen.walk_children()
            if widget is footer or footer not in widget.ancestors
        ]
        assert [widget.id for widget in built if isinstance(widget, Static)] == [
            "detail-head",
            "detail-facts",
            "detail-timeline",
        ]
        assert len(built) == 4, [type(widget).__name__ for widget in built]
        timeline = str(screen.query_one("#detail-timeline", Static).render())
        assert timeline.splitlines()[0] == "Timeline"


async def test_a_long_detail_scrolls_with_its_keys(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    acme = _long_history(db_path, now, zone)
    async with board_pilot(demo=False, size=(80, 24), focus=acme) as ui:
        await ui.press("enter")
        screen = ui.screen
        assert isinstance(screen, DetailScreen)
        assert screen.max_scroll_y > 10
        await ui.press("j")
        assert screen.scroll_y == 1
        await ui.press("k")
        assert screen.scroll_y == 0
        await ui.press("pagedown")
        assert screen.scroll_y > 1
        await ui.press("end")
        assert screen.scroll_y == screen.max_scroll_y
        await ui.press("home")
        assert screen.scroll_y == 0


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[type[Screen[Any]]]:
    """The screens whose footer keys were worked out, in order."""
    calls: list[type[Screen[Any]]] = []
    original = SteadyFooter.shown_keys

    def recorded(self: SteadyFooter, screen: Screen[Any]) -> KeySignature:
        calls.append(type(screen))
        return original(self, screen)

    monkeypatch.setattr(SteadyFooter, "shown_keys", recorded)
    return calls


async def test_opening_the_detail_works_out_its_keys_once_and_the_boards_never(
    board_pilot: BoardPilots, worked_out: list[type[Screen[Any]]]
) -> None:
    async with board_pilot(focus="Lumen Health") as ui:
        keys_before = [str(key.render()) for key in ui.board().query("FooterKey")]
        worked_out.clear()
        await ui.press("enter")
        assert isinstance(ui.screen, DetailScreen)
        assert ui.screen.query("FooterKey"), "the detail's footer shows its keys"
        assert worked_out == [DetailScreen], "once, as they are drawn; the covered board none"
        await ui.press("escape")
        assert isinstance(ui.screen, BoardScreen)
        assert [str(key.render()) for key in ui.board().query("FooterKey")] == keys_before


async def test_the_timeline_is_wrapped_once(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """The timeline wraps its own lines (each under its text); Textual is told not to wrap
    them a second time, which cost as much as drawing them. Long lines still wrap: see
    test_history_lines.py at 80 columns."""
    acme = _long_history(db_path, now, zone)
    async with board_pilot(demo=False, size=(80, 24), focus=acme) as ui:
        await ui.press("enter")
        timeline = ui.screen.query_one("#detail-timeline", Static)
        assert timeline.styles.text_wrap == "nowrap"
        lines = [timeline.render_line(y).text.rstrip() for y in range(timeline.size.height)]
        assert lines[0] == "Timeline"
        assert sum("Reply received" in line for line in lines) == 29
