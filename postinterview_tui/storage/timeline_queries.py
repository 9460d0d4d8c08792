"""Reads for the global timeline: what happened across every application in a span of time."""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import DateTime

from postinterview_tui.domain.records import Event, in_shown_order
from postinterview_tui.domain.stages import EventKind
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.rows import event_from_row
from postinterview_tui.storage.timestamps import to_text

DEFAULT_LIMIT = 2000
"""At most this many events are read (the newest of the span), so a busy year stays quick."""


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """An event with the application it belongs to."""

    event: Event
    company: str
    role: str


def recent_events(
    repository: Repository,
    *,
    since: DateTime,
    until: DateTime,
    limit: int = DEFAULT_LIMIT,
) -> tuple[TimelineEvent, ...]:
    """Events of applications that are not deleted, from ``since`` up to ``until``, oldest first.

    The bounds compare the stored text directly (UTC, fixed width, so text order is time order),
    which keeps the ``WHERE`` on ``events.at`` usable by an index.

    Args:
        repository: the store.
        since: the earliest instant included.
        until: the latest instant included.
        limit: how many of the newest events in the span to keep at most.

    Returns:
        The events in shown order (oldest minute first, then as recorded); when more than
        ``limit`` fall in the span, the newest ones.
    """
    # As on an application's own timeline (domain.timeline.rounds_as_booked): an interview
    # entry stands only while a round is at its time, and a round with none there (one moved)
    # is shown from the rounds table, under a negative id that no event has.
    sql = (
        "SELECT * FROM ("
        "SELECT events.id, events.application_id, events.kind, events.at, events.recorded_at, "
        "events.data, applications.company, applications.role "
        "FROM events JOIN applications ON applications.id = events.application_id "
        "WHERE events.at >= :since AND events.at <= :until AND applications.deleted_at IS NULL "
        "AND (events.kind != :held OR EXISTS (SELECT 1 FROM interviews AS i "
        "WHERE i.application_id = events.application_id AND i.held_at = events.at)) "
        "UNION ALL "
        "SELECT -i.id, i.application_id, :held, i.held_at, i.held_at, json_object('kind', i.kind), "
        "applications.company, applications.role "
        "FROM interviews AS i JOIN applications ON applications.id = i.application_id "
        "WHERE i.held_at >= :since AND i.held_at <= :until AND applications.deleted_at IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.application_id = i.application_id "
        "AND e.kind = :held AND e.at = i.held_at)"
        ") ORDER BY at DESC, id DESC LIMIT :limit"
    )
    with repository.transactions.read() as db:
        cursor = db.execute(
            sql,
            {
                "since": to_text(since),
                "until": to_text(until),
                "held": str(EventKind.INTERVIEW_HELD),
                "limit": limit,
            },
        )
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return in_shown_order(
        (TimelineEvent(event_from_row(row), str(row["company"]), str(row["role"])) for row in rows),
        lambda entry: entry.event,
    )
