"""How the daily loop looks (issue 20): a scheduled round on its card and in the detail
screen's timeline, and the reply form. Update with ``pytest tests/snapshots --snapshot-update``
and look at the report before committing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone
from textual.pilot import Pilot

from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import InterviewKind, Stage
from postinterview_tui.storage.repository import Repository
from tests.ui.helpers import focus_card, make_app, settle


def _scheduled(db_path: Path, now: DateTime, zone: Timezone) -> int:
    """Two applications; Acme has a second round on Friday 14:00 (now is Wednesday 10:00)."""
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    first = NewInterview(
        now.subtract(days=6),
        InterviewKind.VIDEO,
        "their data platform migration",
        None,
        (NewInterviewer("Ana Ruiz", "ana@acme.example"), NewInterviewer("Tom Lee")),
    )
    acme = repository.add_application(
        NewApplication("Acme", "Data engineer", first), now.subtract(days=6)
    )
    repository.move(acme, Stage.THANKED, when=now.subtract(days=6), now=now)
    second = NewInterview(
        now.add(days=2).set(hour=14),
        InterviewKind.ONSITE,
        "system design",
        None,
        (NewInterviewer("Sam Lee", "sam@acme.example"),),
    )
    repository.add_interview(acme, second, now)
    other = NewInterview(now.subtract(days=1), InterviewKind.PHONE, "", None, ())
    repository.add_application(NewApplication("Birch & Co", "Analyst", other), now)
    repository.close()
    return acme


def test_board_with_a_scheduled_round(
    snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """Acme's card reads "interview Fri 14:00" (wide enough for the whole line)."""
    _scheduled(db_path, now, zone)
    app = make_app(db_path, now, zone, demo=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(app, terminal_size=(160, 20), run_before=run_before)


def _detail(db_path: Path, now: DateTime, zone: Timezone) -> tuple[Any, Any]:
    acme = _scheduled(db_path, now, zone)
    app = make_app(db_path, now, zone, demo=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        focus_card(app, acme)
        await pilot.press("enter")
        await settle(pilot)

    return app, run_before


def test_detail_with_a_scheduled_round(
    snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """The round on Friday after the "today" line; the keys y, a and i in the footer."""
    app, run_before = _detail(db_path, now, zone)
    assert snap_compare(app, terminal_size=(110, 32), run_before=run_before)


def test_detail_with_a_scheduled_round_narrow(
    snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """The same at 80x24."""
    app, run_before = _detail(db_path, now, zone)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_reply_form_narrow(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """Record a reply at 80x24: when (now), their new decision date, what they said."""
    acme = _scheduled(db_path, now, zone)
    app = make_app(db_path, now, zone, demo=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        focus_card(app, acme)
        await pilot.press("y")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_board_with_a_scheduled_round_narrow(
    snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """At 120 columns (six of 20 cells, the narrowest) Acme's card reads "› round Fri", whole."""
    _scheduled(db_path, now, zone)
    app = make_app(db_path, now, zone, demo=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 20), run_before=run_before)
