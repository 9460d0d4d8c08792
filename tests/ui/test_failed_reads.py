"""A read that fails, on every screen that reads: the database file is damaged under the running
app (by another program, as a disk fault or a bad sync would), the screen is opened, and the user
sees the one standard error, once, and can go on using the app."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Static

from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from tests.ui.board_pilot import BoardPilot, BoardPilots
from tests.ui.helpers import BoardScreen

COMPANY = "Orbital Freight"


def damage(db_path: Path) -> None:
    """Point every table of the file at a page that does not exist, as another program would
    (SQLite reads the new schema at its next statement, and finds it malformed)."""
    db = sqlite3.connect(db_path)
    try:
        version = db.execute("PRAGMA schema_version").fetchone()[0]
        db.execute("PRAGMA writable_schema = ON")
        db.execute(
            "UPDATE sqlite_master SET rootpage = 100000 "
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        db.execute(f"PRAGMA schema_version = {version + 1}")
        db.commit()
    finally:
        db.close()


def shown_text(screen: Screen[Any]) -> str:
    """The text of every line of ``screen`` the user can see."""
    return "\n".join(
        str(line.render()) for line in screen.query(Static) if line.display and line.visible
    )


Opener = Callable[[BoardPilot, int], object]

OPENERS: dict[str, Opener] = {
    "detail": lambda ui, app_id: ui.app.open_detail(app_id),
    "review": lambda ui, _: ui.app.open_review(),
    "timeline": lambda ui, _: ui.app.open_timeline(),
    "insights": lambda ui, _: ui.app.open_insights(),
    "settings": lambda ui, _: ui.app.open_settings(),
    "templates": lambda ui, _: ui.app.action_open_templates(),
    "unmatched mail": lambda ui, _: ui.app.open_unmatched(),
    "offer": lambda ui, app_id: ui.app.open_offer(app_id),
    "edit form": lambda ui, app_id: ui.app.open_edit_form(app_id),
    "drafting": lambda ui, app_id: ui.app.open_drafting(app_id, "thank-you"),
}


@pytest.mark.parametrize("screen", OPENERS)
async def test_a_failed_read_is_reported_once_and_the_app_goes_on(
    board_pilot: BoardPilots, db_path: Path, screen: str
) -> None:
    async with board_pilot(notifications=True) as ui:
        app_id = ui.id_of(COMPANY)
        damage(db_path)
        OPENERS[screen](ui, app_id)
        await ui.settle()
        errors = [text for text in ui.toasts() if "damaged" in text]
        assert len(errors) == 1, ui.toasts()
        # A read changes nothing: it is not called a failed save.
        assert "Could not read" in errors[0] and "Could not save" not in errors[0]
        if not isinstance(ui.screen, BoardScreen):
            # No screen left open keeps saying it is still reading.
            shown = shown_text(ui.screen)
            assert "Loading" not in shown and "Reading your" not in shown, shown
        for _ in range(3):  # back to the board, whatever stayed open
            if isinstance(ui.screen, BoardScreen):
                break
            # The edit form, left empty, asks before closing: yes, close it.
            await ui.press("y" if isinstance(ui.screen, ConfirmScreen) else "escape")
        assert isinstance(ui.screen, BoardScreen)
        await ui.press("question_mark")
        assert type(ui.screen).__name__ == "HelpScreen"
