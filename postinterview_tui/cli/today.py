"""``postinterview today``: what is overdue, due and coming up.

In a module of its own because it runs from shell prompts and scripts and must start as quickly
as possible: loading it builds this one click command, not every other command's options, and
imports only what the agenda needs.
"""

from __future__ import annotations

import click

from postinterview_tui.cli.output import agenda_json, agenda_lines, rfc3339
from postinterview_tui.cli.runtime import EXIT_CHECK_FAILED, db_option, print_json, runtime
from postinterview_tui.domain.agenda_groups import needs_attention


@click.command(epilog="Example for a shell prompt: postinterview today --check || echo 'overdue!'")
@db_option
@click.option("--json", "as_json", is_flag=True)
@click.option("--days", type=click.IntRange(0, 365), help="Days ahead to include.")
@click.option("--check", is_flag=True, help="Print nothing; exit 1 if anything is overdue.")
@click.pass_context
def today(ctx: click.Context, as_json: bool, days: int | None, check: bool) -> int:
    """What is overdue, due, and coming up."""
    rt = runtime(ctx)
    now = rt.clock()
    repository = rt.repository(create=False)
    items = []
    window = days
    if repository is not None:
        window = repository.settings().window_days if days is None else days
        # From the due-time index: only the window's dues are read, whatever the file holds.
        items = repository.stored_agenda(now, window)
    if window is None:
        from postinterview_tui.domain.settings import Settings

        window = Settings().window_days
    if check:
        return EXIT_CHECK_FAILED if needs_attention(items) else 0
    if as_json:
        print_json(
            {
                "generated_at": rfc3339(now, rt.zone),
                "window_days": window,
                "items": [agenda_json(item, rt.zone) for item in items],
            }
        )
    elif items:
        # One write: echoing each of a thousand lines flushes a thousand times.
        click.echo("\n".join(agenda_lines(items, now, rt.zone)))
    else:
        click.echo(f"Nothing to do in the next {window} days.")
    return 0


COMMANDS = (today,)
"""This module's commands (``cli.LAZY_SUBCOMMANDS`` says where every command lives)."""
