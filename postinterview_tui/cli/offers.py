"""Offers on the command line: record one, settle its conditions, accept, decline, reopen."""

from __future__ import annotations

from typing import Any

import click

from postinterview_tui.cli.runtime import BadInput, complete_ids, db_option, runtime
from postinterview_tui.domain.models import Condition
from postinterview_tui.domain.stages import (
    CloseReason,
    ConditionKind,
    ConditionStatus,
    Stage,
)
from postinterview_tui.domain.text import safe_line
from postinterview_tui.domain.validation import FieldError, clean_field
from postinterview_tui.domain.when import parse_when

KIND_NAMES = ", ".join(kind.value for kind in ConditionKind)
CONDITION_LIMIT = 200
MAX_ID = 2**63 - 1  # SQLite's largest integer


def parse_condition(text: str) -> tuple[ConditionKind, str]:
    """Read ``KIND`` or ``KIND=LABEL`` (``references=two former managers``).

    Raises:
        BadInput: an unknown kind, or a label that is not one short line.
    """
    kind_text, _, label = text.partition("=")
    try:
        kind = ConditionKind(kind_text.strip().lower())
    except ValueError:
        raise BadInput(f"unknown condition {kind_text!r} (choose from {KIND_NAMES})") from None
    try:
        label = clean_field("condition", label).strip()
    except FieldError as error:
        raise BadInput(str(error)) from None
    if "\n" in label or "\r" in label:
        raise BadInput("condition: the label must be a single line")
    if len(label) > CONDITION_LIMIT:
        raise BadInput(f"condition: the label is too long (at most {CONDITION_LIMIT} characters)")
    return kind, label


def find_condition(
    conditions: tuple[Condition, ...], application_id: int, reference: str
) -> Condition:
    """The condition a user means: its id, or its kind when only one condition has it.

    Among several of one kind, a single pending one is taken (the others are settled).

    Raises:
        BadInput: no such condition, or the kind is ambiguous.
    """
    text = reference.strip().lower()
    if text.isdigit():
        for condition in conditions:
            if condition.id == int(text):
                return condition
        raise BadInput(f"application {application_id} has no condition {text}")
    try:
        kind = ConditionKind(text)
    except ValueError:
        raise BadInput(
            f"{reference!r} is neither a condition id nor a kind ({KIND_NAMES})"
        ) from None
    matches = [condition for condition in conditions if condition.kind is kind]
    if len(matches) > 1:
        matches = [c for c in matches if c.status is ConditionStatus.PENDING] or matches
    if not matches:
        raise BadInput(f"application {application_id} has no {kind} condition")
    if len(matches) > 1:
        ids = ", ".join(str(condition.id) for condition in matches)
        raise BadInput(
            f"application {application_id} has {len(matches)} {kind} conditions "
            f"(ids {ids}): give the id"
        )
    return matches[0]


def condition_lines(conditions: tuple[Condition, ...]) -> list[str]:
    """Conditions as aligned lines: id, kind, status, label."""
    return [
        f"  {condition.id:>5}  {condition.kind.value:<13} {condition.status.value:<8} "
        f"{safe_line(condition.label)}".rstrip()
        for condition in conditions
    ]


@click.command(
    epilog=f"KIND: {KIND_NAMES}.  Example: postinterview offer 3 --deadline 2026-12-04 "
    "--condition references='two former managers' --condition background"
)
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.option("--deadline", metavar="WHEN", help="When they need your answer.")
@click.option(
    "--condition",
    "conditions",
    multiple=True,
    metavar="KIND[=LABEL]",
    help="Something the offer depends on (repeat for several).",
)
@click.option("--notes", help="Salary, start date, anything to remember about the offer.")
@click.pass_context
def offer(
    ctx: click.Context,
    application_id: int,
    deadline: str | None,
    conditions: tuple[str, ...],
    notes: str | None,
) -> None:
    """Record an offer (moves the application to Offer); prints its conditions with their ids.

    On an application already at Offer it adds the conditions given and changes only the
    deadline or notes given.
    """
    rt = runtime(ctx)
    now = rt.clock()
    moment = parse_when(deadline, now, rt.zone) if deadline else None
    parsed = [parse_condition(text) for text in conditions]
    cleaned_notes = clean_field("notes", notes) if notes is not None else None
    repository = rt.existing()
    detail = repository.detail(application_id)
    current = detail.summary
    if current.stage is Stage.OFFER and not (deadline or parsed or notes is not None):
        for line in condition_lines(current.progress.conditions):  # nothing to change: show
            click.echo(line)
        return
    if current.stage is Stage.OFFER:
        moment = moment or current.progress.offer_deadline
        cleaned_notes = detail.offer_notes if cleaned_notes is None else cleaned_notes
    repository.record_offer(
        application_id,
        deadline=moment,
        conditions=parsed,
        notes=cleaned_notes or "",
        now=now,
    )
    recorded = repository.summary(application_id).progress.conditions
    for line in condition_lines(recorded):
        click.echo(line)


@click.command(
    epilog="Example: postinterview condition 3 references cleared  (or the condition's id)"
)
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.argument("reference", metavar="CONDITION")
@click.argument("outcome", type=click.Choice(["cleared", "failed"], case_sensitive=False))
@click.pass_context
def condition(ctx: click.Context, application_id: int, reference: str, outcome: str) -> None:
    """Mark an offer condition cleared or failed (CONDITION: its id, or its kind)."""
    rt = runtime(ctx)
    repository = rt.existing()
    if reference.strip().isdigit():
        condition_id = int(reference)  # the store says if it is not this application's
        if condition_id > MAX_ID:
            raise BadInput(f"application {application_id} has no condition {condition_id}")
    else:
        conditions = repository.summary(application_id).progress.conditions
        condition_id = find_condition(conditions, application_id, reference).id
    repository.set_condition_status(
        application_id, condition_id, cleared=outcome.lower() == "cleared", now=rt.clock()
    )


@click.command(epilog="Example: postinterview accept 4   (--force if a condition is still pending)")
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.option("--when", default="now", metavar="WHEN", help="When you accepted.")
@click.option("--force", is_flag=True, help="Accept even with conditions still pending.")
@click.pass_context
def accept(ctx: click.Context, application_id: int, when: str, force: bool) -> None:
    """Accept the offer (moves the application to Accepted)."""
    _move(ctx, application_id, Stage.ACCEPTED, when, force=force)


@click.command(
    epilog="Example: postinterview decline 4 --reflection 'Salary too far from what I need'"
)
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.option("--when", default="now", metavar="WHEN", help="When you declined.")
@click.option("--reflection", default="", help="A line to remember (what you'd do differently).")
@click.pass_context
def decline(ctx: click.Context, application_id: int, when: str, reflection: str) -> None:
    """Decline the offer (closes the application: declined offer)."""
    _move(
        ctx,
        application_id,
        Stage.CLOSED,
        when,
        reason=CloseReason.DECLINED_OFFER,
        reflection=clean_field("notes", reflection),
    )


@click.command(epilog="Example: postinterview reopen 7")
@db_option
@click.argument("application_id", metavar="ID", type=int, shell_complete=complete_ids)
@click.pass_context
def reopen(ctx: click.Context, application_id: int) -> None:
    """Reopen a closed application in the stage it was in before it closed."""
    rt = runtime(ctx)
    repository = rt.existing()
    current = repository.summary(application_id)
    if current.stage is not Stage.CLOSED:
        raise BadInput(f"application {application_id} is not closed (it is in {current.stage})")
    stage = repository.stage_before_closing(application_id)
    now = rt.clock()
    repository.move(application_id, stage, when=now, now=now, force=True)
    click.echo(f"Reopened in {stage.label}.")


def _move(
    ctx: click.Context, application_id: int, target: Stage, when: str, **options: Any
) -> None:
    rt = runtime(ctx)
    now = rt.clock()
    moment = parse_when(when, now, rt.zone)
    rt.existing().move(application_id, target, when=moment, now=now, **options)


COMMANDS = (offer, condition, accept, decline, reopen)
