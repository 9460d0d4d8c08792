"""The detail screen and the review open showing their data: it is read before the push."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from tests.ui import detail_page
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import board, make_app, settle

SIZE = (120, 40)
S = TypeVar("S")


def _pushes(app: Any, kind: type[S], look: Callable[[S], object]) -> list[object]:
    """What ``look`` sees of each screen of ``kind`` at the moment it is pushed, from now on
    (before it composes)."""
    seen: list[object] = []
    real_push = app.push_screen

    def push(screen: object, *args: object, **kwargs: object) -> object:
        if isinstance(screen, kind):
            seen.append(look(screen))
        return real_push(screen, *args, **kwargs)

    app.push_screen = push
    return seen


async def test_the_first_frame_of_the_detail_screen_shows_the_application(
    board_pilot: BoardPilots, monkeypatch: pytest.MonkeyPatch
) -> None:
    import postinterview_tui.tui.screens.detail as detail_module

    real_read = detail_module.read_detail
    arrived = threading.Event()
    release = threading.Event()

    def slow_read(*args: object) -> object:
        arrived.set()
        release.wait(5)  # as on a slow disk: the read takes a while
        return real_read(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(detail_module, "read_detail", slow_read)
    async with board_pilot(size=SIZE) as ui:
        screen = ui.board()
        assert screen.board is not None
        card = screen.board.columns[Stage.INTERVIEWED][1]
        await ui.focus_card(card.id)
        await ui.pilot.press("enter")
        for _ in range(250):
            if arrived.is_set():
                break
            await ui.pilot.pause(0.02)
        assert arrived.is_set(), "the application is being read"
        # While it is read, the board stays: no half-drawn screen saying "Loading…".
        await ui.pilot.pause(0.1)
        assert ui.screen is screen
        heads: list[str] = []
        release.set()
        for _ in range(250):
            if isinstance(ui.screen, DetailScreen):
                # The first look at the new screen, before any later update.
                heads.append(detail_page.heading(ui.screen))
                break
            await ui.pilot.pause(0.01)
        assert heads, "the detail screen opened"
        assert card.company in heads[0]
        assert "Loading" not in heads[0]


async def test_an_application_gone_before_its_detail_opens_says_so_and_stays_on_the_board(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE, notifications=True) as ui:
        ui.app.open_detail(999_999)
        await ui.settle()
        assert any("no application with id 999999" in text for text in ui.toasts())
        assert ui.screen is ui.board()


async def test_the_review_opens_with_its_agenda_in_the_first_frame(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE) as ui:
        pushed = _pushes(ui.app, ReviewScreen, lambda screen: screen.data)
        await ui.pilot.press("r")
        for _ in range(50):
            if isinstance(ui.screen, ReviewScreen):
                break
            await ui.pilot.pause(0.01)
        review = ui.screen
        assert isinstance(review, ReviewScreen)
        assert len(pushed) == 1 and pushed[0] is not None, "pushed with its agenda already built"
        # As first shown: the rows are there and the "Loading…" line is hidden.
        assert review.query_one("#review-list").display
        assert not [line for line in review.query("#review-empty") if line.display]
        await ui.settle()
        assert review.data is not None and review.data.agenda


async def test_a_double_enter_opens_the_detail_screen_once(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    import postinterview_tui.tui.screens.detail as detail_module

    real_read = detail_module.read_detail
    arrived = threading.Semaphore(0)
    release = threading.Event()

    def slow_read(*args: object) -> object:
        arrived.release()
        release.wait(5)  # both reads are in flight before either screen could be pushed
        return real_read(*args)  # type: ignore[arg-type]

    async def until_a_read_arrives() -> None:
        for _ in range(250):
            if arrived.acquire(blocking=False):
                return
            await pilot.pause(0.02)
        raise AssertionError("the read never started")

    monkeypatch.setattr(detail_module, "read_detail", slow_read)
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = board(app)
        assert screen.board is not None
        card = screen.board.columns[Stage.INTERVIEWED][0]
        app.open_detail(card.id)
        await until_a_read_arrives()
        app.open_detail(card.id)  # enter again while the first read is still on its way
        await until_a_read_arrives()
        release.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if not any(worker.is_running for worker in app.workers):
                break
        await pilot.pause()
        assert [type(item).__name__ for item in app.screen_stack] == ["BoardScreen", "DetailScreen"]
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert app.screen is screen
