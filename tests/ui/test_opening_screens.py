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
from tests.ui.helpers import board, focus_card, make_app, settle

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
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = board(app)
        assert screen.board is not None
        card = screen.board.columns[Stage.INTERVIEWED][1]
        focus_card(app, card.id)
        heads: list[str] = []

        def remember_first_head() -> None:
            # Runs as the detail screen is first shown, before any later update.
            if isinstance(app.screen, DetailScreen) and not heads:
                heads.append(str(app.screen.query_one("#detail-head").render()))

        # The data it will compose with.
        pushed = _pushes(app, DetailScreen, lambda screen: screen._data)  # noqa: SLF001
        await pilot.press("enter")
        for _ in range(50):
            remember_first_head()
            if heads:
                break
            await pilot.pause(0.01)
        assert heads, "the detail screen opened"
        assert pushed and pushed[0] is not None, "pushed with the application already read"
        assert card.company in heads[0]
        assert "Loading" not in heads[0]


async def test_an_application_gone_before_its_detail_opens_says_so_and_stays_on_the_board(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes: list[str] = []
        real_notify = app.notify

        def spy(message: str, **kwargs: object) -> None:
            notes.append(message)
            real_notify(message, **kwargs)  # type: ignore[arg-type]

        app.notify = spy  # type: ignore[method-assign]
        app.open_detail(999_999)
        await settle(pilot)
        assert notes, "the user is told"
        assert app.screen is board(app)


async def test_the_review_opens_with_its_agenda_in_the_first_frame(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pushed = _pushes(app, ReviewScreen, lambda screen: screen.data)
        await pilot.press("r")
        for _ in range(50):
            if isinstance(app.screen, ReviewScreen):
                break
            await pilot.pause(0.01)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert len(pushed) == 1 and pushed[0] is not None, "pushed with its agenda already built"
        # As first shown: the rows are there and the "Loading…" line is hidden.
        assert review.query_one("#review-list").display
        assert not review.query_one("#review-empty").display
        await settle(pilot)
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
