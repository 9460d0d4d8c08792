"""Helpers for driving the real app on a temp database."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from postinterview_tui.demo import write_demo_database
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.app import PostInterviewApp, build_app
from postinterview_tui.tui.screens.board import BoardScreen
from postinterview_tui.tui.widgets.board_view import ColumnView


def make_app(
    db_path: Path, now: DateTime, zone: Timezone, *, demo: bool = True
) -> PostInterviewApp:
    """The real app on ``db_path`` (seeded with the demo data when ``demo``), clock fixed."""
    if demo:
        write_demo_database(db_path, now=now, zone=zone)
    return build_app(db_path, zone=zone, clock=lambda: now)


async def settle(pilot: Pilot[object]) -> None:
    """Wait for workers and the screen to catch up."""
    for _ in range(3):
        for _attempt in range(10):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                # An exclusive worker (a screen's read) was replaced by a newer one while we
                # waited: that is how the app drops a stale read. Wait for the newer one.
                continue
        await pilot.pause()


async def pause_after_typing(pilot: Pilot[object]) -> None:
    """Wait as a user does after typing in the board's filter box: longer than the pause the
    board waits for before it filters, then for the read it starts."""
    from postinterview_tui.tui.screens.board_filter_box import FILTER_PAUSE_SECONDS

    await pilot.pause(FILTER_PAUSE_SECONDS + 0.1)
    await settle(pilot)


def board(app: PostInterviewApp) -> BoardScreen:
    """The board screen."""
    for screen in app.screen_stack:
        if isinstance(screen, BoardScreen):
            return screen
    raise AssertionError("no board screen")


def toasts(app: PostInterviewApp) -> list[str]:
    """The notifications the user sees now: the text of each toast on the current screen."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


def column(app: PostInterviewApp, stage: Stage) -> ColumnView:
    """A stage's column widget."""
    return board(app).column(stage)


def open_repository(db_path: Path, zone: Timezone) -> Repository:
    """A second connection to the same file, as another window would have."""
    repository = Repository.open(db_path, zone=zone, create=False)
    assert repository is not None
    return repository


def focus_card(app: PostInterviewApp, application_id: int) -> ColumnView:
    """Focus the card of an application."""
    screen = board(app)
    assert screen.board is not None
    stage = screen.board.stage_of(application_id)
    assert stage is not None
    target = screen.column(stage)
    assert target.select_id(application_id)
    target.focus()
    return target


def column_text(target: ColumnView) -> str:
    """The text a column shows on screen, line by line."""
    return "\n".join(target.render_line(y).text for y in range(target.size.height))


def first_held(app: PostInterviewApp, stage: Stage, now: DateTime) -> int:
    """The first card of a column whose interview is over (a card for a round still ahead
    cannot be moved on to a thank-you or a follow-up)."""
    screen = board(app)
    assert screen.board is not None
    return next(
        item.id
        for item in screen.board.columns[stage]
        if item.progress.last_interview_at is None or item.progress.last_interview_at <= now
    )


async def thank_everyone_if_asked(pilot: Pilot[object]) -> None:
    """Moving a card with several interviewers to Thank-you sent asks whether all of them
    were thanked: answer yes."""
    from textual.widgets import OptionList

    from postinterview_tui.tui.screens.move_questions import ALL_THANKED, ChoiceScreen

    await settle(pilot)
    if isinstance(pilot.app.screen, ChoiceScreen):
        options = pilot.app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index(ALL_THANKED)
        await pilot.press("enter")
        await settle(pilot)
