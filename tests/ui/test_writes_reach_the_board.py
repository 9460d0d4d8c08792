"""Every screen that writes: the board learns of the write itself (issue 15.1).

Each test writes on another screen, then checks the board twice: underneath, before the user
goes back (so the first frame drawn on return already shows the write), and on screen once
back, with no waiting in between.
"""

from __future__ import annotations

from pendulum import DateTime
from textual.pilot import Pilot
from textual.widgets import Input

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.board import BoardScreen
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.dialogs import CloseReasonScreen, ConfirmScreen
from postinterview_tui.tui.screens.drafting import DraftingScreen
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from postinterview_tui.tui.screens.loop_forms import RoundFormScreen
from postinterview_tui.tui.screens.offer import OfferScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.screens.settings import SettingsScreen, field_id
from postinterview_tui.tui.screens.timeline import TimelineScreen
from tests.ui import detail_page
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import board

SIZE = (160, 44)


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


async def test_accepting_in_the_offer_panel_reaches_the_board(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        tidewater = ui.id_of("Tidewater Bank")
        assert "Offer (1)" in board_lines(ui.app) and "Accepted (1)" in board_lines(ui.app)
        await ui.focus_card(tidewater)
        await ui.press("enter")
        await ui.press("o")
        assert isinstance(ui.screen, OfferScreen)
        await ui.press("a")
        assert isinstance(ui.screen, ConfirmScreen)
        assert ui.screen.question.endswith("Accept anyway?")
        await ui.press("y")
        underneath = board_lines(ui.app)
        assert "Offer (0)" in underneath and "Accepted (2)" in underneath
        shown = await back_to_board(ui.app, ui.pilot, 2)
        assert "Offer (0)" in shown and "Accepted (2)" in shown
        # The cursor is on the card just accepted, in its new column.
        assert ui.column(Stage.ACCEPTED).highlighted_id == tidewater


async def test_declining_in_the_offer_panel_reaches_the_board(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE, focus="Tidewater Bank") as ui:
        await ui.press("enter")
        await ui.press("o")
        await ui.press("d")
        await ui.press("y")
        assert "Closed (5)" in board_lines(ui.app)
        shown = await back_to_board(ui.app, ui.pilot, 2)
        assert "Offer (0)" in shown and "Closed (5)" in shown


async def test_marking_done_in_the_review_reaches_the_board(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        assert "Thank-you sent (2)" in board_lines(ui.app)
        await ui.press("r")
        review = ui.screen
        assert isinstance(review, ReviewScreen)
        item = review.current_item()
        assert item is not None and item.company == "Bright Ledger"  # the most overdue
        await ui.pilot.press("j", "j")  # Lumen Health's thank-you, overdue
        item = review.current_item()
        assert item is not None and item.company == "Lumen Health"
        await ui.press("d")
        assert "Thank-you sent (3)" in board_lines(ui.app)
        shown = await back_to_board(ui.app, ui.pilot, 1)
        assert "Thank-you sent (3)" in shown and "Interviewed (2)" in shown


async def test_a_note_marked_sent_in_drafting_reaches_the_board(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        lumen = ui.id_of("Lumen Health")  # one interviewer, not thanked yet
        assert "Thank-you sent (2)" in board_lines(ui.app)
        await ui.focus_card(lumen)
        await ui.press("t")
        assert isinstance(ui.screen, DraftingScreen)
        await ui.press("ctrl+n")
        assert "Thank-you sent (3)" in board_lines(ui.app)
        shown = await back_to_board(ui.app, ui.pilot, 1)
        assert "Thank-you sent (3)" in shown and "Interviewed (2)" in shown
        assert ui.column(Stage.THANKED).highlighted_id == lumen


async def test_an_edit_from_the_detail_screen_reaches_the_board(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE, focus="Quillstone") as ui:
        await ui.press("enter")
        detail = ui.screen
        assert isinstance(detail, DetailScreen)
        await ui.press("e")
        form = ui.screen
        assert isinstance(form, ApplicationFormScreen)
        form.query_one("#field-company", Input).value = "Quillstone Renamed"
        await ui.press("ctrl+s")
        assert ui.screen is detail
        assert "Quillstone Renamed" in detail_page.heading(detail)
        assert "Quillstone Renamed" in board_lines(ui.app)
        shown = await back_to_board(ui.app, ui.pilot, 1)
        assert "Quillstone Renamed" in shown


async def test_a_write_from_a_screen_opened_by_the_timeline_reaches_the_board(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE) as ui:
        await ui.press("g")
        assert isinstance(ui.screen, TimelineScreen)
        await ui.press("enter")
        detail = ui.screen
        assert isinstance(detail, DetailScreen)
        await ui.press("e")
        form = ui.screen
        assert isinstance(form, ApplicationFormScreen)
        form.query_one("#field-company", Input).value = "Timeline Rename"
        await ui.press("ctrl+s")
        assert "Timeline Rename" in board_lines(ui.app)
        shown = await back_to_board(ui.app, ui.pilot, 2)
        assert "Timeline Rename" in shown


async def test_saved_settings_reach_the_board(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        assert "3 overdue" in board_lines(ui.app)  # Quillstone's follow-up among them
        await ui.press("comma")
        screen = ui.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one(f"#{field_id('rules.follow_up_days')}", Input).value = "8"
        await ui.press("ctrl+s")
        # Eight working days after its thank-you, Quillstone's follow-up is not late any more.
        assert "2 overdue" in board_lines(ui.app)
        shown = await back_to_board(ui.app, ui.pilot, 1)
        assert "2 overdue" in shown


async def test_closing_through_the_reason_dialog_reaches_the_board(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE, focus="Cobalt Robotics") as ui:
        cobalt = ui.id_of("Cobalt Robotics")
        await ui.press("6")
        assert isinstance(ui.screen, CloseReasonScreen)
        await ui.press("enter")
        assert isinstance(ui.screen, BoardScreen)
        shown = board_lines(ui.app)
        assert "Closed (5)" in shown and "Followed up (1)" in shown
        assert ui.column(Stage.CLOSED).highlighted_id == cobalt


async def test_a_failed_write_is_reported_and_the_board_keeps_what_is_true(
    board_pilot: BoardPilots, now: DateTime
) -> None:
    """The helper reports a save that failed; the board shows the file, not the attempt."""
    async with board_pilot(size=SIZE, notifications=True, focus="Tidewater Bank") as ui:
        await ui.press("enter")
        await ui.press("o")
        ui.app.repository.db.execute("PRAGMA query_only = 1")  # every write now fails
        await ui.press("d", "y")
        toasts = [str(toast.render()) for toast in ui.screen.query("Toast")]
        assert any("Could not save" in text and "read-only" in text for text in toasts), toasts
        ui.app.repository.db.execute("PRAGMA query_only = 0")
        shown = await back_to_board(ui.app, ui.pilot, 2)
        assert "Offer (1)" in shown and "Closed (4)" in shown


async def test_a_round_added_on_the_detail_screen_reaches_the_board(
    board_pilot: BoardPilots,
) -> None:
    # The entry forms (reply, round, corrected round) write through the one write path: the
    # board hears of the write itself, with no screen asking the board below to read again.
    async with board_pilot(size=SIZE) as ui:
        thanked = [item.id for item in ui.app.repository.summaries() if item.stage is Stage.THANKED]
        before = board_lines(ui.app)
        assert len(thanked) == 2 and "Thank-you sent (2)" in before and "Interviewed (3)" in before
        await ui.open_card(thanked[0], "enter")
        detail = ui.screen
        assert isinstance(detail, DetailScreen)
        await ui.press("a")  # a round held now, the latest: the card goes back to Interviewed
        assert isinstance(ui.screen, RoundFormScreen)
        await ui.press("ctrl+s")
        assert ui.screen is detail
        underneath = board_lines(ui.app)
        assert "Thank-you sent (1)" in underneath and "Interviewed (4)" in underneath
        shown = await back_to_board(ui.app, ui.pilot, 1)
        assert "Thank-you sent (1)" in shown and "Interviewed (4)" in shown
        assert ui.column(Stage.INTERVIEWED).highlighted_id == thanked[0]
