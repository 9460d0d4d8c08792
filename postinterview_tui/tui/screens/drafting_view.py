"""What the drafting panel shows, as words: its head line, the people and history lists, the
template line, the line over a note already sent, and the status under the note.

Plain functions of the panel's data (user text made safe here); the screen puts them on its
widgets.
"""

from __future__ import annotations

from pendulum import Timezone
from textual.content import Content

from postinterview_tui.domain.drafting import DraftingData, Slot, history_label, is_thanked
from postinterview_tui.domain.templates import NoteKind, length_hint, word_count
from postinterview_tui.domain.text import safe_line


def head_line(data: DraftingData) -> Content:
    """ "Acme — Engineer  ·  drafting  ·  thank-you 1/2 sent"."""
    summary = data.detail.summary
    progress = summary.progress
    thanks = ""
    if progress.interviewers_total > 1:
        thanks = f"  ·  thank-you {progress.interviewers_thanked}/{progress.interviewers_total}"
    return Content.assemble(
        (safe_line(summary.company), "bold"),
        " — ",
        safe_line(summary.role),
        ("  ·  drafting" + (f"{thanks} sent" if thanks else ""), "dim"),
    )


def person_line(slot: Slot, data: DraftingData) -> Content:
    """A recipient in the "For" list, with whether they are thanked."""
    name = safe_line(slot.recipient.name or slot.recipient.email) or "(no one named)"
    if slot.template.kind is NoteKind.THANK_YOU:
        name += "  ✓ thanked" if is_thanked(slot, data.detail) else "  · not sent"
    return Content(name)


def history_lines(data: DraftingData, zone: Timezone) -> list[tuple[str, Content]]:
    """The history list: (draft uid, label) newest first."""
    return [
        (draft.uid, Content(safe_line(history_label(draft, data, zone)))) for draft in data.drafts
    ]


def template_line(slot: Slot) -> Content:
    """ "Template: Thank-you (email)  ·  ctrl+t for another" (or "as sent", for a record)."""
    template = slot.template
    return Content.assemble(
        ("Template: ", "dim"),
        template.title + ("  (yours)" if template.customised else ""),
        ("  ·  as sent" if slot.is_record else "  ·  ctrl+t for another", "dim"),
    )


def record_line(slot: Slot, zone: Timezone) -> Content:
    """Over a note already sent: when it went, and the key to write another anyway."""
    if slot.sent_at is None:
        return Content("")
    day = slot.sent_at.in_timezone(zone).format("ddd D MMM")
    name = safe_line(slot.recipient.name) or "This round"
    what = (
        f"Sent to {name} on {day}: the note as it went out."
        if slot.stored
        else f"{name} was thanked on {day} (marked sent; no copy of the note was kept here)."
    )
    return Content.assemble(
        what, (" Press ", "dim"), ("w", "bold"), (" to write another anyway.", "dim")
    )


def status_line(slot: Slot) -> tuple[Content, bool]:
    """Under the note: saved or not, its length, and a hint when it is long (the flag)."""
    if slot.is_record:
        return Content("Sent · read-only"), False
    words = word_count(slot.body)
    state = "Editing…" if slot.dirty else "Saved" if slot.stored else "New, from the template"
    hint = length_hint(slot.template, slot.body)
    text = f"{state} · {words} word{'s' if words != 1 else ''}" + (f" · {hint}" if hint else "")
    return Content(text), hint is not None
