"""Text and JSON output for the command line. User text never reaches the terminal raw."""

from __future__ import annotations

from typing import Any

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem
from postinterview_tui.domain.agenda_groups import shown_groups
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import ActionItem, DueStatus
from postinterview_tui.domain.text import safe_line, shorten
from postinterview_tui.domain.wording import ACTION_LABELS, due_words, let_go_words


def rfc3339(moment: DateTime | None, zone: Timezone) -> str | None:
    """An instant as RFC 3339 with seconds and the local offset."""
    if moment is None:
        return None
    return moment.in_timezone(zone).replace(microsecond=0).isoformat()


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
            next_part = (
                f"{ACTION_LABELS[action.action]} {due_words(action.action, action.due, now, zone)}"
            )
        lines.append(f"{summary.id:>5}  {name:<48}  {summary.stage.label:<15} {next_part}".rstrip())
    return lines


def agenda_lines(items: list[AgendaItem], now: DateTime, zone: Timezone) -> list[str]:
    """``today`` as text in the review's groups (:func:`.agenda_groups.group_agenda`)."""
    lines: list[str] = []
    for group in shown_groups(items):
        if lines:
            lines.append("")
        lines.append(group.heading)
        for item in group.items:
            name = shorten(clean_line(f"{item.company} — {item.role}"), 40)
            action = ACTION_LABELS[item.action]
            when = due_words(item.action, item.due, now, zone)
            detail = f"  · {clean_line(item.detail)}" if item.detail else ""
            if item.status is DueStatus.GONE_QUIET:
                # Advice, not a lateness: the question it asks, with since when.
                when, detail = clean_line(let_go_words(item.detail)), ""
            lines.append(f"  #{item.application_id:<5} {name:<40}  {action:<18} {when}{detail}")
    return lines
