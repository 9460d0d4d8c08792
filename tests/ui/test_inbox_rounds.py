"""A calendar invitation cancelled or moved, accepted from the review's Inbox group: the round
goes from (or moves on) the card and the detail screen the user opens next."""

from __future__ import annotations

from pathlib import Path

import pytest
from pendulum import DateTime, Timezone
from textual.pilot import Pilot

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.board import BoardScreen
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from tests.cli._mail import invitation_ics
from tests.ui import detail_page
from tests.ui.helpers import column, column_text, focus_card, make_app, settle
from tests.ui.test_inbox_accepting import SIZE, _acme, _ingest, _open_review, _rows, _run


@pytest.fixture
def cli_now(monkeypatch: pytest.MonkeyPatch, now: DateTime) -> None:
    """The command line's clock is the app's."""
    monkeypatch.setenv("POSTINTERVIEW_NOW", now.isoformat())


ROUND = "Scheduled interview Thu 3 Dec 2026 14:00 (other): Ana Ruiz, Ben Okafor"


def _acme_with_second_round(db_path: Path, tmp_path: Path) -> None:
    """Acme (first round Monday 23 November), and a second round of Thursday 3 December 14:00
    added by accepting its invitation on the command line."""
    _acme(db_path)
    _ingest(db_path, tmp_path, "invite.ics", invitation_ics())
    _run(db_path, "inbox", "accept", "1")


def _card(app: PostInterviewApp) -> str:
    return column_text(column(app, Stage.INTERVIEWED))


async def _detail_facts(app: PostInterviewApp, pilot: Pilot[object]) -> str:
    """Open Acme's detail screen from its card; the facts it shows."""
    focus_card(app, 1)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, DetailScreen), app.screen
    facts = detail_page.facts(app.screen)
    timeline = detail_page.timeline(app.screen)
    return f"{facts}\n{timeline}"


async def _accept_the_inbox_row(app: PostInterviewApp, pilot: Pilot[object], words: str) -> None:
    await _open_review(app, pilot)
    heading, row = _rows(app)[:2]
    assert heading == "Inbox (1)"
    assert row.startswith(f"✉ Acme Inc.: invitation: {words}"), row
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, ReviewScreen), app.screen
    assert "Inbox" not in " ".join(_rows(app))
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, BoardScreen), app.screen


async def test_accepting_a_cancelled_invitation_takes_the_round_off_the_card_and_detail(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _acme_with_second_round(db_path, tmp_path)
    _ingest(db_path, tmp_path, "cancel.ics", invitation_ics(method="CANCEL", sequence=1))
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "› round 3 Dec" in _card(app)  # the narrowest card form: the day
        await _accept_the_inbox_row(
            app,
            pilot,
            "the round of Thursday 3 December 14:00 was cancelled: remove it from the application?",
        )
        assert "3 Dec" not in _card(app)
        facts = await _detail_facts(app, pilot)
        assert "Interview Mon 23 Nov 2026 10:00 (other): Ana Ruiz" in facts
        assert "Scheduled interview" not in facts
        assert "interview round of Thursday 3 December 14:00 removed" in facts
        # Nor does the timeline keep the round's entry as still ahead.
        assert "Thu 3 Dec 2026 14:00" not in facts


async def test_accepting_a_moved_invitation_moves_the_round_on_the_card_and_detail(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _acme_with_second_round(db_path, tmp_path)
    moved = invitation_ics(sequence=1, start="20261204T100000Z")
    _ingest(db_path, tmp_path, "moved.ics", moved)
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "› round 3 Dec" in _card(app)  # the narrowest card form: the day
        await _accept_the_inbox_row(
            app,
            pilot,
            "the round of Thursday 3 December 14:00 moved to Friday 4 December 10:00: move it?",
        )
        assert "› round 4 Dec" in _card(app)
        assert "3 Dec" not in _card(app)
        facts = await _detail_facts(app, pilot)
        assert ROUND not in facts
        assert "Scheduled interview Fri 4 Dec 2026 10:00 (other): Ana Ruiz, Ben Okafor" in facts
        # The timeline has the round ahead at its new time, and not at the old one.
        assert "› Fri 4 Dec 2026 10:00  Interview scheduled (other)" in facts
        assert "Thu 3 Dec 2026 14:00" not in facts
