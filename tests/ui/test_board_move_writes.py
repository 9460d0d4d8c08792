"""The board's moves that ask first (who was thanked, what a move back means) write through the
one write helper: a write that fails is reported, and never announced as done."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.widgets import SelectionList

from postinterview_tui.domain.stages import Stage
from tests.ui.board_pilot import BoardPilots
from tests.ui.test_daily_loop import _choose, _seed


async def test_a_thank_you_that_could_not_be_saved_is_not_said_to_be_recorded(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz", "Tom Lee")
    ana = repository.detail(acme).interviews[0].interviewers[0]
    async with board_pilot(demo=False, notifications=True) as ui:
        await ui.open_card(acme, "greater_than_sign")
        await _choose(ui.pilot, ui.app, "choose")
        ui.screen.query_one(SelectionList).select(ana.id)
        ui.app.repository.db.execute("PRAGMA query_only = 1")  # every write now fails
        await ui.press("ctrl+s")
        toasts = ui.toasts()
        ui.app.repository.db.execute("PRAGMA query_only = 0")
    assert any("Could not save" in text and "read-only" in text for text in toasts), toasts
    assert not any("recorded" in text for text in toasts), toasts
    summary = repository.summary(acme)
    assert summary.stage is Stage.INTERVIEWED and summary.progress.interviewers_thanked == 0
    repository.close()


async def test_a_recorded_thank_you_is_said_and_counted(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz", "Tom Lee")
    ana = repository.detail(acme).interviews[0].interviewers[0]
    async with board_pilot(demo=False, notifications=True) as ui:
        await ui.open_card(acme, "greater_than_sign")
        await _choose(ui.pilot, ui.app, "choose")
        ui.screen.query_one(SelectionList).select(ana.id)
        await ui.press("ctrl+s")
        toasts = ui.toasts()
    assert any("Thank-you recorded for 1 interviewer." in text for text in toasts), toasts
    assert repository.summary(acme).progress.interviewers_thanked == 1
    repository.close()
