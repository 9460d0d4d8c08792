"""A scheduled round on a card in the narrowest columns the board draws (120 cells for six
columns of 20): its short form is shown whole, never cut with "…". The real app on a real temp
database, through the pilot."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.repository import Repository
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import column_text


def _rounds(db_path: Path, now: DateTime, zone: Timezone) -> None:
    """Four rounds still ahead: tonight, tomorrow, Saturday and in three weeks (now is
    Wednesday 25 November, 10:00)."""
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    try:
        for company, held_at in (
            ("Tonight", now.set(hour=23, minute=50)),
            ("Tomorrow", now.add(days=1).set(hour=9, minute=30)),
            ("Saturday", now.add(days=3).set(hour=14)),
            ("Later", now.add(days=21).set(hour=14)),
        ):
            repository.add_application(
                NewApplication(company, "Engineer", NewInterview(held_at)), now
            )
    finally:
        repository.close()


async def test_scheduled_rounds_read_whole_in_the_narrowest_columns(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    _rounds(db_path, now, zone)
    async with board_pilot(demo=False, size=(120, 24)) as ui:
        text = column_text(ui.column(Stage.INTERVIEWED))
    assert "…" not in text
    for status in ("› round at 23:50", "› round tomorrow", "› round Sat", "› round 16 Dec"):
        assert status in text


async def test_scheduled_rounds_keep_their_time_at_80_columns(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    _rounds(db_path, now, zone)
    async with board_pilot(demo=False, size=(80, 24)) as ui:
        text = column_text(ui.column(Stage.INTERVIEWED))
    assert "…" not in text
    for status in (
        "› interview today 23:50",
        "› round tomorrow 09:30",
        "› interview Sat 14:00",
        "› round 16 Dec 14:00",
    ):
        assert status in text
