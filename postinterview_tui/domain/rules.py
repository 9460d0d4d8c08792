"""The etiquette rules: what is due next for an application, and when.

Thank the interviewers within a day, wait a polite while before following up, follow up at most
twice, then suggest moving on; while an offer is open, watch its deadline and check in on each
pending condition now and then. Every number comes from :class:`Settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import TypeVar

from pendulum import DateTime, Timezone

from postinterview_tui.domain.calendar import (
    add_business_days,
    add_business_days_to_date,
    end_of_local_day,
    latest,
)
from postinterview_tui.domain.day_words import short_date
from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import ConditionStatus, Stage

Instant = TypeVar("Instant", DateTime, float)
"""An instant as a datetime or as a timestamp (:func:`classify_due` takes either kind)."""


class ActionKind(StrEnum):
    """What the user should do next. Values are stable ids used by ``today --json``."""

    THANK_YOU = "thank-you"
    FOLLOW_UP = "follow-up"
    MOVE_ON = "move-on"
    OFFER_DEADLINE = "offer-deadline"
    OFFER_CONDITION = "offer-condition"
    INTERVIEW = "interview"
    """A round that is scheduled, not yet held: on the agenda, with nothing to mark."""
    CONDITION_FAILED = "condition-failed"
    """A condition of an accepted offer failed: talk to the employer (until a talk is noted)."""


class DueStatus(StrEnum):
    """How pressing an agenda item is at a given moment (see :func:`item_status`)."""

    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    GONE_QUIET = "gone-quiet"
    """A suggestion to let go whose time has come (:attr:`ActionKind.MOVE_ON`): advice, never
    late and never counted as overdue."""


@dataclass(frozen=True, slots=True)
class ActionItem:
    """One thing to do for an application, with its due instant."""

    action: ActionKind
    due: DateTime
    detail: str = ""
    condition_id: int | None = None


def pending_actions(
    progress: Progress, settings: Settings, zone: Timezone
) -> tuple[ActionItem, ...]:
    """Every action the rules ask for in the application's current stage, earliest first.

    The thank-you item of an interview that has not happened yet is still returned (due a day
    after it); callers that know ``now`` add the round itself (:func:`scheduled_round`) and
    treat that thank-you as upcoming, as the board and the agenda do.

    Args:
        progress: the application's current facts.
        settings: the rules' day counts.
        zone: the user's local time zone (business days and date-only dues are local).

    Returns:
        The items sorted by due instant; empty for closed applications, and for accepted ones
        once every offer condition is settled (a pending one keeps its check-ins after
        accepting, a failed one asks for a talk with the employer until one is noted).
    """
    items: list[ActionItem]
    stage = progress.stage
    if stage is Stage.INTERVIEWED:
        items = _thank_you(progress, settings)
    elif stage in (Stage.THANKED, Stage.FOLLOWED_UP):
        items = _follow_up(progress, settings, zone)
    elif stage is Stage.OFFER:
        items = _offer(progress, settings, zone)
    elif stage is Stage.ACCEPTED:
        items = _check_ins(progress, settings, zone) + _failed_conditions(progress)
    else:
        items = []
    if progress.snoozed_until is not None:
        items = [_snoozed(item, progress.snoozed_until) for item in items]
    if len(items) > 1:  # most applications have one item: nothing to sort
        items.sort(key=lambda item: item.due)
    return tuple(items)


def next_action(progress: Progress, settings: Settings, zone: Timezone) -> ActionItem | None:
    """The earliest pending action, or ``None`` when nothing is asked for."""
    items = pending_actions(progress, settings, zone)
    return items[0] if items else None


def next_step(
    progress: Progress, settings: Settings, zone: Timezone, now: DateTime
) -> ActionItem | None:
    """What comes next at ``now``: a round still ahead of it, else :func:`next_action`."""
    return scheduled_round(progress, now) or next_action(progress, settings, zone)


def is_interview_upcoming(progress: Progress, now: DateTime) -> bool:
    """True when the latest interview is still in the future at ``now``."""
    return progress.last_interview_at is not None and progress.last_interview_at > now


def scheduled_round(progress: Progress, now: DateTime) -> ActionItem | None:
    """The latest round as an agenda item while it is still ahead of ``now``, else ``None``."""
    held_at = progress.last_interview_at
    if held_at is None or held_at <= now:
        return None
    return ActionItem(ActionKind.INTERVIEW, held_at)


def due_status(due: DateTime, now: DateTime, window_days: int, zone: Timezone) -> DueStatus | None:
    """Classify a due instant at ``now``.

    Overdue when due at or before now; due within the next 24 hours; upcoming until the end of
    the local day ``window_days`` ahead; ``None`` beyond the window.
    """
    if due <= now:
        return DueStatus.OVERDUE
    return classify_due(due, now, due_limits(now, window_days, zone))


def item_status(action: ActionKind, status: DueStatus | None) -> DueStatus | None:
    """How an agenda item reads once its due instant was classified as ``status``.

    A move-on suggestion is advice to let go, not a task that can be late: once its time has
    come it has gone quiet, and before that it is upcoming, never pressing. Every other action
    keeps ``status``.
    """
    if action is not ActionKind.MOVE_ON or status is None:
        return status
    return DueStatus.GONE_QUIET if status is DueStatus.OVERDUE else DueStatus.UPCOMING


def due_limits(now: DateTime, window_days: int, zone: Timezone) -> tuple[DateTime, DateTime]:
    """The instants :func:`due_status` compares against at ``now``.

    Building them costs more than a comparison, so code classifying many dues at the same
    ``now`` builds them once and calls :func:`classify_due`.

    Returns:
        24 hours after ``now``, and the end of the local day ``window_days`` ahead.
    """
    soon = now.add(hours=24)
    window_end = end_of_local_day(now.in_timezone(zone).date() + timedelta(days=window_days), zone)
    return soon, window_end


def classify_due(due: Instant, now: Instant, limits: tuple[Instant, Instant]) -> DueStatus | None:
    """:func:`due_status` with its limits already built by :func:`due_limits` for ``now``.

    All instants datetimes, or all timestamps (``DateTime.timestamp()``): a long list
    compares numbers, each taken once, rather than datetimes of two zones (each comparison of
    those asks both zones for their offsets).
    """
    if due <= now:
        return DueStatus.OVERDUE
    soon, window_end = limits
    if due <= soon:
        return DueStatus.DUE
    if due <= window_end:
        return DueStatus.UPCOMING
    return None


def reasonable_follow_up_time(
    progress: Progress, when: DateTime, settings: Settings, zone: Timezone
) -> DateTime | None:
    """If a follow-up sent at ``when`` would be too soon, the earliest polite time; else ``None``.

    Too soon means earlier than the last contact before ``when`` plus ``too_soon_days`` business
    days. Back-dated follow-ups are judged at their own date.
    """
    last_contact = progress.last_contact_before(when)
    if last_contact is None:
        return None
    earliest = add_business_days(last_contact, settings.too_soon_days, settings, zone)
    return earliest if when < earliest else None


def follow_up_limit_reached(progress: Progress, settings: Settings) -> bool:
    """True once ``max_follow_ups`` follow-ups have gone out with no reply since."""
    return progress.follow_ups >= settings.max_follow_ups


def _snoozed(item: ActionItem, until: DateTime) -> ActionItem:
    if item.due >= until:
        return item
    return ActionItem(item.action, until, item.detail, item.condition_id)


def _thank_you(progress: Progress, settings: Settings) -> list[ActionItem]:
    if progress.last_interview_at is None:
        return []
    due = progress.last_interview_at.add(hours=settings.thank_you_hours)
    detail = ""
    if progress.interviewers_total:
        detail = (
            f"{progress.interviewers_thanked} of {progress.interviewers_total} "
            f"interviewer{'s' if progress.interviewers_total != 1 else ''} thanked"
        )
    return [ActionItem(ActionKind.THANK_YOU, due, detail)]


def _follow_up(progress: Progress, settings: Settings, zone: Timezone) -> list[ActionItem]:
    count = progress.follow_ups
    due: DateTime | None
    limit = settings.max_follow_ups
    last_contact = progress.last_contact
    if count >= limit and progress.last_follow_up_at is not None:
        move_on_due = add_business_days(
            progress.last_follow_up_at, settings.move_on_days, settings, zone
        )
        quiet_since = progress.last_follow_up_at.in_timezone(zone).date()
        detail = f"no reply since {short_date(quiet_since)}"
        return [ActionItem(ActionKind.MOVE_ON, move_on_due, detail)]
    polite_floor = (
        add_business_days(last_contact, settings.too_soon_days, settings, zone)
        if last_contact is not None
        else None
    )
    if count == 0 or progress.last_follow_up_at is None:
        base = latest((progress.thanked_at, progress.last_reply_at)) or progress.last_interview_at
        if progress.decision_by is not None:
            day = add_business_days_to_date(
                progress.decision_by, settings.after_decision_days, settings
            )
            first_due: DateTime | None = end_of_local_day(day, zone)
        elif base is not None:
            first_due = add_business_days(base, settings.follow_up_days, settings, zone)
        else:
            first_due = None
        due = latest((first_due, polite_floor))
        detail = "first follow-up"
    else:
        second = add_business_days(
            progress.last_follow_up_at, settings.second_follow_up_days, settings, zone
        )
        due = latest((second, polite_floor))
        detail = f"follow-up {count + 1} of {limit}"
    if due is None:
        return []
    return [ActionItem(ActionKind.FOLLOW_UP, due, detail)]


def _offer(progress: Progress, settings: Settings, zone: Timezone) -> list[ActionItem]:
    items: list[ActionItem] = []
    conditions = progress.conditions
    cleared = sum(1 for item in conditions if item.status is ConditionStatus.CLEARED)
    if progress.offer_deadline is not None:
        detail = f"{cleared} of {len(conditions)} conditions cleared" if conditions else "reply due"
        items.append(ActionItem(ActionKind.OFFER_DEADLINE, progress.offer_deadline, detail))
    return items + _check_ins(progress, settings, zone)


def _check_ins(progress: Progress, settings: Settings, zone: Timezone) -> list[ActionItem]:
    """A check-in on each pending condition, a while after it started or after the last one."""
    items: list[ActionItem] = []
    for condition in progress.conditions:
        if condition.status is not ConditionStatus.PENDING:
            continue
        since = latest((condition.started_at, condition.last_check_in_at)) or condition.started_at
        due = add_business_days(since, settings.condition_check_in_days, settings, zone)
        label = condition.label or condition.kind.value
        items.append(
            ActionItem(ActionKind.OFFER_CONDITION, due, f"check in: {label}", condition.id)
        )
    return items


def _failed_conditions(progress: Progress) -> list[ActionItem]:
    """A talk with the employer about each failed condition of an accepted offer, due when it
    failed; a check-in noted after it failed (the talk) settles it."""
    items: list[ActionItem] = []
    for condition in progress.conditions:
        failed_at = condition.resolved_at
        if condition.status is not ConditionStatus.FAILED or failed_at is None:
            continue
        talked_at = condition.last_check_in_at
        if talked_at is not None and talked_at >= failed_at:
            continue
        label = condition.label or condition.kind.value
        items.append(
            ActionItem(ActionKind.CONDITION_FAILED, failed_at, f"failed: {label}", condition.id)
        )
    return items
