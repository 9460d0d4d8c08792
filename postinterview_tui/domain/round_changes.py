"""Removing or moving a scheduled interview round (a cancelled or rescheduled invitation): the
pure part. Only a round still ahead may go or move; the history of a held one stays as it is."""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import DateTime, Timezone

from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.moves import ChangePlan, RuleRefusal
from postinterview_tui.domain.round_edits import RoundFacts, plan_round_edit
from postinterview_tui.domain.validation import check_moment
from postinterview_tui.domain.wording import day_and_month


@dataclass(frozen=True, slots=True)
class ScheduledRound:
    """The round to remove or move, as stored."""

    held_at: DateTime
    thanked: int
    """Interviewers of this round with a thank-you recorded."""
    rounds: int
    """How many rounds the application has, this one included."""


def round_words(moment: DateTime, zone: Timezone) -> str:
    """ "Thursday 3 December 14:00": a round's local day and time."""
    local = moment.in_timezone(zone)
    return f"{day_and_month(local.date())} {local.hour:02}:{local.minute:02}"


def check_removal(scheduled: ScheduledRound, now: DateTime, zone: Timezone) -> None:
    """Refuse to remove a round that took place, has thank-yous, or is the only one.

    Raises:
        RuleRefusal: why it stays (not confirmable: the history would become untrue).
    """
    when = round_words(scheduled.held_at, zone)
    _check_still_ahead(scheduled, now, when)
    if scheduled.rounds <= 1:
        raise RuleRefusal(
            f"the round of {when} is the application's only round: move it, "
            "or close the application if the process ended"
        )


def check_move(
    scheduled: ScheduledRound, new_time: DateTime, now: DateTime, zone: Timezone
) -> None:
    """Refuse to move a round that took place or has thank-yous, or to a time out of range.

    Raises:
        RuleRefusal: the round took place or was thanked for.
        FieldError: the new time is outside the years the app accepts.
    """
    _check_still_ahead(scheduled, now, round_words(scheduled.held_at, zone))
    check_moment("interviewed", new_time)


def _check_still_ahead(scheduled: ScheduledRound, now: DateTime, when: str) -> None:
    if scheduled.held_at <= now:
        raise RuleRefusal(f"the round of {when} has already taken place: it stays in the history")
    if scheduled.thanked:
        raise RuleRefusal(f"the round of {when} has thank-yous recorded: it stays as it is")


def plan_removal(progress: Progress, latest: RoundFacts, removed: str) -> ChangePlan:
    """The application's facts once a round is gone: the latest remaining round counts again
    (its interviewers, its thank-yous; an application whose remaining round was fully thanked
    goes back to Thank-you sent)."""
    return plan_round_edit(
        progress,
        latest,
        edited_is_latest=False,
        decision_changed=False,
        changed=(f"interview round of {removed} removed",),
    )
