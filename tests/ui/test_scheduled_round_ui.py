"""A round not held yet, in the TUI: the card says when it is, and neither the board's move nor
the drafting panel's "mark sent" records a note that would answer it early."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone

from postinterview_tui.demo import write_demo_database
from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import (
    column_text,
    open_repository,
    thank_everyone_if_asked,
    toasts,
)

SIZE = (160, 40)


def _messages(app: Any) -> list[str]:
    return toasts(app)


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
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
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
    async with board_pilot(demo=False, size=SIZE) as ui:
        text = column_text(ui.column(Stage.INTERVIEWED))
        assert "interview Sat 14:00" in text
        assert "› round tomorrow 10:00" in text  # the demo's Harbor & Pine panel, whole


async def test_the_board_refuses_to_mark_a_round_not_held_as_thanked(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    harbor = _harbor(db_path, zone)
    async with board_pilot(size=SIZE, focus=harbor, notifications=True) as ui:
        await ui.pilot.press("greater_than_sign")
        await thank_everyone_if_asked(ui.pilot)  # three interviewers: "all thanked?" comes first
        assert not isinstance(ui.screen, ConfirmScreen)  # no "do it anyway"
        assert any("has not happened yet" in message for message in _messages(ui.app))
        screen = ui.board()
        assert screen.board is not None and screen.board.stage_of(harbor) is Stage.INTERVIEWED
    assert _state(db_path, zone, harbor) == (Stage.INTERVIEWED, 0, [False, False, False])


async def test_marking_a_drafted_thank_you_sent_is_refused_before_the_round(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    harbor = _harbor(db_path, zone)
    async with board_pilot(size=SIZE, focus=harbor, notifications=True) as ui:
        await ui.press("t")
        await ui.press("ctrl+n")
        if isinstance(ui.screen, ConfirmScreen):  # placeholders left: send anyway
            await ui.press("y")
        assert any("has not happened yet" in message for message in _messages(ui.app))
        assert not any(message.startswith("Marked sent") for message in _messages(ui.app))
    assert _state(db_path, zone, harbor) == (Stage.INTERVIEWED, 0, [False, False, False])
