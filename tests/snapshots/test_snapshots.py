"""How the app looks: SVG snapshots with a fixed clock, seeded data, fixed theme and size.

Update after a deliberate change with ``pytest tests/snapshots --snapshot-update`` and review the
report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone
from textual.pilot import Pilot

from tests.ui.helpers import make_app, settle


async def _settled(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_board_seeded(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """The demo board: six columns, overdue cards marked with "!" and the word "overdue"."""
    app = make_app(db_path, now, zone)
    assert snap_compare(app, terminal_size=(140, 36), run_before=_settled)


def test_board_empty(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """A new user's board says how to add the first interview."""
    app = make_app(db_path, now, zone, demo=False)
    assert snap_compare(app, terminal_size=(120, 30), run_before=_settled)


def test_board_narrow(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """The board still reads in an 80x24 terminal."""
    app = make_app(db_path, now, zone)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


def test_form_with_errors(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """Saving an empty form shows a message beside each required field."""
    app = make_app(db_path, now, zone)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """The help screen lists every key, grouped by screen."""
    app = make_app(db_path, now, zone)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 50), run_before=run_before)
