"""Accepting, dismissing and linking inbox proposals.

Accepting runs the repository's own actions (close, record reply, move to Offer, add an
interview round, add a note), so an accepted proposal is exactly what doing it by hand would
have written, undo included; the proposal is then marked accepted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pendulum
from pendulum import DateTime

from postinterview_tui.domain.stages import CloseReason, Stage
from postinterview_tui.domain.text import safe_line
from postinterview_tui.inbox.decide import after_link
from postinterview_tui.inbox.proposals import Step
from postinterview_tui.inbox.records import InboxEntry, ProposalStatus
from postinterview_tui.storage.inbox import InboxStore
from postinterview_tui.storage.repository import Repository


class InboxRefusal(ValueError):
    """A proposal that cannot be acted on as asked (already decided, nothing to accept)."""


@dataclass(frozen=True, slots=True)
class Accepted:
    """What accepting did, and what the user may want to do next."""

    entry: InboxEntry
    done: str
    next_hint: str = ""


def accept(
    repository: Repository, entry_id: int, now: DateTime, *, force: bool = False
) -> Accepted:
    """Carry out a pending proposal.

    Raises:
        NotFound: no such message or application.
        InboxRefusal: the message has no pending proposal.
        RuleRefusal: the rules refuse the change (``force`` overrides a confirmable one).
        FormErrors: an invitation whose round cannot be read (a time out of range...).
    """
    store = InboxStore(repository)
    entry = _pending(store, entry_id)
    application_id = entry.application_id
    assert application_id is not None
    data = entry.data
    when = _moment(data.get("when"), entry.received_at)
    next_hint = ""
    if entry.step is Step.CLOSE:
        repository.move(
            application_id,
            Stage.CLOSED,
            when=when,
            now=now,
            reason=CloseReason.NOT_SELECTED,
            force=force,
        )
        done = "closed as not selected"
        next_hint = (
            "a gracious reply helps: draft it from the application (template rejection-reply)"
        )
    elif entry.step is Step.REPLY:
        decision = data.get("decision_by")
        day = dt.date.fromisoformat(decision) if isinstance(decision, str) else None
        repository.record_reply(application_id, when=when, decision_by=day, now=now)
        done = "reply recorded"
    elif entry.step is Step.OFFER:
        if repository.summary(application_id).stage is not Stage.OFFER:
            repository.move(application_id, Stage.OFFER, when=when, now=now, force=True)
        done = "moved to Offer"
        next_hint = f"fill in the offer: postinterview offer {application_id} --deadline WHEN"
    elif entry.step is Step.INTERVIEW:
        _add_round(repository, application_id, entry, now)
        done = "interview round added"
    elif entry.step is Step.CANCELLED:
        start = _moment(data.get("start"), entry.received_at).in_timezone(repository.zone)
        repository.add_note(
            application_id,
            f"The interview of {start.format('YYYY-MM-DD HH:mm')} was cancelled "
            f"({safe_line(str(data.get('summary', '')))[:200]}).",
            now,
        )
        done = "cancellation noted"
        next_hint = "move or remove the round from the application if it is rescheduled"
    else:
        raise InboxRefusal(f"inbox message {entry_id} proposes nothing to accept")
    store.decide(entry_id, ProposalStatus.ACCEPTED, now)
    return Accepted(store.entry(entry_id), done, next_hint)


def dismiss(repository: Repository, entry_id: int, now: DateTime) -> InboxEntry:
    """Set a pending proposal aside without changing anything else.

    Raises:
        NotFound: no such message.
        InboxRefusal: the message has no pending proposal.
    """
    store = InboxStore(repository)
    _pending(store, entry_id)
    store.decide(entry_id, ProposalStatus.DISMISSED, now)
    return store.entry(entry_id)


def link(repository: Repository, entry_id: int, application_id: int, now: DateTime) -> InboxEntry:
    """Tie a message to an application by hand; the proposal its kind calls for follows.

    Raises:
        NotFound: no such message or application.
        InboxRefusal: the message's proposal was already accepted.
    """
    store = InboxStore(repository)
    entry = store.entry(entry_id)
    if entry.status == ProposalStatus.ACCEPTED:
        raise InboxRefusal(f"inbox message {entry_id} was already accepted: undo it first")
    repository.summary(application_id)  # NotFound for a missing or deleted application
    kind, proposal = after_link(entry, repository.settings(), zone=repository.zone)
    if kind is not entry.kind:
        store.set_kind(entry_id, kind, "linked by you to an application", now)
    store.link(entry_id, application_id, proposal, now)
    return store.entry(entry_id)


def _pending(store: InboxStore, entry_id: int) -> InboxEntry:
    entry = store.entry(entry_id)
    if entry.status != ProposalStatus.PENDING or entry.application_id is None:
        state = entry.status or (
            "unmatched: link it first" if entry.application_id is None else "no proposal"
        )
        raise InboxRefusal(f"inbox message {entry_id} has no pending proposal ({state})")
    return entry


def _moment(text: object, fallback: DateTime) -> DateTime:
    if isinstance(text, str):
        parsed = pendulum.parse(text)
        if isinstance(parsed, DateTime):
            return parsed
    return fallback


def _add_round(
    repository: Repository, application_id: int, entry: InboxEntry, now: DateTime
) -> None:
    from postinterview_tui.domain.forms import FormErrors, parse_interview

    data = entry.data
    start = _moment(data.get("start"), entry.received_at).in_timezone(repository.zone)
    attendees = data.get("attendees") or []
    assert isinstance(attendees, list)
    errors: dict[str, str] = {}
    new_round = parse_interview(
        {
            "interviewed": start.format("YYYY-MM-DD HH:mm"),
            "kind": "other",
            "interview_notes": safe_line(str(data.get("summary", ""))),
        },
        [safe_line(str(person)) for person in attendees],
        now,
        repository.zone,
        errors,
    )
    if errors or new_round is None:
        raise FormErrors(errors or {"interviewed": "missing"})
    repository.add_interview(application_id, new_round, now)
