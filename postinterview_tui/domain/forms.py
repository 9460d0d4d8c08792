"""Turning typed text into validated records, shared by the TUI forms and the command line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import (
    ApplicationEdit,
    Contact,
    NewApplication,
    NewInterview,
    NewInterviewer,
)
from postinterview_tui.domain.stages import InterviewKind
from postinterview_tui.domain.validation import (
    MAX_INTERVIEWERS,
    FieldError,
    clean_field,
    parse_contact,
)
from postinterview_tui.domain.when import WhenError, parse_day, parse_when


class FormErrors(ValueError):
    """Every field that was refused, ``{field: message}``, so a form can show each one."""

    def __init__(self, errors: dict[str, str]) -> None:
        first = next(iter(errors.items()))
        super().__init__(f"{first[0]}: {first[1]}")
        self.errors = errors


def split_interviewers(text: str) -> list[str]:
    """Interviewers typed in one field, separated by commas, semicolons or new lines."""
    parts: list[str] = []
    for line in text.replace(";", "\n").splitlines():
        # A comma inside "Name <addr>" pairs is a separator too; names rarely contain commas.
        parts.extend(part.strip() for part in line.split(","))
    return [part for part in parts if part]


def parse_interview(
    values: Mapping[str, str],
    interviewers: Sequence[str],
    now: DateTime,
    zone: Timezone,
    errors: dict[str, str],
) -> NewInterview | None:
    """Read the interview part of a form; problems are added to ``errors``."""
    held_at: DateTime | None = None
    try:
        held_at = parse_when(values.get("interviewed", "") or "now", now, zone)
    except WhenError as error:
        errors["interviewed"] = str(error)
    kind_text = (values.get("kind", "") or "other").strip().lower()
    try:
        kind = InterviewKind(kind_text)
    except ValueError:
        kind = InterviewKind.OTHER
        names = ", ".join(item.value for item in InterviewKind)
        errors["kind"] = f"unknown kind {kind_text!r} (choose from {names})"
    decision_text = values.get("decision_by", "").strip()
    decision = None
    if decision_text:
        try:
            decision = parse_day(decision_text, now, zone)
        except WhenError as error:
            errors["decision_by"] = str(error)
    people: list[NewInterviewer] = []
    if len(interviewers) > MAX_INTERVIEWERS:
        errors["interviewers"] = f"at most {MAX_INTERVIEWERS} interviewers per round"
    for text in interviewers[:MAX_INTERVIEWERS]:
        try:
            contact = parse_contact("interviewer", text)
        except FieldError as error:
            errors["interviewers"] = error.message
            continue
        if contact is not None:
            people.append(NewInterviewer(contact.name, contact.email))
    notes = _field(values, "interview_notes", "notes", errors)
    if held_at is None:
        return None
    return NewInterview(held_at, kind, notes, decision, tuple(people))


def parse_new_application(
    values: Mapping[str, str], interviewers: Sequence[str], now: DateTime, zone: Timezone
) -> NewApplication:
    """Validate a new application.

    Args:
        values: typed text by field: company, role, interviewed, kind, decision_by,
            recruiter, location, link, notes, interview_notes.
        interviewers: one ``Name <addr>`` text per interviewer.
        now: the current instant.
        zone: the user's zone.

    Raises:
        FormErrors: one message per refused field.
    """
    errors: dict[str, str] = {}
    company = _field(values, "company", "company", errors)
    role = _field(values, "role", "role", errors)
    location = _field(values, "location", "location", errors)
    link = _field(values, "link", "link", errors)
    notes = _field(values, "notes", "notes", errors)
    recruiter = _contact(values, errors)
    interview = parse_interview(values, interviewers, now, zone, errors)
    if errors or interview is None:
        raise FormErrors(errors or {"interviewed": "missing interview time"})
    return NewApplication(company, role, interview, location, link, recruiter, notes)


def parse_edit(values: Mapping[str, str | None]) -> ApplicationEdit:
    """Validate the fields of an edit; ``None`` means leave the field unchanged.

    Raises:
        FormErrors: one message per refused field.
    """
    errors: dict[str, str] = {}
    cleaned: dict[str, str | None] = {}
    for name in ("company", "role", "location", "link", "notes"):
        raw = values.get(name)
        if raw is None:
            cleaned[name] = None
            continue
        try:
            cleaned[name] = clean_field(name, raw)
        except FieldError as error:
            errors[name] = error.message
    recruiter: Contact | None = None
    if values.get("recruiter") is not None:
        recruiter = _contact(values, errors) or Contact("")
    if errors:
        raise FormErrors(errors)
    return ApplicationEdit(
        company=cleaned["company"],
        role=cleaned["role"],
        location=cleaned["location"],
        link=cleaned["link"],
        recruiter=recruiter,
        notes=cleaned["notes"],
    )


def _field(values: Mapping[str, str | None], key: str, kind: str, errors: dict[str, str]) -> str:
    try:
        return clean_field(kind, values.get(key) or "")
    except FieldError as error:
        errors[key] = error.message
        return ""


def _contact(values: Mapping[str, str | None], errors: dict[str, str]) -> Contact | None:
    try:
        return parse_contact("recruiter", values.get("recruiter") or "")
    except FieldError as error:
        errors["recruiter"] = error.message
        return None
