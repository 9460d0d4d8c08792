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
    """Interview, follow-up, reply, offer and close events of applications not deleted."""
    marks = ", ".join("?" for _ in _KINDS)
    with repository.transactions.read() as db:
        rows = db.execute(
            f"SELECT e.application_id, e.kind, e.at FROM events e "
            f"JOIN applications a ON a.id = e.application_id "
            f"WHERE a.deleted_at IS NULL AND e.kind IN ({marks}) ORDER BY e.at, e.id",
            [str(kind) for kind in _KINDS],
        ).fetchall()
    return [HistoryPoint(row[0], EventKind(row[1]), from_text(row[2])) for row in rows]
