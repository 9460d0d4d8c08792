"""The help screen cannot drift from the keys: every binding comes from the command table,
and the help lists every command of that table."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.screen import Screen

import postinterview_tui.tui.screens as screens_package
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.commands.table import all_commands
from postinterview_tui.tui.screens.help import HelpScreen
from tests.ui.board_pilot import BoardPilots


def _app_screens() -> list[type[Screen[object]]]:
    found = []
    for module_info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{module_info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Screen) and value.__module__ == module.__name__:
                found.append(value)
    return found


def test_every_binding_of_every_screen_comes_from_the_command_table() -> None:
    table = {command.id: command for command in all_commands()}
    classes = [*_app_screens(), PostInterviewApp]
    assert len(classes) > 10
    checked = 0
    for owner in classes:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding), (owner, binding)
            assert binding.id in table, f"{owner.__name__}: {binding.key} has no command"
            command = table[binding.id]
            assert (binding.key, binding.action) == (command.keys, command.action)
            checked += 1
    assert checked >= 50


def test_screens_with_a_command_table_bind_exactly_that_table() -> None:
    for owner in _app_screens():
        table = getattr(owner, "COMMAND_TABLE", None)
        if table is None:
            continue
        assert [binding.id for binding in owner.BINDINGS] == [command.id for command in table]


async def test_help_lists_every_command(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=(120, 60)) as ui:
        await ui.press("question_mark")
        assert isinstance(ui.screen, HelpScreen)
        text = "\n".join(str(widget.render()) for widget in ui.screen.query(".help-keys"))
        rows = text.split("\n")
        for command in all_commands():
            assert command.title in text, command.id
            # The id ui.keymap remaps, on the command's own row (as the README promises).
            assert any(
                command.title in row and row.rstrip().endswith(command.id) for row in rows
            ), command.id
