"""Undo in a window takes back that window's own last change, never another window's; it
refuses when a later change made elsewhere touched the same application; every undo message
names the application."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.app import PostInterviewApp
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import open_repository, toasts


def _messages(app: PostInterviewApp) -> list[str]:
    return toasts(app)


def _stage(db_path: Path, zone: Timezone, application_id: int) -> Stage:
    repository = open_repository(db_path, zone)
    try:
        return repository.summary(application_id).stage
    finally:
        repository.close()


async def test_undo_takes_back_this_windows_change_not_the_cli_s(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_empty()
    other = open_repository(db_path, zone)  # the command line, or a second window
    alpha = other.add_application(NewApplication("Alpha", "Dev", NewInterview(now)), now)
    async with board_pilot(demo=False, notifications=True) as ui:
        beta = ui.app.repository.add_application(
            NewApplication("Beta", "Dev", NewInterview(now)), now
        )
        ui.app.repository.move(beta, Stage.THANKED, when=now, now=now, force=True)
        other.move(alpha, Stage.THANKED, when=now, now=now, force=True)  # later, elsewhere
        await ui.press("u")
        assert "Undid: move of Beta to Thank-you sent" in _messages(ui.app)
        assert _stage(db_path, zone, beta) is Stage.INTERVIEWED
        assert _stage(db_path, zone, alpha) is Stage.THANKED
        await ui.press("u")  # then this window's add of Beta; Alpha is never touched
        assert "Undid: adding Beta" in _messages(ui.app)
        await ui.press("u")
        assert "Nothing to undo in this window." in _messages(ui.app)
        assert _stage(db_path, zone, alpha) is Stage.THANKED
    other.close()


async def test_undo_refuses_when_a_later_change_elsewhere_touched_the_application(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_empty()
    other = open_repository(db_path, zone)
    async with board_pilot(demo=False, notifications=True) as ui:
        acme = ui.app.repository.add_application(
            NewApplication("Acme", "Dev", NewInterview(now)), now
        )
        ui.app.repository.move(acme, Stage.THANKED, when=now, now=now, force=True)
        other.move(acme, Stage.FOLLOWED_UP, when=now, now=now, force=True)
        await ui.press("u")
        (refusal,) = [message for message in _messages(ui.app) if "Cannot undo" in message]
        assert refusal == (
            "Cannot undo move of Acme to Thank-you sent: Acme was changed elsewhere since "
            "(move to Followed up)."
        )
        assert _stage(db_path, zone, acme) is Stage.FOLLOWED_UP
    other.close()
