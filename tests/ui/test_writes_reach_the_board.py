"""Every screen that writes: the board learns of the write itself (issue 15.1).

Each test writes on another screen, then checks the board twice: underneath, before the user
goes back (so the first frame drawn on return already shows the write), and on screen once
back, with no waiting in between.
"""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.pilot import Pilot
from textual.widgets import Input

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.board import BoardScreen
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.dialogs import CloseReasonScreen, ConfirmScreen
from postinterview_tui.tui.screens.drafting import DraftingScreen
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from postinterview_tui.tui.screens.offer import OfferScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.screens.settings import SettingsScreen, field_id
from postinterview_tui.tui.screens.timeline import TimelineScreen
from tests.ui.helpers import board, column, focus_card, make_app, open_repository, settle

SIZE = (160, 44)


def _id_of(db_path: Path, zone: Timezone, company: str) -> int:
    repository = open_repository(db_path, zone)
    try:
        return next(item.id for item in repository.summaries() if item.company == company)
    finally:
        repository.close()


def board_lines(app: PostInterviewApp) -> str:
    """What the board draws: its header counts, then its columns line by line."""
    screen = board(app)
    view = screen.view
    summary = str(screen.query_one("#summary").render())
    lines = [view.render_line(y).text for y in range(view.size.height)]
    return "\n".join([summary, *lines])


async def back_to_board(app: PostInterviewApp, pilot: Pilot[object], presses: int) -> str:
    """Press escape ``presses`` times; what the board shows the moment it is back on top."""
    await pilot.press(*["escape"] * presses)
    assert isinstance(app.screen, BoardScreen)
    return board_lines(app)


async def test_accepting_in_the_offer_panel_reaches_the_board(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    tidewater = _id_of(db_path, zone, "Tidewater Bank")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Offer (1)" in board_lines(app) and "Accepted (1)" in board_lines(app)
        focus_card(app, tidewater)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OfferScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.endswith("Accept anyway?")
        await pilot.press("y")
        await settle(pilot)
        underneath = board_lines(app)
        assert "Offer (0)" in underneath and "Accepted (2)" in underneath
        shown = await back_to_board(app, pilot, 2)
        assert "Offer (0)" in shown and "Accepted (2)" in shown
        # The cursor is on the card just accepted, in its new column.
        assert column(app, Stage.ACCEPTED).highlighted_id == tidewater


async def test_declining_in_the_offer_panel_reaches_the_board(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    tidewater = _id_of(db_path, zone, "Tidewater Bank")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, tidewater)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Closed (5)" in board_lines(app)
        shown = await back_to_board(app, pilot, 2)
        assert "Offer (0)" in shown and "Closed (5)" in shown


async def test_marking_done_in_the_review_reaches_the_board(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Thank-you sent (2)" in board_lines(app)
        await pilot.press("r")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        item = review.current_item()
        assert item is not None and item.company == "Cobalt Robotics"  # move on?
        await pilot.press("j", "j", "j")  # Lumen Health's thank-you, overdue
        item = review.current_item()
        assert item is not None and item.company == "Lumen Health"
        await pilot.press("d")
        await settle(pilot)
        assert "Thank-you sent (3)" in board_lines(app)
        shown = await back_to_board(app, pilot, 1)
        assert "Thank-you sent (3)" in shown and "Interviewed (2)" in shown


async def test_a_note_marked_sent_in_drafting_reaches_the_board(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")  # one interviewer, not thanked yet
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Thank-you sent (2)" in board_lines(app)
        focus_card(app, lumen)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, DraftingScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Thank-you sent (3)" in board_lines(app)
        shown = await back_to_board(app, pilot, 1)
        assert "Thank-you sent (3)" in shown and "Interviewed (2)" in shown
        assert column(app, Stage.THANKED).highlighted_id == lumen


async def test_an_edit_from_the_detail_screen_reaches_the_board(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    quill = _id_of(db_path, zone, "Quillstone")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, quill)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationFormScreen)
        form.query_one("#field-company", Input).value = "Quillstone Renamed"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        assert "Quillstone Renamed" in str(detail.query_one("#detail-head").render())
        assert "Quillstone Renamed" in board_lines(app)
        shown = await back_to_board(app, pilot, 1)
        assert "Quillstone Renamed" in shown


async def test_a_write_from_a_screen_opened_by_the_timeline_reaches_the_board(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationFormScreen)
        form.query_one("#field-company", Input).value = "Timeline Rename"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Timeline Rename" in board_lines(app)
        shown = await back_to_board(app, pilot, 2)
        assert "Timeline Rename" in shown


async def test_saved_settings_reach_the_board(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "4 overdue" in board_lines(app)  # Quillstone's follow-up among them
        await pilot.press("comma")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one(f"#{field_id('rules.follow_up_days')}", Input).value = "8"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Eight working days after its thank-you, Quillstone's follow-up is not late any more.
        assert "3 overdue" in board_lines(app)
        shown = await back_to_board(app, pilot, 1)
        assert "3 overdue" in shown


async def test_closing_through_the_reason_dialog_reaches_the_board(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    cobalt = _id_of(db_path, zone, "Cobalt Robotics")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, cobalt)
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, CloseReasonScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        shown = board_lines(app)
        assert "Closed (5)" in shown and "Followed up (1)" in shown
        assert column(app, Stage.CLOSED).highlighted_id == cobalt


async def test_a_failed_write_is_reported_and_the_board_keeps_what_is_true(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """The helper reports a save that failed; the board shows the file, not the attempt."""
    app = make_app(db_path, now, zone)
    tidewater = _id_of(db_path, zone, "Tidewater Bank")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        focus_card(app, tidewater)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        app.repository.db.execute("PRAGMA query_only = 1")  # every write now fails
        await pilot.press("d", "y")
        await settle(pilot)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("Could not save" in text and "read-only" in text for text in toasts), toasts
        app.repository.db.execute("PRAGMA query_only = 0")
        shown = await back_to_board(app, pilot, 2)
        assert "Offer (1)" in shown and "Closed (4)" in shown
