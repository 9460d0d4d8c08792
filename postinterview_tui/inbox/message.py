"""What one incoming message or calendar event is, once read: headers, a little text, no more."""

from __future__ import annotations

from dataclasses import dataclass, field

from pendulum import DateTime

MAX_SENTENCE = 300
"""The longest text kept to explain a decision."""


@dataclass(frozen=True, slots=True)
class Person:
    """A name and an address as found in a header or a calendar (address lower-cased)."""

    name: str
    address: str


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One event of a calendar file or a calendar part of a message."""

    uid: str
    sequence: int
    method: str
    """``REQUEST``, ``CANCEL``, ``PUBLISH``...: what the sender asks for."""
    start: DateTime | None
    summary: str
    organizer: Person | None
    attendees: tuple[Person, ...] = ()
    cancelled: bool = False
    """True for a ``CANCEL`` method or an event whose STATUS is CANCELLED."""


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """A message (or a calendar file) reduced to what matching and classifying need."""

    message_id: str
    """The Message-ID without angle brackets ("" when the message has none)."""
    sender: Person | None
    subject: str
    date: DateTime | None
    recipients: tuple[Person, ...] = ()
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    automatic_headers: tuple[str, ...] = ()
    """Headers that mark a message sent by a machine, as ``Name: value``."""
    text: str = ""
    """The plain text of the body, cut to a bounded length (quoted replies included)."""
    event: CalendarEvent | None = None
    source: str = ""
    """Where it was read from, for messages and errors ("inbox/cur/1:2,S", "stdin")."""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def dedup_key(self) -> str:
        """What identifies the message across sources: its Message-ID, or for a calendar file
        its UID and SEQUENCE; "" when it has neither (it can then not be told apart)."""
        if self.message_id:
            return f"mid:{self.message_id}"
        if self.event is not None and self.event.uid:
            return f"ics:{self.event.uid}:{self.event.sequence}"
        return ""
