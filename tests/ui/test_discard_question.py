"""Closing a form with escape: at once when nothing was typed, after a question when something
was (the add form and the daily-loop forms ask the same way)."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.widgets import Input

from postinterview_tui.domain.models import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import InterviewKind
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from postinterview_tui.tui.screens.loop_forms import ReplyFormScreen
from tests.ui.helpers import board, focus_card, make_app, open_repository, settle

SIZE = (140, 40)


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
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    _seed(db_path, now, zone)
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationFormScreen)
        app.screen.query_one("#field-company", Input).value = "Globex"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#no")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationFormScreen)
        assert app.screen.query_one("#field-company", Input).value == "Globex"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert app.screen is board(app)
    repository = open_repository(db_path, zone)
    assert [s.company for s in repository.summaries()] == ["Acme"]
    repository.close()


async def test_an_untouched_reply_form_closes_at_once(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    acme = _seed(db_path, now, zone)
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, acme)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ReplyFormScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is board(app)
