"""Opening an application's details builds little (issue 19): one page and the footer, no
scrolling container (the screen scrolls itself, with keys from the command table); and a
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
from postinterview_tui.tui.widgets.key_bar import KeyBar, Keys
from tests.ui import detail_page
from tests.ui.board_pilot import BoardPilots
from tests.ui.key_bar_view import shown_keys, shown_text


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


async def test_the_detail_builds_one_page_and_the_footer(board_pilot: BoardPilots) -> None:
    """The heading, the facts and the timeline are lines of one text: one widget to style,
    lay out and draw on the first frame, not one for each part."""
    async with board_pilot() as ui:
        await ui.open_card("Lumen Health", "enter")
        screen = ui.screen
        assert isinstance(screen, DetailScreen)
        footer = screen.query_one(KeyBar)
        built = [
            widget
            for widget in screen.walk_children()
            if widget is footer or footer not in widget.ancestors
        ]
        assert [widget.id for widget in built if isinstance(widget, Static)] == ["detail-page"]
        assert len(built) == 2, [type(widget).__name__ for widget in built]
        lines = detail_page.page_lines(screen)
        assert lines[0] == "Lumen Health — Backend developer"
        assert lines[1] == "" and lines[2].startswith("Stage: ")
        at = lines.index("Timeline")
        assert lines[at - 1] == "" and lines[at + 1 :], lines


async def test_the_page_shows_names_and_notes_as_written(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """One text for the page keeps what each part showed: markup-like names and notes are
    text, and each line of the notes is a line of the page, wrapped at the screen's edge."""
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    notes = "Met [b]Ana[/b] at the meetup\n[red]ask[/red] about the team\t" + "word " * 20
    try:
        interview = NewInterview(now.subtract(days=1), InterviewKind.VIDEO, "")
        acme = repository.add_application(
            NewApplication("[b]Acme[/b]", "Data [i]engineer", interview, notes=notes),
            now.subtract(days=1),
        )
    finally:
        repository.close()
    async with board_pilot(demo=False, size=(80, 24), focus=acme) as ui:
        await ui.press("enter")
        lines = detail_page.page_lines(ui.screen)
        page = ui.screen.query_one("#detail-page", Static)
        drawn = [page.render_line(y).text.rstrip() for y in range(page.size.height)]
    assert lines[0] == "[b]Acme[/b] — Data [i]engineer"
    assert "Notes: Met [b]Ana[/b] at the meetup" in lines
    assert "[red]ask[/red] about the team   " + "word " * 20 in lines
    # As the heading and the facts were drawn as widgets of their own (80 columns less the
    # margins: 76; the tab to column 32).
    assert drawn[:7] == [
        "[b]Acme[/b] — Data [i]engineer",
        "",
        "Stage: Interviewed",
        "Interview Tue 24 Nov 2026 10:00 (video)",
        "Notes: Met [b]Ana[/b] at the meetup",
        "[red]ask[/red] about the team   " + " ".join(["word"] * 9),
        " ".join(["word"] * 11),
    ]


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
    original = KeyBar.shown_keys

    def recorded(self: KeyBar, screen: Screen[Any]) -> Keys:
        calls.append(type(screen))
        return original(self, screen)

    monkeypatch.setattr(KeyBar, "shown_keys", recorded)
    return calls


async def test_opening_the_detail_works_out_its_keys_once_and_the_boards_never(
    board_pilot: BoardPilots, worked_out: list[type[Screen[Any]]]
) -> None:
    async with board_pilot(focus="Lumen Health") as ui:
        keys_before = shown_text(ui.board())
        worked_out.clear()
        await ui.press("enter")
        assert isinstance(ui.screen, DetailScreen)
        assert shown_keys(ui.screen), "the detail's footer shows its keys"
        assert worked_out == [DetailScreen], "once, as they are drawn; the covered board none"
        await ui.press("escape")
        assert isinstance(ui.screen, BoardScreen)
        assert shown_text(ui.board()) == keys_before


async def test_the_timeline_is_wrapped_once(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """The timeline wraps its own lines (each under its text); Textual is told not to wrap
    them a second time, which cost as much as drawing them. Long lines still wrap: see
    test_history_lines.py at 80 columns."""
    acme = _long_history(db_path, now, zone)
    async with board_pilot(demo=False, size=(80, 24), focus=acme) as ui:
        await ui.press("enter")
        page = ui.screen.query_one("#detail-page", Static)
        assert page.styles.text_wrap == "nowrap"
        lines = detail_page.drawn_timeline(ui.screen)
        assert lines[0] == "Timeline"
        assert sum("Reply received" in line for line in lines) == 29
