"""The board, driven through the real app with the pilot, on a real temp database."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.models import NewApplication, NewInterview
from postinterview_tui.domain.stages import CloseReason, EventKind, Stage
from postinterview_tui.tui.screens.dialogs import CloseReasonScreen, ConfirmScreen
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from postinterview_tui.tui.screens.help import HelpScreen
from postinterview_tui.tui.screens.offer import OfferFormScreen
from tests.ui.helpers import (
    board,
    column,
    column_text,
    focus_card,
    make_app,
    open_repository,
    settle,
)

SIZE = (140, 40)


def _id_of(db_path: Path, zone: Timezone, company: str) -> int:
    repository = open_repository(db_path, zone)
    try:
        return next(item.id for item in repository.summaries() if item.company == company)
    finally:
        repository.close()


def _stage_of(db_path: Path, zone: Timezone, application_id: int) -> Stage:
    repository = open_repository(db_path, zone)
    try:
        return repository.summary(application_id).stage
    finally:
        repository.close()


async def test_launch_focuses_first_card_of_first_non_empty_column(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focused = column(app, Stage.INTERVIEWED)
        assert focused.has_focus
        screen = board(app)
        assert screen.board is not None
        first = screen.board.columns[Stage.INTERVIEWED][0]
        assert focused.highlighted_id == first.id


async def test_empty_database_shows_how_to_start(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        empty = app.screen.query_one("#empty-state")
        assert empty.display
        assert "Press n" in str(empty.render())
        assert not app.screen.query_one("#columns").display


async def test_navigation_keys_move_between_columns_and_cards(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        interviewed = column(app, Stage.INTERVIEWED)
        await pilot.press("j")
        assert interviewed.cursor == 1
        await pilot.press("down")
        assert interviewed.cursor == 2
        await pilot.press("k", "up")
        assert interviewed.cursor == 0
        await pilot.press("l")
        assert column(app, Stage.THANKED).has_focus
        await pilot.press("right")
        assert column(app, Stage.FOLLOWED_UP).has_focus
        await pilot.press("h", "left")
        assert interviewed.has_focus


async def test_move_keys_move_the_card_and_keep_focus_on_it(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, lumen)
        await pilot.press("shift+right")
        await settle(pilot)
        assert _stage_of(db_path, zone, lumen) is Stage.THANKED
        assert column(app, Stage.THANKED).has_focus
        assert column(app, Stage.THANKED).highlighted_id == lumen
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert _stage_of(db_path, zone, lumen) is Stage.INTERVIEWED
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert _stage_of(db_path, zone, lumen) is Stage.THANKED
        await pilot.press("shift+left")
        await settle(pilot)
        assert _stage_of(db_path, zone, lumen) is Stage.INTERVIEWED
        await pilot.press("4")
        await settle(pilot)
        # Moving to Offer asks for the offer's details first.
        assert isinstance(app.screen, OfferFormScreen)
        assert _stage_of(db_path, zone, lumen) is Stage.INTERVIEWED
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _stage_of(db_path, zone, lumen) is Stage.OFFER
        assert column(app, Stage.OFFER).highlighted_id == lumen
        await pilot.press("5")
        await settle(pilot)
        assert _stage_of(db_path, zone, lumen) is Stage.ACCEPTED


async def test_number_key_to_closed_asks_for_a_reason(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, lumen)
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.screen, CloseReasonScreen)
        assert _stage_of(db_path, zone, lumen) is Stage.INTERVIEWED
        await pilot.press("down", "enter")  # the second reason: "I withdrew"
        await settle(pilot)
        repository = open_repository(db_path, zone)
        summary = repository.summary(lumen)
        assert summary.stage is Stage.CLOSED
        assert summary.close_reason is CloseReason.WITHDREW
        repository.close()


async def test_escape_on_close_reason_changes_nothing(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, lumen)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert _stage_of(db_path, zone, lumen) is Stage.INTERVIEWED


async def test_too_soon_follow_up_asks_first(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    orbital = _id_of(db_path, zone, "Orbital Freight")  # thanked 3.9 days ago
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, orbital)
        await pilot.press("shift+right")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "too soon" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert _stage_of(db_path, zone, orbital) is Stage.THANKED
        await pilot.press("shift+right")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert _stage_of(db_path, zone, orbital) is Stage.FOLLOWED_UP


async def test_accepting_with_pending_conditions_asks_first(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    tidewater = _id_of(db_path, zone, "Tidewater Bank")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, tidewater)
        await pilot.press("shift+right")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "pending" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert _stage_of(db_path, zone, tidewater) is Stage.ACCEPTED


async def test_undo_reverts_the_last_move(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, lumen)
        await pilot.press("shift+right")
        await settle(pilot)
        assert _stage_of(db_path, zone, lumen) is Stage.THANKED
        await pilot.press("u")
        await settle(pilot)
        assert _stage_of(db_path, zone, lumen) is Stage.INTERVIEWED
        screen = board(app)
        assert screen.board is not None
        assert screen.board.stage_of(lumen) is Stage.INTERVIEWED


async def test_delete_asks_then_deletes_and_undo_restores(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, lumen)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        repository = open_repository(db_path, zone)
        assert lumen not in {item.id for item in repository.summaries()}
        screen = board(app)
        assert screen.board is not None and lumen not in screen.board.by_id
        await pilot.press("u")
        await settle(pilot)
        assert lumen in {item.id for item in repository.summaries()}
        repository.close()


async def test_add_through_the_form(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationFormScreen)
        await pilot.press(*"Zephyr Labs")
        await pilot.press("tab")
        await pilot.press(*"QA lead")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ApplicationFormScreen)
        new_id = _id_of(db_path, zone, "Zephyr Labs")
        repository = open_repository(db_path, zone)
        detail = repository.detail(new_id)
        assert detail.summary.role == "QA lead"
        assert detail.summary.stage is Stage.INTERVIEWED
        # The interview time defaults to now (to the minute).
        assert detail.interviews[0].held_at == now.replace(second=0, microsecond=0)
        repository.close()
        assert column(app, Stage.INTERVIEWED).has_focus
        assert column(app, Stage.INTERVIEWED).highlighted_id == new_id


async def test_form_refuses_invalid_input_with_messages_beside_fields(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = db_path.read_bytes()
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationFormScreen)
        await pilot.press(" ", " ")  # whitespace only company
        form.query_one("#field-interviewed").value = "2025-02-30"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        company_error = str(form.query_one("#error-company").render())
        role_error = str(form.query_one("#error-role").render())
        when_error = str(form.query_one("#error-interviewed").render())
        assert "required" in company_error
        assert "required" in role_error
        assert "not a real date" in when_error
        assert db_path.read_bytes() == before


async def test_escape_asks_before_discarding_typed_text(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Typed")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationFormScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, (ApplicationFormScreen, ConfirmScreen))


async def test_escape_on_untouched_form_closes_at_once(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is board(app)


async def test_edit_changes_the_company(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focus_card(app, lumen)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationFormScreen)
        assert form.query_one("#field-company").value == "Lumen Health"  # type: ignore[attr-defined]
        await pilot.press("end", *" Group", "ctrl+s")
        await settle(pilot)
        repository = open_repository(db_path, zone)
        assert repository.summary(lumen).company == "Lumen Health Group"
        assert repository.detail(lumen).events[-1].kind is EventKind.EDITED
        repository.close()


async def test_filter_shows_only_matching_cards(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"engineer")
        await settle(pilot)
        screen = board(app)
        assert screen.board is not None
        shown = {summary_id for stage in Stage for summary_id in column(app, stage).ids}
        expected = {
            item.id for item in screen.board.by_id.values() if "engineer" in item.role.lower()
        }
        assert shown == expected
        assert len(shown) >= 3
        await pilot.press("escape")
        await settle(pilot)
        assert column(app, Stage.INTERVIEWED).card_count == 3


async def test_live_refresh_from_another_connection(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = (board(app).current_stage(), board(app).current_id())
        other = open_repository(db_path, zone)
        new_id = other.add_application(
            NewApplication("Elsewhere Inc", "Analyst", NewInterview(now.subtract(hours=1))), now
        )
        other.close()
        for _ in range(40):
            await pilot.pause(0.1)
            screen = board(app)
            if screen.board is not None and new_id in screen.board.by_id:
                break
        screen = board(app)
        assert screen.board is not None and new_id in screen.board.by_id
        assert (screen.current_stage(), screen.current_id()) == before


async def test_hostile_company_names_show_literally(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    hostile = [
        "[bold]Acme[/bold]",
        "ACME [/]",
        "[@click=app.quit]x",
        "[link=https://example.com]y[/link]",
        "Unclosed [b",
        "\x1b[2JEsc\x1b]0;title\x07",
    ]
    from postinterview_tui.storage.repository import Repository

    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    for name in hostile:
        repository.add_application(
            NewApplication(name, "[i]role[/i]", NewInterview(now.subtract(hours=2))), now
        )
    repository.close()
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        shown = column_text(column(app, Stage.INTERVIEWED))
        for visible in (
            "[bold]Acme[/bold]",
            "ACME [/]",
            "[@click=app.quit]x",
            "Unclosed [b",
            "[i]role[/i]",
            "[2JEsc]0;title",
        ):
            assert visible in shown
        assert "\x1b" not in shown and "\x07" not in shown
        await pilot.click("#columns", offset=(3, 2))  # the first card of the first column
        await settle(pilot)
        assert app.is_running


async def test_help_lists_every_board_key(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(widget.render()) for widget in app.screen.query(".help-keys"))
        from postinterview_tui.tui.commands.table import all_commands

        for command in all_commands():
            assert command.title in text, command.id
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_keys_work_on_an_empty_board(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationFormScreen)
