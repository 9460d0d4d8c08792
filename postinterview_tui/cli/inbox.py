"""The inbox on the command line: ``ingest`` mail and calendar files (or IMAP), then list,
accept, dismiss, link and explain what it proposes.

Nothing but the inbox tables changes on ``ingest``; an application changes only when the user
accepts a proposal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from postinterview_tui.cli.runtime import BadInput, complete_ids, db_option, print_json, runtime
from postinterview_tui.domain.text import safe_line, shorten


@click.command(
    epilog="Examples:\n\n"
    "  postinterview ingest ~/Mail/jobs            (a Maildir folder)\n\n"
    "  postinterview ingest invite.ics saved.mbox\n\n"
    "  postinterview ingest -  < message.eml      (mutt: | postinterview ingest -)\n\n"
    "  postinterview ingest --imap                (settings mail.imap_*)"
)
@db_option
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--imap", is_flag=True, help="Also read new messages from the IMAP folder.")
@click.option("--json", "as_json", is_flag=True, help="One object per message read.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], imap: bool, as_json: bool) -> None:
    """Read mail (.eml, mbox, Maildir, - for stdin) and calendar (.ics) files, and propose.

    Each message is matched to an application and classified; what it calls for waits in
    `postinterview inbox` until you accept it. The sources are never changed.
    """
    from postinterview_tui.cli.inbox_ingest import run_ingest

    if not paths and not imap:
        raise BadInput("give files or folders to read, - for standard input, or --imap")
    if paths.count("-") > 1:
        raise BadInput("standard input (-) can be read only once")
    rt = runtime(ctx)
    outcome = run_ingest(rt, [Path(p) if p != "-" else None for p in paths], imap=imap)
    if as_json:
        print_json(outcome.rows)
    else:
        for line in outcome.lines():
            click.echo(line)
    for warning in outcome.warnings:
        click.echo(f"postinterview: warning: {safe_line(warning)}", err=True)
    if outcome.bad_sources:
        names = ", ".join(safe_line(item) for item in outcome.bad_sources)
        raise BadInput(names if len(outcome.bad_sources) == 1 else f"not read: {names}")


@click.group(invoke_without_command=True, epilog="Example: postinterview inbox --json")
@db_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def inbox(ctx: click.Context, as_json: bool) -> None:
    """List the proposals waiting from ingested mail (see also: inbox unmatched)."""
    if ctx.invoked_subcommand is not None:
        return
    entries = _store(ctx).pending() if _exists(ctx) else []
    if as_json:
        print_json([pending_json(entry) for entry in entries])
        return
    if not entries:
        click.echo("Nothing waiting in the inbox.")
        return
    for entry in entries:
        click.echo(_row(entry))


@inbox.command(epilog="Example: postinterview inbox accept 4")
@db_option
@click.argument("entry_id", metavar="ID", type=int)
@click.option("--force", is_flag=True, help="Go ahead even if the rules find it too soon.")
@click.pass_context
def accept(ctx: click.Context, entry_id: int, force: bool) -> None:
    """Do what message ID proposes (close, record the reply, add the round...)."""
    from postinterview_tui.storage.inbox_accept import InboxRefusal
    from postinterview_tui.storage.inbox_accept import accept as accept_entry

    rt = runtime(ctx)
    try:
        done = accept_entry(rt.existing(), entry_id, rt.clock(), force=force)
    except InboxRefusal as error:
        raise BadInput(str(error)) from None
    company = safe_line(done.entry.company)
    click.echo(f"{company}: {done.done}.")
    if done.next_hint:
        click.echo(f"Next: {done.next_hint}.")


@inbox.command(epilog="Example: postinterview inbox dismiss 4")
@db_option
@click.argument("entry_id", metavar="ID", type=int)
@click.pass_context
def dismiss(ctx: click.Context, entry_id: int) -> None:
    """Set message ID's proposal aside (nothing else changes)."""
    from postinterview_tui.storage.inbox_accept import InboxRefusal
    from postinterview_tui.storage.inbox_accept import dismiss as dismiss_entry

    rt = runtime(ctx)
    try:
        dismiss_entry(rt.existing(), entry_id, rt.clock())
    except InboxRefusal as error:
        raise BadInput(str(error)) from None
    click.echo(f"Dismissed inbox message {entry_id}.")


@inbox.command(epilog="Example: postinterview inbox link 7 3")
@db_option
@click.argument("entry_id", metavar="ID", type=int)
@click.argument("application_id", metavar="APP_ID", type=int, shell_complete=complete_ids)
@click.pass_context
def link(ctx: click.Context, entry_id: int, application_id: int) -> None:
    """Tie message ID to application APP_ID; its proposal then waits in the inbox."""
    from postinterview_tui.storage.inbox_accept import InboxRefusal
    from postinterview_tui.storage.inbox_accept import link as link_entry

    rt = runtime(ctx)
    try:
        entry = link_entry(rt.existing(), entry_id, application_id, rt.clock())
    except InboxRefusal as error:
        raise BadInput(str(error)) from None
    click.echo(_row(entry) if entry.step else f"Linked to {safe_line(entry.company)}.")


@inbox.command(epilog="Example: postinterview inbox show 4")
@db_option
@click.argument("entry_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx: click.Context, entry_id: int, as_json: bool) -> None:
    """Explain message ID: the rule that matched it and the phrase that decided its kind."""
    from postinterview_tui.inbox.explain import explanation_lines

    entry = _store(ctx, must_exist=True).entry(entry_id)
    if as_json:
        print_json({**pending_json(entry), **explanation_json(entry)})
        return
    rt = runtime(ctx)
    for line in explanation_lines(entry, rt.zone):
        click.echo(line)


@inbox.command(epilog="Example: postinterview inbox unmatched")
@db_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def unmatched(ctx: click.Context, as_json: bool) -> None:
    """List messages tied to no application, to link them (inbox link ID APP_ID)."""
    entries = _store(ctx).unmatched() if _exists(ctx) else []
    if as_json:
        print_json([{**pending_json(entry), **explanation_json(entry)} for entry in entries])
        return
    if not entries:
        click.echo("No unmatched messages.")
        return
    for entry in entries:
        click.echo(_row(entry))


def pending_json(entry: Any) -> dict[str, Any]:
    """``inbox --json``'s object for one proposal."""
    return {
        "id": entry.id,
        "application_id": entry.application_id,
        "kind": str(entry.kind),
        "from": entry.from_address,
        "from_name": entry.from_name,
        "subject": entry.subject,
        "received_at": entry.received_at.isoformat(),
        "proposal": entry.words or None,
        "status": entry.status,
        "company": entry.company or None,
    }


def explanation_json(entry: Any) -> dict[str, Any]:
    """Why a message was matched and classified, for ``inbox show --json``."""
    return {
        "message_id": entry.message_id,
        "rule": str(entry.rule),
        "rule_detail": entry.match_detail,
        "phrase": entry.kind_reason,
        "sentence": entry.sentence,
        "source": entry.source,
    }


def _row(entry: Any) -> str:
    when = entry.received_at.format("YYYY-MM-DD")
    who = shorten(safe_line(entry.company or "unmatched"), 18)
    words = safe_line(entry.words) if entry.words else safe_line(entry.subject)
    return f"{entry.id:>5}  {when}  {who:<18} {str(entry.kind):<10}  {shorten(words, 60)}"


def _exists(ctx: click.Context) -> bool:
    return runtime(ctx).db_path.exists()


def _store(ctx: click.Context, *, must_exist: bool = False) -> Any:
    from postinterview_tui.storage.inbox import InboxStore

    rt = runtime(ctx)
    if must_exist:
        return InboxStore(rt.existing())
    repository = rt.repository(create=False)
    if repository is None:
        raise BadInput(f"no database at {rt.db_path} yet")
    return InboxStore(repository)


COMMANDS = (ingest, inbox)
