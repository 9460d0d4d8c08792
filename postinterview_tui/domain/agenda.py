"""The agenda: every pending action across applications, grouped Overdue / Due soon / Upcoming
(:mod:`.agenda_groups`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from pendulum import DateTime, Timezone

from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import (
    ActionItem,
    ActionKind,
    DueStatus,
    classify_due,
    due_limits,
    item_status,
    pending_actions,
    scheduled_round,
)
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import AGENDA_STAGES, OPEN_STAGES, Stage


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One row of the daily review and of ``postinterview today``."""

    application_id: int
    company: str
    role: str
    stage: Stage
    action: ActionKind
    due: DateTime
    status: DueStatus
    detail: str
    condition_id: int | None = None


def actionable(
    summaries: Iterable[ApplicationSummary], settings: Settings, now: DateTime, zone: Timezone
) -> Iterator[tuple[ApplicationSummary, ActionItem]]:
    """Every pending action of every application in an agenda stage (open or accepted: see
    :data:`.stages.AGENDA_STAGES`), with each round still ahead of ``now`` (an
    :attr:`ActionKind.INTERVIEW` item due when it starts)."""
    for summary in summaries:
        progress = summary.progress
        if progress.stage not in AGENDA_STAGES:
            continue
        # An accepted offer has no rounds ahead: only its conditions can still ask something.
        scheduled = scheduled_round(progress, now) if progress.stage in OPEN_STAGES else None
        if scheduled is not None:
            yield summary, scheduled
        for item in pending_actions(progress, settings, zone):
            yield summary, item


def build_agenda(
    summaries: Iterable[ApplicationSummary],
    settings: Settings,
    now: DateTime,
    zone: Timezone,
    window_days: int | None = None,
) -> list[AgendaItem]:
    """Every action due within the review window (and every overdue one), by due time.

    Args:
        summaries: applications to consider (closed ones give nothing).
        settings: the rules' day counts.
        now: the current instant.
        zone: the user's zone.
        window_days: days ahead to include; defaults to ``settings.window_days``.
    """
    days = settings.window_days if window_days is None else window_days
    limits = due_limits(now, days, zone)  # the same for every item: built once
    items: list[AgendaItem] = []
    for summary, item in actionable(summaries, settings, now, zone):
        status = listed_status(
            item.action, classify_due(item.due, now, limits), not_held_yet(summary, now)
        )
        if status is None:
            continue
        items.append(
            AgendaItem(
                application_id=summary.id,
                company=summary.company,
                role=summary.role,
                stage=summary.stage,
                action=item.action,
                due=item.due,
                status=status,
                detail=item.detail,
                condition_id=item.condition_id,
            )
        )
    items.sort(key=agenda_order)
    return items


def reclassified(
    items: Iterable[AgendaItem], now: DateTime, window_days: int, zone: Timezone
) -> list[AgendaItem] | None:
    """An agenda built a little earlier, as :func:`build_agenda` would give it at ``now``
    (the same day), or ``None`` when a round on it has started since: that changes what the
    application asks for, so the agenda has to be built again."""
    items = list(items)
    rounds_ahead = {item.application_id for item in items if item.action is ActionKind.INTERVIEW}
    if any(item.action is ActionKind.INTERVIEW and item.due <= now for item in items):
        return None
    limits = due_limits(now, window_days, zone)
    result = []
    for item in items:
        timing = classify_due(item.due, now, limits)
        status = listed_status(item.action, timing, item.application_id in rounds_ahead)
        if status is None:
            continue
        result.append(item if status is item.status else replace(item, status=status))
    return result


_AWAITING_ROUND = frozenset({ActionKind.INTERVIEW, ActionKind.THANK_YOU})


def listed_status(
    action: ActionKind, timing: DueStatus | None, round_ahead: bool
) -> DueStatus | None:
    """The one rule for how an action reads on the agenda: every agenda (built from the facts,
    from the stored dues, or only counted from them) classifies each item with it.

    Args:
        action: what the item asks for.
        timing: its due instant classified at ``now`` (:func:`.rules.classify_due`): overdue,
            due, upcoming, or ``None`` beyond the window.
        round_ahead: whether the application's latest round is still ahead of ``now``.

    Returns:
        The item's group, or ``None`` when it is not listed: beyond the window, or a round
        already started (it asks nothing of the user any more). A move-on suggestion is
        advice, never overdue (:func:`.rules.item_status`); while a round is ahead, the round
        and its thank-you are upcoming whatever their times.
    """
    if timing is None or (action is ActionKind.INTERVIEW and timing is DueStatus.OVERDUE):
        return None
    if action in _AWAITING_ROUND and round_ahead:
        # The round is something to attend, not to do here, and its thank-you falls due
        # only once it is over: both are ahead of the user until then.
        return DueStatus.UPCOMING
    return item_status(action, timing)


def not_held_yet(summary: ApplicationSummary, now: DateTime) -> bool:
    """True while the application's latest interview round is still ahead of ``now``."""
    held_at = summary.progress.last_interview_at
    return held_at is not None and held_at > now


def agenda_order(item: AgendaItem) -> tuple[float, int]:
    """The agenda's order: by due instant, then application id."""
    # The dues mix stored UTC times and computed local ones; comparing datetimes of different
    # zones asks both zones for offsets every time, which made sorting the slowest step of
    # ``today``. Their timestamps give the same order for a fraction of it.
    return item.due.timestamp(), item.application_id
