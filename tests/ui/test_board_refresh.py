"""How the board keeps up: moves patched in, stale reads dropped, the clock, idle columns."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.demo import write_demo_database
from postinterview_tui.domain.stages import STAGE_ORDER, Stage
from postinterview_tui.tui.app import build_app
from postinterview_tui.tui.state.board_data import load_board
from postinterview_tui.tui.widgets.board_view import ColumnView
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import (
    board,
    column,
    column_text,
    first_held,
    focus_card,
    make_app,
    settle,
    thank_everyone_if_asked,
)

SIZE = (160, 40)


async def _until(pilot: Any, condition: Callable[[], bool], what: str) -> None:
    """Let the app run (without waiting for its workers) until ``condition`` holds."""
    for _ in range(250):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(what)


async def test_a_read_started_before_a_move_cannot_put_the_card_back(
    board_pilot: BoardPilots, now: DateTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    import postinterview_tui.tui.screens.board as board_module

    real_load = board_module.load_board
    hold = threading.Event()
    arrived = threading.Event()
    release = threading.Event()

    def held_read(*args: Any, **kwargs: Any) -> Any:
        data = real_load(*args, **kwargs)  # read now, before the move below
        if hold.is_set():
            hold.clear()
            arrived.set()
            release.wait(5)  # the answer comes late: after the move was drawn
        return data

    monkeypatch.setattr(board_module, "load_board", held_read)
    async with board_pilot(size=SIZE) as ui:
        screen = ui.board()
        assert screen.board is not None
        # One interviewer, interview over: the move asks nothing.
        card = next(
            item
            for item in screen.board.columns[Stage.INTERVIEWED]
            if item.progress.interviewers_total <= 1
            and item.progress.last_interview_at is not None
            and item.progress.last_interview_at <= now
        )
        await ui.focus_card(card.id)
        hold.set()
        screen.reload()  # a read in flight, as the poll or the clock starts one
        await _until(ui.pilot, arrived.is_set, "the read started")
        await ui.pilot.press("greater_than_sign")
        await _until(
            ui.pilot,
            lambda: card.company in column_text(ui.column(Stage.THANKED)),
            "the move was drawn",
        )
        release.set()  # the late answer arrives
        await ui.settle()
        assert card.company in column_text(ui.column(Stage.THANKED))
        assert card.company not in column_text(ui.column(Stage.INTERVIEWED))
        assert ui.column(Stage.THANKED).highlighted_id == card.id
        assert ui.stage_of(card.id) is Stage.THANKED


async def test_a_move_redraws_only_the_two_columns_involved(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: Any
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        moved = first_held(app, Stage.INTERVIEWED, now)
        redrawn: list[object] = []
        original = ColumnView.set_cards

        def spy(self: ColumnView, *args: Any, **kwargs: Any) -> None:
            redrawn.append(self.key)
            original(self, *args, **kwargs)

        monkeypatch.setattr(ColumnView, "set_cards", spy)
        focus_card(app, moved)
        await pilot.press("greater_than_sign")
        await thank_everyone_if_asked(pilot)
        await settle(pilot)
        assert set(redrawn) == {Stage.INTERVIEWED, Stage.THANKED}
        # Every column still shows what a fresh read shows.
        fresh = load_board(app.repository, now=now, zone=zone)
        for stage in STAGE_ORDER[:-1]:
            ids = [item.id for item in fresh.columns[stage]]
            target = column(app, stage)
            assert target.card_count == len(ids)


async def test_due_labels_follow_the_clock_without_any_change_to_the_data(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    import postinterview_tui.tui.screens.board as board_module

    monkeypatch.setattr(board_module, "CLOCK_SECONDS", 0.2)  # a minute, shortened for the test
    write_demo_database(db_path, now=now, zone=zone)
    clock = {"now": now}
    app = build_app(db_path, zone=zone, clock=lambda: clock["now"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = {stage: column_text(column(app, stage)) for stage in STAGE_ORDER}
        clock["now"] = now.add(days=9)  # nothing is written: only time passes
        later = now.add(days=9).in_timezone(zone).format("D MMMM")
        await _until(
            pilot, lambda: later in str(board(app).query_one("#today").render()), "a new day"
        )
        await settle(pilot)
        after = {stage: column_text(column(app, stage)) for stage in STAGE_ORDER}
        assert after != before
        assert "late" in after[Stage.INTERVIEWED] or "overdue" in after[Stage.INTERVIEWED]


async def test_the_heading_highlight_follows_the_focused_column(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        screen = ui.board()

        def highlighted() -> list[Stage]:
            headings = screen.view.render_line(0)
            backgrounds = {}
            for stage in STAGE_ORDER:
                x, _ = screen.view.span(ui.column(stage).index)
                first_cell = list(headings.crop(x + 1, x + 2))[0]
                assert first_cell.style is not None
                backgrounds[stage] = first_cell.style.bgcolor
            counts = list(backgrounds.values())
            return [stage for stage, colour in backgrounds.items() if counts.count(colour) == 1]

        ui.column(Stage.INTERVIEWED).focus()
        await ui.settle()
        assert highlighted() == [Stage.INTERVIEWED]
        await ui.press("l")
        assert highlighted() == [Stage.THANKED]
        await ui.press("l")
        assert ui.column(Stage.FOLLOWED_UP).has_focus
        assert highlighted() == [Stage.FOLLOWED_UP]
        await ui.press("h")
        assert highlighted() == [Stage.THANKED]


async def test_a_move_does_not_repaint_the_whole_screen(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        screen = ui.board()
        assert screen.board is not None
        # One interviewer: the move asks nothing (a question's dialog repaints by nature).
        moved = next(
            item.id
            for item in screen.board.columns[Stage.INTERVIEWED]
            if item.progress.interviewers_total <= 1
        )
        await ui.focus_card(moved)
        await ui.settle()
        whole: list[object] = []
        real_refresh = screen.refresh

        def spy(*regions: Any, **kwargs: Any) -> Any:
            if not regions:
                whole.append(kwargs)
            return real_refresh(*regions, **kwargs)

        screen.refresh = spy  # type: ignore[method-assign]
        await ui.press("greater_than_sign")
        assert screen.board is not None and screen.board.stage_of(moved) is Stage.THANKED
        assert whole == []
        assert "Thank-you sent (" in screen.view.render_line(0).text
