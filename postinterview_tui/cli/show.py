"""``postinterview show``: one application as text (its history in the words of the TUI's
timeline) and as JSON (the whole application: rounds, interviewers, events, conditions and
drafts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pendulum import DateTime, Timezone

from postinterview_tui.cli.output import rfc3339, summary_json
from postinterview_tui.domain.rules import ActionItem
from postinterview_tui.domain.text import safe_line, safe_text
from postinterview_tui.domain.timeline import describe_event
from postinterview_tui.domain.wording import ACTION_LABELS, due_words

if TYPE_CHECKING:
    from postinterview_tui.domain.records import ApplicationDetail, Interview
    from postinterview_tui.storage.repository import Repository

WHEN_FORMAT = "ddd D MMM YYYY HH:mm"
"""How ``show`` writes an instant: the same as the TUI's timeline."""


def round_state(interview: Interview, now: DateTime) -> str:
    """ "held" once a round's time has come, "scheduled" while it is still ahead."""
    return "scheduled" if interview.held_at > now else "held"


def detail_lines(
    detail: ApplicationDetail, action: ActionItem | None, now: DateTime, zone: Timezone
) -> list[str]:
    """``show`` as text; the history reads as the detail screen's timeline does."""
    summary = detail.summary

    def local(moment: DateTime) -> str:
        return moment.in_timezone(zone).format(WHEN_FORMAT)

    lines = [
        f"#{summary.id}  {safe_line(summary.company)} — {safe_line(summary.role)}",
        f"Stage:    {summary.stage.label}"
        + (f" ({summary.close_reason.phrase})" if summary.close_reason else ""),
    ]
    if action is not None:
        when = due_words(action.action, action.due, now, zone)
        extra = f" ({safe_line(action.detail)})" if action.detail else ""
        lines.append(f"Next:     {ACTION_LABELS[action.action]}, {when}{extra}")
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
            f"Interview {round_state(interview, now)} {local(interview.held_at)} "
            f"({interview.kind})" + (f" with {people}" if people else "")
        )
    if detail.notes:
        lines.append("Notes:")
        lines.extend(f"  {line}" for line in safe_text(detail.notes).splitlines())
    lines.append("History:")
    lines.extend(
        f"  {local(event.at)}  {safe_line(describe_event(event, now))}" for event in detail.events
    )
    return lines


def detail_json(
    detail: ApplicationDetail,
    action: ActionItem | None,
    repository: Repository,
    now: DateTime,
    zone: Timezone,
) -> dict[str, Any]:
    """The whole application for ``show --json``: its fields, every round with its
    interviewers, every event (with the timeline's words), its offer conditions and its
    drafts (sent or not)."""
    from postinterview_tui.storage.drafts import DraftStore

    summary = detail.summary
    progress = summary.progress
    drafts = DraftStore(repository).drafts_for(summary.id)
    return {
        **summary_json(summary, action, zone),
        "close_reason": str(summary.close_reason) if summary.close_reason else None,
        "location": detail.location,
        "link": detail.link,
        "recruiter": detail.recruiter.formatted() if detail.recruiter else None,
        "notes": detail.notes,
        "offer_notes": detail.offer_notes,
        "decision_by": progress.decision_by.isoformat() if progress.decision_by else None,
        "offer_deadline": rfc3339(progress.offer_deadline, zone),
        "follow_ups": progress.follow_ups,
        "snoozed_until": rfc3339(progress.snoozed_until, zone),
        "interviews": [
            {
                "id": interview.id,
                "held_at": rfc3339(interview.held_at, zone),
                "state": round_state(interview, now),
                "kind": str(interview.kind),
                "notes": interview.notes,
                "decision_by": interview.decision_by.isoformat() if interview.decision_by else None,
                "interviewers": [
                    {
                        "id": person.id,
                        "name": person.name,
                        "email": person.email,
                        "title": person.title,
                        "thanked_at": rfc3339(person.thanked_at, zone),
                    }
                    for person in interview.interviewers
                ],
            }
            for interview in detail.interviews
        ],
        "events": [
            {
                "kind": str(event.kind),
                "at": rfc3339(event.at, zone),
                "text": describe_event(event, now),
                "data": event.data,
            }
            for event in detail.events
        ],
        "conditions": [
            {
                "id": condition.id,
                "kind": str(condition.kind),
                "label": condition.label,
                "status": str(condition.status),
                "started_at": rfc3339(condition.started_at, zone),
                "resolved_at": rfc3339(condition.resolved_at, zone),
                "last_check_in_at": rfc3339(condition.last_check_in_at, zone),
            }
            for condition in progress.conditions
        ],
        "drafts": [
            {
                "uid": draft.uid,
                "template": draft.template,
                "interview_id": draft.interview_id,
                "interviewer_id": draft.interviewer_id,
                "state": "sent" if draft.sent_at is not None else "draft",
                "subject": draft.subject,
                "body": draft.body,
                "created_at": rfc3339(draft.created_at, zone),
                "updated_at": rfc3339(draft.updated_at, zone),
                "sent_at": rfc3339(draft.sent_at, zone),
            }
            for draft in drafts
        ],
    }
