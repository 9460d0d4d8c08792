"""The drafting panel's model: which notes are open, for whom, from which template, and
whether what is on screen is in the file yet. Pure: the screen keeps a tuple of slots and
replaces a slot whenever its text changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from pendulum import Timezone

from postinterview_tui.domain.models import ApplicationDetail
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import CloseReason, Stage
from postinterview_tui.domain.templates import (
    KIND_TEMPLATES,
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


def is_thanked(slot: Slot, detail: ApplicationDetail) -> bool:
    """True when the slot is a thank-you to an interviewer already thanked."""
    if slot.template.kind is not NoteKind.THANK_YOU or slot.recipient.interviewer_id is None:
        return False
    latest = detail.latest_interview
    return any(
        person.id == slot.recipient.interviewer_id and person.thanked_at is not None
        for person in (latest.interviewers if latest else ())
    )


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
