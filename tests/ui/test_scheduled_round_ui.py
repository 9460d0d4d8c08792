"""A round not held yet, in the TUI: the card says when it is, and neither the board's move nor
the drafting panel's "mark sent" records a note that would answer it early."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone

from postinterview_tui.demo import write_demo_database
from postinterview_tui.domain.models import NewApplication, NewInterview
from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from tests.ui.helpers import (
    board,
    column,
    column_text,
    focus_card,
    make_app,
    open_repository,
    settle,
    thank_everyone_if_asked,
)

SIZE = (160, 40)


def _messages(app: Any) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def _harbor(db_path: Path, zone: Timezone) -> int:
    repository = open_repository(db_path, zone)
    try:
        return next(item.id for item in repository.summaries() if item.company == "Harbor & Pine")
    finally:
        repository.close()


def _state(db_path: Path, zone: Timezone, application_id: int) -> tuple[Stage, int, list[bool]]:
    repository = open_repository(db_path, zone)
    try:
        detail = repository.detail(application_id)
        latest = detail.latest_interview
        assert latest is not None
        thanked = [person.thanked_at is not None for person in latest.interviewers]
        return detail.summary.stage, detail.summary.progress.interviewers_thanked, thanked
    finally:
        repository.close()


async def test_the_card_words_the_round_by_its_day_and_time(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    write_demo_database(db_path, now=now, zone=zone)
    repository = open_repository(db_path, zone)
    try:
        # Saturday 28 November, 14:00: three days after the fixed "now" (Wednesday).
        held = now.in_timezone(zone).add(days=3).replace(hour=14, minute=0)
        repository.add_application(
            NewApplication("Saturn Labs", "Analyst", NewInterview(held)), now
        )
    finally:
        repository.close()
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = column_text(column(app, Stage.INTERVIEWED))
        assert "interview Sat 14:00" in text
        assert "Thu 10:00 interview" in text  # the demo's Harbor & Pine panel, tomorrow


async def test_the_board_refuses_to_mark_a_round_not_held_as_thanked(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    harbor = _harbor(db_path, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, harbor)
        await pilot.press("greater_than_sign")
        await thank_everyone_if_asked(pilot)  # three interviewers: "all thanked?" comes first
        assert not isinstance(app.screen, ConfirmScreen)  # no "do it anyway"
        assert any("has not happened yet" in message for message in _messages(app))
        screen = board(app)
        assert screen.board is not None and screen.board.stage_of(harbor) is Stage.INTERVIEWED
    assert _state(db_path, zone, harbor) == (Stage.INTERVIEWED, 0, [False, False, False])


async def test_marking_a_drafted_thank_you_sent_is_refused_before_the_round(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    harbor = _harbor(db_path, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, harbor)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # placeholders left: send anyway
            await pilot.press("y")
            await settle(pilot)
        assert any("has not happened yet" in message for message in _messages(app))
        assert not any(message.startswith("Marked sent") for message in _messages(app))
    assert _state(db_path, zone, harbor) == (Stage.INTERVIEWED, 0, [False, False, False])
