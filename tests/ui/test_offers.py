"""Offers in the app: recording one with conditions, the offer panel, accepting and declining."""

from __future__ import annotations

from pathlib import Path

from pendulum import Timezone
from textual.widgets import Checkbox, Input

from postinterview_tui.domain.stages import CloseReason, ConditionStatus, Stage
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.insights import InsightsScreen
from postinterview_tui.tui.screens.offer import OfferFormScreen, OfferScreen
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import open_repository

SIZE = (130, 44)


def _id(db_path: Path, zone: Timezone, company: str) -> int:
    repository = open_repository(db_path, zone)
    try:
        return next(item.id for item in repository.summaries() if item.company == company)
    finally:
        repository.close()


async def test_moving_to_offer_records_deadline_and_conditions(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    quill = _id(db_path, zone, "Quillstone")
    async with board_pilot(size=SIZE, focus=quill) as ui:
        await ui.press("4")
        form = ui.screen
        assert isinstance(form, OfferFormScreen)
        form.query_one("#offer-deadline", Input).value = "2026-12-04"
        form.query_one("#condition-references", Checkbox).value = True
        form.query_one("#condition-medical", Checkbox).value = True
        form.query_one("#offer-other", Input).value = "Signed NDA"
        form.query_one("#offer-notes", Input).value = "[b]85k[/b], start in January"
        await ui.press("ctrl+s")
    repository = open_repository(db_path, zone)
    detail = repository.detail(quill)
    repository.close()
    progress = detail.summary.progress
    assert detail.summary.stage is Stage.OFFER
    assert progress.offer_deadline is not None
    assert progress.offer_deadline.in_timezone(zone).date().isoformat() == "2026-12-04"
    assert [c.label for c in progress.conditions] == [
        "Reference checks",
        "Medical exam",
        "Signed NDA",
    ]
    assert detail.offer_notes == "[b]85k[/b], start in January"


async def test_bad_deadline_is_refused_beside_the_field(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    quill = _id(db_path, zone, "Quillstone")
    async with board_pilot(size=SIZE, focus=quill) as ui:
        await ui.press("4")
        form = ui.screen
        assert isinstance(form, OfferFormScreen)
        form.query_one("#offer-deadline", Input).value = "2026-02-30"
        await ui.press("ctrl+s")
        assert ui.screen is form
        assert "not a real date" in str(form.query_one("#error-deadline").render())
        await ui.press("escape")
    repository = open_repository(db_path, zone)
    assert repository.summary(quill).stage is Stage.THANKED
    repository.close()


async def test_offer_panel_clears_a_condition_then_accepts(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    tidewater = _id(db_path, zone, "Tidewater Bank")
    async with board_pilot(size=SIZE, focus=tidewater) as ui:
        await ui.press("enter")
        await ui.press("o")
        panel = ui.screen
        assert isinstance(panel, OfferScreen)
        assert "1 of 3 conditions cleared" in str(panel.query_one("#offer-state").render())
        await ui.press("down", "c")  # the second condition: background check
        assert "2 of 3 conditions cleared" in str(panel.query_one("#offer-state").render())
        await ui.press("a")
        assert isinstance(ui.screen, ConfirmScreen)  # one condition still pending
        await ui.press("y")
    repository = open_repository(db_path, zone)
    summary = repository.summary(tidewater)
    repository.close()
    assert summary.stage is Stage.ACCEPTED
    statuses = [c.status for c in summary.progress.conditions]
    assert statuses.count(ConditionStatus.CLEARED) == 2


async def test_offer_panel_declines(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    tidewater = _id(db_path, zone, "Tidewater Bank")
    async with board_pilot(size=SIZE) as ui:
        ui.app.open_offer(tidewater)
        await ui.settle()
        await ui.press("x")  # the first condition fails
        assert "failed" in str(ui.screen.query_one("#offer-state").render())
        await ui.press("d")
        await ui.press("y")
        await ui.press("escape")
        assert ui.board().board is not None
        assert ui.column(Stage.CLOSED).card_count >= 1
    repository = open_repository(db_path, zone)
    summary = repository.summary(tidewater)
    repository.close()
    assert summary.stage is Stage.CLOSED
    assert summary.close_reason is CloseReason.DECLINED_OFFER


async def test_insights_screen_shows_numbers(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        await ui.press("i")
        assert isinstance(ui.screen, InsightsScreen)
        text = str(ui.screen.query_one("#insights-body").render())
        assert "Applications per stage" in text
        assert "Closed" in text and "No response" in text
        assert "Offers accepted: 1" in text


async def test_t_on_a_closed_card_drafts_the_rejection_reply_and_R_reopens(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    from postinterview_tui.tui.screens.drafting import DraftingScreen

    board_pilot.write_demo()
    foxglove = _id(db_path, zone, "Foxglove Media")  # closed: not selected

    async with board_pilot(size=SIZE, focus=foxglove) as ui:
        await ui.press("t")
        assert isinstance(ui.screen, DraftingScreen)
        assert ui.screen.slots[ui.screen.slot].template.id == "rejection-reply"
        await ui.press("escape")
        await ui.focus_card(foxglove)
        await ui.press("R")
    repository = open_repository(db_path, zone)
    summary = repository.summary(foxglove)
    repository.close()
    assert summary.stage is Stage.THANKED  # where it was before it closed
    assert summary.close_reason is None


async def test_after_accepting_the_panel_asks_for_no_reply(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    """Once accepted, the offer's reply date is past business: the panel says where it stands
    and what is still pending, not "Reply by …"."""
    board_pilot.write_demo()
    tidewater = _id(db_path, zone, "Tidewater Bank")
    async with board_pilot(size=SIZE, focus=tidewater) as ui:
        await ui.press("enter")
        await ui.press("o")
        panel = ui.screen
        assert isinstance(panel, OfferScreen)
        assert "Reply by" in str(panel.query_one("#offer-state").render())
        await ui.press("a")
        await ui.press("y")
        state = str(panel.query_one("#offer-state").render())
        assert "Reply by" not in state
        assert "1 of 3 conditions cleared" in state and "(Now: Accepted)" in state
