"""The drafting panel's model: which notes are open, for whom, from which template, and
whether what is on screen is in the file yet. Pure: the screen keeps a tuple of slots and
replaces a slot whenever its text changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from pendulum import DateTime, Timezone

from postinterview_tui.domain.default_templates import KIND_TEMPLATES
from postinterview_tui.domain.records import ApplicationDetail
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import CloseReason, Stage
from postinterview_tui.domain.templates import (
    Draft,
    NoteKind,
    NoteTemplate,
    Recipient,
    TemplateId,
    fill,
    follow_up_template,
    note_values,
    recipients,
    resume_draft,
)

NewUid = Callable[[], str]
"""Makes a new draft uid (injected, so tests get predictable ones)."""


@dataclass(frozen=True, slots=True)
class DraftingData:
    """What the panel works from: the application, settings, templates and drafts."""

    detail: ApplicationDetail
    settings: Settings
    templates: Mapping[TemplateId, NoteTemplate]
    drafts: tuple[Draft, ...]

    def template_named(self, template_id: str) -> NoteTemplate | None:
        """The template with a stored id (``None`` for one this version does not know)."""
        return next((item for key, item in self.templates.items() if key == template_id), None)


@dataclass(frozen=True, slots=True)
class Slot:
    """The note for one recipient, as on screen."""

    uid: str
    template: NoteTemplate
    recipient: Recipient
    subject: str
    body: str
    saved: tuple[str, str]
    """The text last written to the file (or as first shown, when never written)."""
    stored: bool = False
    sent_at: DateTime | None = None
    """Set when the slot shows a note already sent then: a record, read-only."""

    @property
    def is_record(self) -> bool:
        """True when the slot shows a note already sent (it cannot be edited or sent again)."""
        return self.sent_at is not None

    @property
    def dirty(self) -> bool:
        """True when the text on screen is not in the file yet."""
        return (self.subject, self.body) != self.saved

    def edited(self, subject: str, body: str) -> Slot:
        """The slot with the text the user typed."""
        return replace(self, subject=subject, body=body)

    def written(self, subject: str, body: str) -> Slot:
        """The slot once ``subject``/``body`` are in the file."""
        return replace(self, saved=(subject, body), stored=True)

    def restarted(self, uid: str) -> Slot:
        """After the note was sent: further edits go to a new draft, ``uid``."""
        return replace(self, uid=uid, saved=(self.subject, self.body), stored=False)


def starting_template(kind: NoteKind, detail: ApplicationDetail) -> TemplateId:
    """The template a panel opened for ``kind`` starts from."""
    if kind is NoteKind.THANK_YOU:
        return TemplateId.THANK_YOU_EMAIL
    if kind is NoteKind.FOLLOW_UP:
        return follow_up_template(detail.summary.progress)
    return stage_template(detail.summary.stage, detail.summary.close_reason)


def stage_template(stage: Stage, reason: CloseReason | None) -> TemplateId:
    """The note that fits where an application ended up: a reply to a rejection, accepting or
    declining an offer, withdrawing, or replying to an offer."""
    if stage is Stage.ACCEPTED:
        return TemplateId.OFFER_ACCEPT
    if stage is Stage.CLOSED:
        if reason is CloseReason.DECLINED_OFFER:
            return TemplateId.OFFER_DECLINE
        if reason is CloseReason.WITHDREW:
            return TemplateId.WITHDRAW
        return TemplateId.REJECTION_REPLY
    return TemplateId.OFFER_REPLY


def fresh_slot(
    data: DraftingData, template: NoteTemplate, recipient: Recipient, zone: Timezone, uid: str
) -> Slot:
    """A new, unsaved note from ``template`` for ``recipient``."""
    subject, body = fill(template, note_values(data.detail, recipient, data.settings, zone))
    return Slot(uid, template, recipient, subject, body, (subject, body))


def slot_from_draft(data: DraftingData, draft: Draft, recipient: Recipient, uid: str) -> Slot:
    """A stored draft on screen. A sent one is a record: it is copied into a new draft ``uid``."""
    template = data.template_named(draft.template) or data.templates[TemplateId.THANK_YOU_EMAIL]
    text = (draft.subject, draft.body)
    if draft.sent_at is not None:
        return Slot(uid, template, recipient, *text, text)
    return Slot(draft.uid, template, recipient, *text, text, stored=True)


def build_slots(
    data: DraftingData,
    kind: NoteKind,
    zone: Timezone,
    new_uid: NewUid,
    prefer: TemplateId | None = None,
) -> tuple[Slot, ...]:
    """One slot per recipient: the latest unsent draft of the kind (or of ``prefer``) for them,
    else a new note from the starting template (or ``prefer``)."""
    start = prefer or starting_template(kind, data.detail)
    template = data.templates[start]
    choices = [str(start)] if prefer else [str(item) for item in KIND_TEMPLATES[template.kind]]
    slots = []
    for recipient in recipients(template, data.detail):
        draft = resume_draft(data.drafts, choices, recipient.interviewer_id)
        slots.append(
            slot_from_draft(data, draft, recipient, new_uid())
            if draft
            else fresh_slot(data, template, recipient, zone, new_uid())
        )
    return tuple(slots)


def switch_template(
    data: DraftingData, slot: Slot, template_id: TemplateId, zone: Timezone, new_uid: NewUid
) -> Slot:
    """The slot's recipient with ``template_id``: their unsent draft from it, or a new one."""
    draft = resume_draft(data.drafts, [str(template_id)], slot.recipient.interviewer_id)
    if draft is not None:
        return slot_from_draft(data, draft, slot.recipient, new_uid())
    return fresh_slot(data, data.templates[template_id], slot.recipient, zone, new_uid())


def thanked_at(detail: ApplicationDetail, recipient: Recipient) -> DateTime | None:
    """When ``recipient`` was thanked for the latest round (None if not yet).

    A recipient with no interviewer (a round that names no one) counts as thanked once a
    thank-you was recorded after the round.
    """
    latest = detail.latest_interview
    if recipient.interviewer_id is None:
        progress = detail.summary.progress
        held, thanked = progress.last_interview_at, progress.thanked_at
        if latest is not None and latest.interviewers:
            return None  # a note to no one in particular, in a round with names
        return thanked if held is not None and thanked is not None and thanked >= held else None
    return next(
        (
            person.thanked_at
            for person in (latest.interviewers if latest else ())
            if person.id == recipient.interviewer_id
        ),
        None,
    )


def is_thanked(slot: Slot, detail: ApplicationDetail) -> bool:
    """True when the slot is a thank-you to someone already thanked for the latest round."""
    if slot.template.kind is not NoteKind.THANK_YOU:
        return False
    return thanked_at(detail, slot.recipient) is not None


def sent_record(data: DraftingData, recipient: Recipient, uid: str) -> Slot | None:
    """What was sent to ``recipient`` for the latest round, as a read-only slot (None when
    they are not thanked yet). Without a stored copy (marked sent from the board or the
    review), the record is empty and says when."""
    when = thanked_at(data.detail, recipient)
    if when is None:
        return None
    thank_yous = [str(item) for item in KIND_TEMPLATES[NoteKind.THANK_YOU]]
    latest = data.detail.latest_interview
    held = latest.held_at if latest else None
    sent = [
        draft
        for draft in data.drafts
        if draft.sent_at is not None
        and draft.template in thank_yous
        and draft.interviewer_id == recipient.interviewer_id
        and (held is None or draft.sent_at >= held)
    ]
    if not sent:
        template = data.templates[TemplateId.THANK_YOU_EMAIL]
        return Slot(uid, template, recipient, "", "", ("", ""), sent_at=when)
    draft = max(sent, key=lambda item: (item.updated_at, item.id))
    template = data.template_named(draft.template) or data.templates[TemplateId.THANK_YOU_EMAIL]
    text = (draft.subject, draft.body)
    return Slot(draft.uid, template, recipient, *text, text, stored=True, sent_at=draft.sent_at)


def with_records(
    data: DraftingData,
    slots: tuple[Slot, ...],
    new_uid: NewUid,
    writing: frozenset[int | None] = frozenset(),
) -> tuple[Slot, ...]:
    """The slots, with each thank-you to someone already thanked showing what was sent.

    Not for the recipients in ``writing`` (the user chose to write another anyway), nor where
    a draft to them was begun after they were thanked (writing another is under way).
    """
    updated = {draft.uid: draft.updated_at for draft in data.drafts}
    result = []
    for slot in slots:
        record = None
        if (
            slot.template.kind is NoteKind.THANK_YOU
            and slot.recipient.interviewer_id not in writing
        ):
            record = sent_record(data, slot.recipient, new_uid())
        begun = updated.get(slot.uid) if slot.stored and not slot.is_record else None
        if (
            record is not None
            and record.sent_at is not None
            and (begun is None or begun <= record.sent_at)
        ):
            result.append(record)
        else:
            result.append(slot)
    return tuple(result)


def another_note(data: DraftingData, slot: Slot, zone: Timezone, new_uid: NewUid) -> Slot:
    """A new note to the recipient of a record ("write another anyway"), from its template."""
    template = data.templates[TemplateId.THANK_YOU_EMAIL]
    if slot.template.kind is NoteKind.THANK_YOU:
        template = slot.template
    return fresh_slot(data, template, slot.recipient, zone, new_uid())


def first_open(slots: tuple[Slot, ...], detail: ApplicationDetail, default: int = 0) -> int:
    """The first slot still to be sent (``default`` when all are)."""
    return next(
        (index for index, slot in enumerate(slots) if not is_thanked(slot, detail)), default
    )


def history_label(draft: Draft, data: DraftingData, zone: Timezone) -> str:
    """How a draft reads in the history list: "25 Nov 10:02 · Thank-you (email) · Ana · sent"."""
    template = data.template_named(draft.template)
    parts = [
        draft.updated_at.in_timezone(zone).format("D MMM HH:mm"),
        template.title if template else draft.template,
    ]
    names = {
        person.id: person.name
        for interview in data.detail.interviews
        for person in interview.interviewers
    }
    if draft.interviewer_id in names:
        parts.append(names[draft.interviewer_id])
    if draft.sent_at is not None:
        parts.append("sent")
    return " · ".join(parts)
