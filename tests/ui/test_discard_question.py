"""Closing a form with escape: at once when nothing was typed, after a question when something
was (the add form and the daily-loop forms ask the same way)."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.widgets import Input

from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import InterviewKind
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from postinterview_tui.tui.screens.loop_forms import ReplyFormScreen
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import open_repository


def _seed(db_path: Path, now: DateTime, zone: Timezone) -> int:
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    interview = NewInterview(
        now.subtract(days=2), InterviewKind.VIDEO, "", None, (NewInterviewer("Ana Ruiz"),)
    )
    new_id = repository.add_application(
        NewApplication("Acme", "Data engineer", interview), now.subtract(days=2)
    )
    repository.close()
    return new_id


async def test_the_add_form_asks_before_discarding_what_was_typed(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    _seed(db_path, now, zone)
    async with board_pilot(demo=False) as ui:
        await ui.press("n")
        assert isinstance(ui.screen, ApplicationFormScreen)
        ui.screen.query_one("#field-company", Input).value = "Globex"
        await ui.press("escape")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.pilot.click("#no")
        await ui.settle()
        assert isinstance(ui.screen, ApplicationFormScreen)
        assert ui.screen.query_one("#field-company", Input).value == "Globex"
        await ui.press("escape")
        await ui.pilot.click("#yes")
        await ui.settle()
        assert ui.screen is ui.board()
    repository = open_repository(db_path, zone)
    assert [s.company for s in repository.summaries()] == ["Acme"]
    repository.close()


async def test_an_untouched_reply_form_closes_at_once(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    acme = _seed(db_path, now, zone)
    async with board_pilot(demo=False, focus=acme) as ui:
        await ui.press("y")
        assert isinstance(ui.screen, ReplyFormScreen)
        await ui.press("escape")
        assert ui.screen is ui.board()
