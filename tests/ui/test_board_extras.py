"""More of the board: the closed fold, the palette, the theme, and the demo's promise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pendulum import DateTime, Timezone
from textual.command import CommandPalette

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.rules import DueStatus
from postinterview_tui.domain.stages import CloseReason, Stage
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.commands.table import BOARD_COMMANDS
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import (
    board,
    column,
    make_app,
    open_repository,
    settle,
    thank_everyone_if_asked,
)

SIZE = (140, 40)


def _seed_closed(db_path: Path, now: DateTime, zone: Timezone, count: int) -> None:
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    for number in range(count):
        when = now.subtract(days=40 - number)
        new_id = repository.add_application(
            NewApplication(f"Old Co {number}", "Engineer", NewInterview(when)), when
        )
        repository.move(new_id, Stage.CLOSED, when=when, now=when, reason=CloseReason.NOT_SELECTED)
    repository.close()


async def test_closed_column_folds_and_expands(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    _seed_closed(db_path, now, zone, 20)
    async with board_pilot(demo=False) as ui:
        closed = ui.column(Stage.CLOSED)
        shown = closed.card_count
        assert shown + closed.folded_more == 20
        assert "(20)" in closed.heading
        assert "(20)" in ui.board().view.render_line(0).text
        closed.focus()
        closed.move_cursor(shown)  # onto the fold row
        assert closed.cursor_on_fold
        await ui.press("enter")
        assert closed.card_count == 20
        assert closed.folded_more == 0
        # The most recently closed comes first.
        screen = ui.board()
        assert screen.board is not None
        assert screen.board.by_id[closed.highlighted_id or 0].stage is Stage.CLOSED


@pytest.mark.parametrize(("rows", "shown"), [(40, 9), (24, 5), (60, 14)])
async def test_closed_column_shows_as_many_cards_as_fit(
    db_path: Path, now: DateTime, zone: Timezone, rows: int, shown: int
) -> None:
    """Not five and a dozen empty rows: the column fills, then "+ N more" (4 lines a card)."""
    _seed_closed(db_path, now, zone, 20)
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=(140, rows)) as pilot:
        await settle(pilot)
        closed = column(app, Stage.CLOSED)
        view = board(app).view
        assert closed.card_count == shown
        assert closed.folded_more == 20 - shown
        assert shown * view.CARD_HEIGHT + view.FOLD_HEIGHT <= view.body_height
        assert (shown + 1) * view.CARD_HEIGHT + view.FOLD_HEIGHT > view.body_height
        await pilot.resize_terminal(140, 60)
        await settle(pilot)
        assert closed.card_count == 14  # a taller window shows more


async def test_palette_offers_every_board_command(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        titles = {command.title for command in ui.app.get_system_commands(ui.screen)}
        for command in BOARD_COMMANDS:
            if command.palette:
                assert command.title in titles, command.id


async def test_palette_runs_the_same_action_as_the_key(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    async with board_pilot() as ui:
        # A card whose interview is over (a thank-you for a scheduled round would be refused).
        repository = open_repository(db_path, zone)
        focused_id = next(
            item.id
            for item in repository.summaries(stage=Stage.INTERVIEWED)
            if item.progress.last_interview_at is not None
            and item.progress.last_interview_at <= now
        )
        repository.close()
        await ui.focus_card(focused_id)
        await ui.press("ctrl+p")
        assert isinstance(ui.screen, CommandPalette)
        await ui.pilot.press(*"Move card to the next stage")
        await ui.pilot.pause(0.5)
        await ui.pilot.press("enter")
        await thank_everyone_if_asked(ui.pilot)
        repository = open_repository(db_path, zone)
        assert repository.summary(focused_id).stage is Stage.THANKED
        repository.close()


async def test_go_to_application_focuses_its_card(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        await ui.press("ctrl+p")
        await ui.pilot.press(*"Go to Tidewater")
        await ui.pilot.pause(0.5)
        await ui.press("enter")
        offer = ui.column(Stage.OFFER)
        assert offer.has_focus
        screen = ui.board()
        assert screen.board is not None
        assert screen.board.by_id[offer.highlighted_id or 0].company == "Tidewater Bank"


async def test_theme_choice_persists(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    again = make_app(db_path, now, zone, demo=False)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


def test_demo_never_touches_the_users_database(tmp_path: Path) -> None:
    user_db = tmp_path / "mine.db"
    script = (
        "import sys\n"
        "from postinterview_tui.cli.group import run\n"
        "sys.exit(run(['--db', sys.argv[1], '--demo']))\n"
    )
    shots = tmp_path / "shots"
    shots.mkdir()
    env = {
        **os.environ,
        "POSTINTERVIEW_NOW": "2026-11-25T10:00:00Z",
        "TEXTUAL_SCREENSHOT": "1",
        "TEXTUAL_SCREENSHOT_LOCATION": str(shots),
        "TEXTUAL_SCREENSHOT_FILENAME": "demo.svg",
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    }
    result = subprocess.run(
        [sys.executable, "-c", script, str(user_db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # The demo board really was on screen...
    shown = (shots / "demo.svg").read_text().replace("&#160;", " ")
    assert "demo data" in shown and "Harbor" in shown
    # ...and the user's own file was never created.
    assert not user_db.exists()
    repository = Repository.open(user_db, zone=_zone(), create=False)
    assert repository is None


def _zone() -> Timezone:
    import pendulum

    return pendulum.timezone("Europe/London")  # type: ignore[return-value]


def test_a_patched_move_matches_a_full_reload(db_path: Path, now: DateTime, zone: Timezone) -> None:
    from postinterview_tui.demo import write_demo_database
    from postinterview_tui.tui.state.board_data import load_board, with_moved_card

    write_demo_database(db_path, now=now, zone=zone)
    repository = Repository.open(db_path, zone=zone, create=False)
    assert repository is not None
    ids = {item.company: item.id for item in repository.summaries()}
    board = load_board(repository, now=now, zone=zone)
    for company, target in (
        ("Lumen Health", Stage.THANKED),
        ("Quillstone", Stage.FOLLOWED_UP),
        ("Cobalt Robotics", Stage.CLOSED),
        ("Foxglove Media", Stage.INTERVIEWED),
    ):
        reason = CloseReason.NO_RESPONSE if target is Stage.CLOSED else None
        moved = repository.move(ids[company], target, when=now, now=now, reason=reason, force=True)
        patched = with_moved_card(board, moved, now, zone)
        assert patched is not None, company
        board = patched
        fresh = load_board(repository, now=now, zone=zone)
        for stage in Stage:
            assert [item.id for item in board.columns[stage]][:5] == [
                item.id for item in fresh.columns[stage]
            ][:5], (company, stage)
        assert board.counts == fresh.counts
        # The header's counts, followed through the move, are what counting again gives.
        assert board.agenda_counts == fresh.agenda_counts, company
        assert board.agenda_counts is not None
        agenda = repository.stored_agenda(now, board.settings.window_days)
        assert board.agenda_counts == {s: sum(i.status is s for i in agenda) for s in DueStatus}
    repository.close()
