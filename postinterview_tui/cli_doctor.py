"""``postinterview doctor``: how the database file is kept, and whether it is healthy."""

from __future__ import annotations

import click

from postinterview_tui.cli import EXIT_UNUSABLE, db_option, runtime


@click.command(epilog="Example: postinterview doctor")
@db_option
@click.pass_context
def doctor(ctx: click.Context) -> int:
    """Check the database: SQLite version, journal and sync settings, schema, integrity, and
    whether the data folder looks synced (which risks damage)."""
    from postinterview_tui.storage.health import diagnose, expected_durability, sync_risks

    rt = runtime(ctx)
    click.echo(f"Database:     {rt.db_path}")
    repository = rt.repository(create=False)
    if repository is None:
        click.echo("Status:       no database yet (it is created by the first change)")
        for risk in sync_risks(rt.db_path):
            click.echo(f"Warning:      {risk.message}")
        return 0
    report = diagnose(repository.db, rt.db_path)
    click.echo(
        f"SQLite:       {report.sqlite_version} "
        f"({'WAL is safe' if report.wal_safe else 'has the WAL-reset bug: WAL not used'})"
    )
    click.echo(f"Journal mode: {report.journal_mode}")
    click.echo(f"Synchronous:  {report.synchronous}  (chosen: {expected_durability()})")
    click.echo(f"Schema:       version {report.schema_version}")
    click.echo(f"Integrity:    {report.integrity}")
    folder_state = "looks synced or remote" if report.risks else "local"
    click.echo(f"Data folder:  {folder_state}")
    for risk in report.risks:
        click.echo(f"Warning:      {risk.message}")
    return 0 if report.integrity == "ok" else EXIT_UNUSABLE


COMMANDS = (doctor,)
