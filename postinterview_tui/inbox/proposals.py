"""What the inbox proposes for a classified, matched message: words for the user and the data
an accepted proposal needs. Nothing here changes anything; accepting is the store's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pendulum import DateTime, Timezone

from postinterview_tui.domain.day_words import MONTH_NAMES
from postinterview_tui.domain.wording import day_and_month
from postinterview_tui.inbox.classify import Kind, own_words
from postinterview_tui.inbox.message import IncomingMessage


class Step(StrEnum):
    """What accepting a proposal does (each is one of the store's existing actions)."""

    CLOSE = "close"
    """Close the application as not selected."""
    REPLY = "reply"
    """Record their reply at the message's date (with a decision date when it names one)."""
    OFFER = "offer"
    """Move the application to Offer (the offer form follows)."""
    INTERVIEW = "interview"
    """Add an interview round at the event's start, its attendees as interviewers."""
    CANCELLED = "cancelled"
    """Remove the round the cancelled calendar event had set (a round still ahead)."""
    MOVED = "moved"
    """Move the round a calendar event had set to the time a later version of it gives."""


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed change: what it does, in words, and the values it needs."""

    step: Step
    words: str
    """The question shown to the user ("close it as not selected?")."""
    data: dict[str, object] = field(default_factory=dict)


_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DECISION = re.compile(
    r"(?:decision|decide|decided|hear back|get back to you|back to you|update you|let you know"
    r"|be in touch|feedback)[^.?!]{0,60}?\b(?:by|before|on)\s+(?:[a-z]+day,?\s+)?(?:the\s+)?"
    rf"(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY}|(\d{{4}})-(\d{{2}})-(\d{{2}}))",
    re.IGNORECASE,
)


def decision_date(message: IncomingMessage, received: DateTime, zone: Timezone) -> date | None:
    """A decision date the message names ("we'll decide by Friday 4 December"), or ``None``.

    A day and month without a year is the next such date on or after the message's date.
    """
    found = _DECISION.search(" ".join(own_words(message.text).split()))
    if found is None:
        return None
    groups = found.groups()
    sent = received.in_timezone(zone).date()
    try:
        if groups[4]:
            return date(int(groups[4]), int(groups[5]), int(groups[6]))
        if groups[0]:
            day, month = int(groups[0]), _MONTHS[groups[1].lower()]
        else:
            day, month = int(groups[3]), _MONTHS[groups[2].lower()]
        candidate = date(sent.year, month, day)
        if candidate < sent:
            candidate = date(sent.year + 1, month, day)
        return candidate
    except (ValueError, KeyError):
        return None


def propose(
    kind: Kind,
    message: IncomingMessage,
    *,
    received: DateTime,
    zone: Timezone,
    user_email: str = "",
    moved_from: DateTime | None = None,
) -> Proposal | None:
    """The proposal for a message of ``kind`` (``None`` for automatic and unrelated mail).

    ``moved_from`` is the start an earlier version of the same calendar event (same UID) gave:
    an invitation starting at another time then proposes moving that round.
    """
    if kind is Kind.REJECTION:
        return Proposal(Step.CLOSE, "close it as not selected?", {"when": received.isoformat()})
    if kind is Kind.OFFER:
        return Proposal(Step.OFFER, "move it to Offer and fill in the offer?", {})
    if kind is Kind.REPLY:
        return _reply(message, received, zone)
    if kind is Kind.INVITATION:
        return _invitation(message, received, zone, user_email, moved_from)
    return None


def _reply(message: IncomingMessage, received: DateTime, zone: Timezone) -> Proposal:
    day = decision_date(message, received, zone)
    local = received.in_timezone(zone)
    words = f"record their reply of {day_and_month(local.date())}"
    data: dict[str, object] = {"when": received.isoformat()}
    if day is not None:
        words += f", decision by {day_and_month(day)}"
        data["decision_by"] = day.isoformat()
    return Proposal(Step.REPLY, words + "?", data)


def _invitation(
    message: IncomingMessage,
    received: DateTime,
    zone: Timezone,
    user_email: str,
    moved_from: DateTime | None,
) -> Proposal:
    event = message.event
    if event is None or event.start is None:
        words = "they want to set a time: record their reply (add the round once it is set)?"
        return Proposal(Step.REPLY, words, {"when": received.isoformat()})
    shown = _shown(event.start, zone)
    if event.cancelled:
        return Proposal(
            Step.CANCELLED,
            f"the round of {shown} was cancelled: remove it from the application?",
            {"start": event.start.isoformat(), "summary": event.summary},
        )
    if moved_from is not None and moved_from != event.start:
        return Proposal(
            Step.MOVED,
            f"the round of {_shown(moved_from, zone)} moved to {shown}: move it?",
            {
                "from": moved_from.isoformat(),
                "start": event.start.isoformat(),
                "summary": event.summary,
            },
        )
    own = user_email.strip().lower()
    people = [
        person
        for person in (event.organizer, *event.attendees)
        if person is not None and person.address != own
    ]
    unique: dict[str, str] = {}
    for person in people:
        unique.setdefault(person.address, person.name)
    attendees = [f"{name} <{address}>" if name else address for address, name in unique.items()]
    names = ", ".join(name or address for address, name in unique.items())
    words = f"add an interview round on {shown}" + (f" with {names}" if names else "") + "?"
    return Proposal(
        Step.INTERVIEW,
        words,
        {"start": event.start.isoformat(), "attendees": attendees, "summary": event.summary},
    )


def _shown(moment: DateTime, zone: Timezone) -> str:
    local = moment.in_timezone(zone)
    return f"{day_and_month(local.date())} {local.hour:02}:{local.minute:02}"
