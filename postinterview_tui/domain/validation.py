"""Checking what comes in before anything is written: the one validation every way in uses.

Forms, the command line, JSON and CSV imports and the mail inbox all end in the repository's
write methods, which check their records here (:func:`check_new_application` and friends), and
the import checks each stored column with :func:`check_column`. Every check raises
:class:`FieldError` with a message meant for the person, so forms can show it beside the field
and the CLI can print it as its one line of error; no message repeats a long value whole.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postinterview_tui.domain.records import (
        ApplicationEdit,
        Contact,
        NewApplication,
        NewInterview,
    )

EARLIEST_YEAR = 2000
"""The first year a date may fall in (interviews, replies, offers, the clock itself)."""
LATEST_YEAR = 2099
"""The last year a date may fall in: later ones are typing slips, and break date arithmetic."""

FIELD_LIMITS: dict[str, int] = {
    "company": 200,
    "role": 200,
    "location": 200,
    "link": 2000,
    "recruiter": 300,
    "interviewer": 300,
    "condition": 300,
    "notes": 20000,
    "text": 20000,
}
SINGLE_LINE_FIELDS = frozenset(
    {"company", "role", "location", "link", "recruiter", "interviewer", "condition"}
)
REQUIRED_FIELDS = frozenset({"company", "role"})
MAX_INTERVIEWERS = 20
"""How many interviewers one round may name."""

_CONTACT = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<\s*(?P<email>[^<>\s]+)\s*>\s*$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


class FieldError(ValueError):
    """A value that cannot be accepted, with the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def clean_field(field: str, value: str) -> str:
    """Check one text field and return it as it will be stored.

    Leading and trailing whitespace is trimmed from one-line fields; everything else is kept
    byte for byte.

    Raises:
        FieldError: empty when required, too long, several lines in a one-line field, or
            characters that cannot be stored (NUL, lone surrogates).
    """
    if "\x00" in value:
        raise FieldError(field, "contains a NUL character, which cannot be stored")
    if any("\ud800" <= char <= "\udfff" for char in value):
        raise FieldError(field, "contains a broken character (a lone surrogate)")
    if field in SINGLE_LINE_FIELDS:
        if len(value.splitlines()) > 1 or "\n" in value or "\r" in value:
            raise FieldError(field, "must be a single line")
        value = value.strip()
    if field in REQUIRED_FIELDS and not value.strip():
        raise FieldError(field, "is required")
    limit = FIELD_LIMITS.get(field, FIELD_LIMITS["text"])
    if len(value) > limit:
        raise FieldError(field, f"is too long ({len(value)} characters; at most {limit})")
    return value


def parse_contact(field: str, text: str) -> Contact | None:
    """Read ``Name <addr>``, a bare address, or a bare name; empty text gives ``None``.

    Raises:
        FieldError: a malformed address or a value :func:`clean_field` refuses.
    """
    from postinterview_tui.domain.records import Contact  # not loaded by `today`, which reads dates

    cleaned = clean_field(field, text)
    if not cleaned:
        return None
    match = _CONTACT.match(cleaned)
    if match:
        email = match["email"]
        if not _EMAIL.match(email):
            raise FieldError(field, f"{email!r} does not look like an e-mail address")
        return Contact(match["name"], email)
    if "<" in cleaned or ">" in cleaned:
        raise FieldError(field, "write it as Name <address>")
    if _EMAIL.match(cleaned):
        return Contact("", cleaned)
    return Contact(cleaned, "")


def check_moment(field: str, moment: datetime) -> None:
    """Refuse a time outside :data:`EARLIEST_YEAR`-:data:`LATEST_YEAR` (as its local date).

    Raises:
        FieldError: the year is out of range.
    """
    check_day(field, moment.date())


def check_day(field: str, day: date) -> None:
    """Refuse a date outside :data:`EARLIEST_YEAR`-:data:`LATEST_YEAR`.

    Raises:
        FieldError: the year is out of range.
    """
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise FieldError(
            field,
            f"the year must be between {EARLIEST_YEAR} and {LATEST_YEAR} (it is {day.year})",
        )


def check_text(field: str, value: str) -> None:
    """Refuse a text :func:`clean_field` refuses (used on records about to be stored).

    Raises:
        FieldError: as :func:`clean_field`.
    """
    if value or field in REQUIRED_FIELDS:
        clean_field(field, value)


def check_contact(field: str, contact: Contact | None) -> None:
    """Refuse a contact whose name or address would not pass the form.

    Raises:
        FieldError: a name or address :func:`clean_field` refuses.
    """
    if contact is None:
        return
    check_text(field, contact.name)
    check_text(field, contact.email)
    if contact.email and not _EMAIL.match(contact.email):
        raise FieldError(field, "the address does not look like an e-mail address")


def check_new_interview(new: NewInterview) -> None:
    """Check an interview round as it is about to be stored.

    Raises:
        FieldError: a refused field (dates out of range, too many interviewers...).
    """
    from postinterview_tui.domain.records import Contact

    check_moment("interviewed", new.held_at)
    if new.decision_by is not None:
        check_day("decision_by", new.decision_by)
    check_text("notes", new.notes)
    if len(new.interviewers) > MAX_INTERVIEWERS:
        raise FieldError("interviewers", f"at most {MAX_INTERVIEWERS} interviewers per round")
    for person in new.interviewers:
        check_contact("interviewer", Contact(person.name, person.email))
        check_text("interviewer", person.title)


def check_new_application(new: NewApplication) -> None:
    """Check a new application as it is about to be stored, whichever way it came in.

    Raises:
        FieldError: the first refused field.
    """
    for name in ("company", "role", "location", "link", "notes"):
        check_text(name, getattr(new, name))
    check_contact("recruiter", new.recruiter)
    check_new_interview(new.interview)


def check_edit(changes: ApplicationEdit) -> None:
    """Check the fields an edit changes.

    Raises:
        FieldError: the first refused field.
    """
    from postinterview_tui.domain.records import Contact

    for name, value in changes.changed_fields().items():
        if isinstance(value, Contact):
            check_contact(name, value)
        elif isinstance(value, str):
            check_text(name, value)
