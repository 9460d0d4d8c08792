"""The settings screen: every setting editable, all checked before anything is written, saved
values reaching the board's due dates, unsaved changes guarded, reachable by , and the palette."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pendulum import DateTime, Timezone
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from postinterview_tui.domain.calendar import add_business_days
from postinterview_tui.domain.rules import next_action
from postinterview_tui.domain.settings import KEYS, Settings
from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.board import BoardScreen
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.settings import FIELD_KEYS, SettingsScreen, error_id, field_id
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import column_text, open_repository, settle, toasts

SIZE = (120, 40)


def _stored(db_path: Path, zone: Timezone) -> Settings:
    repository = open_repository(db_path, zone)
    try:
        return repository.settings()
    finally:
        repository.close()


async def _open_settings(app: PostInterviewApp, pilot: Pilot[object]) -> SettingsScreen:
    await settle(pilot)
    await pilot.press("comma")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


def _input(screen: SettingsScreen, key: str) -> Input:
    return screen.query_one(f"#{field_id(key)}", Input)


def _error(screen: SettingsScreen, key: str) -> Static:
    return screen.query_one(f"#{error_id(key)}", Static)


def _notes(app: PostInterviewApp) -> list[str]:
    return toasts(app)


def test_every_setting_but_the_keymap_has_a_field() -> None:
    # The theme is a Select of its own; the keymap is JSON, left to `config set`.
    assert sorted(FIELD_KEYS) == sorted(set(KEYS) - {"ui.keymap", "ui.theme"})


async def test_saving_changes_the_settings_and_moves_due_dates(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_demo()
    before = _stored(db_path, zone)
    assert before.follow_up_days == 5
    async with board_pilot(size=SIZE, notifications=True) as ui:
        assert "! follow up" in column_text(ui.column(Stage.THANKED))  # Quillstone, overdue
        screen = await _open_settings(ui.app, ui.pilot)
        assert _input(screen, "user.name").value == before.user_name
        assert _input(screen, "rules.weekend_days").value == "sat, sun"
        name = "Ana [b]Ruiz[/b] $x"  # data, never markup
        _input(screen, "user.name").value = name
        _input(screen, "rules.follow_up_days").value = " 8 "
        screen.query_one(f"#{field_id('user.signature')}", TextArea).load_text("Ana\n+44 1")
        await ui.press("ctrl+s")
        assert ui.screen is screen
        assert "Settings saved" in _notes(ui.app)
        assert _input(screen, "rules.follow_up_days").value == "8"
        assert not any(error.has_class("-shown") for error in screen.query(".field-error"))
        after = _stored(db_path, zone)
        assert (after.user_name, after.user_signature) == (name, "Ana\n+44 1")
        assert after.follow_up_days == 8
        # Saved: escape closes without asking, onto a board that read the new day counts.
        await ui.press("escape")
        assert isinstance(ui.screen, BoardScreen)
        data = ui.board().board
        assert data is not None
        assert data.settings.follow_up_days == 8
        quill = next(item for item in data.columns[Stage.THANKED] if item.company == "Quillstone")
        thanked = quill.progress.thanked_at
        assert thanked is not None
        old_due = next_action(quill.progress, before, zone)
        new_due = next_action(quill.progress, data.settings, zone)
        assert old_due is not None and new_due is not None
        assert old_due.due == add_business_days(thanked, 5, before, zone)
        assert new_due.due == add_business_days(thanked, 8, after, zone)
        assert new_due.due > now > old_due.due
        assert "! follow up" not in column_text(ui.column(Stage.THANKED))
    # Only the changed settings were written.
    assert _stored(db_path, zone) == replace(
        before, user_name=name, user_signature="Ana\n+44 1", follow_up_days=8
    )


async def test_invalid_values_are_refused_beside_their_field(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    before = _stored(db_path, zone)
    cases = (
        ("rules.follow_up_days", "abc", "Must be a whole number, not 'abc'"),
        ("rules.follow_up_days", "0", "Must be between 1 and 60"),
        ("rules.weekend_days", "sat, funday", "'funday' is not a day"),
        ("rules.skip_dates", "2026-12-24, 2026-02-30", "'2026-02-30' is not a date"),
    )
    async with board_pilot(size=SIZE, notifications=True) as ui:
        screen = await _open_settings(ui.app, ui.pilot)
        # A valid change alongside: it must not be written either.
        _input(screen, "user.name").value = "Someone Else"
        for key, text, message in cases:
            field = _input(screen, key)
            good = field.value
            field.value = text
            await ui.press("ctrl+s")
            assert ui.screen is screen
            shown = [error for error in screen.query(".field-error") if error.has_class("-shown")]
            assert shown == [_error(screen, key)], key
            assert message in str(_error(screen, key).render())
            assert screen.focused is field
            assert "nothing was saved" in str(screen.query_one("#settings-status").render())
            assert _stored(db_path, zone) == before
            field.value = good
        # Several at once: each message beside its own field.
        for key, text, _ in cases[1:]:
            _input(screen, key).value = text
        await ui.press("ctrl+s")
        assert {key for key, _, _ in cases[1:]} == {
            key for key in FIELD_KEYS if _error(screen, key).has_class("-shown")
        }
        assert "Please fix 3 settings" in str(screen.query_one("#settings-status").render())
        assert "Settings saved" not in _notes(ui.app)
    assert _stored(db_path, zone) == before


async def test_escape_asks_before_dropping_changes(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    before = _stored(db_path, zone)
    async with board_pilot(size=SIZE) as ui:
        screen = await _open_settings(ui.app, ui.pilot)
        await ui.press("escape")  # nothing changed: closes at once
        assert isinstance(ui.screen, BoardScreen)
        screen = await _open_settings(ui.app, ui.pilot)
        _input(screen, "review.window_days").value = "14"
        await ui.press("escape")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("n")  # keep editing
        assert ui.screen is screen
        assert _input(screen, "review.window_days").value == "14"
        await ui.press("escape")
        await ui.press("y")  # discard
        assert isinstance(ui.screen, BoardScreen)
    assert _stored(db_path, zone) == before


async def test_theme_is_applied_and_kept_at_once(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    async with board_pilot(size=SIZE) as ui:
        screen = await _open_settings(ui.app, ui.pilot)
        select = screen.query_one("#setting-theme", Select)
        assert select.value == ui.app.theme == "textual-dark"
        select.value = "nord"
        await ui.settle()
        assert ui.app.theme == "nord"
        assert _stored(db_path, zone).theme == "nord"
        ui.app.theme = "gruvbox"  # from the palette's "Change theme", say
        await ui.settle()
        assert select.value == "gruvbox"
        await ui.press("escape")  # the theme is not an unsaved change
        assert isinstance(ui.screen, BoardScreen)


async def test_comma_and_the_palette_open_the_settings(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        titles = {command.title for command in ui.app.get_system_commands(ui.screen)}
        assert "Settings" in titles
        await ui.press("enter")  # the detail screen offers it too
        assert not isinstance(ui.screen, BoardScreen)
        entry = next(
            command
            for command in ui.app.get_system_commands(ui.screen)
            if command.title == "Settings"
        )
        entry.callback()
        await ui.settle()
        screen = ui.screen
        assert isinstance(screen, SettingsScreen)
        titles = {command.title for command in ui.app.get_system_commands(screen)}
        assert {"Save the settings", "Close the settings"} <= titles
        assert "Settings" not in titles
        await ui.press("escape", "escape")
        assert isinstance(ui.screen, BoardScreen)
        await ui.press("comma")
        assert isinstance(ui.screen, SettingsScreen)
