"""The board, driven through the real app with the pilot, on a real temp database."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.stages import CloseReason, EventKind, Stage
from postinterview_tui.tui.screens.dialogs import CloseReasonScreen, ConfirmScreen
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from postinterview_tui.tui.screens.help import HelpScreen
from postinterview_tui.tui.screens.offer import OfferFormScreen
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import (
    column_text,
    open_repository,
)


async def test_launch_focuses_first_card_of_first_non_empty_column(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot() as ui:
        focused = ui.column(Stage.INTERVIEWED)
        assert focused.has_focus
        screen = ui.board()
        assert screen.board is not None
        first = screen.board.columns[Stage.INTERVIEWED][0]
        assert focused.highlighted_id == first.id


async def test_empty_database_shows_how_to_start(board_pilot: BoardPilots) -> None:
    async with board_pilot(demo=False) as ui:
        empty = ui.screen.query_one("#empty-state")
        assert empty.display
        assert "Press n" in str(empty.render())
        assert not ui.screen.query_one("#columns").display


async def test_navigation_keys_move_between_columns_and_cards(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        interviewed = ui.column(Stage.INTERVIEWED)
        await ui.pilot.press("j")
        assert interviewed.cursor == 1
        await ui.pilot.press("down")
        assert interviewed.cursor == 2
        await ui.pilot.press("k", "up")
        assert interviewed.cursor == 0
        await ui.pilot.press("l")
        assert ui.column(Stage.THANKED).has_focus
        await ui.pilot.press("right")
        assert ui.column(Stage.FOLLOWED_UP).has_focus
        await ui.pilot.press("h", "left")
        assert interviewed.has_focus


async def test_move_keys_move_the_card_and_keep_focus_on_it(board_pilot: BoardPilots) -> None:
    async with board_pilot(focus="Lumen Health") as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.press("shift+right")
        assert ui.stage_of(lumen) is Stage.THANKED
        assert ui.column(Stage.THANKED).has_focus
        assert ui.column(Stage.THANKED).highlighted_id == lumen
        await ui.press("less_than_sign")
        assert ui.stage_of(lumen) is Stage.INTERVIEWED
        await ui.press("greater_than_sign")
        assert ui.stage_of(lumen) is Stage.THANKED
        await ui.press("shift+left")
        assert ui.stage_of(lumen) is Stage.INTERVIEWED
        await ui.press("4")
        # Moving to Offer asks for the offer's details first.
        assert isinstance(ui.screen, OfferFormScreen)
        assert ui.stage_of(lumen) is Stage.INTERVIEWED
        await ui.press("ctrl+s")
        assert ui.stage_of(lumen) is Stage.OFFER
        assert ui.column(Stage.OFFER).highlighted_id == lumen
        await ui.press("5")
        assert ui.stage_of(lumen) is Stage.ACCEPTED


async def test_number_key_to_closed_asks_for_a_reason(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    async with board_pilot(focus="Lumen Health") as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.press("6")
        assert isinstance(ui.screen, CloseReasonScreen)
        assert ui.stage_of(lumen) is Stage.INTERVIEWED
        await ui.pilot.press("down", "enter")  # the second reason: "I withdrew"
        await ui.settle()
        repository = open_repository(db_path, zone)
        summary = repository.summary(lumen)
        assert summary.stage is Stage.CLOSED
        assert summary.close_reason is CloseReason.WITHDREW
        repository.close()


async def test_escape_on_close_reason_changes_nothing(board_pilot: BoardPilots) -> None:
    async with board_pilot(focus="Lumen Health") as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.press("6")
        await ui.press("escape")
        assert ui.stage_of(lumen) is Stage.INTERVIEWED


async def test_too_soon_follow_up_asks_first(board_pilot: BoardPilots) -> None:
    async with board_pilot(focus="Orbital Freight") as ui:
        orbital = ui.id_of("Orbital Freight")  # thanked 3.9 days ago
        await ui.press("shift+right")
        assert isinstance(ui.screen, ConfirmScreen)
        assert "too soon" in ui.screen.question
        await ui.press("n")
        assert ui.stage_of(orbital) is Stage.THANKED
        await ui.press("shift+right")
        await ui.press("y")
        assert ui.stage_of(orbital) is Stage.FOLLOWED_UP


async def test_accepting_with_pending_conditions_asks_first(board_pilot: BoardPilots) -> None:
    async with board_pilot(focus="Tidewater Bank") as ui:
        tidewater = ui.id_of("Tidewater Bank")
        await ui.press("shift+right")
        assert isinstance(ui.screen, ConfirmScreen)
        assert "pending" in ui.screen.question
        await ui.press("y")
        assert ui.stage_of(tidewater) is Stage.ACCEPTED


async def test_undo_reverts_the_last_move(board_pilot: BoardPilots) -> None:
    async with board_pilot(focus="Lumen Health") as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.press("shift+right")
        assert ui.stage_of(lumen) is Stage.THANKED
        await ui.press("u")
        assert ui.stage_of(lumen) is Stage.INTERVIEWED
        screen = ui.board()
        assert screen.board is not None
        assert screen.board.stage_of(lumen) is Stage.INTERVIEWED


async def test_delete_asks_then_deletes_and_undo_restores(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    async with board_pilot(focus="Lumen Health") as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.press("delete")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("y")
        repository = open_repository(db_path, zone)
        assert lumen not in {item.id for item in repository.summaries()}
        screen = ui.board()
        assert screen.board is not None and lumen not in screen.board.by_id
        await ui.press("u")
        assert lumen in {item.id for item in repository.summaries()}
        repository.close()


async def test_add_through_the_form(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    async with board_pilot() as ui:
        await ui.press("n")
        assert isinstance(ui.screen, ApplicationFormScreen)
        await ui.pilot.press(*"Zephyr Labs")
        await ui.pilot.press("tab")
        await ui.pilot.press(*"QA lead")
        await ui.press("ctrl+s")
        assert not isinstance(ui.screen, ApplicationFormScreen)
        new_id = ui.id_of("Zephyr Labs")
        repository = open_repository(db_path, zone)
        detail = repository.detail(new_id)
        assert detail.summary.role == "QA lead"
        assert detail.summary.stage is Stage.INTERVIEWED
        # The interview time defaults to now (to the minute).
        assert detail.interviews[0].held_at == now.replace(second=0, microsecond=0)
        repository.close()
        assert ui.column(Stage.INTERVIEWED).has_focus
        assert ui.column(Stage.INTERVIEWED).highlighted_id == new_id


async def test_form_refuses_invalid_input_with_messages_beside_fields(
    board_pilot: BoardPilots, db_path: Path
) -> None:
    async with board_pilot() as ui:
        before = db_path.read_bytes()
        await ui.press("n")
        form = ui.screen
        assert isinstance(form, ApplicationFormScreen)
        await ui.pilot.press(" ", " ")  # whitespace only company
        form.query_one("#field-interviewed").value = "2025-02-30"  # type: ignore[attr-defined]
        await ui.press("ctrl+s")
        assert ui.screen is form
        company_error = str(form.query_one("#error-company").render())
        role_error = str(form.query_one("#error-role").render())
        when_error = str(form.query_one("#error-interviewed").render())
        assert "required" in company_error
        assert "required" in role_error
        assert "not a real date" in when_error
        assert db_path.read_bytes() == before


async def test_escape_asks_before_discarding_typed_text(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        await ui.press("n")
        await ui.pilot.press(*"Typed")
        await ui.press("escape")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("n")
        assert isinstance(ui.screen, ApplicationFormScreen)
        await ui.press("escape")
        await ui.press("y")
        assert not isinstance(ui.screen, (ApplicationFormScreen, ConfirmScreen))


async def test_escape_on_untouched_form_closes_at_once(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        await ui.press("n")
        await ui.press("escape")
        assert ui.screen is ui.board()


async def test_edit_changes_the_company(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    async with board_pilot(focus="Lumen Health") as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.press("e")
        form = ui.screen
        assert isinstance(form, ApplicationFormScreen)
        assert form.query_one("#field-company").value == "Lumen Health"  # type: ignore[attr-defined]
        await ui.press("end", *" Group", "ctrl+s")
        repository = open_repository(db_path, zone)
        assert repository.summary(lumen).company == "Lumen Health Group"
        assert repository.detail(lumen).events[-1].kind is EventKind.EDITED
        repository.close()


async def test_filter_shows_only_matching_cards(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        await ui.type_filter("slash", *"engineer")
        screen = ui.board()
        assert screen.board is not None
        shown = {summary_id for stage in Stage for summary_id in ui.column(stage).ids}
        expected = {
            item.id for item in screen.board.by_id.values() if "engineer" in item.role.lower()
        }
        assert shown == expected
        assert len(shown) >= 3
        await ui.press("escape")
        assert ui.column(Stage.INTERVIEWED).card_count == 3


async def test_live_refresh_from_another_connection(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    async with board_pilot() as ui:
        before = (ui.board().current_stage(), ui.board().current_id())
        other = open_repository(db_path, zone)
        new_id = other.add_application(
            NewApplication("Elsewhere Inc", "Analyst", NewInterview(now.subtract(hours=1))), now
        )
        other.close()
        for _ in range(40):
            await ui.pilot.pause(0.1)
            screen = ui.board()
            if screen.board is not None and new_id in screen.board.by_id:
                break
        screen = ui.board()
        assert screen.board is not None and new_id in screen.board.by_id
        assert (screen.current_stage(), screen.current_id()) == before


async def test_hostile_company_names_show_literally(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
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
    async with board_pilot(demo=False, size=(200, 50)) as ui:
        shown = column_text(ui.column(Stage.INTERVIEWED))
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
        await ui.pilot.click("#columns", offset=(3, 2))  # the first card of the first column
        await ui.settle()
        assert ui.app.is_running


async def test_help_lists_every_board_key(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        await ui.press("question_mark")
        assert isinstance(ui.screen, HelpScreen)
        text = " ".join(str(widget.render()) for widget in ui.screen.query(".help-keys"))
        from postinterview_tui.tui.commands.table import all_commands

        for command in all_commands():
            assert command.title in text, command.id
        await ui.press("escape")
        assert not isinstance(ui.screen, HelpScreen)


async def test_keys_work_on_an_empty_board(board_pilot: BoardPilots) -> None:
    async with board_pilot(demo=False) as ui:
        await ui.press("n")
        assert isinstance(ui.screen, ApplicationFormScreen)
