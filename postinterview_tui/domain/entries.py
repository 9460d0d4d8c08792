"""What the user types to record a reply or to correct an interview round, checked before
anything is written. Shared by the TUI forms and the command line, so the same rules guard
every way in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from pendulum import DateTime, Timezone

from postinterview_tui.domain.forms import FormErrors
from postinterview_tui.domain.stages import InterviewKind
from postinterview_tui.domain.validation import (
    MAX_INTERVIEWERS,
    FieldError,
    clean_field,
    parse_contact,
)
from postinterview_tui.domain.when import WhenError, parse_day, parse_when


@dataclass(frozen=True, slots=True)
class ReplyEntry:
    """A reply from the employer, as recorded."""

    when: DateTime
    decision_by: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class InterviewerChange:
    """One interviewer of a corrected round: ``id`` is that of the person it replaces (their
    thank-you stays with them), ``None`` for someone added."""

    id: int | None
    name: str
    email: str = ""


@dataclass(frozen=True, slots=True)
class InterviewChange:
    """A corrected interview round. Interviewers left out of ``interviewers`` are removed."""

    interview_id: int
    held_at: DateTime
    kind: InterviewKind
    notes: str
    decision_by: date | None
    interviewers: tuple[InterviewerChange, ...]


def parse_reply(values: Mapping[str, str], now: DateTime, zone: Timezone) -> ReplyEntry:
    """Validate a reply: ``when`` (default now; not in the future), ``decision_by``, ``note``.

    Raises:
        FormErrors: one message per refused field.
    """
    errors: dict[str, str] = {}
    when = now
    try:
        when = parse_when(values.get("when", "").strip() or "now", now, zone)
        if when > now:
            errors["when"] = "a reply cannot have come in the future"
    except WhenError as error:
        errors["when"] = str(error)
    decision_by = _day(values, "decision_by", now, zone, errors)
    note = ""
    try:
        note = clean_field("notes", values.get("note", ""))
    except FieldError as error:
        errors["note"] = error.message
    if errors:
        raise FormErrors(errors)
    return ReplyEntry(when, decision_by, note.strip())


def parse_interview_change(
    interview_id: int,
    values: Mapping[str, str],
    people: Sequence[tuple[int, str]],
    added: str,
    now: DateTime,
    zone: Timezone,
) -> InterviewChange:
    """Validate a corrected round.

    Args:
        interview_id: the round being corrected.
        values: ``interviewed`` (date and time), ``kind``, ``decision_by``, ``notes``.
        people: each existing interviewer's id and their text as now typed
            (``Name <addr>``); an empty text removes that person.
        added: new interviewers, ``Name <addr>, Name``.
        now: the current instant.
        zone: the user's zone.

    Raises:
        FormErrors: one message per refused field (an interviewer's field is ``person-ID``).
    """
    from postinterview_tui.domain.forms import split_interviewers

    errors: dict[str, str] = {}
    held_at = now
    try:
        held_at = parse_when(values.get("interviewed", "").strip() or "now", now, zone)
    except WhenError as error:
        errors["interviewed"] = str(error)
    kind = InterviewKind.OTHER
    try:
        kind = InterviewKind((values.get("kind", "") or "other").strip().lower())
    except ValueError:
        errors["kind"] = "unknown kind of interview"
    decision_by = _day(values, "decision_by", now, zone, errors)
    notes = ""
    try:
        notes = clean_field("notes", values.get("notes", ""))
    except FieldError as error:
        errors["notes"] = error.message
    changes: list[InterviewerChange] = []
    for person_id, text in people:
        person = _person(text, f"person-{person_id}", errors)
        if person is not None:
            changes.append(InterviewerChange(person_id, *person))
    for text in split_interviewers(added):
        person = _person(text, "added", errors)
        if person is not None:
            changes.append(InterviewerChange(None, *person))
    if len(changes) > MAX_INTERVIEWERS:
        errors["added"] = f"at most {MAX_INTERVIEWERS} interviewers per round"
    if errors:
        raise FormErrors(errors)
    return InterviewChange(interview_id, held_at, kind, notes, decision_by, tuple(changes))


def _person(text: str, field: str, errors: dict[str, str]) -> tuple[str, str] | None:
    try:
        contact = parse_contact("interviewer", text)
    except FieldError as error:
        errors[field] = error.message
        return None
    return None if contact is None else (contact.name, contact.email)


def _day(
    values: Mapping[str, str], key: str, now: DateTime, zone: Timezone, errors: dict[str, str]
) -> date | None:
    text = values.get(key, "").strip()
    if not text:
        return None
    try:
        return parse_day(text, now, zone)
    except WhenError as error:
        errors[key] = str(error)
        return None
