"""The review reads what it shows from the store, the board's header counts what a read would
list (counted along the due-time index, never built: issue 19), and each follows every write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.review import grouped
from postinterview_tui.domain.rules import DueStatus
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.board import POLL_SECONDS
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.state.board_data import load_board
from tests.ui.helpers import (
    board,
    column,
    column_text,
    first_held,
    focus_card,
    make_app,
    open_repository,
    settle,
    thank_everyone_if_asked,
)

SIZE = (120, 40)


def _review(app: Any) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def _fresh_agenda(app: Any, now: DateTime, zone: Timezone) -> list[tuple[int, str, str]]:
    repository: Repository = app.repository
    summaries = repository.open_summaries()
    agenda = build_agenda(summaries, repository.settings(), now, zone)
    # In the review's order: its groups in turn, each in due order.
    in_order = [item for _title, items in grouped(agenda) for item in items]
    return [(item.application_id, item.action.value, item.status.value) for item in in_order]


def _shown(app: Any) -> list[tuple[int, str, str]]:
    data = _review(app).data
    assert data is not None
    return [(item.application_id, item.action.value, item.status.value) for item in data.agenda]


def _count_calls(owner: Any, name: str, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the calls of ``owner.name`` from now on (one entry per call)."""
    calls: list[int] = []
    real = getattr(owner, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def _count_reads(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    # The review reads its rows from the stored dues (issue 19): that read is the one counted.
    return _count_calls(app.repository, "agenda_rows", monkeypatch)


def _header_counts(app: Any) -> dict[str, int]:
    text = str(app.screen.query_one("#summary").render())
    counts = {}
    for part in text.split(" · "):
        number, _, words = part.partition(" ")
        if number.isdigit():
            counts[words] = int(number)
    return counts


def _counted(agenda: list[tuple[int, str, str]]) -> dict[str, int]:
    return {
        "overdue": sum(status == DueStatus.OVERDUE.value for _, _, status in agenda),
        "due soon": sum(status == DueStatus.DUE.value for _, _, status in agenda),
    }


async def test_right_after_the_board_loads_the_review_shows_a_fresh_read(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _header_counts(app) == _counted(_fresh_agenda(app, now, zone))
        reads = _count_reads(app, monkeypatch)
        await pilot.press("r")
        await settle(pilot)
        assert reads == [1], "the board built no agenda for the review to stand on"
        assert _shown(app) == _fresh_agenda(app, now, zone)
        assert _shown(app), "the demo has things to do"


async def test_a_change_by_another_program_means_a_new_read(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        other = open_repository(db_path, zone)
        new_id = other.add_application(
            NewApplication("Elsewhere Inc", "Analyst", NewInterview(now.subtract(hours=30))),
            now,
        )
        other.close()
        reads = _count_reads(app, monkeypatch)
        await pilot.press("r")  # before the board's poll has noticed
        await settle(pilot)
        assert reads == [1]
        assert new_id in {row[0] for row in _shown(app)}


async def test_a_write_of_this_window_means_a_new_read(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Written through the app's own connection, without the board hearing of it.
        new_id = app.repository.add_application(
            NewApplication("Quiet Co", "Analyst", NewInterview(now.subtract(hours=30))), now
        )
        reads = _count_reads(app, monkeypatch)
        await pilot.press("r")
        await settle(pilot)
        assert reads == [1]
        assert new_id in {row[0] for row in _shown(app)}


async def test_after_a_move_the_header_and_the_review_are_what_a_read_gives(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = board(app)
        assert screen.board is not None
        moved = first_held(app, Stage.INTERVIEWED, now)
        focus_card(app, moved)
        await pilot.press("greater_than_sign")
        await thank_everyone_if_asked(pilot)
        await settle(pilot)
        assert screen.board.stage_of(moved) is Stage.THANKED
        # The moved card's thank-you is done: the header counts without it, no reload needed.
        assert _header_counts(app) == _counted(_fresh_agenda(app, now, zone))
        await pilot.press("r")
        await settle(pilot)
        assert _shown(app) == _fresh_agenda(app, now, zone)


def test_the_board_counts_follow_the_clock(db_path: Path, now: DateTime, zone: Timezone) -> None:
    make_app(db_path, now, zone)  # writes the demo data
    repository = open_repository(db_path, zone)
    try:
        settings = repository.settings()
        agenda = build_agenda(repository.open_summaries(), settings, now, zone)
        due = next(item for item in agenda if item.status is DueStatus.DUE)
        # Before and after a due passes, a round starts, the 24 hours and the window move on.
        for moment in (now, due.due.subtract(seconds=1), due.due, now.add(days=2)):
            board = load_board(repository, now=moment, zone=zone)
            fresh = build_agenda(repository.open_summaries(), settings, moment, zone)
            assert board.agenda_counts == {
                status: sum(item.status is status for item in fresh) for status in DueStatus
            }, moment
    finally:
        repository.close()


def _count_board_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import postinterview_tui.tui.screens.board as board_module

    return _count_calls(board_module, "load_board", monkeypatch)


async def test_closing_the_review_reads_the_board_again_only_after_a_write(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reads = _count_board_reads(monkeypatch)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert reads == [], "nothing was written: the board it shows is still the file's"
        await pilot.press("r")
        await settle(pilot)
        data = _review(app).data
        assert data is not None and data.agenda
        done = data.agenda[0]
        await pilot.press("d")  # marks the first action done: a write
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert reads, "a write in the review means the board reads again"
        shown = board(app).board
        assert shown is not None and shown.marker == app.repository.change_marker()
        assert done.application_id in shown.by_id


async def test_the_board_reads_nothing_while_covered_and_catches_up_when_back(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read only what is shown: under the review the board does not poll the file; back on
    it, a change made meanwhile by another program is on the board at once, not a poll later."""
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        other = open_repository(db_path, zone)
        new_id = other.add_application(
            NewApplication("Elsewhere Inc", "Analyst", NewInterview(now.subtract(hours=30))),
            now,
        )
        other.close()
        reads = _count_reads(app, monkeypatch)
        await pilot.pause(2.5 * POLL_SECONDS)  # two polls' worth under the review
        assert reads == []
        await pilot.press("escape")
        await settle(pilot)
        screen = board(app)
        assert screen.board is not None
        assert screen.board.stage_of(new_id) is Stage.INTERVIEWED
        assert "Elsewhere Inc" in column_text(column(app, Stage.INTERVIEWED))
