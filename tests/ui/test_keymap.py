"""Keys remapped by binding id with the ui.keymap setting work, and the help shows them."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.cli.group import run
from postinterview_tui.demo import write_demo_database
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from postinterview_tui.tui.screens.help import HelpScreen
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import make_app, settle


async def test_remapped_key_opens_the_form_and_help_shows_it(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    write_demo_database(db_path, now=now, zone=zone)
    assert run(["--db", str(db_path), "config", "set", "ui.keymap", '{"board.new": "a"}']) == 0
    async with board_pilot(demo=False, size=(120, 50)) as ui:
        await ui.press("n")
        assert not isinstance(ui.screen, ApplicationFormScreen)  # n no longer opens it
        await ui.press("a")
        assert isinstance(ui.screen, ApplicationFormScreen)
        await ui.press("escape")
        await ui.press("question_mark")
        assert isinstance(ui.screen, HelpScreen)
        text = " ".join(str(widget.render()) for widget in ui.screen.query(".help-keys"))
        line = next(row for row in text.split("\n") if "New application" in row)
        assert line.split()[0] == "a"


def test_invalid_keymap_is_refused(db_path: Path) -> None:
    assert run(["--db", str(db_path), "config", "set", "ui.keymap", "{nope"]) == 2
    assert not db_path.exists()


async def test_hand_edited_settings_are_checked_at_start_with_the_same_rules(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """A value `config set` refuses, written into the file by hand, is refused at start too:
    the default is used and a notification says why, with the valid names."""
    import sqlite3

    write_demo_database(db_path, now=now, zone=zone)
    with sqlite3.connect(db_path) as db:
        db.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [("ui.theme", "notatheme"), ("ui.keymap", '{"board.nope": "n", "board.new": "a"}')],
        )
    db.close()
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        messages = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("'notatheme' is not one of:" in text and "nord" in text for text in messages)
        assert any("'board.nope' is not a binding id" in message for message in messages)
        assert app.theme == "textual-dark"
        await pilot.press("n")  # the refused keymap is not applied: n still adds
        await settle(pilot)
        assert isinstance(app.screen, ApplicationFormScreen)
