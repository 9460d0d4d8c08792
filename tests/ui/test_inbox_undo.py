"""A dismissal or a link made by mistake in the app: ``u`` takes it back, in the review and
on the unmatched list, and the board's "N in inbox" follows (issue 17)."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.pilot import Pilot
from textual.widgets import Input, Static

from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.inbox import UnmatchedScreen
from postinterview_tui.tui.screens.inbox_dialogs import LinkPickerScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.screens.review_inbox import InboxKey
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from tests.cli._mail import REJECTION, message
from tests.ui.helpers import make_app, settle, toasts
from tests.ui.test_inbox import SIZE, _open_review, _rows, _setup, _summary, cli_now

__all__ = ["cli_now"]  # the fixture, used by name

STRANGER = message(sender="Jobs <jobs@ats.example>", subject="Update", body=REJECTION)


async def pick(app: PostInterviewApp, pilot: Pilot[object], typed: str) -> None:
    """Press l, wait for the link picker's filter to have focus, type, and choose."""
    await pilot.press("l")
    for _ in range(50):  # bounded: a loaded machine takes a few frames to focus it
        await settle(pilot)
        screen = app.screen
        if (
            isinstance(screen, LinkPickerScreen)
            and screen.query_one("#link-filter", Input).has_focus
        ):
            break
    assert isinstance(app.screen, LinkPickerScreen), app.screen
    await pilot.press(*typed, "enter")
    await settle(pilot)


def _header(app: PostInterviewApp) -> str:
    return str(app.screen.query_one("#summary", Static).render())


async def test_u_in_the_review_brings_a_dismissed_proposal_back(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _setup(db_path, tmp_path, {"r.eml": message(body=REJECTION).as_bytes()})
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "1 in inbox" in _header(app)
        await _open_review(app, pilot)
        row = _rows(app)[1]
        assert row.startswith("✉ Acme Inc.: rejection: close it as not selected?")
        await pilot.press("x")
        await settle(pilot)
        assert "Inbox" not in " ".join(_rows(app))
        assert "Acme Inc.: set aside. Press u to undo." in toasts(app)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert _rows(app)[:2] == ["Inbox (1)", row]
        assert any(text.startswith("Undid: dismissing inbox message 1") for text in toasts(app))
        # The proposal brought back is highlighted: its keys are the ones offered.
        highlighted = app.screen.query_one("#review-list", AgendaList).highlighted_key
        assert highlighted == InboxKey(1)
        assert "a accepts" in str(app.screen.query_one("#review-hint", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert "1 in inbox" in _header(app)
        # Nothing else changed: Acme is still open, and the proposal can still be accepted.
        assert _summary(db_path, zone, 1).summary.stage.value == "interviewed"


async def test_u_in_the_review_takes_back_a_link_to_the_wrong_application(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _setup(db_path, tmp_path, {"r.eml": message(body=REJECTION).as_bytes()})
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(app, pilot)
        row = _rows(app)[1]
        await pick(app, pilot, "glob")
        assert _rows(app)[1].startswith("✉ Globex: rejection")
        await pilot.press("u")
        await settle(pilot)
        assert _rows(app)[:2] == ["Inbox (1)", row]


async def test_u_on_the_unmatched_list_brings_a_linked_message_back(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _setup(db_path, tmp_path, {"s.eml": STRANGER.as_bytes()})
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(app, pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, UnmatchedScreen)
        assert len(app.screen.entries) == 1
        await pick(app, pilot, "glob")
        assert isinstance(app.screen, UnmatchedScreen)
        assert app.screen.entries == ()
        await pilot.press("u")
        await settle(pilot)
        assert [entry.company for entry in app.screen.entries] == [""]
        await pilot.press("escape")
        await settle(pilot)
        assert "Inbox" not in " ".join(_rows(app))
