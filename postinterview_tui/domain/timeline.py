"""Words for the events in an application's history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pendulum import DateTime

from postinterview_tui.domain.records import Event, Interview
from postinterview_tui.domain.stages import STAGE_LABELS, CloseReason, EventKind, Stage

_PLAIN: dict[EventKind, str] = {
    EventKind.CREATED: "Added to postinterview",
    EventKind.INTERVIEW_HELD: "Interview",
    EventKind.THANK_YOU_SENT: "Thank-you note sent",
    EventKind.FOLLOW_UP_SENT: "Follow-up sent",
    EventKind.REPLY_RECEIVED: "Reply received",
    EventKind.OFFER_RECEIVED: "Offer received",
    EventKind.CONDITION_CLEARED: "Condition cleared",
    EventKind.CONDITION_FAILED: "Condition failed",
    EventKind.CONDITION_CHECKED_IN: "Checked in on a condition",
    EventKind.STAGE_MOVED: "Moved",
    EventKind.CLOSED: "Closed",
    EventKind.REOPENED: "Reopened",
    EventKind.EDITED: "Details edited",
    EventKind.NOTE_ADDED: "Note",
    EventKind.DELETED: "Deleted",
    EventKind.RESTORED: "Restored",
    EventKind.UNDONE: "Undone",
    EventKind.SNOOZED: "Snoozed",
}


def describe_event(event: Event, now: DateTime | None = None) -> str:
    """One line about an event, e.g. "Moved: Thank-you sent → Followed up (correction)".

    Given ``now``, a round still ahead of it reads "Interview scheduled", not as held.
    """
    data = event.data
    base = _PLAIN.get(event.kind, str(event.kind))
    if event.kind is EventKind.INTERVIEW_HELD and now is not None and event.at > now:
        base = "Interview scheduled"
    if event.kind is EventKind.STAGE_MOVED:
        source, target = _stage(data.get("from")), _stage(data.get("to"))
        text = f"{base}: {source} → {target}"
        return text + (" (correction)" if data.get("correction") else "")
    if event.kind is EventKind.CLOSED:
        reason = data.get("reason")
        try:
            text = f"{base}: {CloseReason(str(reason)).phrase}"
        except ValueError:
            text = base
        if data.get("reflection"):
            text += f" — {data['reflection']}"
        return text
    if event.kind is EventKind.INTERVIEW_HELD and data.get("kind"):
        return f"{base} ({data['kind']})"
    if event.kind in (EventKind.THANK_YOU_SENT, EventKind.FOLLOW_UP_SENT):
        number = f" (#{data['number']})" if data.get("number") else ""
        recipient = _recipient(data)
        return base + number + (f" to {recipient}" if recipient else "")
    if event.kind is EventKind.REPLY_RECEIVED:
        if data.get("decision_by"):
            base += f"; decision expected by {data['decision_by']}"
        return base + (f" — {data['note']}" if data.get("note") else "")
    if event.kind in (EventKind.CONDITION_CLEARED, EventKind.CONDITION_FAILED):
        return f"{base}: {data.get('condition', '')}"
    if event.kind is EventKind.NOTE_ADDED:
        return f"{base}: {data.get('text', '')}"
    if event.kind is EventKind.UNDONE:
        return f"{base}: {data.get('label', '')}"
    if event.kind is EventKind.EDITED and data.get("fields"):
        fields = data["fields"]
        return f"{base}: {', '.join(map(str, fields)) if isinstance(fields, list) else fields}"
    return base


def _recipient(data: dict[str, object]) -> str:
    """Whom a note went to: the address the app sent it to, else the interviewer thanked, else
    the interviewers a whole-round thank-you (a stage move) thanked."""
    if data.get("sent_to"):
        return str(data["sent_to"])
    if data.get("interviewer"):
        return str(data["interviewer"])
    people = data.get("interviewers")
    if isinstance(people, list):
        return ", ".join(str(person) for person in people if person)
    return ""


def rounds_as_booked(
    application_id: int, events: Sequence[Event], interviews: Sequence[Interview]
) -> tuple[Event, ...]:
    """The history with its interview entries agreeing with the rounds the application has.

    A round's entry is written when the round is added, at its time; removing the round (a
    cancelled invitation), moving it, or undoing its addition leaves that entry behind, and a
    timeline read from the entries alone would show a round that is not booked (as "Interview
    scheduled" while ahead, as held once its time passed). So an interview entry stands only
    while a round is at its time, and a round with no entry at its time (one moved) gets one.
    The order of the other entries is kept; an added entry goes before the first one later.

    Args:
        application_id: the application the events and rounds belong to.
        events: its history, in the order to show it.
        interviews: its rounds as they are now.

    Returns:
        The events to show.
    """
    booked = Counter(interview.held_at for interview in interviews)
    kept: list[Event] = []
    for event in events:
        if event.kind is EventKind.INTERVIEW_HELD:
            if booked[event.at] <= 0:
                continue  # its round was removed, moved or undone
            booked[event.at] -= 1
        kept.append(event)
    for interview in interviews:
        if booked[interview.held_at] <= 0:
            continue
        booked[interview.held_at] -= 1
        entry = Event(
            id=-interview.id,
            application_id=application_id,
            kind=EventKind.INTERVIEW_HELD,
            at=interview.held_at,
            recorded_at=interview.held_at,
            data={"kind": str(interview.kind)},
        )
        place = next((i for i, event in enumerate(kept) if event.at > entry.at), len(kept))
        kept.insert(place, entry)
    return tuple(kept)


def _stage(value: object) -> str:
    try:
        return STAGE_LABELS[Stage(str(value))]
    except ValueError:
        return str(value)
