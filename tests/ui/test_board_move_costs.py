"""What a stage move costs beyond the card that moved (issue 19): the cards whose face is
worked out again, and the reads made after the write."""

from __future__ import annotations

import sys
from typing import Any

import pytest

import postinterview_tui.tui.screens.board as board_module
from postinterview_tui.domain.cards import card_status
from postinterview_tui.domain.stages import Stage
from tests.ui.board_pilot import BoardPilots

SIZE = (160, 40)


def _one_interviewer_card(ui: Any) -> int:
    """A card in Interviewed that ``>`` moves without a question (one person interviewed)."""
    screen = ui.board()
    assert screen.board is not None
    return next(
        item.id
        for item in screen.board.columns[Stage.INTERVIEWED]
        if item.progress.interviewers_total <= 1
        and item.progress.last_interview_at is not None
        and item.progress.last_interview_at <= ui.starter.now
    )


async def test_a_move_works_out_the_face_of_the_moved_card_alone(
    board_pilot: BoardPilots, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with board_pilot(size=SIZE) as ui:
        moved = _one_interviewer_card(ui)
        await ui.focus_card(moved)
        await ui.settle()
        # Both columns show several cards: redrawn, each would need its face again.
        assert ui.column(Stage.INTERVIEWED).card_count >= 2
        assert ui.column(Stage.THANKED).card_count >= 2
        described: list[int] = []

        def counted(summary: Any, *args: Any) -> Any:
            described.append(summary.id)
            return card_status(summary, *args)

        # Wherever the screens call it from.
        screens = board_module.__name__.rpartition(".")[0]
        for module in list(sys.modules.values()):
            name = getattr(module, "__name__", "")
            if name.startswith(screens) and getattr(module, "card_status", None) is card_status:
                monkeypatch.setattr(module, "card_status", counted)
        await ui.press("greater_than_sign")
        assert ui.board().board is not None
        assert ui.stage_of(moved) is Stage.THANKED
        assert ui.column(Stage.THANKED).highlighted_id == moved
        # The moved card, and at most the one card that came into view below the gap it left.
        assert moved in described
        assert len(described) <= 2, described
        await ui.press("less_than_sign")
        assert ui.stage_of(moved) is Stage.INTERVIEWED
        assert len(described) <= 4, described


async def test_a_move_reads_nothing_after_its_own_write(
    board_pilot: BoardPilots, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with board_pilot(size=SIZE) as ui:
        moved = _one_interviewer_card(ui)
        await ui.focus_card(moved)
        await ui.settle()
        repository = ui.app.repository
        reads: list[str] = []
        real_marker = repository.change_marker
        real_load = board_module.load_board

        def marker() -> tuple[int, int]:
            reads.append("change marker")
            return real_marker()

        def load(*args: Any, **kwargs: Any) -> Any:
            reads.append("board")
            return real_load(*args, **kwargs)

        monkeypatch.setattr(repository, "change_marker", marker)
        monkeypatch.setattr(board_module, "load_board", load)
        await ui.press("greater_than_sign")
        assert ui.stage_of(moved) is Stage.THANKED
        assert ui.column(Stage.THANKED).highlighted_id == moved
        # The file's marker just before and just after the write (so the patched board knows
        # it is current); then nothing: not the board, not the marker again.
        assert reads == ["change marker", "change marker"]


async def test_h_and_l_between_middle_columns_ask_nothing_about_the_keys_again(
    board_pilot: BoardPilots, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with board_pilot(size=SIZE) as ui:
        screen = ui.board()
        # Two middle columns with cards: the same keys apply in both.
        left, right = Stage.THANKED, Stage.FOLLOWED_UP
        assert ui.column(left).card_count and ui.column(right).card_count
        ui.column(left).focus()
        await ui.settle()
        asked: list[str] = []
        real_check = screen.check_action

        def check(action: str, parameters: tuple[object, ...]) -> bool | None:
            asked.append(action)
            return real_check(action, parameters)

        monkeypatch.setattr(screen, "check_action", check)
        await ui.press("l")
        assert ui.column(right).has_focus
        await ui.press("h")
        assert ui.column(left).has_focus
        # Each key asks about its own binding; no refresh asks about all of them again.
        assert len(asked) <= 2, asked
        # Into the first column, "back" no longer applies: that refresh still happens.
        await ui.press("h")
        assert ui.column(Stage.INTERVIEWED).has_focus
        assert "move_previous" in asked


async def test_the_columns_are_placed_once_not_on_every_line_drawn(
    board_pilot: BoardPilots, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postinterview_tui.tui.widgets import board_view

    async with board_pilot(size=SIZE) as ui:
        view = ui.board().view
        ui.column(Stage.THANKED).focus()
        await ui.settle()
        placed: list[int] = []
        real_place = board_view.visible_columns

        def place(*args: Any, **kwargs: Any) -> tuple[int, int]:
            placed.append(1)
            return real_place(*args, **kwargs)

        monkeypatch.setattr(board_view, "visible_columns", place)
        lines = [view.render_line(y).text for y in range(view.size.height)]
        assert "Thank-you sent (" in lines[0]
        # The headings ask where the arrows go; the card lines reuse the placement.
        assert len(placed) <= 2, len(placed)
