"""Subcommands are imported only when used, yet ``--help`` and completion still see them all."""

from __future__ import annotations

import importlib
import json
import re

import click

from postinterview_tui.cli.group import LAZY_SUBCOMMANDS, LazyGroup, cli

from ._support import InProcessCli, SubprocessCli, assert_one_error_line

COMMAND_MODULES = (
    "postinterview_tui.cli.applications",
    "postinterview_tui.cli.today",
    "postinterview_tui.cli.doctor",
    "postinterview_tui.cli.offers",
    "postinterview_tui.cli.data",
    "postinterview_tui.cli.ics",
    "postinterview_tui.cli.inbox",
    "postinterview_tui.cli.send",
)


def test_the_lazy_table_names_every_command_of_every_module_once() -> None:
    listed: dict[str, str] = {}
    for module_name in COMMAND_MODULES:
        module = importlib.import_module(module_name)
        for command in module.COMMANDS:
            assert command.name not in listed, command.name
            listed[command.name] = module_name
    assert set(LAZY_SUBCOMMANDS) == set(listed)
    for name, target in LAZY_SUBCOMMANDS.items():
        module_name, attribute = target.split(":")
        assert module_name == listed[name], name
        assert getattr(importlib.import_module(module_name), attribute).name == name


def test_help_lists_every_command_with_its_short_help(cli: InProcessCli) -> None:
    out = cli.ok("--help", db=None).out
    for name, target in LAZY_SUBCOMMANDS.items():
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        short = command.get_short_help_str(limit=40)[:20]
        assert re.search(rf"^  {name}\s+{re.escape(short)}", out, re.MULTILINE), name


def test_commands_are_listed_in_sorted_order() -> None:
    assert isinstance(cli, LazyGroup)
    names = cli.list_commands(click.Context(cli))
    assert names == sorted(names)
    assert set(names) == set(LAZY_SUBCOMMANDS)


def test_an_unknown_command_is_still_a_usage_error(cli: InProcessCli) -> None:
    result = cli("nonsense", db=None)
    assert result.code == 2
    assert "No such command" in result.err


def test_today_loads_only_what_it_needs(spawn: SubprocessCli, cli: InProcessCli) -> None:
    cli.add("Acme", "R", "--interviewed", "-3d")
    script = f"""
import json, sys
from postinterview_tui.cli.group import run
code = run(['--db', {str(cli.db_path)!r}, 'today'])
print(json.dumps({{'code': code, 'modules': sorted(sys.modules)}}))
"""
    result = spawn.python(script)
    report = json.loads(result.out.splitlines()[-1])
    assert report["code"] == 0
    loaded = set(report["modules"])
    assert "postinterview_tui.cli.today" in loaded
    for unwanted in (
        "postinterview_tui.cli.applications",
        "postinterview_tui.cli.offers",
        "postinterview_tui.cli.data",
        "postinterview_tui.cli.ics",
        "postinterview_tui.cli.doctor",
        "postinterview_tui.domain.forms",
        "postinterview_tui.domain.when",
        "postinterview_tui.domain.moves",
        "postinterview_tui.domain.records",
        "textual",
    ):
        assert unwanted not in loaded, unwanted


def test_errors_still_map_to_their_exit_codes_in_a_fresh_process(
    spawn: SubprocessCli, cli: InProcessCli
) -> None:
    # The error classes are imported only once something fails; each kind must still give its
    # one line and exit code in a process that has not loaded them before.
    bad_form = spawn("--db", str(cli.db_path), "add", "--company", "", "--role", "R")
    assert assert_one_error_line(bad_form, code=2) == "company: is required"
    app = cli.add("Acme", "R", "--interviewed", "yesterday")
    bad_when = spawn("--db", str(cli.db_path), "move", str(app), "thanked", "--when", "soon")
    assert "cannot read 'soon' as a date" in assert_one_error_line(bad_when, code=2)
    missing = spawn("--db", str(cli.db_path), "show", "999")
    assert assert_one_error_line(missing, code=2)
    cli.ok("move", str(app), "thanked")
    refused = spawn("--db", str(cli.db_path), "move", str(app), "followed-up")
    assert "(use --force to do it anyway)" in assert_one_error_line(refused, code=2)
