"""Turning rows into domain records.

The board and ``today`` turn a thousand or more application rows into summaries at a time, so
the summary path reads stage names from a table and stored instants with
:func:`stored_instant`; both give exactly what ``Stage(...)`` and ``from_text`` give.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pendulum
from pendulum import DateTime

from postinterview_tui.domain.models import ApplicationSummary, Condition, Progress
from postinterview_tui.domain.stages import (
    AGENDA_STAGES,
    CloseReason,
    ConditionKind,
    ConditionStatus,
    EventKind,
    InterviewKind,
    Stage,
)
from postinterview_tui.storage.timestamps import (
    from_text,
    optional_date,
    optional_from_text,
)

if TYPE_CHECKING:
    from postinterview_tui.domain.records import Event, Interview

Row = Mapping[str, Any]

_UTC = pendulum.UTC
_STAGES: dict[str, Stage] = {stage.value: stage for stage in Stage}

PROGRESS_FIELDS: tuple[str, ...] = (
    "last_interview_at",
    "interviewers_total",
    "interviewers_thanked",
    "decision_by",
    "thanked_at",
    "last_reply_at",
    "follow_ups",
    "last_follow_up_at",
    "snoozed_until",
    "offer_deadline",
)
"""The applications columns behind :class:`Progress`, in the order :func:`_progress` reads."""

SUMMARY_FIELDS: tuple[str, ...] = (
    "id",
    "company",
    "role",
    "stage",
    "close_reason",
    "created_at",
    "updated_at",
    "version",
    *PROGRESS_FIELDS,
)
"""The columns a summary is read from, in the order :func:`summary_from_values` expects."""

SUMMARY_COLUMNS = ", ".join(SUMMARY_FIELDS)


def condition_from_row(row: Row) -> Condition:
    """A condition row as a record."""
    return Condition(
        id=row["id"],
        kind=ConditionKind(row["kind"]),
        label=row["label"],
        status=ConditionStatus(row["status"]),
        started_at=from_text(row["started_at"]),
        resolved_at=optional_from_text(row["resolved_at"]),
        last_check_in_at=optional_from_text(row["last_check_in_at"]),
    )


def stored_instant(text: str | None) -> DateTime | None:
    """Exactly ``optional_from_text(text)``, faster for what the store writes (UTC)."""
    return None if text is None else _instant(text)


def _instant(text: str) -> DateTime:
    # Exactly from_text. The store always writes UTC (an offset of zero); such a text becomes
    # a pendulum instant through the positional constructor, half the cost of the keyword form
    # from_text uses. Anything with another offset goes through from_text itself.
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is not None and parsed.utcoffset():
        return from_text(text)
    # Whole seconds, as from_text: sub-second digits are never stored.
    return DateTime(
        parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second, 0, _UTC
    )


def stage_from_text(text: str) -> Stage:
    """``Stage(text)`` with a dictionary lookup first (the enum's own lookup is slower).

    Raises:
        ValueError: not a stage, exactly as ``Stage(text)`` raises.
    """
    stage = _STAGES.get(text)
    return stage if stage is not None else Stage(text)


def progress_from_row(
    row: Row, conditions: Iterable[Condition] = (), *, full: bool = False
) -> Progress:
    """The rules' facts from an applications row.

    Closed applications need no dates to be shown, so unless ``full`` is set (as it is before
    any change) those are not parsed: the board loads thousands of them. Accepted ones are, as
    their offer conditions may still ask for something (``stages.AGENDA_STAGES``).
    """
    facts = [row[name] for name in PROGRESS_FIELDS]
    return _progress(stage_from_text(row["stage"]), facts, conditions, full)


def _progress(
    stage: Stage, facts: Sequence[Any], conditions: Iterable[Condition], full: bool
) -> Progress:
    if not full and stage not in AGENDA_STAGES:
        return Progress(stage=stage)
    (
        last_interview_at,
        interviewers_total,
        interviewers_thanked,
        decision_by,
        thanked_at,
        last_reply_at,
        follow_ups,
        last_follow_up_at,
        snoozed_until,
        offer_deadline,
    ) = facts
    return Progress(
        stage=stage,
        last_interview_at=stored_instant(last_interview_at),
        interviewers_total=interviewers_total,
        interviewers_thanked=interviewers_thanked,
        decision_by=optional_date(decision_by),
        thanked_at=stored_instant(thanked_at),
        last_reply_at=stored_instant(last_reply_at),
        follow_ups=follow_ups,
        last_follow_up_at=stored_instant(last_follow_up_at),
        offer_deadline=stored_instant(offer_deadline),
        conditions=tuple(conditions),
        snoozed_until=stored_instant(snoozed_until),
    )


def summary_from_row(
    row: Row, conditions: Iterable[Condition] = (), *, full: bool = False
) -> ApplicationSummary:
    """An applications row as a summary (``full``: see :func:`progress_from_row`)."""
    return summary_from_values([row[name] for name in SUMMARY_FIELDS], conditions, full=full)


def summary_from_values(
    values: Sequence[Any], conditions: Iterable[Condition] = (), *, full: bool = False
) -> ApplicationSummary:
    """A row of :data:`SUMMARY_COLUMNS`, in that order, as a summary.

    Lists read thousands of rows: taking the cursor's plain tuples saves building a dictionary
    for each. ``full``: see :func:`progress_from_row`.
    """
    (app_id, company, role, stage_text, reason, created_at, updated_at, version, *facts) = values
    stage = stage_from_text(stage_text)
    return ApplicationSummary(
        id=app_id,
        company=company,
        role=role,
        stage=stage,
        created_at=_instant(created_at),
        updated_at=_instant(updated_at),
        progress=_progress(stage, facts, conditions, full),
        close_reason=CloseReason(reason) if reason else None,
        version=version,
    )


def interview_from_row(row: Row, interviewers: Iterable[Row]) -> Interview:
    """An interview row (and its interviewers' rows) as a record."""
    # Imported here, as in event_from_row: the summaries ``today`` reads need neither record.
    from postinterview_tui.domain.records import Interview, Interviewer

    return Interview(
        id=row["id"],
        held_at=from_text(row["held_at"]),
        kind=InterviewKind(row["kind"]),
        notes=row["notes"],
        decision_by=optional_date(row["decision_by"]),
        interviewers=tuple(
            Interviewer(
                id=person["id"],
                name=person["name"],
                email=person["email"],
                title=person["title"],
                thanked_at=optional_from_text(person["thanked_at"]),
            )
            for person in interviewers
        ),
    )


def event_from_row(row: Row) -> Event:
    """An events row as a record."""
    from postinterview_tui.domain.records import Event

    data = json.loads(row["data"]) if row["data"] else {}
    return Event(
        id=row["id"],
        application_id=row["application_id"],
        kind=EventKind(row["kind"]),
        at=from_text(row["at"]),
        recorded_at=from_text(row["recorded_at"]),
        data=data if isinstance(data, dict) else {},
    )
