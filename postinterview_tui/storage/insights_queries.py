"""Reads for the insights screen: close reasons and the events that matter for timing."""

from __future__ import annotations

from postinterview_tui.domain.insights import HistoryPoint
from postinterview_tui.domain.stages import CloseReason, EventKind
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.timestamps import from_text

_KINDS = (
    EventKind.INTERVIEW_HELD,
    EventKind.FOLLOW_UP_SENT,
    EventKind.REPLY_RECEIVED,
    EventKind.OFFER_RECEIVED,
    EventKind.CLOSED,
)


def close_reasons(repository: Repository) -> list[CloseReason]:
    """The reason of every closed application that is not deleted."""
    with repository.transactions.read() as db:
        rows = db.execute(
            "SELECT close_reason FROM applications WHERE stage = 'closed' "
            "AND deleted_at IS NULL AND close_reason IS NOT NULL"
        ).fetchall()
    reasons = []
    for (value,) in rows:
        try:
            reasons.append(CloseReason(value))
        except ValueError:
            continue
    return reasons


def history_points(repository: Repository) -> list[HistoryPoint]:
    """Interview, follow-up, reply, offer and close events of applications not deleted.

    The interviews are the rounds as they are now, read from the rounds themselves: a round
    removed or moved after it was added leaves its history entry at the old time (see
    ``domain.timeline.rounds_as_booked``), and a reply's delay counts from the round held.
    """
    others = [kind for kind in _KINDS if kind is not EventKind.INTERVIEW_HELD]
    marks = ", ".join("?" for _ in others)
    with repository.transactions.read() as db:
        rows = db.execute(
            "SELECT application_id, kind, at FROM ("
            f"SELECT e.application_id, e.kind, e.at, e.id FROM events e "
            f"JOIN applications a ON a.id = e.application_id "
            f"WHERE a.deleted_at IS NULL AND e.kind IN ({marks}) "
            "UNION ALL "
            "SELECT i.application_id, ?, i.held_at, 0 FROM interviews i "
            "JOIN applications a ON a.id = i.application_id WHERE a.deleted_at IS NULL"
            ") ORDER BY at, id",
            [*(str(kind) for kind in others), str(EventKind.INTERVIEW_HELD)],
        ).fetchall()
    return [HistoryPoint(row[0], EventKind(row[1]), from_text(row[2])) for row in rows]
