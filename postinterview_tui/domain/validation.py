"""Checking what people type before anything is written.

Every check returns a message meant for the person, so forms can show it beside the field and
the CLI can print it as its one line of error.
"""

from __future__ import annotations

import re

from postinterview_tui.domain.models import Contact

FIELD_LIMITS: dict[str, int] = {
    "company": 200,
    "role": 200,
    "location": 200,
    "link": 2000,
    "recruiter": 300,
    "interviewer": 300,
    "notes": 20000,
    "text": 20000,
}
SINGLE_LINE_FIELDS = frozenset({"company", "role", "location", "link", "recruiter", "interviewer"})
REQUIRED_FIELDS = frozenset({"company", "role"})

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
