"""``postinterview doctor``: how the database file is kept, and whether it is healthy."""

from __future__ import annotations

import click

from postinterview_tui.cli.runtime import EXIT_UNUSABLE, db_option, runtime
from postinterview_tui.domain.text import safe_line


def _say(line: str) -> None:
    """Print one line of the report; paths and messages in it are made safe like user text."""
    click.echo(safe_line(line))


@click.command(epilog="Example: postinterview doctor")
@db_option
@click.pass_context
def doctor(ctx: click.Context) -> int:
    """Check the database: SQLite version, journal and sync settings, schema, integrity, and
    whether the data folder looks synced (which risks damage)."""
    from postinterview_tui.storage.health import diagnose, expected_durability, sync_risks

    rt = runtime(ctx)
    _say(f"Database:     {rt.db_path}")
    repository = rt.repository(create=False)
    if repository is None:
        _say("Status:       no database yet (it is created by the first change)")
        for risk in sync_risks(rt.db_path):
            _say(f"Warning:      {risk.message}")
        return 0
    report = diagnose(repository.db, rt.db_path)
    _say(
        f"SQLite:       {report.sqlite_version} "
        f"({'WAL is safe' if report.wal_safe else 'has the WAL-reset bug: WAL not used'})"
    )
    _say(f"Journal mode: {report.journal_mode}")
    _say(f"Synchronous:  {report.synchronous}  (chosen: {expected_durability()})")
    _say(f"Schema:       version {report.schema_version}")
    _say(f"Integrity:    {report.integrity}")
    folder_state = "looks synced or remote" if report.risks else "local"
    _say(f"Data folder:  {folder_state}")
    for risk in report.risks:
        _say(f"Warning:      {risk.message}")
    return 0 if report.integrity == "ok" else EXIT_UNUSABLE


COMMANDS = (doctor,)
