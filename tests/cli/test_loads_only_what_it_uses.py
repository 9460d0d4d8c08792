"""The board's first frame and ``postinterview today`` load only what they use (issue 19):
mail, inbox, calendar-file, spreadsheet and backup code, the mail settings' rules and the
board's paging load when something first needs them, never at start.

Each check runs a fresh interpreter and reads its ``sys.modules``, as the check that ``today``
imports no Textual does (``test_lazy_commands.py``).
"""

from __future__ import annotations

import json

from ._support import InProcessCli, SubprocessCli

NEVER_AT_START = (
    "postinterview_tui.mail",
    "postinterview_tui.inbox",
    "postinterview_tui.cli.ics",
    "postinterview_tui.storage.files.backups",
    "postinterview_tui.storage.files.backup",
    "postinterview_tui.storage.files.export",
    "postinterview_tui.storage.files.spreadsheet",
    "postinterview_tui.domain.mail_settings",
    "icalendar",
    "holidays",
    "csv",
    "smtplib",
    "imaplib",
    "email.parser",
)
"""Loaded by no start of either kind (with the default settings)."""

TODAY_NEVER = (
    *NEVER_AT_START,
    "postinterview_tui.storage.board_pages",  # the board's columns: today lists no pages
    "shlex",  # the mail settings' and the backups' command lines
)


FIRST_MOVE_LOADS = (
    "postinterview_tui.domain.moves",  # the move rules' planning
    "postinterview_tui.domain.backward",  # what a move back means
)
"""Loaded with the first move asked about, not with the board (its writes catch the rules'
refusals, whose error class lives apart: ``domain.refusals``)."""


def _loaded(report_line: str) -> set[str]:
    return set(json.loads(report_line)["modules"])


def _offenders(loaded: set[str], unwanted: tuple[str, ...]) -> list[str]:
    return sorted(
        name
        for name in loaded
        if any(name == package or name.startswith(package + ".") for package in unwanted)
    )


def test_today_loads_no_mail_backup_or_board_code(spawn: SubprocessCli, cli: InProcessCli) -> None:
    cli.add("Acme", "R", "--interviewed", "-3d")
    script = f"""
import json, sys
from postinterview_tui.cli.group import run
code = run(['--db', {str(cli.db_path)!r}, 'today'])
print(json.dumps({{'code': code, 'modules': sorted(sys.modules)}}))
"""
    result = spawn.python(script)
    loaded = _loaded(result.out.splitlines()[-1])
    assert "postinterview_tui.cli.today" in loaded  # it did run the command
    assert _offenders(loaded, TODAY_NEVER) == []


def test_the_boards_first_frame_loads_no_mail_or_backup_code(
    spawn: SubprocessCli, cli: InProcessCli
) -> None:
    cli.add("Acme", "R", "--interviewed", "-3d")
    script = f"""
import asyncio, json, sys
from pathlib import Path
import pendulum
from postinterview_tui.tui.app import build_app

zone = pendulum.timezone("Europe/London")
now = pendulum.datetime(2026, 11, 28, 10, 0, tz=zone)
app = build_app(Path({str(cli.db_path)!r}), zone=zone, clock=lambda: now, demo=True)

async def first_frame() -> list[str]:
    async with app.run_test(headless=True, size=(120, 36)) as pilot:
        await pilot.pause()
        return [type(app.screen).__name__, sorted(sys.modules)]

screen, modules = asyncio.run(first_frame())
print(json.dumps({{'screen': screen, 'modules': modules}}))
"""
    result = spawn.python(script)
    report = json.loads(result.out.splitlines()[-1])
    assert report["screen"] == "BoardScreen"
    assert _offenders(set(report["modules"]), NEVER_AT_START) == []
    assert _offenders(set(report["modules"]), FIRST_MOVE_LOADS) == []
