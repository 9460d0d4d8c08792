"""Turning rows into domain records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from postinterview_tui.domain.models import (
    ApplicationSummary,
    Condition,
    Event,
    Interview,
    Interviewer,
    Progress,
)
from postinterview_tui.domain.stages import (
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

Row = Mapping[str, Any]

SUMMARY_COLUMNS = (
    "id, company, role, stage, close_reason, created_at, updated_at, version, "
    "last_interview_at, interviewers_total, interviewers_thanked, decision_by, thanked_at, "
    "last_reply_at, follow_ups, last_follow_up_at, snoozed_until, offer_deadline"
)


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


def progress_from_row(
    row: Row, conditions: Iterable[Condition] = (), *, full: bool = False
) -> Progress:
    """The rules' facts from an applications row.

    Accepted and closed applications need no dates to be shown, so unless ``full`` is set
    (as it is before any change) those are not parsed: the board loads thousands of them.
    """
    stage = Stage(row["stage"])
    if not stage.is_open and not full:
        return Progress(stage=stage)
    return Progress(
        stage=stage,
        last_interview_at=optional_from_text(row["last_interview_at"]),
        interviewers_total=row["interviewers_total"],
        interviewers_thanked=row["interviewers_thanked"],
        decision_by=optional_date(row["decision_by"]),
        thanked_at=optional_from_text(row["thanked_at"]),
        last_reply_at=optional_from_text(row["last_reply_at"]),
        follow_ups=row["follow_ups"],
        last_follow_up_at=optional_from_text(row["last_follow_up_at"]),
        offer_deadline=optional_from_text(row["offer_deadline"]),
        conditions=tuple(conditions),
        snoozed_until=optional_from_text(row["snoozed_until"]),
    )


def summary_from_row(
    row: Row, conditions: Iterable[Condition] = (), *, full: bool = False
) -> ApplicationSummary:
    """An applications row as a summary (``full``: see :func:`progress_from_row`)."""
    reason = row["close_reason"]
    return ApplicationSummary(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        stage=Stage(row["stage"]),
        created_at=from_text(row["created_at"]),
        updated_at=from_text(row["updated_at"]),
        progress=progress_from_row(row, conditions, full=full),
        close_reason=CloseReason(reason) if reason else None,
        version=row["version"],
    )


def interview_from_row(row: Row, interviewers: Iterable[Row]) -> Interview:
    """An interview row (and its interviewers' rows) as a record."""
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
    data = json.loads(row["data"]) if row["data"] else {}
    return Event(
        id=row["id"],
        application_id=row["application_id"],
        kind=EventKind(row["kind"]),
        at=from_text(row["at"]),
        recorded_at=from_text(row["recorded_at"]),
        data=data if isinstance(data, dict) else {},
    )
