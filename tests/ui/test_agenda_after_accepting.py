"""Issue 15 §2 in the app: accepting an offer while a condition is pending keeps that condition
on the agenda (the detail screen's next steps, the card, the daily review) until it is cleared
or failed; a condition failed after accepting asks for a talk, which ``d`` notes."""

from __future__ import annotations

from typing import cast

from postinterview_tui.domain.review import ItemKey
from postinterview_tui.domain.rules import ActionKind
from postinterview_tui.domain.stages import ConditionStatus, Stage
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.offer import OfferScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from tests.ui import detail_page
from tests.ui.board_pilot import BoardPilot, BoardPilots
from tests.ui.helpers import column_text

SIZE = (130, 44)


def _review_rows(ui: BoardPilot) -> dict[ItemKey, str]:
    screen = ui.screen
    assert isinstance(screen, ReviewScreen), screen
    rows = screen.query_one("#review-list", AgendaList)
    if not rows.display:
        return {}
    return {cast(ItemKey, key): rows.row_content(key).plain for key in rows.keys}


async def _accept_in_the_offer_panel(ui: BoardPilot) -> None:
    await ui.press("enter")
    assert isinstance(ui.screen, DetailScreen)
    await ui.press("o")
    assert isinstance(ui.screen, OfferScreen)
    await ui.press("a")
    assert isinstance(ui.screen, ConfirmScreen)  # two conditions are still pending
    await ui.press("y")


async def test_accepting_with_a_pending_condition_keeps_its_check_ins_everywhere(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE, focus="Tidewater Bank") as ui:
        tidewater = ui.id_of("Tidewater Bank")
        await _accept_in_the_offer_panel(ui)
        assert ui.stage_of(tidewater) is Stage.ACCEPTED
        await ui.press("escape")
        detail = ui.screen
        assert isinstance(detail, DetailScreen)
        timeline = detail_page.timeline(detail)
        assert "condition check-in" in timeline
        assert "background check" in timeline and "right-to-work documents" in timeline
        await ui.press("escape")
        cards = column_text(ui.column(Stage.ACCEPTED))
        assert "Tidewater Bank" in cards and "check-in" in cards
        await ui.press("r")
        rows = _review_rows(ui)
        mine = {key: text for key, text in rows.items() if key.application_id == tidewater}
        assert {key.action for key in mine} == {ActionKind.OFFER_CONDITION}
        assert len(mine) == 2
        assert all("check in on a condition" in text for text in mine.values())


async def test_a_condition_failed_after_accepting_asks_for_a_talk_and_d_notes_it(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE, focus="Tidewater Bank") as ui:
        tidewater = ui.id_of("Tidewater Bank")
        await _accept_in_the_offer_panel(ui)
        await ui.press("x")  # the first condition listed fails
        await ui.press("escape", "escape")
        await ui.press("r")
        rows = _review_rows(ui)
        (failed,) = [key for key in rows if key.action is ActionKind.CONDITION_FAILED]
        assert failed.application_id == tidewater
        assert "a condition failed: talk to them" in rows[failed]
        screen = ui.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.query_one(AgendaList).select_key(failed)
        await ui.press("d")
        assert failed not in _review_rows(ui)
        with ui.starter.repository() as repository:
            (condition,) = [
                c
                for c in repository.summary(tidewater).progress.conditions
                if c.id == failed.condition_id
            ]
        assert condition.status is ConditionStatus.FAILED
        assert condition.last_check_in_at is not None
        assert condition.resolved_at is not None
        assert condition.last_check_in_at >= condition.resolved_at
