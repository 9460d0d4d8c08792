"""Note templates: thank-you, follow-up and offer notes, filled from what the app knows.

Templates use ``$name`` (or ``${name}``) fields; ``$$`` is a literal dollar. A field with no
value becomes a visible placeholder such as ``[interviewer name]``, so nothing half-filled
goes out unnoticed. Values are inserted literally in one pass: braces, dollars or brackets in a
company name are never read as fields or markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import quote

from pendulum import DateTime, Timezone

from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.records import ApplicationDetail, Interview
from postinterview_tui.domain.rules import follow_up_limit_reached, reasonable_follow_up_time
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.text import safe_line, safe_text

LONG_FOLLOW_UP_WORDS = 150
"""A follow-up longer than this gets a hint to keep it short."""


class NoteKind(StrEnum):
    """What sending a note means for the application."""

    THANK_YOU = "thank-you"
    FOLLOW_UP = "follow-up"
    OTHER = "other"


class TemplateId(StrEnum):
    """Stable template ids, stored with drafts and template overrides."""

    THANK_YOU_EMAIL = "thank-you-email"
    THANK_YOU_SHORT = "thank-you-short"
    FOLLOW_UP_FIRST = "follow-up-first"
    FOLLOW_UP_FINAL = "follow-up-final"
    OFFER_REPLY = "offer-reply"
    OFFER_ACCEPT = "offer-accept"
    OFFER_DECLINE = "offer-decline"
    REJECTION_REPLY = "rejection-reply"
    WITHDRAW = "withdraw"


@dataclass(frozen=True, slots=True)
class NoteTemplate:
    """A template: its title, what kind of note it makes, and its text."""

    id: TemplateId
    title: str
    kind: NoteKind
    subject: str
    body: str
    customised: bool = False
    """True when the user has replaced the default text."""


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who a draft is for. ``interviewer_id`` is set for per-interviewer thank-you notes."""

    name: str
    email: str = ""
    interviewer_id: int | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """A stored draft; every version the user wrote is kept."""

    id: int
    uid: str
    application_id: int
    interview_id: int | None
    interviewer_id: int | None
    template: str
    subject: str
    body: str
    created_at: DateTime
    updated_at: DateTime
    sent_at: DateTime | None = None


# Field name -> (what it holds, the placeholder shown when it is missing).
FIELDS: dict[str, tuple[str, str]] = {
    "name": ("who the note is to", "[name]"),
    "first_name": ("their first name", "[first name]"),
    "interviewer": ("the interviewer", "[interviewer name]"),
    "company": ("the company", "[company]"),
    "role": ("the role", "[role]"),
    "interview_day": ("the day of the latest interview", "[interview day]"),
    "topics": ("what you noted about the interview", "[something you talked about]"),
    "my_name": ("your name (settings: user.name)", "[your name]"),
    "signature": ("your signature (settings: user.signature)", "[your signature]"),
}

_FIELD = re.compile(r"\$(?:(\$)|\{([A-Za-z_]+)\}|([A-Za-z_]+))")
_TOPIC_LEAD = re.compile(
    r"^(?:we\s+)?(?:talked|spoke|chatted)\s+(?:about\s+)?|^(?:we\s+)?discussed\s+|^topics?:\s*",
    re.IGNORECASE,
)


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill ``$field`` / ``${field}`` in ``text``; missing values become placeholders.

    Args:
        text: template text.
        values: field values; empty or blank values count as missing.

    Returns:
        The filled text. Values are inserted as they are and never scanned again; unknown
        fields are left untouched; ``$$`` becomes ``$``.
    """

    def fill(match: re.Match[str]) -> str:
        if match.group(1):
            return "$"
        name = match.group(2) or match.group(3)
        if name not in FIELDS:
            return match.group(0)
        value = values.get(name, "")
        return value if value.strip() else FIELDS[name][1]

    return _FIELD.sub(fill, text)


def unfilled(text: str) -> list[str]:
    """The placeholders still present in ``text``, in field order."""
    return [placeholder for _, placeholder in FIELDS.values() if placeholder in text]


def first_name(name: str) -> str:
    """A best guess at how to greet someone: "Grace" for "Grace Okafor" or "Okafor, Grace"."""
    cleaned = name.strip()
    if "," in cleaned:
        family, _, given = cleaned.partition(",")
        cleaned = given.strip() or family.strip()
    return cleaned.split()[0] if cleaned else ""


def topics_from_notes(notes: str) -> str:
    """The first line of interview notes, shaped to follow "our conversation about"."""
    for line in notes.splitlines():
        text = line.strip().lstrip("-*• ").strip()
        if text:
            stripped = _TOPIC_LEAD.sub("", text, count=1)
            return stripped.rstrip(" .;:!") or text
    return ""


def recipients(template: NoteTemplate, detail: ApplicationDetail) -> tuple[Recipient, ...]:
    """Who drafts from ``template`` are for: one per interviewer of the latest round for a
    thank-you; otherwise one, the recruiter if known, else the latest round's first interviewer.
    """
    latest = detail.latest_interview
    people = latest.interviewers if latest else ()
    if template.kind is NoteKind.THANK_YOU:
        if not people:
            return (Recipient(""),)
        return tuple(Recipient(person.name, person.email, person.id) for person in people)
    recruiter = detail.recruiter
    if recruiter and (recruiter.name or recruiter.email):
        return (Recipient(recruiter.name, recruiter.email),)
    if people:
        return (Recipient(people[0].name, people[0].email),)
    return (Recipient(""),)


def note_values(
    detail: ApplicationDetail,
    recipient: Recipient,
    settings: Settings,
    zone: Timezone,
) -> dict[str, str]:
    """The field values for a note about ``detail`` addressed to ``recipient``.

    Every value is cleaned of terminal control characters; the signature keeps its line breaks
    and falls back to the user's name.
    """
    latest: Interview | None = detail.latest_interview
    interviewer = recipient.name
    if not recipient.interviewer_id and latest and latest.interviewers:
        interviewer = latest.interviewers[0].name
    day = latest.held_at.in_timezone(zone).format("dddd D MMMM") if latest else ""
    my_name = safe_line(settings.user_name)
    signature = safe_text(settings.user_signature).strip("\n") or my_name
    return {
        "name": safe_line(recipient.name),
        "first_name": safe_line(first_name(recipient.name)),
        "interviewer": safe_line(interviewer),
        "company": safe_line(detail.summary.company),
        "role": safe_line(detail.summary.role),
        "interview_day": day,
        "topics": safe_line(topics_from_notes(latest.notes if latest else "")),
        "my_name": my_name,
        "signature": signature,
    }


def fill(template: NoteTemplate, values: Mapping[str, str]) -> tuple[str, str]:
    """The subject and body of ``template`` filled with ``values``."""
    return render(template.subject, values), render(template.body, values)


def follow_up_template(progress: Progress) -> TemplateId:
    """The follow-up template that fits: the first one, or the final one once one has gone."""
    return TemplateId.FOLLOW_UP_FIRST if progress.follow_ups == 0 else TemplateId.FOLLOW_UP_FINAL


def follow_up_caution(
    progress: Progress, now: DateTime, settings: Settings, zone: Timezone
) -> str | None:
    """A gentle warning when a follow-up now would be early or one too many, else ``None``."""
    if follow_up_limit_reached(progress, settings):
        count = progress.follow_ups
        return (
            f"You have already followed up {count} time{'s' if count != 1 else ''} with no "
            "reply. Another note may feel pushy; it may be kinder to yourself to move on."
        )
    reasonable = reasonable_follow_up_time(progress, now, settings, zone)
    if reasonable is not None:
        day = reasonable.in_timezone(zone).format("dddd D MMMM")
        return f"It is a little early to follow up: from {day} it would be reasonable."
    return None


def word_count(text: str) -> int:
    """How many words ``text`` has."""
    return len(text.split())


def length_hint(template: NoteTemplate, body: str) -> str | None:
    """A hint to keep a follow-up short, when it runs past :data:`LONG_FOLLOW_UP_WORDS`."""
    words = word_count(body)
    if template.kind is NoteKind.FOLLOW_UP and words > LONG_FOLLOW_UP_WORDS:
        return (
            f"This follow-up is {words} words. Under {LONG_FOLLOW_UP_WORDS} is easier to "
            "read and answer."
        )
    return None


def resume_draft(
    drafts: Sequence[Draft], template_ids: Sequence[str], interviewer_id: int | None
) -> Draft | None:
    """The newest unsent draft from one of ``template_ids`` for ``interviewer_id``, if any."""
    candidates = [
        draft
        for draft in drafts
        if draft.sent_at is None
        and draft.template in template_ids
        and draft.interviewer_id == interviewer_id
    ]
    return max(candidates, key=lambda draft: (draft.updated_at, draft.id), default=None)


def plain_text(subject: str, body: str) -> str:
    """A draft as one text: a ``Subject:`` line (when there is a subject), a blank line, body."""
    body = body.rstrip("\n") + "\n"
    return f"Subject: {subject}\n\n{body}" if subject.strip() else body


def split_plain(text: str) -> tuple[str, str]:
    """Read back :func:`plain_text` (a text with no ``Subject:`` line is all body)."""
    first, newline, rest = text.partition("\n")
    if first.startswith("Subject:") and newline:
        return first.removeprefix("Subject:").strip(), rest.removeprefix("\n").rstrip("\n")
    return "", text.rstrip("\n")


def mailto_link(to: str, subject: str, body: str) -> str:
    """A ``mailto:`` link (RFC 6068) that opens a new message with the draft filled in."""
    parts = []
    if subject.strip():
        parts.append("subject=" + quote(subject, safe=""))
    parts.append("body=" + quote(body.replace("\r\n", "\n").replace("\n", "\r\n"), safe=""))
    return f"mailto:{quote(to.strip(), safe='@')}?" + "&".join(parts)


def with_override(template: NoteTemplate, subject: str, body: str) -> NoteTemplate:
    """``template`` with the user's own text."""
    return replace(template, subject=subject, body=body, customised=True)
