"""Moving an application between stages, recording replies and new rounds: the pure part.

Each function takes the current :class:`Progress` and returns what the change means (the new
progress and the events to append); the store writes it in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from pendulum import DateTime, Timezone

from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.refusals import RuleRefusal as RuleRefusal  # its home; raised here
from postinterview_tui.domain.rules import follow_up_limit_reached, reasonable_follow_up_time
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import CloseReason, ConditionStatus, EventKind, Stage


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """An event a change will append."""

    kind: EventKind
    data: dict[str, object]


@dataclass(frozen=True, slots=True)
class ChangePlan:
    """The outcome of a change: new facts, close reason and the events to record."""

    progress: Progress
    close_reason: CloseReason | None
    events: tuple[PlannedEvent, ...]
    thank_all_interviewers: bool = False


def plan_move(
    progress: Progress,
    target: Stage,
    *,
    when: DateTime,
    now: DateTime | None = None,
    reason: CloseReason | None,
    force: bool,
    settings: Settings,
    zone: Timezone,
) -> ChangePlan:
    """Work out a stage move.

    Args:
        progress: the application's current facts (its ``stage`` is where it is now).
        target: the stage to move to.
        when: when the thing the move records happened (sent, received...).
        now: the current instant (a note cannot answer an interview still ahead of it);
            ``when`` if not given.
        reason: the close reason; required when ``target`` is closed.
        force: go ahead with a move the rules would ask to confirm.
        settings: the rules' day counts.
        zone: the user's time zone.

    Returns:
        The plan to write.

    Raises:
        RuleRefusal: the move is not allowed, or needs confirmation and ``force`` is false;
            a thank-you or follow-up before the interview it answers is refused even with
            ``force`` (see :func:`check_note_after_interview`).
    """
    now = when if now is None else now
    current = progress.stage
    if target is current and target is not Stage.FOLLOWED_UP:
        raise RuleRefusal(f"the application is already in {target.label}")
    if target is Stage.CLOSED and reason is None:
        raise RuleRefusal(
            "closing needs a reason (" + ", ".join(r.value for r in CloseReason) + ")"
        )
    correction = target.position < current.position and current is not Stage.CLOSED
    events: list[PlannedEvent] = []
    if current is Stage.CLOSED:
        events.append(PlannedEvent(EventKind.REOPENED, {}))
    new = replace(progress, stage=target, snoozed_until=None)
    thank_all = False
    close_reason: CloseReason | None = None
    if target is Stage.INTERVIEWED:
        new = replace(
            new, thanked_at=None, interviewers_thanked=0, follow_ups=0, last_follow_up_at=None
        )
    elif target is Stage.THANKED:
        if correction:
            new = replace(new, follow_ups=0, last_follow_up_at=None)
        else:
            check_note_after_interview(
                progress, NoteAnswer.THANK_YOU, when=when, now=now, zone=zone
            )
            new = replace(new, thanked_at=when, interviewers_thanked=new.interviewers_total)
            thank_all = True
            events.append(PlannedEvent(EventKind.THANK_YOU_SENT, {}))
    elif target is Stage.FOLLOWED_UP:
        if correction and progress.follow_ups == 0 and progress.last_follow_up_at is None:
            # Followed up with no follow-up sent would read as a late first follow-up.
            raise RuleRefusal(
                "no follow-up was ever recorded for it; move it to "
                f"{(Stage.THANKED if progress.thanked_at else Stage.INTERVIEWED).label} instead"
            )
        if correction:
            pass
        else:
            check_note_after_interview(
                progress, NoteAnswer.FOLLOW_UP, when=when, now=now, zone=zone
            )
            _check_follow_up(progress, when, force, settings, zone)
            restart = latest(progress.last_reply_at, progress.last_interview_at)
            # A follow-up back-dated before the latest reply or round is history: it no longer
            # counts towards the limit.
            counts = restart is None or when > restart
            new = replace(
                new,
                follow_ups=progress.follow_ups + (1 if counts else 0),
                last_follow_up_at=latest_of(progress.last_follow_up_at, when),
            )
            events.append(PlannedEvent(EventKind.FOLLOW_UP_SENT, {"number": new.follow_ups}))
    elif target is Stage.OFFER:
        if not correction:
            events.append(PlannedEvent(EventKind.OFFER_RECEIVED, {}))
    elif target is Stage.ACCEPTED:
        pending = [c for c in progress.conditions if c.status is ConditionStatus.PENDING]
        if pending and not force:
            raise RuleRefusal(
                f"{len(pending)} offer condition{'s are' if len(pending) != 1 else ' is'} "
                "still pending",
                confirmable=True,
                question="Accept anyway?",
            )
    elif target is Stage.CLOSED:
        close_reason = reason
        events.append(PlannedEvent(EventKind.CLOSED, {"reason": str(reason)}))
    if target is not current:
        events.append(
            PlannedEvent(
                EventKind.STAGE_MOVED,
                {"from": str(current), "to": str(target), "correction": correction},
            )
        )
    return ChangePlan(new, close_reason, tuple(events), thank_all)


class NoteAnswer(StrEnum):
    """The notes that answer an interview round, and so cannot come before it."""

    THANK_YOU = "thank-you"
    FOLLOW_UP = "follow-up"


def check_note_after_interview(
    progress: Progress, note: NoteAnswer, *, when: DateTime, now: DateTime, zone: Timezone
) -> None:
    """Refuse a note that would come before the interview round it answers.

    Not a matter of etiquette but of what can have happened, so it is never confirmable:
    a thank-you needs the latest round held (at ``now``) and dated no earlier than it; a
    follow-up needs the latest round held. (A follow-up back-dated before a round already held
    is history about the earlier rounds and stays allowed.)

    Raises:
        RuleRefusal: the note comes too early; the message names the round's time.
    """
    held_at = progress.last_interview_at
    if held_at is None:
        return
    stamp = held_at.in_timezone(zone).format("ddd D MMM YYYY HH:mm")
    if held_at > now:
        raise RuleRefusal(
            f"the interview on {stamp} has not happened yet: a {note} can only be recorded after it"
        )
    if note is NoteAnswer.THANK_YOU and when < held_at:
        raise RuleRefusal(f"a thank-you cannot be dated before the interview it answers ({stamp})")


def _check_follow_up(
    progress: Progress, when: DateTime, force: bool, settings: Settings, zone: Timezone
) -> None:
    if force:
        return
    if follow_up_limit_reached(progress, settings):
        raise RuleRefusal(
            f"{progress.follow_ups} follow-ups have already gone out with no reply; "
            "another one risks sounding pushy",
            confirmable=True,
            question="Send another anyway?",
        )
    reasonable = reasonable_follow_up_time(progress, when, settings, zone)
    if reasonable is not None:
        local = reasonable.in_timezone(zone)
        raise RuleRefusal(
            "a follow-up now would be too soon after the last contact; "
            f"it would be reasonable from {local.format('ddd D MMM YYYY HH:mm')}",
            confirmable=True,
            question="Follow up anyway?",
        )


def plan_reply(
    progress: Progress, *, when: DateTime, decision_by: date | None, note: str = ""
) -> ChangePlan:
    """A reply from the employer: it restarts the follow-up count and replaces the decision date.

    A reply back-dated before the latest one is only recorded; one back-dated before the latest
    follow-up does not reset the count (those follow-ups came after it).
    """
    is_latest = progress.last_reply_at is None or when >= progress.last_reply_at
    after_follow_ups = progress.last_follow_up_at is None or when >= progress.last_follow_up_at
    new = replace(
        progress,
        last_reply_at=latest_of(progress.last_reply_at, when),
        decision_by=decision_by if is_latest else progress.decision_by,
        follow_ups=0 if is_latest and after_follow_ups else progress.follow_ups,
        snoozed_until=None,
    )
    data: dict[str, object] = {"decision_by": decision_by.isoformat() if decision_by else None}
    if note:
        data["note"] = note
    return ChangePlan(new, None, (PlannedEvent(EventKind.REPLY_RECEIVED, data),))


def plan_new_round(
    progress: Progress,
    *,
    held_at: DateTime,
    interviewer_count: int,
    decision_by: date | None,
    kind: str,
) -> ChangePlan:
    """A new interview round. The latest round moves the application back to Interviewed."""
    events = [PlannedEvent(EventKind.INTERVIEW_HELD, {"kind": kind})]
    is_latest = progress.last_interview_at is None or held_at >= progress.last_interview_at
    if not is_latest:
        return ChangePlan(progress, None, tuple(events))
    if progress.stage is Stage.CLOSED:
        events.insert(0, PlannedEvent(EventKind.REOPENED, {}))
    new = replace(
        progress,
        stage=Stage.INTERVIEWED,
        last_interview_at=held_at,
        interviewers_total=interviewer_count,
        interviewers_thanked=0,
        decision_by=decision_by,
        thanked_at=None,
        follow_ups=0,
        snoozed_until=None,
    )
    if progress.stage is not Stage.INTERVIEWED:
        events.append(
            PlannedEvent(
                EventKind.STAGE_MOVED,
                {"from": str(progress.stage), "to": str(Stage.INTERVIEWED), "correction": False},
            )
        )
    return ChangePlan(new, None, tuple(events))


def latest(first: DateTime | None, second: DateTime | None) -> DateTime | None:
    """The later of two optional instants."""
    if first is None:
        return second
    if second is None:
        return first
    return max(first, second)


def latest_of(first: DateTime | None, second: DateTime) -> DateTime:
    """The later of two instants, the first of which may be missing."""
    return second if first is None or second > first else first
