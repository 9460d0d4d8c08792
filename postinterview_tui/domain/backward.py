"""Moving a card back: what the move can mean, and the facts each meaning leaves.

A backward move is either a slip ("I moved it by mistake": back where it came from, as it
was) or news ("the offer fell through": closed, or waiting again with the follow-up count
started afresh). Neither may leave the card in a stage its facts contradict, such as
Followed up with no follow-up ever sent, which reads as a late first follow-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING

from pendulum import DateTime

from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.moves import ChangePlan, PlannedEvent
from postinterview_tui.domain.stages import EventKind, Stage

if TYPE_CHECKING:
    from postinterview_tui.domain.records import Event

OFFER_STAGES = (Stage.OFFER, Stage.ACCEPTED)


class BackwardMeaning(StrEnum):
    """What a backward move means."""

    MISTAKE = "mistake"
    """The earlier move was a slip: put the card back where it came from."""
    FELL_THROUGH_CLOSE = "fell-through-close"
    """The offer fell through and that is the end of it."""
    FELL_THROUGH_WAIT = "fell-through-wait"
    """The offer fell through but the application goes on: waiting for news again."""


def is_backward(current: Stage, target: Stage) -> bool:
    """True for a move to an earlier open stage (a closed card is reopened instead)."""
    return current is not Stage.CLOSED and target.position < current.position


def meanings(current: Stage) -> tuple[tuple[BackwardMeaning, str], ...]:
    """The meanings a backward move from ``current`` can have, each with its words."""
    mistake = (
        BackwardMeaning.MISTAKE,
        f"I moved it to {current.label} by mistake: put it back as it was",
    )
    if current not in OFFER_STAGES:
        return (mistake,)
    return (
        (BackwardMeaning.FELL_THROUGH_WAIT, "The offer fell through: keep waiting for news"),
        (BackwardMeaning.FELL_THROUGH_CLOSE, "The offer fell through: close the application"),
        mistake,
    )


def waiting_stage(progress: Progress) -> Stage:
    """The waiting stage the facts support: Followed up only once a follow-up went out,
    Thank-you sent only once one was sent."""
    if progress.follow_ups > 0 or progress.last_follow_up_at is not None:
        return Stage.FOLLOWED_UP
    if progress.thanked_at is not None:
        return Stage.THANKED
    return Stage.INTERVIEWED


def stage_came_from(events: Iterable[Event], current: Stage, progress: Progress) -> Stage:
    """The stage the card was in before its latest move into ``current`` (for undoing a slip),
    or the waiting stage its facts support when the history does not say."""
    came_from: Stage | None = None
    for event in events:
        if event.kind is EventKind.STAGE_MOVED and event.data.get("to") == str(current):
            try:
                came_from = Stage(str(event.data.get("from")))
            except ValueError:
                came_from = None
    if came_from is None or came_from is Stage.CLOSED or came_from.position >= current.position:
        return waiting_stage(progress)
    if came_from is Stage.FOLLOWED_UP and waiting_stage(progress) is not Stage.FOLLOWED_UP:
        return waiting_stage(progress)
    return came_from


def plan_offer_fell_through(progress: Progress, when: DateTime) -> ChangePlan:
    """The offer fell through but the application goes on: it waits again in the stage its
    facts support, and the news counts as a reply (nothing is late because of it)."""
    target = waiting_stage(progress)
    new = replace(
        progress,
        stage=target,
        last_reply_at=when,
        follow_ups=0,
        snoozed_until=None,
        offer_deadline=None,
    )
    events = (
        PlannedEvent(EventKind.REPLY_RECEIVED, {"note": "the offer fell through"}),
        PlannedEvent(
            EventKind.STAGE_MOVED,
            {"from": str(progress.stage), "to": str(target), "correction": False},
        ),
    )
    return ChangePlan(new, None, events)
