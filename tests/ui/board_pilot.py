"""One way for a UI test to start the real app: the ``board_pilot`` fixture (tests/ui/conftest.py).

Every pilot test used to repeat the same lines: seed a temp database, build the app with a fixed
clock, ``run_test`` at a size, wait for the workers, find an application's id by its company and
focus its card. ``BoardPilots`` does that once; ``BoardPilot`` is the running app with the few
things a test does to it, each as a user would (keys, then wait for the app to catch up).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone
from textual.pilot import Pilot
from textual.screen import Screen

from tests.ui.helpers import (
    BoardScreen,
    ColumnView,
    PostInterviewApp,
    Repository,
    Stage,
    board,
    column,
    focus_card,
    make_app,
    open_repository,
    pause_after_typing,
    settle,
    toasts,
)

SIZE = (140, 40)


@dataclass
class BoardPilot:
    """The real app on the test's database, running under Textual's pilot."""

    app: PostInterviewApp
    pilot: Pilot[Any]
    starter: BoardPilots

    async def settle(self) -> None:
        """Wait for the workers and the screen to catch up."""
        await settle(self.pilot)

    async def press(self, *keys: str) -> None:
        """Press ``keys`` as a user would, then wait for the app to catch up."""
        await self.pilot.press(*keys)
        await settle(self.pilot)

    async def type_filter(self, *keys: str) -> None:
        """Press ``keys`` in the board's filter box (``/`` first, if it is among them), then
        pause as a user does once a word is typed: the board filters once typing pauses."""
        await self.pilot.press(*keys)
        await pause_after_typing(self.pilot)

    @property
    def screen(self) -> Screen[Any]:
        """The screen the user sees."""
        return self.app.screen

    def board(self) -> BoardScreen:
        """The board screen (wherever it is on the stack)."""
        return board(self.app)

    def column(self, stage: Stage) -> ColumnView:
        """A stage's column on the board."""
        return column(self.app, stage)

    async def focus_card(self, application: int | str) -> ColumnView:
        """Focus the card of an application (its id or its company), as j/k/h/l would."""
        target = focus_card(self.app, self.id_of(application))
        await self.pilot.pause()
        return target

    async def open_card(self, application: int | str, key: str) -> None:
        """Wait for the app, focus an application's card and press ``key`` on it."""
        await self.settle()
        await self.focus_card(application)
        await self.press(key)

    def toasts(self) -> list[str]:
        """The notifications on screen, as their text reads."""
        return toasts(self.app)

    def id_of(self, application: int | str) -> int:
        """The id of the application with this company (an id is returned as it is)."""
        return self.starter.id_of(application)

    def stage_of(self, application: int | str) -> Stage:
        """The stage the database file holds for an application."""
        return self.starter.stage_of(application)


class BoardPilots:
    """Starts the real app on the test's database file: ``async with board_pilot() as ui:``."""

    def __init__(self, db_path: Path, now: DateTime, zone: Timezone) -> None:
        self.db_path = db_path
        self.now = now
        self.zone = zone
        self._demo_written = False

    def write_demo(self) -> None:
        """Fill the file with the demo applications (once; a second start reuses them)."""
        if not self._demo_written:
            make_app(self.db_path, self.now, self.zone, demo=True)
            self._demo_written = True

    def write_empty(self) -> None:
        """Create the database file with no applications, as a first start does."""
        make_app(self.db_path, self.now, self.zone, demo=False)

    @contextmanager
    def repository(self) -> Iterator[Repository]:
        """A second connection to the file, as another window would have."""
        repository = open_repository(self.db_path, self.zone)
        try:
            yield repository
        finally:
            repository.close()

    def id_of(self, application: int | str) -> int:
        """The id of the application with this company (an id is returned as it is)."""
        if isinstance(application, int):
            return application
        with self.repository() as repository:
            (found,) = [item.id for item in repository.summaries() if item.company == application]
            return found

    def stage_of(self, application: int | str) -> Stage:
        """The stage the database file holds for an application."""
        with self.repository() as repository:
            return repository.summary(self.id_of(application)).stage

    @asynccontextmanager
    async def __call__(
        self,
        *,
        demo: bool = True,
        size: tuple[int, int] = SIZE,
        focus: int | str | None = None,
        notifications: bool = False,
    ) -> AsyncIterator[BoardPilot]:
        """Run the app (on the demo data when ``demo``) at ``size``, settled; with ``focus``,
        that application's card has the focus; with ``notifications``, toasts are drawn (the
        pilot leaves them out unless asked)."""
        if demo:
            self.write_demo()
        app = make_app(self.db_path, self.now, self.zone, demo=False)
        async with app.run_test(size=size, notifications=notifications) as pilot:
            running = BoardPilot(app, pilot, self)
            await running.settle()
            if focus is not None:
                await running.focus_card(focus)
            yield running
