"""The review's inbox keys and Send now write through the one write helper (issue 15.1): the
board shows the write in the first frame it draws when the user is back on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pendulum import DateTime, Timezone
from textual.widgets import Static

from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens import board as board_module
from postinterview_tui.tui.screens.board import BoardScreen
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.drafting import DraftingScreen
from postinterview_tui.tui.screens.inbox import UnmatchedScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from tests.cli._mail import REJECTION, message
from tests.mailserver import messages_in, sendmail_command
from tests.ui.board_pilot import BoardPilots
from tests.ui.test_inbox import _setup, cli_now  # noqa: F401  (a fixture)
from tests.ui.test_writes_reach_the_board import SIZE, back_to_board, board_lines


@pytest.fixture(autouse=True)
def no_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The board learns of these writes from their announcement, not from its poll of the file
    (which would catch them up to a second later)."""
    monkeypatch.setattr(board_module, "POLL_SECONDS", 3600.0)


def _header(app: PostInterviewApp) -> str:
    return str(app.screen.query_one("#summary", Static).render())


async def test_accepting_in_the_review_inbox_reaches_the_board(
    board_pilot: BoardPilots,
    db_path: Path,
    tmp_path: Path,
    cli_now: None,  # noqa: F811
) -> None:
    _setup(db_path, tmp_path, {"r.eml": message(body=REJECTION).as_bytes()})
    async with board_pilot(demo=False, size=SIZE) as ui:
        assert "1 in inbox" in board_lines(ui.app) and "Closed (0)" in board_lines(ui.app)
        await ui.press("r")
        assert isinstance(ui.screen, ReviewScreen)
        await ui.press("a")  # close Acme as not selected
        assert isinstance(ui.screen, ConfirmScreen)  # a gracious reply?
        await ui.press("n")
        assert isinstance(ui.screen, ReviewScreen)
        shown = await back_to_board(ui.app, ui.pilot, 1)
    assert "in inbox" not in shown and "Closed (1)" in shown


async def test_linking_unmatched_mail_reaches_the_board(
    board_pilot: BoardPilots,
    db_path: Path,
    tmp_path: Path,
    cli_now: None,  # noqa: F811
) -> None:
    stranger = message(sender="Jobs <jobs@ats.example>", subject="Update", body=REJECTION)
    _setup(db_path, tmp_path, {"s.eml": stranger.as_bytes()})
    async with board_pilot(demo=False, size=SIZE) as ui:
        assert "in inbox" not in _header(ui.app)
        await ui.press("r")
        await ui.press("m")
        assert isinstance(ui.screen, UnmatchedScreen)
        await ui.press("l")
        await ui.press(*"acme", "enter")
        assert isinstance(ui.screen, UnmatchedScreen) and ui.screen.entries == ()
        shown = await back_to_board(ui.app, ui.pilot, 2)
    assert "1 in inbox" in shown  # the linked message now proposes closing Acme


async def test_a_note_sent_after_its_panel_closed_reaches_the_board(
    board_pilot: BoardPilots, tmp_path: Path, now: DateTime, zone: Timezone
) -> None:
    """Send now, close the panel while it goes: the board and a notification still say so."""
    release = tmp_path / "release"
    command, outbox = sendmail_command(tmp_path, wait_for=release)
    board_pilot.write_demo()
    with board_pilot.repository() as repository:
        repository.set_setting("user.email", "alex@example.org", now)
        repository.set_setting("mail.send_command", command, now)
    async with board_pilot(size=SIZE, focus="Lumen Health", notifications=True) as ui:
        assert "Thank-you sent (2)" in board_lines(ui.app)
        await ui.press("t")
        assert isinstance(ui.screen, DraftingScreen)
        await ui.pilot.press("ctrl+r")
        await ui.pilot.pause()
        await ui.pilot.press("ctrl+r")  # send
        await ui.pilot.pause(0.3)
        await ui.pilot.press("escape")  # the panel closes while the note goes
        await ui.pilot.pause()
        assert isinstance(ui.screen, BoardScreen)
        release.touch()
        await ui.settle()
        assert any("Sent to Grace Okafor" in text for text in ui.toasts()), ui.toasts()
        shown = board_lines(ui.app)
    assert len(messages_in(outbox)) == 1
    assert "Thank-you sent (3)" in shown and "Interviewed (2)" in shown
