"""The review keeps its place (issue 15 §4a): after any action, from the review's own keys or
from a screen opened on a row, the highlight follows one rule (domain/review_cursor.py): a row
that is still the same row keeps it; a row done with hands it to the next row."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from pendulum import Timezone
from textual.widgets import Input, Static

from postinterview_tui.domain.review import ItemKey
from postinterview_tui.domain.rules import ActionKind
from postinterview_tui.tui.screens.dialogs import CloseReasonScreen, ConfirmScreen
from postinterview_tui.tui.screens.drafting import DraftingScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.screens.review_dialogs import SnoozeScreen
from postinterview_tui.tui.screens.review_inbox import InboxKey
from tests.cli._mail import REPLY, message
from tests.ui.board_pilot import BoardPilot, BoardPilots
from tests.ui.test_inbox import PRIYA, _setup, cli_now  # noqa: F401  (a fixture)
from tests.ui.test_review import SIZE, _highlight, _highlighted, _keys, _list, _open

T, F = ActionKind.THANK_YOU, ActionKind.FOLLOW_UP


async def test_a_follow_up_marked_sent_from_the_review_hands_the_highlight_on(
    board_pilot: BoardPilots,
) -> None:
    """f, then ctrl+n in the panel: the follow-up that went out is now the next one, for
    another day. Back in the review, the highlight is on the next row, not on that one, and
    the next key acts on the row highlighted."""
    async with board_pilot(size=SIZE) as ui:
        quillstone, lumen = ui.id_of("Quillstone"), ui.id_of("Lumen Health")
        await _open(ui.app, ui.pilot)
        _highlight(ui.app, ItemKey(quillstone, F, None))  # follow up · 1 day late
        await ui.press("f")
        assert isinstance(ui.screen, DraftingScreen)
        await ui.press("ctrl+n")  # marked sent: the panel closes
        if isinstance(ui.screen, DraftingScreen):
            await ui.press("escape")
        assert isinstance(ui.screen, ReviewScreen)
        assert _highlighted(ui.app) == ItemKey(lumen, T, None)
        assert all(key.application_id != quillstone for key in _keys(ui.app))
        await ui.press("t")  # the thank-you Lumen Health still owes, not Quillstone's
        panel = ui.screen
        assert isinstance(panel, DraftingScreen)
        assert "Lumen Health" in str(panel.query_one("#draft-head", Static).render())


async def test_a_thank_you_still_owed_to_someone_else_keeps_the_highlight(
    board_pilot: BoardPilots,
) -> None:
    """Northwind has two interviewers: one note marked sent leaves the row where it was."""
    async with board_pilot(size=SIZE) as ui:
        northwind = ui.id_of("Northwind Analytics")
        await _open(ui.app, ui.pilot)
        _highlight(ui.app, ItemKey(northwind, T, None))
        await ui.press("t")
        await ui.press("ctrl+n", "y")  # (a placeholder is left: yes, anyway)
        assert isinstance(ui.screen, DraftingScreen)  # the panel moves to the second person
        await ui.press("escape")
        assert isinstance(ui.screen, ReviewScreen)
        assert _highlighted(ui.app) == ItemKey(northwind, T, None)


async def _act(ui: BoardPilot, how: str) -> None:
    if how == "done":
        await ui.press("d")
    elif how == "snooze":
        await ui.press("s")
        assert isinstance(ui.screen, SnoozeScreen)
        await ui.press("enter")  # one day
    else:
        await ui.press("c")
        assert isinstance(ui.screen, CloseReasonScreen)
        await ui.press("enter")


@pytest.mark.parametrize("how", ["done", "snooze", "close"])
async def test_an_action_under_the_inbox_hands_the_highlight_to_the_next_row(
    board_pilot: BoardPilots,
    db_path: Path,
    tmp_path: Path,
    cli_now: None,  # noqa: F811
    how: str,
) -> None:
    """With mail waiting above the agenda, acting on the first agenda row moves the highlight
    to the next agenda row (not to the row at the same position counted without the inbox)."""
    reply = message(sender=PRIYA, body=REPLY, message_id="<p@globex>")
    _setup(db_path, tmp_path, {"p.eml": reply.as_bytes()})
    async with board_pilot(demo=False, size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        keys = list(_list(ui.app).keys)
        assert isinstance(keys[0], InboxKey) and len(keys) == 3, keys
        first, second = keys[1], keys[2]
        _highlight(ui.app, first)
        await _act(ui, how)
        assert isinstance(ui.screen, ReviewScreen)
        assert _highlighted(ui.app) == second
        assert first not in list(_list(ui.app).keys)


async def test_the_snooze_dialog_suggests_a_date_it_accepts(db_path: Path, zone: Timezone) -> None:
    """On 5 Dec 2026, the date the dialog shows as an example is one it takes (issue 15 §4b)."""
    today = pendulum.datetime(2026, 12, 5, 9, 30, tz=zone)
    async with BoardPilots(db_path, today, zone)(size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        acted = _highlighted(ui.app)
        await ui.press("s")
        assert isinstance(ui.screen, SnoozeScreen)
        await ui.press("tab")
        typed = ui.screen.query_one("#snooze-date", Input)
        assert typed.has_focus
        example = typed.placeholder.removeprefix("or a date: ").split(",")[0]
        assert example == "2026-12-12", typed.placeholder
        await ui.press(*example, "enter")
        assert isinstance(ui.screen, ReviewScreen)
        assert acted not in list(_list(ui.app).keys)


async def test_done_on_a_follow_up_too_soon_asks_a_question(board_pilot: BoardPilots) -> None:
    """d on a follow-up not yet due: the dialog asks ("Follow up anyway?"); no puts it back."""
    async with board_pilot(size=SIZE) as ui:
        orbital = ItemKey(ui.id_of("Orbital Freight"), F, None)
        await _open(ui.app, ui.pilot)
        _highlight(ui.app, orbital)
        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        assert ui.screen.question.startswith("A follow-up now would be too soon")
        assert ui.screen.question.endswith("Follow up anyway?")
        await ui.press("n")
        assert isinstance(ui.screen, ReviewScreen)
        assert _highlighted(ui.app) == orbital
