"""Reading calendar data (``.ics`` files and ``text/calendar`` parts) with ``icalendar``."""

from __future__ import annotations

import re
from datetime import date, datetime

import pendulum
from icalendar import Calendar
from pendulum import DateTime, Timezone

from postinterview_tui.inbox.message import CalendarEvent, IncomingMessage, Person

DATE_ONLY_HOUR = 12
"""An all-day event starts at noon local time, as a date typed alone does."""
MAX_ATTENDEES = 20
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class NotCalendar(ValueError):
    """Bytes that are not iCalendar data."""


def events_from_ical(data: bytes, *, zone: Timezone, strict: bool = True) -> list[CalendarEvent]:
    """Every VEVENT of the calendar ``data``.

    Raises:
        NotCalendar: the data cannot be read as a calendar (only when ``strict``; otherwise an
            unreadable calendar gives no events).
    """
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        if strict:
            raise NotCalendar(f"not a calendar file ({error})") from None
        return []
    method = _text(calendar.get("METHOD")).upper() or "PUBLISH"
    events = []
    for component in calendar.walk("VEVENT"):
        try:
            events.append(_event(component, method, zone))
        except (ValueError, TypeError, KeyError):
            continue
    return events


def calendar_messages(data: bytes, *, zone: Timezone, source: str) -> list[IncomingMessage]:
    """A calendar file as inbox messages, one per event (the organizer as sender).

    Raises:
        NotCalendar: no calendar, or a calendar without a single event.
    """
    events = events_from_ical(data, zone=zone)
    if not events:
        raise NotCalendar(f"{source}: a calendar without any event")
    return [
        IncomingMessage(
            message_id="",
            sender=event.organizer,
            subject=event.summary,
            date=None,
            recipients=event.attendees,
            text=event.summary,
            event=event,
            source=source,
        )
        for event in events
    ]


def _event(component: object, method: str, zone: Timezone) -> CalendarEvent:
    get = component.get  # type: ignore[attr-defined]
    status = _text(get("STATUS")).upper()
    try:
        sequence = int(_text(get("SEQUENCE")) or 0)
    except ValueError:
        sequence = 0
    attendees = get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    return CalendarEvent(
        uid=_clean(_text(get("UID")))[:900],
        sequence=max(0, min(sequence, 1_000_000)),
        method=method[:20],
        start=_start(get("DTSTART"), zone),
        summary=" ".join(_clean(_text(get("SUMMARY"))).split())[:500],
        organizer=_person(get("ORGANIZER")),
        attendees=tuple(
            person for person in map(_person, attendees[:MAX_ATTENDEES]) if person is not None
        ),
        cancelled=method == "CANCEL" or status == "CANCELLED",
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _clean(text: str) -> str:
    return _UNSTORABLE.sub("", text)


def _person(value: object) -> Person | None:
    if value is None:
        return None
    address = _clean(_text(value)).strip()
    if address.lower().startswith("mailto:"):
        address = address[7:]
    address = address.strip().lower()
    if "@" not in address or " " in address or len(address) > 320:
        return None
    params = getattr(value, "params", {}) or {}
    name = _clean(_text(params.get("CN", ""))).strip().strip('"')
    return Person(" ".join(name.split())[:300], address)


def _start(value: object, zone: Timezone) -> DateTime | None:
    moment = getattr(value, "dt", None)
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            local = pendulum.instance(moment, tz=zone)
            return local.in_timezone(pendulum.UTC)
        return pendulum.instance(moment).in_timezone(pendulum.UTC)
    if isinstance(moment, date):
        noon = pendulum.datetime(moment.year, moment.month, moment.day, DATE_ONLY_HOUR, tz=zone)
        return noon.in_timezone(pendulum.UTC)
    return None
