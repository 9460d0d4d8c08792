"""Text and JSON output for the command line. User text never reaches the terminal raw."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem
from postinterview_tui.domain.calendar import wall_clock
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import ActionItem, DueStatus
from postinterview_tui.domain.text import safe_line, safe_text, shorten
from postinterview_tui.domain.wording import ACTION_LABELS, lateness

if TYPE_CHECKING:
    # Only named in annotations: ``today`` need not load the detail records (see models).
    from postinterview_tui.domain.models import ApplicationDetail

GROUP_TITLES = {
    DueStatus.OVERDUE: "Overdue",
    DueStatus.DUE: "Due",
    DueStatus.UPCOMING: "Upcoming",
}


def rfc3339(moment: DateTime | None, zone: Timezone) -> str | None:
    """An instant as RFC 3339 with seconds and the local offset."""
    if moment is None:
        return None
    # The standard library's conversion reads the same clock as ``in_timezone`` and its replace()
    # is many times faster than pendulum's: ``today --json`` writes a thousand of these.
    return wall_clock(moment, zone).replace(microsecond=0).isoformat()


def clean_line(text: str) -> str:
    """Exactly :func:`safe_line`, faster for the usual text that holds nothing to remove.

    Every character ``safe_line`` removes or folds (controls, direction marks, line breaks,
    surrogates) is one that ``str.isprintable`` rejects, so printable text only needs the
    ``strip()`` that ``safe_line`` ends with. ``today`` cleans two strings per row.
    """
    return text.strip() if text.isprintable() else safe_line(text)


def summary_json(
    summary: ApplicationSummary, action: ActionItem | None, zone: Timezone
) -> dict[str, Any]:
    """One application for ``list --json``."""
    return {
        "id": summary.id,
        "company": summary.company,
        "role": summary.role,
        "stage": str(summary.stage),
        "created_at": rfc3339(summary.created_at, zone),
        "updated_at": rfc3339(summary.updated_at, zone),
        "next_action": str(action.action) if action else None,
        "next_due": rfc3339(action.due, zone) if action else None,
    }


def agenda_json(item: AgendaItem, zone: Timezone) -> dict[str, Any]:
    """One agenda item for ``today --json``."""
    return {
        "application_id": item.application_id,
        "company": item.company,
        "role": item.role,
        "stage": str(item.stage),
        "action": str(item.action),
        "due": rfc3339(item.due, zone),
        "status": str(item.status),
        "detail": item.detail,
    }


def list_lines(
    rows: list[tuple[ApplicationSummary, ActionItem | None]], now: DateTime, zone: Timezone
) -> list[str]:
    """``list`` as aligned text lines."""
    lines = []
    for summary, action in rows:
        name = shorten(clean_line(f"{summary.company} — {summary.role}"), 48)
        next_part = ""
        if action is not None:
            next_part = f"{ACTION_LABELS[action.action]} {lateness(action.due, now, zone)}"
        lines.append(f"{summary.id:>5}  {name:<48}  {summary.stage.label:<15} {next_part}".rstrip())
    return lines


def agenda_lines(items: list[AgendaItem], now: DateTime, zone: Timezone) -> list[str]:
    """``today`` as text grouped Overdue / Due / Upcoming."""
    lines: list[str] = []
    for status, title in GROUP_TITLES.items():
        group = [item for item in items if item.status is status]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{title} ({len(group)})")
        for item in group:
            name = shorten(clean_line(f"{item.company} — {item.role}"), 40)
            action = ACTION_LABELS[item.action]
            when = lateness(item.due, now, zone)
            detail = f"  · {clean_line(item.detail)}" if item.detail else ""
            lines.append(f"  #{item.application_id:<5} {name:<40}  {action:<18} {when}{detail}")
    return lines


def detail_lines(
    detail: ApplicationDetail, action: ActionItem | None, now: DateTime, zone: Timezone
) -> list[str]:
    """``show`` as text."""
    summary = detail.summary

    def local(moment: DateTime) -> str:
        return moment.in_timezone(zone).format("ddd D MMM YYYY HH:mm")

    lines = [
        f"#{summary.id}  {safe_line(summary.company)} — {safe_line(summary.role)}",
        f"Stage:    {summary.stage.label}"
        + (f" ({summary.close_reason.phrase})" if summary.close_reason else ""),
    ]
    if action is not None:
        lines.append(
            f"Next:     {ACTION_LABELS[action.action]}, {lateness(action.due, now, zone)}"
            + (f" ({safe_line(action.detail)})" if action.detail else "")
        )
    for label, value in (("Location", detail.location), ("Link", detail.link)):
        if value:
            lines.append(f"{label + ':':<9} {safe_line(value)}")
    if detail.recruiter:
        lines.append(f"Recruiter: {safe_line(detail.recruiter.formatted())}")
    for interview in detail.interviews:
        people = ", ".join(
            safe_line(person.name or person.email) for person in interview.interviewers
        )
        lines.append(
            f"Interview {local(interview.held_at)} ({interview.kind})"
            + (f" with {people}" if people else "")
        )
    if detail.notes:
        lines.append("Notes:")
        lines.extend(f"  {line}" for line in safe_text(detail.notes).splitlines())
    lines.append("History:")
    for event in detail.events:
        text = f"  {local(event.at)}  {event.kind}"
        sent_to = f"to {event.data['sent_to']}" if event.data.get("sent_to") else ""
        note = event.data.get("text") or event.data.get("reason") or sent_to
        if note:
            text += f": {shorten(safe_line(str(note)), 60)}"
        lines.append(text)
    return lines


def detail_json(
    detail: ApplicationDetail, action: ActionItem | None, zone: Timezone
) -> dict[str, Any]:
    """One application, complete, for ``show --json``."""
    summary = detail.summary
    return {
        **summary_json(summary, action, zone),
        "close_reason": str(summary.close_reason) if summary.close_reason else None,
        "location": detail.location,
        "link": detail.link,
        "recruiter": detail.recruiter.formatted() if detail.recruiter else None,
        "notes": detail.notes,
        "interviews": [
            {
                "id": interview.id,
                "held_at": rfc3339(interview.held_at, zone),
                "kind": str(interview.kind),
                "notes": interview.notes,
                "decision_by": interview.decision_by.isoformat() if interview.decision_by else None,
                "interviewers": [
                    {
                        "name": person.name,
                        "email": person.email,
                        "thanked_at": rfc3339(person.thanked_at, zone),
                    }
                    for person in interview.interviewers
                ],
            }
            for interview in detail.interviews
        ],
        "events": [
            {"kind": str(event.kind), "at": rfc3339(event.at, zone), "data": event.data}
            for event in detail.events
        ],
    }
