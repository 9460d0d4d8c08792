"""Accepting, dismissing and linking inbox proposals.

Accepting runs the repository's own actions (close, record reply, move to Offer, add, remove or
move an interview round), so an accepted proposal is exactly what doing it by hand would have
written; the proposal is marked accepted in the same transaction (the repository's action joins
the acceptance's, see ``transactions``): both are saved or neither is, and one undo takes back
the change and makes the proposal pending again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pendulum
from pendulum import DateTime

from postinterview_tui.domain.stages import CloseReason, Stage
from postinterview_tui.domain.text import safe_line, shorten
from postinterview_tui.inbox.decide import after_link
from postinterview_tui.inbox.proposals import Step
from postinterview_tui.inbox.records import InboxEntry, ProposalStatus
from postinterview_tui.storage.inbox import InboxStore
from postinterview_tui.storage.repository import Repository

_LABELS = {
    Step.CLOSE: f"move to {Stage.CLOSED.label}",
    Step.REPLY: "record reply",
    Step.OFFER: f"move to {Stage.OFFER.label}",
    Step.INTERVIEW: "add interview",
    Step.CANCELLED: "remove interview",
    Step.MOVED: "edit interview",
}
"""The undo label of each acceptance: the one the repository's own action has."""


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
    """Carry out a pending proposal and mark it accepted, in one transaction.

    Raises:
        NotFound: no such message or application (or round to remove).
        InboxRefusal: the message has no pending proposal, or its round is not there.
        RuleRefusal: the rules refuse the change (``force`` overrides a confirmable one).
        FormErrors: an invitation whose round cannot be read (a time out of range...).
    """
    store = InboxStore(repository)
    step = _pending(store, entry_id).step
    label = _LABELS.get(step) if step is not None else None
    if label is None:
        raise InboxRefusal(f"inbox message {entry_id} proposes nothing to accept")
    with repository.transactions.action(label, now):
        entry = _pending(store, entry_id)  # again, inside the transaction: nobody got there first
        if entry.step is not step:
            raise InboxRefusal(f"inbox message {entry_id} changed meanwhile: look at it again")
        done, next_hint = _carry_out(repository, entry, now, force=force)
        if not store.decide(entry_id, ProposalStatus.ACCEPTED, now):
            raise InboxRefusal(f"inbox message {entry_id} was decided meanwhile")
    return Accepted(store.entry(entry_id), done, next_hint)


def _carry_out(
    repository: Repository, entry: InboxEntry, now: DateTime, *, force: bool
) -> tuple[str, str]:
    """Write what the proposal says; returns what was done and a hint for what may follow."""
    application_id = entry.application_id
    assert application_id is not None
    data = entry.data
    when = _moment(data.get("when"), entry.received_at)
    if entry.step is Step.CLOSE:
        repository.move(
            application_id,
            Stage.CLOSED,
            when=when,
            now=now,
            reason=CloseReason.NOT_SELECTED,
            force=force,
        )
        return "closed as not selected", (
            "a gracious reply helps: draft it from the application (template rejection-reply)"
        )
    if entry.step is Step.REPLY:
        decision = data.get("decision_by")
        day = dt.date.fromisoformat(decision) if isinstance(decision, str) else None
        repository.record_reply(application_id, when=when, decision_by=day, now=now)
        return "reply recorded", ""
    if entry.step is Step.OFFER:
        if repository.summary(application_id).stage is not Stage.OFFER:
            repository.move(application_id, Stage.OFFER, when=when, now=now, force=True)
        return "moved to Offer", (
            f"fill in the offer: postinterview offer {application_id} --deadline WHEN"
        )
    if entry.step is Step.INTERVIEW:
        _add_round(repository, application_id, entry, now)
        return "interview round added", ""
    from postinterview_tui.domain.round_changes import round_words
    from postinterview_tui.storage.round_changes import move_interview, remove_interview, round_at

    start = _moment(data.get("start"), entry.received_at)
    if entry.step is Step.CANCELLED:
        interview_id = round_at(repository, application_id, start)
        if interview_id is None:
            raise InboxRefusal(
                f"there is no round of {round_words(start, repository.zone)} on the "
                f"application to remove: dismiss this (postinterview inbox dismiss {entry.id})"
            )
        remove_interview(repository, interview_id, now)
        return f"round of {round_words(start, repository.zone)} removed", ""
    # Step.MOVED
    earlier = _moment(data.get("from"), start)
    interview_id = round_at(repository, application_id, earlier)
    if interview_id is None:
        # The first invitation was never accepted: the round is added at its new time.
        _add_round(repository, application_id, entry, now)
        return "interview round added", ""
    move_interview(repository, interview_id, start, now)
    return (
        f"round moved from {round_words(earlier, repository.zone)} "
        f"to {round_words(start, repository.zone)}",
        "",
    )


def dismiss(repository: Repository, entry_id: int, now: DateTime) -> InboxEntry:
    """Set a pending proposal aside without changing anything else; one undo makes it
    pending again.

    Raises:
        NotFound: no such message.
        InboxRefusal: the message has no pending proposal.
    """
    store = InboxStore(repository)
    entry = _pending(store, entry_id)
    with repository.transactions.action(_about("dismissing", entry), now):
        if not store.decide(entry_id, ProposalStatus.DISMISSED, now):
            raise InboxRefusal(f"inbox message {entry_id} was decided meanwhile")
    return store.entry(entry_id)


def link(repository: Repository, entry_id: int, application_id: int, now: DateTime) -> InboxEntry:
    """Tie a message to an application by hand; the proposal its kind calls for follows.
    One undo ties it back to where it was (or to nothing), with its proposal as it was.

    Raises:
        NotFound: no such message or application.
        InboxRefusal: the message's proposal was already accepted.
    """
    store = InboxStore(repository)
    entry = store.entry(entry_id)
    if entry.status == ProposalStatus.ACCEPTED:
        raise InboxRefusal(f"inbox message {entry_id} was already accepted: undo it first")
    target = repository.summary(application_id)  # NotFound for a missing or deleted one
    kind, proposal = after_link(entry, repository.settings(), zone=repository.zone)
    label = f"{_about('linking', entry)} to {shorten(safe_line(target.company), 40)}"
    with repository.transactions.action(label, now):
        if kind is not entry.kind:
            store.set_kind(entry_id, kind, "linked by you to an application", now)
        store.link(entry_id, application_id, proposal, now)
    return store.entry(entry_id)


def _about(doing: str, entry: InboxEntry) -> str:
    """The undo label of a dismissal or link: "dismissing inbox message 4 from Acme Inc."
    (the words ``undo`` prints; the change is to no application's history)."""
    source = entry.company or entry.from_name or entry.from_address
    label = f"{doing} inbox message {entry.id}"
    return f"{label} from {shorten(safe_line(source), 40)}" if source.strip() else label


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
