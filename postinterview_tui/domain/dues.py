"""What the store keeps of the rules' answers, and the agenda read back from it.

The rules (:mod:`.rules`) stay pure functions of an application's facts, the settings and the
zone. Storage calls :func:`stored_dues` whenever an application changes and keeps the result in
a table indexed by due time, so a list of what is due reads only the rows of its window instead
of recomputing every application. What a stored due means at a given moment (overdue, due,
upcoming; a round still ahead) depends on ``now`` and is worked out when it is read, by
:func:`agenda_from_dues`, which gives exactly what :func:`.agenda.build_agenda` gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem, listed_status
from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.public_holidays import holidays_data_version
from postinterview_tui.domain.rules import (
    ActionItem,
    ActionKind,
    DueStatus,
    classify_due,
    due_limits,
    due_status,
    item_status,
    pending_actions,
)
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import AGENDA_STAGES, OPEN_STAGES, Stage

RULES_VERSION = 3
"""Raise this whenever what :func:`stored_dues` returns changes for the same facts (a rule, a
wording of ``detail``): every stored due is then computed again once, at the next start.
2: accepted applications keep their pending conditions' check-ins and failed conditions.
3: a move-on says since when there was no reply ("no reply since Tue 24 Nov")."""

RULE_FIELDS: tuple[str, ...] = (
    "thank_you_hours",
    "follow_up_days",
    "after_decision_days",
    "second_follow_up_days",
    "max_follow_ups",
    "too_soon_days",
    "move_on_days",
    "condition_check_in_days",
    "weekend_days",
    "skip_dates",
    "holidays",
)
"""The settings the rules read; changing any other (the theme, the window) keeps the dues.
A test records what :func:`stored_dues` reads of :class:`Settings` and fails when this misses
one."""


def stored_dues(progress: Progress, settings: Settings, zone: Timezone) -> tuple[ActionItem, ...]:
    """What the store keeps for one application: its latest round as an
    :attr:`ActionKind.INTERVIEW` item at its start, then :func:`.rules.pending_actions`.

    The round is kept whatever its time: whether it is still ahead depends on ``now``, which a
    read knows and a write does not. Applications outside :data:`.stages.AGENDA_STAGES`
    (closed ones) keep nothing, and accepted ones only what their offer conditions ask for.
    """
    if progress.stage not in AGENDA_STAGES:
        return ()
    items = pending_actions(progress, settings, zone)
    if progress.last_interview_at is None or progress.stage not in OPEN_STAGES:
        return items
    return (ActionItem(ActionKind.INTERVIEW, progress.last_interview_at), *items)


def rules_basis(settings: Settings, zone: Timezone) -> str:
    """What every stored due was computed from, as one text: the rules' version, the zone and
    the settings the rules read. Dues stored under another basis must all be computed again."""
    known = {item.name for item in fields(Settings)}
    values = {name: _plain(getattr(settings, name)) for name in RULE_FIELDS if name in known}
    if settings.holidays:
        # A newer package may know a holiday the old one did not: its dues are computed again.
        values["holidays_data"] = holidays_data_version()
    return json.dumps(
        {"rules": RULES_VERSION, "zone": zone.name, "settings": values}, sort_keys=True
    )


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, int | str | float | bool) or value is None:
        return value
    return str(value)


@dataclass(frozen=True, slots=True)
class StoredDue:
    """One stored due as a read gives it, with the application facts a list shows."""

    application_id: int
    company: str
    role: str
    stage: Stage
    last_interview_at: DateTime | None
    position: int
    """Its place among the application's dues (the order :func:`stored_dues` gave)."""
    item: ActionItem


def agenda_from_dues(
    dues: Iterable[StoredDue], now: DateTime, window_days: int, zone: Timezone
) -> list[AgendaItem]:
    """The agenda at ``now`` from stored dues: what :func:`.agenda.build_agenda` gives for the
    same applications, settings and zone.

    A stored round counts only while it is still ahead of ``now``; a thank-you waits (upcoming)
    until its round is over.
    """
    # Every instant as a timestamp, taken once: comparing datetimes of different zones (the
    # stored UTC dues against the local ``now``) asks both zones for offsets every time, which
    # ``today`` paid several times for each of its thousand dues.
    now_at = now.timestamp()
    soon_at, window_end_at = (limit.timestamp() for limit in due_limits(now, window_days, zone))
    ordered: list[tuple[float, int, int, AgendaItem]] = []
    for due in dues:
        item = due.item
        due_at = item.due.timestamp()
        held_at = due.last_interview_at
        round_ahead = held_at is not None and held_at.timestamp() > now_at
        timing = classify_due(due_at, now_at, (soon_at, window_end_at))
        status = listed_status(item.action, timing, round_ahead)
        if status is None:
            continue
        # agenda_order's (due instant, application id), then the position: it keeps one
        # application's equal-time items in the order the rules gave them.
        ordered.append((due_at, due.application_id, due.position, item_from_due(due, status)))
    ordered.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in ordered]


def item_from_due(due: StoredDue, status: DueStatus) -> AgendaItem:
    """A stored due as the agenda row it is, in the group of ``status``."""
    item = due.item
    return AgendaItem(
        application_id=due.application_id,
        company=due.company,
        role=due.role,
        stage=due.stage,
        action=item.action,
        due=item.due,
        status=status,
        detail=item.detail,
        condition_id=item.condition_id,
    )


@dataclass(frozen=True, slots=True)
class DueTally:
    """How many stored dues of the window share what classifies them: a read groups them by
    these facts and counts each group, without reading any due."""

    action: ActionKind
    timing: DueStatus
    """Their due instants classified at the read's ``now`` (:func:`.rules.classify_due`):
    overdue, due or upcoming (the read leaves out those beyond the window)."""
    round_ahead: bool
    """Whether their application's latest round is still ahead of ``now``."""
    count: int


def group_counts(tallies: Iterable[DueTally]) -> dict[DueStatus, int]:
    """How many rows each agenda group holds, from counted stored dues: what counting the
    statuses of :func:`agenda_from_dues` gives at the same ``now`` (the same rule,
    :func:`.agenda.listed_status`, classifies each tally). Every status has an entry."""
    return add_tallies(dict.fromkeys(DueStatus, 0), tallies)


def add_tallies(
    counts: Mapping[DueStatus, int], tallies: Iterable[DueTally]
) -> dict[DueStatus, int]:
    """``counts`` with ``tallies`` added (see :func:`group_counts`)."""
    result = dict(counts)
    for tally in tallies:
        status = listed_status(tally.action, tally.timing, tally.round_ahead)
        if status is not None:
            result[status] = result.get(status, 0) + tally.count
    return result


ClassFacts = tuple[ActionKind, DueStatus, bool]
"""What classifies a stored due at a moment: its action, its timing, whether its round is
still ahead (the fields of :class:`DueTally`)."""


def group_facts(status: DueStatus) -> frozenset[ClassFacts]:
    """Every combination of facts the rule puts in the group of ``status``, so a read can
    take that group's rows alone (and in order) off the due-time index: the rule itself
    (:func:`.agenda.listed_status`) decides, asked once for each combination."""
    return frozenset(
        (action, timing, ahead)
        for action in ActionKind
        for timing in (DueStatus.OVERDUE, DueStatus.DUE, DueStatus.UPCOMING)
        for ahead in (False, True)
        if listed_status(action, timing, ahead) is status
    )


def tallies_of(
    dues: Iterable[ActionItem],
    last_interview_at: DateTime | None,
    now: DateTime,
    limits: tuple[DateTime, DateTime],
    count: int = 1,
) -> list[DueTally]:
    """One application's dues (what :func:`stored_dues` keeps for it) as tallies at ``now``,
    each counting ``count`` (-1 takes them off counts made before), so counts can follow one
    application's change without another read. Dues beyond the window are left out."""
    round_ahead = last_interview_at is not None and last_interview_at > now
    tallies = []
    for item in dues:
        timing = classify_due(item.due, now, limits)
        if timing is not None:
            tallies.append(DueTally(item.action, timing, round_ahead, count))
    return tallies


def next_up_from_dues(
    due: StoredDue | None, now: DateTime, window_days: int, zone: Timezone
) -> AgendaItem | None:
    """What :func:`.review.next_up` gives, from the first stored due after ``now``."""
    if due is None:
        return None
    item = due.item
    status = item_status(item.action, due_status(item.due, now, window_days, zone))
    return item_from_due(due, status or DueStatus.UPCOMING)
