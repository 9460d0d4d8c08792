"""Offers in the app: recording one with conditions, the offer panel, accepting and declining."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.widgets import Checkbox, Input

from postinterview_tui.domain.stages import CloseReason, ConditionStatus, Stage
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.insights import InsightsScreen
from postinterview_tui.tui.screens.offer import OfferFormScreen, OfferScreen
from tests.ui.helpers import board, column, focus_card, make_app, open_repository, settle

SIZE = (130, 44)


def _id(db_path: Path, zone: Timezone, company: str) -> int:
    repository = open_repository(db_path, zone)
    try:
        return next(item.id for item in repository.summaries() if item.company == company)
    finally:
        repository.close()


async def test_moving_to_offer_records_deadline_and_conditions(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    quill = _id(db_path, zone, "Quillstone")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, quill)
        await pilot.press("4")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, OfferFormScreen)
        form.query_one("#offer-deadline", Input).value = "2026-12-04"
        form.query_one("#condition-references", Checkbox).value = True
        form.query_one("#condition-medical", Checkbox).value = True
        form.query_one("#offer-other", Input).value = "Signed NDA"
        form.query_one("#offer-notes", Input).value = "[b]85k[/b], start in January"
        await pilot.press("ctrl+s")
        await settle(pilot)
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
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    quill = _id(db_path, zone, "Quillstone")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, quill)
        await pilot.press("4")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, OfferFormScreen)
        form.query_one("#offer-deadline", Input).value = "2026-02-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "not a real date" in str(form.query_one("#error-deadline").render())
        await pilot.press("escape")
        await settle(pilot)
    repository = open_repository(db_path, zone)
    assert repository.summary(quill).stage is Stage.THANKED
    repository.close()


async def test_offer_panel_clears_a_condition_then_accepts(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    tidewater = _id(db_path, zone, "Tidewater Bank")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, tidewater)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, OfferScreen)
        assert "1 of 3 conditions cleared" in str(panel.query_one("#offer-state").render())
        await pilot.press("down", "c")  # the second condition: background check
        await settle(pilot)
        assert "2 of 3 conditions cleared" in str(panel.query_one("#offer-state").render())
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # one condition still pending
        await pilot.press("y")
        await settle(pilot)
    repository = open_repository(db_path, zone)
    summary = repository.summary(tidewater)
    repository.close()
    assert summary.stage is Stage.ACCEPTED
    statuses = [c.status for c in summary.progress.conditions]
    assert statuses.count(ConditionStatus.CLEARED) == 2


async def test_offer_panel_declines(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    tidewater = _id(db_path, zone, "Tidewater Bank")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_offer(tidewater)
        await settle(pilot)
        await pilot.press("x")  # the first condition fails
        await settle(pilot)
        assert "failed" in str(app.screen.query_one("#offer-state").render())
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert board(app).board is not None
        assert column(app, Stage.CLOSED).card_count >= 1
    repository = open_repository(db_path, zone)
    summary = repository.summary(tidewater)
    repository.close()
    assert summary.stage is Stage.CLOSED
    assert summary.close_reason is CloseReason.DECLINED_OFFER


async def test_insights_screen_shows_numbers(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        text = str(app.screen.query_one("#insights-body").render())
        assert "Applications per stage" in text
        assert "Closed" in text and "No response" in text
        assert "Offers accepted: 1" in text


async def test_t_on_a_closed_card_drafts_the_rejection_reply_and_R_reopens(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    from postinterview_tui.tui.screens.drafting import DraftingScreen

    app = make_app(db_path, now, zone)
    foxglove = _id(db_path, zone, "Foxglove Media")  # closed: not selected
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, foxglove)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, DraftingScreen)
        assert app.screen.slots[app.screen.slot].template.id == "rejection-reply"
        await pilot.press("escape")
        await settle(pilot)
        focus_card(app, foxglove)
        await pilot.press("R")
        await settle(pilot)
    repository = open_repository(db_path, zone)
    summary = repository.summary(foxglove)
    repository.close()
    assert summary.stage is Stage.THANKED  # where it was before it closed
    assert summary.close_reason is None
