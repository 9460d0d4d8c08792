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


def test_review_busy(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """The daily review on the demo data: Overdue (most overdue first, "!" and red), Due and
    Upcoming, with what d does for the highlighted row."""
    app = make_app(db_path, now, zone)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_review_empty(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """Nothing to do in the window: the review says so, and names what comes next."""
    from postinterview_tui.domain.records import NewApplication, NewInterview
    from postinterview_tui.domain.stages import Stage
    from tests.ui.helpers import open_repository

    app = make_app(db_path, now, zone, demo=False)
    repository = open_repository(db_path, zone)
    interview = NewInterview(now.subtract(days=1), decision_by=now.add(days=20).date())
    new_id = repository.add_application(NewApplication("Kestrel Labs", "Analyst", interview), now)
    repository.move(new_id, Stage.THANKED, when=now, now=now)
    repository.close()

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 24), run_before=run_before)


def test_detail_timeline_overdue(
    snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """An application's timeline: its history, the "today" marker, then the move-on suggestion
    that has gone quiet, calm ("~", never the error colour): "no reply since ...: close it?"."""
    from tests.ui.helpers import focus_card

    app = make_app(db_path, now, zone)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        cobalt = next(
            summary.id
            for summary in app.repository.summaries()
            if summary.company == "Cobalt Robotics"
        )
        focus_card(app, cobalt)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(110, 30), run_before=run_before)


def test_drafting_panel(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """The drafting panel on a two-interviewer card: one thank-you each, filled from the data,
    with a visible placeholder where the interview notes are missing."""
    from textual.widgets import Input, TextArea

    from tests.ui.helpers import focus_card

    app = make_app(db_path, now, zone)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        northwind = next(
            summary.id
            for summary in app.repository.summaries()
            if summary.company == "Northwind Analytics"
        )
        focus_card(app, northwind)
        await pilot.press("t")
        await settle(pilot)
        for widget in (*app.screen.query(Input), *app.screen.query(TextArea)):
            widget.cursor_blink = False
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_settings_screen(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """The settings screen on the demo data: each setting with a line saying what it does, and a
    refused value ("0" days) explained beside its field while nothing is saved."""
    from textual.widgets import Input, TextArea

    app = make_app(db_path, now, zone)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        for widget in (*app.screen.query(Input), *app.screen.query(TextArea)):
            widget.cursor_blink = False
        app.screen.query_one("#setting-follow_up_days", Input).value = "0"
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


# -- 80x24, a common terminal size ----------------------------------------------------------


def _open_card_then(company: str, *keys: str) -> Any:
    """A run_before that highlights ``company``'s card and presses ``keys``."""
    from textual.widgets import Input, TextArea

    from tests.ui.helpers import focus_card

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await settle(pilot)
        target = next(
            summary.id
            for summary in app.repository.summaries()  # type: ignore[attr-defined]
            if summary.company == company
        )
        focus_card(app, target)  # type: ignore[arg-type]
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for widget in (*app.screen.query(Input), *app.screen.query(TextArea)):
            widget.cursor_blink = False
        await settle(pilot)

    return run_before


def test_board_narrow_scrolled(
    snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """80x24 on the Offer column: the columns scrolled, "‹" and "›" say more are either side."""
    app = make_app(db_path, now, zone)
    run_before = _open_card_then("Tidewater Bank")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_review_narrow(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """The daily review at 80x24."""
    app = make_app(db_path, now, zone)
    run_before = _open_card_then("Lumen Health", "r")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_drafting_panel_narrow(
    snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """The drafting panel at 80x24: the note has the width, people and history below it."""
    app = make_app(db_path, now, zone)
    run_before = _open_card_then("Northwind Analytics", "t")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_detail_narrow(snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone) -> None:
    """An application's detail screen at 80x24 (interview notes under their own label)."""
    app = make_app(db_path, now, zone)
    run_before = _open_card_then("Lumen Health", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
