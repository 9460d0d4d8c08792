"""Sending a note: which notes go, the checks before anything leaves, then deliver and record.

The order matters. Every check that can refuse runs before the message is handed over; the
note is marked sent (the same write as ``ctrl+n``: thanks, stage move, follow-up count) only
once the command or the server has accepted it, with its Message-ID, time and recipient.
A failed delivery marks nothing and keeps the draft.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.utils import parseaddr

from pendulum import DateTime, Timezone

from postinterview_tui.domain.drafting import DraftingData, build_slots, is_thanked, thanked_at
from postinterview_tui.domain.mail_settings import NoRoute, Route, is_address, sending_route
from postinterview_tui.domain.moves import plan_move
from postinterview_tui.domain.records import ApplicationDetail
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import Stage
from postinterview_tui.domain.templates import (
    NoteKind,
    NoteTemplate,
    Recipient,
    TemplateId,
    unfilled,
)
from postinterview_tui.domain.text import safe_line
from postinterview_tui.domain.thank_yous import check_not_thanked_yet
from postinterview_tui.mail.compose import Party, build_message
from postinterview_tui.mail.deliver import deliver
from postinterview_tui.storage.drafts import DraftStore
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.sent_messages import SentMessage

KIND_NAMES: tuple[str, ...] = (*(str(kind) for kind in NoteKind), *(str(t) for t in TemplateId))
"""What ``--kind`` accepts: a kind of note, or one template by its id."""


class SendRefused(Exception):
    """The note cannot go as it is; the message says what to change."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class OutgoingNote:
    """One note for one person, as it would be sent."""

    application_id: int
    interview_id: int | None
    template: NoteTemplate
    recipient: Recipient
    subject: str
    body: str
    draft_uid: str

    @property
    def to(self) -> Party:
        """The recipient as a mail party."""
        return Party(self.recipient.name, self.recipient.email)


def read_data(repository: Repository, application_id: int) -> DraftingData:
    """What notes are written from: the application, settings, templates and drafts."""
    store = DraftStore(repository)
    return DraftingData(
        repository.detail(application_id),
        repository.settings(),
        store.templates(),
        store.drafts_for(application_id),
    )


def kind_for(name: str | None, detail: ApplicationDetail) -> tuple[NoteKind, TemplateId | None]:
    """The kind of note (and template, when one is named) that ``--kind`` asks for; with no
    name, the note the application's stage calls for."""
    if name is None:
        stage = detail.summary.stage
        if stage is Stage.INTERVIEWED:
            return NoteKind.THANK_YOU, None
        if stage in (Stage.THANKED, Stage.FOLLOWED_UP):
            return NoteKind.FOLLOW_UP, None
        return NoteKind.OTHER, None
    if name in {str(kind) for kind in NoteKind}:
        return NoteKind(name), None
    if name in {str(template) for template in TemplateId}:
        return NoteKind.OTHER, TemplateId(name)  # the template's own kind is used below
    raise SendRefused(f"unknown kind {name!r} (use one of: {', '.join(KIND_NAMES)})")


def notes_for(
    data: DraftingData,
    kind_name: str | None,
    zone: Timezone,
    *,
    to: str | None = None,
    new_uid: Callable[[], str] = lambda: uuid.uuid4().hex,
) -> tuple[OutgoingNote, ...]:
    """The notes of a kind for an application: from each recipient's latest unsent draft, else
    from the template. A thank-you goes to each interviewer of the latest round not yet thanked
    (to all of them when everyone is).

    Raises:
        SendRefused: an unknown kind, or ``to`` given for several recipients or not an address.
    """
    kind, template_id = kind_for(kind_name, data.detail)
    if template_id is not None:
        kind = data.templates[template_id].kind
    slots = build_slots(data, kind, zone, new_uid, template_id)
    still_open = tuple(slot for slot in slots if not is_thanked(slot, data.detail))
    slots = still_open or slots
    latest = data.detail.latest_interview
    notes = tuple(
        OutgoingNote(
            data.detail.summary.id,
            latest.id if latest else None,
            slot.template,
            slot.recipient,
            slot.subject,
            slot.body,
            slot.uid,
        )
        for slot in slots
    )
    if to is None:
        return notes
    if len(notes) != 1:
        raise SendRefused(
            f"--to names one recipient, but this note goes to {len(notes)} people; "
            "leave --to out to use the addresses on record"
        )
    return (with_address(notes[0], to),)


def with_address(note: OutgoingNote, text: str) -> OutgoingNote:
    """``note`` addressed to ``text`` (``addr`` or ``Name <addr>``; the name on record stays
    when none is given).

    Raises:
        SendRefused: ``text`` is not one address.
    """
    name, address = parseaddr(text.strip())
    if not is_address(address):
        raise SendRefused(f"{text!r} is not an e-mail address (like 'Ana Ruiz <ana@acme.example>')")
    recipient = replace(note.recipient, name=name or note.recipient.name, email=address)
    return replace(note, recipient=recipient)


def route_for(settings: Settings) -> Route:
    """How these settings send mail.

    Raises:
        SendRefused: no way to send is set up, or it cannot work as set.
    """
    try:
        return sending_route(
            send_command=settings.send_command,
            smtp_host=settings.smtp_host,
            smtp_port=settings.smtp_port,
            smtp_user=settings.smtp_user,
            smtp_password_command=settings.smtp_password_command,
            smtp_security=settings.smtp_security,
        )
    except NoRoute as error:
        raise SendRefused(str(error)) from None


def sender_of(settings: Settings) -> Party:
    """The user as the ``From`` of a note.

    Raises:
        SendRefused: ``user.email`` is not set.
    """
    if not settings.user_email:
        raise SendRefused(
            "your e-mail address is not set: add it in the settings (user.email), "
            "or run: postinterview config set user.email you@example.org"
        )
    return Party(settings.user_name, settings.user_email)


def check_note(note: OutgoingNote, settings: Settings) -> None:
    """Refuse a note that cannot go: no ``From``, no way to send, a placeholder, no ``To``.

    Raises:
        SendRefused: what is missing and how to add it.
    """
    check_ready(note, settings)
    check_address(note)


def check_ready(note: OutgoingNote, settings: Settings) -> None:
    """:func:`check_note` but for the address (the app asks for it in the send dialog).

    Raises:
        SendRefused: no ``From``, no way to send, or a placeholder left in the text.
    """
    sender_of(settings)
    route_for(settings)
    missing = unfilled(f"{note.subject}\n{note.body}")
    if missing:
        raise SendRefused(
            f"the note still has {', '.join(missing)} in it: fill it in before sending"
        )


def check_address(note: OutgoingNote) -> None:
    """Refuse a note with no address to send it to.

    Raises:
        SendRefused: no address, and how to give one.
    """
    if not note.recipient.email:
        who = safe_line(note.recipient.name) or "this note's recipient"
        raise SendRefused(
            f"there is no e-mail address for {who}: give one with --to 'Name <address>' "
            "(in the app: type it in the To field of the send dialog)"
        )


def check_timing(
    note: OutgoingNote,
    detail: ApplicationDetail,
    settings: Settings,
    zone: Timezone,
    now: DateTime,
    *,
    force: bool,
) -> None:
    """The rules of marking the note sent (a follow-up too soon or one too many, a second
    thank-you to someone already thanked), before it goes.

    Raises:
        RuleRefusal: the rules ask first (confirmable: pass ``force``) or do not allow it.
    """
    if note.template.kind is NoteKind.THANK_YOU:
        check_not_thanked_yet(
            note.recipient.name, thanked_at(detail, note.recipient), zone, force=force
        )
    if note.template.kind is NoteKind.FOLLOW_UP:
        plan_move(
            detail.summary.progress,
            Stage.FOLLOWED_UP,
            when=now,
            reason=None,
            force=force,
            settings=settings,
            zone=zone,
        )


def send_note(
    repository: Repository,
    note: OutgoingNote,
    settings: Settings,
    clock: Callable[[], DateTime],
    *,
    save: Callable[[DateTime], object] | None = None,
    deliver_message: Callable[..., None] = deliver,
) -> SentMessage:
    """Deliver one checked note and mark it sent.

    The draft is saved first (``save``, else as ``note.draft_uid``), so the text is kept
    whether or not delivery works. Call :func:`check_note` and :func:`check_timing` before.

    Raises:
        SendRefused: the settings changed and cannot send any more.
        DeliveryFailed: not accepted; nothing was marked sent.
        StoreError: saving the draft failed (nothing sent), or recording the sent note
            failed after it left (the message says so).
    """
    sender, route = sender_of(settings), route_for(settings)
    store = DraftStore(repository)
    now = clock()
    if save is not None:
        save(now)
    else:
        store.save_draft(
            uid=note.draft_uid,
            application_id=note.application_id,
            interview_id=note.interview_id,
            interviewer_id=note.recipient.interviewer_id,
            template=str(note.template.id),
            subject=note.subject,
            body=note.body,
            now=now,
        )
    message = build_message(
        sender=sender, recipient=note.to, subject=note.subject, body=note.body, when=now
    )
    deliver_message(message, route)
    sent_at = clock()
    sent = SentMessage(
        message_id=str(message["Message-ID"]),
        application_id=note.application_id,
        interviewer_id=note.recipient.interviewer_id,
        kind=str(note.template.kind),
        recipient=note.to.label(),
        sent_at=sent_at,
    )
    # Force: the rules were asked before it left; what left must be recorded.
    store.mark_sent(
        note.template,
        note.application_id,
        note.recipient.interviewer_id,
        sent_at,
        sent_at,
        force=True,
        draft_uid=note.draft_uid,
        delivered=sent,
    )
    return sent
