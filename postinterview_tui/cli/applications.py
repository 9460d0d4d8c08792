"""The subcommands of ``postinterview``. Each validates everything before it opens the file.

The parsers for forms, dates and fields are imported inside the commands that need them, so
each command loads only what it uses. ``today``, which must start as quickly as possible, lives
in :mod:`.today` and loads none of this module.
"""

from __future__ import annotations

import sys

import click

from postinterview_tui.cli.output import list_lines, summary_json, terminal_width
from postinterview_tui.cli.runtime import (
    KIND_CHOICES,
    STAGE_HELP,
    BadInput,
    complete_ids,
    complete_stages,
    db_option,
    print_json,
    runtime,
)
from postinterview_tui.cli.show import detail_lines
from postinterview_tui.domain.rules import next_step
from postinterview_tui.domain.stages import parse_close_reason, parse_stage
from postinterview_tui.domain.text import safe_line, safe_text


def interview_options(function: click.decorators.FC) -> click.decorators.FC:
    """The options shared by ``add`` and ``interview``."""
    for decorator in reversed(
        [
            click.option(
                "--interviewer",
                "interviewers",
                multiple=True,
                metavar="'NAME <ADDR>'",
                help="Someone who interviewed you (repeat for several).",
            ),
            click.option("--kind", type=click.Choice(KIND_CHOICES), default="other"),
            click.option("--decision-by", metavar="WHEN", help="When they said they would decide."),
            click.option("--interview-notes", default="", help="What you talked about."),
        ]
    ):
        function = decorator(function)
    return function


@click.command(
    epilog="Example: postinterview add --company Acme --role 'Data engineer' "
    "--interviewed yesterday --interviewer 'Ana Ruiz <ana@acme.example>'"
)
@db_option
@click.option("--company", required=True)
@click.option("--role", required=True)
@click.option("--interviewed", metavar="WHEN", default="now", help="When the interview was.")
@interview_options
@click.option("--recruiter", default="", metavar="'NAME <ADDR>'")
@click.option("--location", default="")
@click.option("--link", default="")
@click.option("--notes", default="")
@click.pass_context
def add(ctx: click.Context, /, interviewers: tuple[str, ...], **values: str) -> None:
    """Add an application with its interview; prints the new id."""
    from postinterview_tui.domain.forms import parse_new_application

    rt = runtime(ctx)
    now = rt.clock()
    new = parse_new_application(
        {key: value or "" for key, value in values.items()}, interviewers, now, rt.zone
    )
    click.echo(rt.repository(create=True).add_application(new, now))


@click.command(
    epilog=(
        "Example: postinterview interview 3 --when '2026-12-02 14:00' --kind "
        "final --interviewer 'Sam Lee <sam@acme.example>'"
    )
)
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.option("--when", "interviewed", required=True, metavar="WHEN")
@interview_options
@click.pass_context
def interview(
    ctx: click.Context, /, application_id: int, interviewers: tuple[str, ...], **values: str
) -> None:
    """Record another interview round (moves the card back to Interviewed)."""
    from postinterview_tui.domain.forms import FormErrors, parse_interview

    rt = runtime(ctx)
    now = rt.clock()
    errors: dict[str, str] = {}
    round_ = parse_interview(
        {k: v or "" for k, v in values.items()}, interviewers, now, rt.zone, errors
    )
    if errors or round_ is None:
        raise FormErrors(errors or {"when": "missing"})
    rt.existing().add_interview(application_id, round_, now)


@click.command(epilog="Example: postinterview reply 3 --decision-by 2026-12-10")
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.option("--when", default="now", metavar="WHEN")
@click.option("--decision-by", metavar="WHEN", help="A new date they gave for a decision.")
@click.option("--note", default="", help="What they said.")
@click.pass_context
def reply(
    ctx: click.Context, application_id: int, when: str, decision_by: str | None, note: str
) -> None:
    """Record a reply from the employer (restarts the follow-up count)."""
    from postinterview_tui.domain.entries import parse_reply

    rt = runtime(ctx)
    now = rt.clock()
    entry = parse_reply(
        {"when": when, "decision_by": decision_by or "", "note": note}, now, rt.zone
    )
    rt.existing().record_reply(
        application_id, when=entry.when, decision_by=entry.decision_by, note=entry.note, now=now
    )


@click.command(
    epilog=f"STAGE: {STAGE_HELP}.  Example: postinterview move 3 closed --reason not-selected"
)
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.argument("stage_name", metavar="STAGE", shell_complete=complete_stages)
@click.option("--when", default="now", metavar="WHEN", help="When it happened.")
@click.option(
    "--reason", help="Why it closed: not-selected, withdrew, declined-offer, no-response, other."
)
@click.option("--force", is_flag=True, help="Go ahead even if it looks too soon.")
@click.pass_context
def move(
    ctx: click.Context,
    application_id: int,
    stage_name: str,
    when: str,
    reason: str | None,
    force: bool,
) -> None:
    """Move an application to another stage."""
    from postinterview_tui.domain.when import parse_when

    rt = runtime(ctx)
    now = rt.clock()
    try:
        stage = parse_stage(stage_name)
        close_reason = parse_close_reason(reason) if reason else None
    except ValueError as error:
        raise BadInput(str(error)) from None
    moment = parse_when(when, now, rt.zone)
    moved = rt.existing().move(
        application_id, stage, when=moment, now=now, reason=close_reason, force=force
    )
    if sys.stdout.isatty():  # scripts piping the output stay quiet
        name = safe_line(f"{moved.company} — {moved.role}")
        click.echo(f"Moved #{moved.id} {name} to {moved.stage.label}.")


@click.command(
    name="list", epilog="Examples: postinterview list;  postinterview list --stage offer --json"
)
@db_option
@click.option(
    "--stage", "stage_name", metavar="STAGE", help=STAGE_HELP, shell_complete=complete_stages
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def list_(ctx: click.Context, stage_name: str | None, as_json: bool) -> None:
    """List applications, most recently changed first."""
    rt = runtime(ctx)
    try:
        stage = parse_stage(stage_name) if stage_name else None
    except ValueError as error:
        raise BadInput(str(error)) from None
    repository = rt.repository(create=False)
    summaries = repository.summaries(stage=stage) if repository else []
    settings = repository.settings() if repository else None
    now = rt.clock()
    rows = [
        (item, next_step(item.progress, settings, rt.zone, now) if settings else None)
        for item in summaries
    ]
    if as_json:
        print_json([summary_json(item, action, rt.zone) for item, action in rows])
    else:
        lines = list_lines(rows, now, rt.zone, terminal_width())
        if lines:  # one write, as in ``today``
            click.echo("\n".join(lines))


@click.command(epilog="Examples: postinterview show 3;  postinterview show 3 --json")
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx: click.Context, application_id: int, as_json: bool) -> None:
    """Show one application with its history."""
    rt = runtime(ctx)
    repository = rt.existing()
    detail = repository.detail(application_id)
    now = rt.clock()
    action = next_step(detail.summary.progress, repository.settings(), rt.zone, now)
    if as_json:
        from postinterview_tui.cli.show import detail_json

        print_json(detail_json(detail, action, repository, now, rt.zone))
    else:
        for line in detail_lines(detail, action, now, rt.zone):
            click.echo(line)


@click.command(
    epilog=(
        "Example: postinterview edit 3 --role 'Senior data engineer' --link "
        "https://acme.example/jobs/42"
    )
)
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.option("--company")
@click.option("--role")
@click.option("--location")
@click.option("--link")
@click.option("--recruiter", metavar="'NAME <ADDR>'")
@click.option("--notes")
@click.pass_context
def edit(ctx: click.Context, /, application_id: int, **values: str | None) -> None:
    """Change an application's details."""
    from postinterview_tui.domain.forms import parse_edit

    rt = runtime(ctx)
    changes = parse_edit(values)
    if not changes.changed_fields():
        raise BadInput("nothing to change: give at least one option such as --company")
    rt.existing().edit(application_id, changes, rt.clock())


@click.command(
    epilog="Example: postinterview delete 3   (then `postinterview undo` brings it back)"
)
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.pass_context
def delete(ctx: click.Context, application_id: int) -> None:
    """Delete an application (undo brings it back)."""
    rt = runtime(ctx)
    rt.existing().delete(application_id, rt.clock())


@click.command(epilog="Example: postinterview move 3 closed --reason other; postinterview undo")
@db_option
@click.pass_context
def undo(ctx: click.Context) -> None:
    """Undo the last change."""
    rt = runtime(ctx)
    click.echo(safe_line(f"Undid: {rt.existing().undo_and_describe(rt.clock())}"))


@click.command(epilog="Example: postinterview note 3 'Recruiter says the team decides on Friday'")
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.argument("text")
@click.pass_context
def note(ctx: click.Context, application_id: int, text: str) -> None:
    """Add a note to an application's history."""
    from postinterview_tui.domain.validation import clean_field

    rt = runtime(ctx)
    cleaned = clean_field("notes", text)
    if not cleaned.strip():
        raise BadInput("the note is empty")
    rt.existing().add_note(application_id, cleaned, rt.clock())


@click.command(epilog="Example: postinterview delete 3; postinterview purge")
@db_option
@click.pass_context
def purge(ctx: click.Context) -> None:
    """Remove deleted applications for good (this cannot be undone)."""
    rt = runtime(ctx)
    repository = rt.repository(create=False)
    count = repository.purge(rt.clock()) if repository else 0
    click.echo(f"Removed {count} deleted application{'s' if count != 1 else ''}.")


@click.group(
    epilog=(
        "Examples: postinterview config get;  postinterview config set "
        "user.name 'Alex Morgan';  postinterview config set "
        "rules.follow_up_days 7"
    )
)
def config() -> None:
    """Read and change settings (rule day counts, your name and signature...)."""


@config.command(name="get")
@db_option
@click.argument("key", required=False)
@click.pass_context
def config_get(ctx: click.Context, key: str | None) -> None:
    """Print one setting, or all of them."""
    from postinterview_tui.domain.settings import KEYS, Settings, settings_as_texts

    rt = runtime(ctx)
    repository = rt.repository(create=False)
    texts = settings_as_texts(repository.settings() if repository else Settings())
    if key is not None:
        if key not in KEYS:
            raise BadInput(f"unknown setting {key!r}")
        click.echo(safe_text(texts[key]))
        return
    for name, value in texts.items():
        click.echo(f"{name} = {safe_line(value)}")


# A value may start with "-" (rules.follow_up_days -1): it is the rule's to refuse, not click's.
@config.command(name="set", context_settings={"ignore_unknown_options": True})
@db_option
@click.argument("key")
@click.argument("value")
@click.pass_context
def config_set(ctx: click.Context, key: str, value: str) -> None:
    """Change a setting."""
    from postinterview_tui.domain.settings import parse_setting
    from postinterview_tui.tui.setting_choices import known_choices

    rt = runtime(ctx)
    choices = known_choices()
    try:
        parse_setting(key, value, choices)
    except ValueError as error:
        raise BadInput(str(error)) from None
    rt.repository(create=True).set_setting(key, value, rt.clock(), choices=choices)


COMMANDS = (
    add,
    interview,
    reply,
    move,
    list_,
    show,
    edit,
    delete,
    undo,
    note,
    purge,
    config,
)
"""This module's commands (``cli.LAZY_SUBCOMMANDS`` says where every command lives)."""
