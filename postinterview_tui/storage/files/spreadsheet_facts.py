"""The facts the dues depend on, as readable spreadsheet columns, both ways.

The CSV export writes them and the CSV import reads them back, so that exporting to a
spreadsheet and importing it again gives the same next steps and due dates: the latest
round's time and interviewers (who was thanked), the thank-you, follow-ups, last reply,
snooze, decision date, offer deadline and the offer's conditions.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from pendulum import DateTime, Timezone

from postinterview_tui.domain.stages import ConditionKind, ConditionStatus
from postinterview_tui.domain.validation import check_text
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
    """What a spreadsheet row says beyond its stage: applied after the row is added.

    ``columns`` holds the stored value of each fact column the file has (an empty cell is
    ``None``: nothing sent, no reply...); ``thanked_names`` is ``None`` when the file has no
    such column.
    """

    columns: dict[str, object] = field(default_factory=dict)
    thanked_names: tuple[str, ...] | None = None
    conditions: tuple[ConditionFact, ...] = ()


_MOMENT_COLUMNS = {
    "thank-you sent": "thanked_at",
    "last follow-up": "last_follow_up_at",
    "last reply": "last_reply_at",
    "snoozed until": "snoozed_until",
    "offer deadline": "offer_deadline",
}


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
    """Read a row's fact columns (a column the file does not have says nothing).

    Raises:
        FactError: a value that cannot be read, with the column it is in.
    """
    columns: dict[str, object] = {}
    for column, stored in _MOMENT_COLUMNS.items():
        if column not in values:
            continue
        columns[stored] = None
        if values[column]:
            try:
                columns[stored] = to_text(parse_when(values[column], now, zone))
            except WhenError as error:
                raise FactError(f"{column}: {error}") from None
    if "follow-ups" in values:
        text = values["follow-ups"] or "0"
        if not (text.isascii() and text.isdecimal() and int(text) <= 100):
            raise FactError("follow-ups: must be a whole number from 0 to 100")
        columns["follow_ups"] = int(text)
    if "decision by" in values:
        columns["decision_by"] = None
        if values["decision by"]:
            try:
                columns["decision_by"] = parse_day(values["decision by"], now, zone).isoformat()
            except WhenError as error:
                raise FactError(f"decision by: {error}") from None
    thanked = None
    if "interviewers thanked" in values:
        thanked = tuple(
            name.strip() for name in values["interviewers thanked"].split(";") if name.strip()
        )
    return Facts(columns, thanked, _read_conditions(values.get("conditions", ""), now, zone))


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
    changes = dict(facts.columns)
    latest = db.execute(
        "SELECT id FROM interviews WHERE application_id = ? ORDER BY held_at DESC, id DESC LIMIT 1",
        [application_id],
    ).fetchone()
    if latest is not None and facts.thanked_names is not None:
        thanked = {name.casefold() for name in facts.thanked_names}
        when = changes.get("thanked_at") or act.now_text
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
