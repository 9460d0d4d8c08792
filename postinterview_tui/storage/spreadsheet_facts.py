"""The facts the dues depend on, as readable spreadsheet columns, both ways.

The CSV export writes them and the CSV import reads them back, so that exporting to a
spreadsheet and importing it again gives the same next steps and due dates: the latest
round's time and interviewers (who was thanked), the thank-you, follow-ups, last reply,
snooze, decision date, offer deadline and the offer's conditions.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date

from pendulum import DateTime, Timezone

from postinterview_tui.domain.stages import ConditionKind, ConditionStatus
from postinterview_tui.domain.validation import check_moment, check_text
from postinterview_tui.domain.when import WhenError, parse_day, parse_when
from postinterview_tui.storage.timestamps import from_text, optional_to_text, to_text
from postinterview_tui.storage.transactions import Action

FACT_COLUMNS = (
    "interviewers",
    "interviewers thanked",
    "thank-you sent",
    "follow-ups",
    "last follow-up",
    "last reply",
    "snoozed until",
    "conditions",
)
MOMENT = "YYYY-MM-DD HH:mm"
_CONDITION = re.compile(
    r"(?P<kind>[a-z-]+): (?P<label>.*?) \((?P<status>pending|cleared|failed) "
    r"(?P<at>\d{4}-\d{2}-\d{2} \d{2}:\d{2})(?:, checked in (?P<check>\d{4}-\d{2}-\d{2} "
    r"\d{2}:\d{2}))?\)(?:; |$)"
)


class FactError(ValueError):
    """A fact column that cannot be read; the message is for the user."""


@dataclass(frozen=True, slots=True)
class ConditionFact:
    """An offer condition as a spreadsheet row holds it."""

    kind: ConditionKind
    label: str
    status: ConditionStatus
    at: DateTime
    checked_in: DateTime | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """What a spreadsheet row says beyond its stage: applied after the row is added."""

    thanked_names: tuple[str, ...] = ()
    thanked_at: DateTime | None = None
    follow_ups: int | None = None
    last_follow_up_at: DateTime | None = None
    last_reply_at: DateTime | None = None
    snoozed_until: DateTime | None = None
    decision_by: date | None = None
    offer_deadline: DateTime | None = None
    conditions: tuple[ConditionFact, ...] = ()


def _local(text: str | None, zone: Timezone) -> str:
    return from_text(text).in_timezone(zone).format(MOMENT) if text else ""


def fact_cells(db: sqlite3.Connection, zone: Timezone) -> dict[int, list[str]]:
    """The fact columns of every application, by id (call inside the export's snapshot)."""
    cells: dict[int, list[str]] = {}
    people: dict[int, list[tuple[str, str, str | None]]] = {}
    for application_id, name, email, thanked in db.execute(
        "SELECT i.application_id, p.name, p.email, p.thanked_at FROM interviewers AS p "
        "JOIN interviews AS i ON i.id = p.interview_id WHERE i.id = (SELECT id FROM interviews "
        "WHERE application_id = i.application_id ORDER BY held_at DESC, id DESC LIMIT 1) "
        "ORDER BY p.id"
    ):
        people.setdefault(application_id, []).append((name, email, thanked))
    conditions: dict[int, list[str]] = {}
    for application_id, kind, label, status, started, resolved, checked in db.execute(
        "SELECT application_id, kind, label, status, started_at, resolved_at, last_check_in_at "
        "FROM conditions ORDER BY id"
    ):
        at = resolved if status != ConditionStatus.PENDING and resolved else started
        text = f"{kind}: {label} ({status} {_local(at, zone)}"
        if checked:
            text += f", checked in {_local(checked, zone)}"
        conditions.setdefault(application_id, []).append(text + ")")
    for row in db.execute(
        "SELECT id, thanked_at, follow_ups, last_follow_up_at, last_reply_at, snoozed_until "
        "FROM applications WHERE deleted_at IS NULL"
    ):
        application_id, thanked_at, follow_ups, last_follow_up, last_reply, snoozed = row
        persons = people.get(application_id, [])
        cells[application_id] = [
            "; ".join(f"{name} <{email}>" if email else name for name, email, _ in persons),
            "; ".join(name or email for name, email, thanked in persons if thanked),
            _local(thanked_at, zone),
            str(follow_ups or 0),
            _local(last_follow_up, zone),
            _local(last_reply, zone),
            _local(snoozed, zone),
            "; ".join(conditions.get(application_id, [])),
        ]
    return cells


def read_facts(values: dict[str, str], now: DateTime, zone: Timezone) -> Facts:
    """Read a row's fact columns (absent or empty ones say nothing).

    Raises:
        FactError: a value that cannot be read, with the column it is in.
    """

    def moment(column: str) -> DateTime | None:
        text = values.get(column, "")
        if not text:
            return None
        try:
            return parse_when(text, now, zone)
        except WhenError as error:
            raise FactError(f"{column}: {error}") from None

    follow_ups = None
    if values.get("follow-ups"):
        text = values["follow-ups"]
        if not (text.isascii() and text.isdecimal() and int(text) <= 100):
            raise FactError("follow-ups: must be a whole number from 0 to 100")
        follow_ups = int(text)
    decision_by = None
    if values.get("decision by"):
        try:
            decision_by = parse_day(values["decision by"], now, zone)
        except WhenError as error:
            raise FactError(f"decision by: {error}") from None
    return Facts(
        thanked_names=tuple(
            name.strip()
            for name in values.get("interviewers thanked", "").split(";")
            if name.strip()
        ),
        thanked_at=moment("thank-you sent"),
        follow_ups=follow_ups,
        last_follow_up_at=moment("last follow-up"),
        last_reply_at=moment("last reply"),
        snoozed_until=moment("snoozed until"),
        decision_by=decision_by,
        offer_deadline=moment("offer deadline"),
        conditions=_read_conditions(values.get("conditions", ""), now, zone),
    )


def _read_conditions(text: str, now: DateTime, zone: Timezone) -> tuple[ConditionFact, ...]:
    if not text:
        return ()
    found = []
    position = 0
    for match in _CONDITION.finditer(text):
        if match.start() != position:
            break
        position = match.end()
        try:
            kind = ConditionKind(match["kind"])
            check_text("condition", match["label"])
            at = parse_when(match["at"], now, zone)
            checked = parse_when(match["check"], now, zone) if match["check"] else None
        except ValueError as error:
            raise FactError(f"conditions: {error}") from None
        found.append(
            ConditionFact(kind, match["label"], ConditionStatus(match["status"]), at, checked)
        )
    if position != len(text):
        raise FactError(
            "conditions: write each as 'kind: label (pending YYYY-MM-DD HH:MM)', separated by '; '"
        )
    return tuple(found)


def apply_facts(act: Action, application_id: int, facts: Facts) -> None:
    """Write a row's facts onto the application just added (inside the import's action)."""
    db = act.db
    for moment in (facts.thanked_at, facts.last_follow_up_at, facts.last_reply_at):
        if moment is not None:
            check_moment("date", moment)
    changes: dict[str, object] = {}
    if facts.thanked_at is not None:
        changes["thanked_at"] = to_text(facts.thanked_at)
    if facts.follow_ups is not None:
        changes["follow_ups"] = facts.follow_ups
    for column, value in (
        ("last_follow_up_at", facts.last_follow_up_at),
        ("last_reply_at", facts.last_reply_at),
        ("snoozed_until", facts.snoozed_until),
        ("offer_deadline", facts.offer_deadline),
    ):
        if value is not None:
            changes[column] = optional_to_text(value)
    if facts.decision_by is not None:
        changes["decision_by"] = facts.decision_by.isoformat()
    latest = db.execute(
        "SELECT id FROM interviews WHERE application_id = ? ORDER BY held_at DESC, id DESC LIMIT 1",
        [application_id],
    ).fetchone()
    if latest is not None and (facts.thanked_names or facts.thanked_at is not None):
        thanked = {name.casefold() for name in facts.thanked_names}
        when = to_text(facts.thanked_at) if facts.thanked_at else act.now_text
        for person_id, name, email in db.execute(
            "SELECT id, name, email FROM interviewers WHERE interview_id = ?", [latest[0]]
        ).fetchall():
            is_thanked = (name or email).casefold() in thanked
            db.execute(
                "UPDATE interviewers SET thanked_at = ? WHERE id = ?",
                [when if is_thanked else None, person_id],
            )
        changes["interviewers_thanked"] = db.execute(
            "SELECT count(*) FROM interviewers WHERE interview_id = ? AND thanked_at IS NOT NULL",
            [latest[0]],
        ).fetchone()[0]
    for condition in facts.conditions:
        pending = condition.status is ConditionStatus.PENDING
        act.insert(
            "conditions",
            {
                "application_id": application_id,
                "kind": str(condition.kind),
                "label": condition.label,
                "status": str(condition.status),
                "started_at": to_text(condition.at),
                "resolved_at": None if pending else to_text(condition.at),
                "last_check_in_at": optional_to_text(condition.checked_in),
            },
        )
    if changes:
        assignments = ", ".join(f"{name} = ?" for name in changes)
        db.execute(
            f"UPDATE applications SET {assignments} WHERE id = ?",
            [*changes.values(), application_id],
        )
