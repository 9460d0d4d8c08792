"""Deciding about one message: match it, classify it, propose something (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pendulum
from pendulum import DateTime, Timezone

from postinterview_tui.domain.settings import Settings
from postinterview_tui.inbox.classify import Kind, classify
from postinterview_tui.inbox.match import Candidate, match_message
from postinterview_tui.inbox.message import CalendarEvent, IncomingMessage, Person
from postinterview_tui.inbox.proposals import Proposal, propose
from postinterview_tui.inbox.records import Decided, InboxEntry

MAX_KEPT_BODY = 256 * 1024
"""With ``mail.keep_bodies`` on, the longest body kept."""


def decide(
    message: IncomingMessage,
    candidates: Sequence[Candidate],
    threads: Mapping[str, int],
    settings: Settings,
    *,
    now: DateTime,
    zone: Timezone,
    moved_from: DateTime | None = None,
) -> Decided:
    """Everything ingest decides about ``message``; its body text is dropped unless the user
    keeps bodies (only the deciding sentence stays).

    ``moved_from``: the start an earlier version of the same calendar event gave (a later
    version at another time proposes moving the round).
    """
    result = match_message(message, candidates, threads, user_email=settings.user_email)
    matched = result.application_id is not None
    verdict = classify(message, matched=matched)
    received = message.date or now
    if message.event is not None and message.event.start is not None and message.date is None:
        received = now
    proposal = None
    if matched:
        proposal = propose(
            verdict.kind,
            message,
            received=received,
            zone=zone,
            user_email=settings.user_email,
            moved_from=moved_from,
        )
    body = message.text[:MAX_KEPT_BODY] if settings.keep_bodies else None
    return Decided(replace(message, text=""), received, verdict, result, proposal, body)


def after_link(
    entry: InboxEntry, settings: Settings, *, zone: Timezone
) -> tuple[Kind, Proposal | None]:
    """The kind and proposal of a stored message the user has just tied to an application:
    an unrelated message linked by hand is taken for a reply from them."""
    kind = Kind.REPLY if entry.kind is Kind.UNRELATED else entry.kind
    message = IncomingMessage(
        message_id=entry.message_id,
        sender=Person(entry.from_name, entry.from_address),
        subject=entry.subject,
        date=entry.received_at,
        event=event_from_json(entry.event),
    )
    proposal = propose(
        kind, message, received=entry.received_at, zone=zone, user_email=settings.user_email
    )
    return kind, proposal


def event_to_json(event: CalendarEvent | None) -> dict[str, object] | None:
    """A calendar event as stored with its message."""
    if event is None:
        return None
    return {
        "uid": event.uid,
        "sequence": event.sequence,
        "method": event.method,
        "start": event.start.isoformat() if event.start else None,
        "summary": event.summary,
        "cancelled": event.cancelled,
        "organizer": [event.organizer.name, event.organizer.address] if event.organizer else None,
        "attendees": [[person.name, person.address] for person in event.attendees],
    }


def event_from_json(data: Mapping[str, object] | None) -> CalendarEvent | None:
    """The inverse of :func:`event_to_json` (``None`` for a message without an event)."""
    if not data:
        return None
    start = data.get("start")
    organizer = data.get("organizer")
    attendees = data.get("attendees") or []
    assert isinstance(attendees, list)
    parsed = pendulum.parse(start) if isinstance(start, str) else None
    return CalendarEvent(
        uid=str(data.get("uid", "")),
        sequence=int(str(data.get("sequence", 0))),
        method=str(data.get("method", "")),
        start=parsed if isinstance(parsed, DateTime) else None,
        summary=str(data.get("summary", "")),
        organizer=Person(str(organizer[0]), str(organizer[1]))
        if isinstance(organizer, list)
        else None,
        attendees=tuple(Person(str(name), str(address)) for name, address in attendees),
        cancelled=bool(data.get("cancelled")),
    )
