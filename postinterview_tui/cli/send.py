"""Notes on the command line: ``draft`` prints what would be sent, ``send`` sends it.

``send`` exits 0 when every note went, 2 when it refused before sending anything (a
placeholder, the rules, no address, no ``user.email``, a bad setting), 3 when the database
cannot be used, and 5 when a delivery failed (that note is not marked sent).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from postinterview_tui.cli.runtime import BadInput, complete_ids, db_option, runtime

EXIT_DELIVERY_FAILED = 5
KIND_HELP = "thank-you, follow-up, other, or a template id such as offer-reply"


def _notes(rt: Any, application_id: int, kind: str | None, to: str | None) -> tuple[Any, Any]:
    from postinterview_tui.mail.outbox import SendRefused, notes_for, read_data

    repository = rt.existing()
    data = read_data(repository, application_id)
    try:
        return repository, (data, notes_for(data, kind, rt.zone, to=to))
    except SendRefused as refusal:
        raise BadInput(refusal.message) from None


@click.command(
    epilog="Examples: postinterview draft 3;  postinterview draft 3 --kind follow-up "
    "--to 'Sam Lee <sam@acme.example>'"
)
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.option("--kind", metavar="KIND", help=KIND_HELP + " (default: what the stage calls for)")
@click.option("--to", "to", metavar="ADDRESS", help="Send to this address instead.")
@click.pass_context
def draft(ctx: click.Context, application_id: int, kind: str | None, to: str | None) -> None:
    """Print the note that would be sent: Subject line, blank line, body.

    It comes from your latest unsent draft for each person, else from the template. A note
    for several people prints each under a "==> To: ... <==" line.
    """
    from postinterview_tui.domain.templates import plain_text

    _, (_, notes) = _notes(runtime(ctx), application_id, kind, to)
    parts = []
    for note in notes:
        head = f"==> To: {note.to.label()} <==\n" if len(notes) > 1 else ""
        parts.append(head + plain_text(note.subject, note.body))
    click.echo("\n".join(parts), nl=False)


@click.command(
    epilog="Examples: postinterview send 3 --kind thank-you;  "
    "postinterview send 3 --kind follow-up --yes"
)
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.option("--kind", metavar="KIND", required=True, help=KIND_HELP)
@click.option("--to", "to", metavar="ADDRESS", help="Send to this address instead.")
@click.option("--yes", is_flag=True, help="Send without asking (needed with no terminal).")
@click.option("--force", is_flag=True, help="Send even if it is early or one too many.")
@click.pass_context
def send(
    ctx: click.Context, application_id: int, kind: str, to: str | None, yes: bool, force: bool
) -> int:
    """Send a note by e-mail (mail.send_command, or the mail.smtp_* settings), one message per
    person, and mark it sent. Prints one line per message with its Message-ID."""
    from postinterview_tui.mail.deliver import DeliveryFailed
    from postinterview_tui.mail.outbox import (
        SendRefused,
        check_note,
        check_timing,
        send_note,
        sender_of,
    )

    rt = runtime(ctx)
    repository, (data, notes) = _notes(rt, application_id, kind, to)
    settings = data.settings
    try:
        for note in notes:
            check_note(note, settings)
            check_timing(note, data.detail, settings, rt.zone, rt.clock(), force=force)
        sender = sender_of(settings)
    except SendRefused as refusal:
        raise BadInput(refusal.message) from None
    if not yes:
        if not sys.stdin.isatty():
            raise BadInput("not sending without a terminal to ask on: add --yes")
        for note in notes:
            click.echo(f"From:    {sender.label()}\nTo:      {note.to.label()}")
            click.echo(f"Subject: {note.subject}\n")
        if not click.confirm(f"Send {len(notes)} message{'s' if len(notes) != 1 else ''}?"):
            raise BadInput("nothing sent")
    for note in notes:
        try:
            sent = send_note(repository, note, settings, rt.clock)
        except SendRefused as refusal:
            raise BadInput(refusal.message) from None
        except DeliveryFailed as failure:
            click.echo(f"postinterview: error: not sent to {note.to.label()}: {failure}", err=True)
            return EXIT_DELIVERY_FAILED
        click.echo(f"Sent to {sent.recipient}  {sent.message_id}")
    return 0


COMMANDS = (draft, send)
"""This module's commands (``cli.LAZY_SUBCOMMANDS`` says where every command lives)."""
