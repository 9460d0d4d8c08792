"""How the board keeps up: moves patched in, stale reads dropped, the clock, idle columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone

from postinterview_tui.demo import write_demo_database
from postinterview_tui.domain.stages import STAGE_ORDER, Stage
from postinterview_tui.tui.app import build_app
from postinterview_tui.tui.state.board_data import load_board
from postinterview_tui.tui.widgets.board_view import ColumnView
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


async def test_a_read_started_before_a_move_cannot_put_the_card_back(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = board(app)
        moved = first_held(app, Stage.INTERVIEWED, now)
        # What a reload in flight read before the move was committed:
        before_move = load_board(app.repository, now=now, zone=zone)
        started_at = screen._patches
        focus_card(app, moved)
        await pilot.press("greater_than_sign")
        await thank_everyone_if_asked(pilot)
        await settle(pilot)
        assert screen.board is not None and screen.board.stage_of(moved) is Stage.THANKED
        screen._loaded(before_move, None, started_at)  # the late answer arrives
        await settle(pilot)
        assert screen.board.stage_of(moved) is Stage.THANKED
        assert moved in [item.id for item in screen.board.columns[Stage.THANKED]]
        assert column(app, Stage.THANKED).highlighted_id == moved


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
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    write_demo_database(db_path, now=now, zone=zone)
    clock = {"now": now}
    app = build_app(db_path, zone=zone, clock=lambda: clock["now"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = {stage: column_text(column(app, stage)) for stage in STAGE_ORDER}
        clock["now"] = now.add(days=9)
        board(app)._catch_up_with_clock()
        await settle(pilot)
        after = {stage: column_text(column(app, stage)) for stage in STAGE_ORDER}
        assert after != before
        assert "late" in after[Stage.INTERVIEWED] or "overdue" in after[Stage.INTERVIEWED]
        header = str(board(app).query_one("#today").render())
        assert now.add(days=9).in_timezone(zone).format("D MMMM") in header


async def test_the_heading_highlight_follows_the_focused_column(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = board(app)

        def highlighted() -> list[Stage]:
            headings = screen.view.render_line(0)
            backgrounds = {}
            for stage in STAGE_ORDER:
                x, _ = screen.view.span(column(app, stage).index)
                first_cell = list(headings.crop(x + 1, x + 2))[0]
                assert first_cell.style is not None
                backgrounds[stage] = first_cell.style.bgcolor
            counts = list(backgrounds.values())
            return [stage for stage, colour in backgrounds.items() if counts.count(colour) == 1]

        column(app, Stage.INTERVIEWED).focus()
        await settle(pilot)
        assert highlighted() == [Stage.INTERVIEWED]
        await pilot.press("l")
        await settle(pilot)
        assert highlighted() == [Stage.THANKED]
        await pilot.press("l")
        await settle(pilot)
        assert column(app, Stage.FOLLOWED_UP).has_focus
        assert highlighted() == [Stage.FOLLOWED_UP]
        await pilot.press("h")
        await settle(pilot)
        assert highlighted() == [Stage.THANKED]


async def test_a_move_does_not_repaint_the_whole_screen(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = board(app)
        assert screen.board is not None
        # One interviewer: the move asks nothing (a question's dialog repaints by nature).
        moved = next(
            item.id
            for item in screen.board.columns[Stage.INTERVIEWED]
            if item.progress.interviewers_total <= 1
        )
        focus_card(app, moved)
        await settle(pilot)
        whole: list[object] = []
        real_refresh = screen.refresh

        def spy(*regions: Any, **kwargs: Any) -> Any:
            if not regions:
                whole.append(kwargs)
            return real_refresh(*regions, **kwargs)

        screen.refresh = spy  # type: ignore[method-assign]
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert screen.board is not None and screen.board.stage_of(moved) is Stage.THANKED
        assert whole == []
        assert "Thank-you sent (" in screen.view.render_line(0).text
