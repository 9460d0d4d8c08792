"""The records of one application's detail, and of what the user types before it is stored.

Apart from :mod:`.models` so that reading lists (above all ``postinterview today``) does not
pay for generating these dataclasses. These build on :mod:`.models`, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, overload

from pendulum import DateTime

from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.stages import EventKind, InterviewKind


@dataclass(frozen=True, slots=True)
class Contact:
    """A person with an optional e-mail address, as in ``Name <addr>``."""

    name: str
    email: str = ""

    def formatted(self) -> str:
        """The contact as ``Name <addr>`` (or just the name or address)."""
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email


@dataclass(frozen=True, slots=True)
class Interviewer:
    """Someone who interviewed the user, and whether they have been thanked."""

    id: int
    name: str
    email: str = ""
    title: str = ""
    thanked_at: DateTime | None = None


@dataclass(frozen=True, slots=True)
class Interview:
    """One interview round."""

    id: int
    held_at: DateTime
    kind: InterviewKind = InterviewKind.OTHER
    notes: str = ""
    decision_by: date | None = None
    interviewers: tuple[Interviewer, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One entry in an application's history."""

    id: int
    application_id: int
    kind: EventKind
    at: DateTime
    recorded_at: DateTime
    summary: str = ""
    data: dict[str, object] = field(default_factory=dict)


_Item = TypeVar("_Item")


@overload
def in_shown_order(items: Iterable[Event]) -> tuple[Event, ...]: ...


@overload
def in_shown_order(
    items: Iterable[_Item], event_of: Callable[[_Item], Event]
) -> tuple[_Item, ...]: ...


def in_shown_order(
    items: Iterable[Any], event_of: Callable[[Any], Event] | None = None
) -> tuple[Any, ...]:
    """Events (or things that hold one) in the order a history shows them: by the minute they
    happened, then in the order they were recorded.

    Histories show times to the minute, and a time the user types ("10:00") has no seconds while
    one taken from the clock has: ordering by the full instant would put a round typed in after
    "Added" before it, though both read 10:00. Within a minute the order things were done wins.

    Args:
        items: the events, or records holding one.
        event_of: how to reach the event of an item (the item itself by default).

    Returns:
        The items, oldest minute first, each minute in recorded (id) order.
    """

    def key(item: Any) -> tuple[DateTime, int]:
        event = item if event_of is None else event_of(item)
        return event.at.replace(second=0, microsecond=0), event.id

    return tuple(sorted(items, key=key))


@dataclass(frozen=True, slots=True)
class ApplicationDetail:
    """Everything about one application, for the detail screen and ``show``."""

    summary: ApplicationSummary
    location: str = ""
    link: str = ""
    recruiter: Contact | None = None
    notes: str = ""
    offer_notes: str = ""
    interviews: tuple[Interview, ...] = ()
    events: tuple[Event, ...] = ()
    deleted_at: DateTime | None = None

    @property
    def id(self) -> int:
        """The application's id."""
        return self.summary.id

    @property
    def latest_interview(self) -> Interview | None:
        """The most recent interview round, if any."""
        return max(self.interviews, key=lambda item: item.held_at) if self.interviews else None


@dataclass(frozen=True, slots=True)
class NewInterviewer:
    """An interviewer as typed by the user, before it has an id."""

    name: str
    email: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class NewInterview:
    """An interview round as entered, before it has an id."""

    held_at: DateTime
    kind: InterviewKind = InterviewKind.OTHER
    notes: str = ""
    decision_by: date | None = None
    interviewers: tuple[NewInterviewer, ...] = ()


@dataclass(frozen=True, slots=True)
class NewApplication:
    """A new application with its first interview, validated by :mod:`validation`."""

    company: str
    role: str
    interview: NewInterview
    location: str = ""
    link: str = ""
    recruiter: Contact | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ApplicationEdit:
    """Fields to change on an application; ``None`` leaves a field as it is."""

    company: str | None = None
    role: str | None = None
    location: str | None = None
    link: str | None = None
    recruiter: Contact | None = None
    notes: str | None = None

    def changed_fields(self) -> dict[str, object]:
        """The fields that carry a value, by name."""
        names = ("company", "role", "location", "link", "recruiter", "notes")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}
