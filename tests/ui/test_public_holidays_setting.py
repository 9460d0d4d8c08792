"""The settings screen offers ``rules.holidays``: an unknown country is refused beside the field
(nothing saved), a known one is saved in its canonical form and reaches the board's rules."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.widgets import Input, Static

from postinterview_tui.tui.screens.board import BoardScreen
from postinterview_tui.tui.screens.settings import SettingsScreen, error_id, field_id
from tests.ui.helpers import board, make_app, open_repository, settle

SIZE = (120, 40)
KEY = "rules.holidays"


def _stored_code(db_path: Path, zone: Timezone) -> str:
    repository = open_repository(db_path, zone)
    try:
        return repository.settings().holidays
    finally:
        repository.close()


async def test_the_settings_screen_refuses_an_unknown_country_and_saves_a_known_one(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    assert _stored_code(db_path, zone) == ""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        field = screen.query_one(f"#{field_id(KEY)}", Input)
        error = screen.query_one(f"#{error_id(KEY)}", Static)
        assert field.value == ""
        field.value = "de-xx"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error.has_class("-shown")
        assert "'XX' is not a subdivision of DE" in str(error.render())
        assert screen.focused is field
        assert _stored_code(db_path, zone) == ""
        field.value = "us"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not error.has_class("-shown")
        assert field.value == "US"
        assert _stored_code(db_path, zone) == "US"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        data = board(app).board
        assert data is not None
        assert data.settings.holidays == "US"
