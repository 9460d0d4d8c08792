"""Removing and moving a scheduled interview round, each one undoable action.

Used when an invitation is cancelled or rescheduled (the inbox's calendar proposals). The rules
(only a round still ahead, never the only one removed) are the domain's
(``domain.round_changes``); moving keeps the round's people and notes and goes through the same
correction as editing it by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pendulum import DateTime

from postinterview_tui.domain.round_changes import (
    ScheduledRound,
    check_move,
    check_removal,
    plan_removal,
    round_words,
)
from postinterview_tui.domain.round_edits import plan_round_edit
from postinterview_tui.storage.errors import NotFound
from postinterview_tui.storage.interview_edits import _latest_id, _latest_round
from postinterview_tui.storage.timestamps import from_text, to_text, truncate

if TYPE_CHECKING:
    import sqlite3

    from postinterview_tui.storage.repository import Repository


def round_at(repository: Repository, application_id: int, start: DateTime) -> int | None:
    """The id of the application's round at ``start`` (to the minute), or ``None``."""
    minute = to_text(truncate(start).set(second=0))
    with repository.transactions.read() as db:
        rows = db.execute(
            "SELECT id, held_at FROM interviews WHERE application_id = ? ORDER BY id DESC",
            [application_id],
        ).fetchall()
    for interview_id, held_text in rows:
        if to_text(from_text(held_text).set(second=0)) == minute:
            return int(interview_id)
    return None


def remove_interview(repository: Repository, interview_id: int, now: DateTime) -> int:
    """Remove a scheduled round and its interviewers; returns its application's id.

    Raises:
        NotFound: no such round (or its application was deleted).
        RuleRefusal: the round took place, has thank-yous, or is the application's only one.
    """
    db = repository.db
    with repository.transactions.action("remove interview", now) as act:
        application_id, scheduled = _scheduled(db, interview_id)
        check_removal(scheduled, act.now, repository.zone)
        for (person_id,) in db.execute(
            "SELECT id FROM interviewers WHERE interview_id = ?", [interview_id]
        ).fetchall():
            act.remember("interviewers", int(person_id))
            db.execute("DELETE FROM interviewers WHERE id = ?", [person_id])
        act.remember("interviews", interview_id)
        db.execute("DELETE FROM interviews WHERE id = ?", [interview_id])
        summary = repository.summary_in(db, application_id)
        plan = plan_removal(
            summary.progress,
            _latest_round(db, application_id),
            round_words(scheduled.held_at, repository.zone),
        )
        repository.apply_plan(act, application_id, plan, act.now, summary.close_reason)
        return application_id


def move_interview(
    repository: Repository, interview_id: int, new_time: DateTime, now: DateTime
) -> int:
    """Move a scheduled round to ``new_time``, keeping its people and notes; returns its
    application's id.

    Raises:
        NotFound: no such round (or its application was deleted).
        RuleRefusal: the round took place or has thank-yous.
        FieldError: the new time is outside the years the app accepts.
    """
    db = repository.db
    with repository.transactions.action("edit interview", now) as act:
        application_id, scheduled = _scheduled(db, interview_id)
        check_move(scheduled, new_time, act.now, repository.zone)
        act.remember("interviews", interview_id)
        db.execute(
            "UPDATE interviews SET held_at = ? WHERE id = ?",
            [to_text(truncate(new_time)), interview_id],
        )
        summary = repository.summary_in(db, application_id)
        plan = plan_round_edit(
            summary.progress,
            _latest_round(db, application_id),
            edited_is_latest=_latest_id(db, application_id) == interview_id,
            decision_changed=False,
            changed=(
                f"interview round of {round_words(scheduled.held_at, repository.zone)} "
                f"moved to {round_words(new_time, repository.zone)}",
            ),
        )
        repository.apply_plan(act, application_id, plan, act.now, summary.close_reason)
        return application_id


def _scheduled(db: sqlite3.Connection, interview_id: int) -> tuple[int, ScheduledRound]:
    row = db.execute(
        "SELECT i.application_id, i.held_at, "
        "(SELECT COUNT(*) FROM interviewers p WHERE p.interview_id = i.id "
        "AND p.thanked_at IS NOT NULL), "
        "(SELECT COUNT(*) FROM interviews o WHERE o.application_id = i.application_id) "
        "FROM interviews i JOIN applications a ON a.id = i.application_id "
        "WHERE i.id = ? AND a.deleted_at IS NULL",
        [interview_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"no interview round {interview_id}")
    application_id, held_text, thanked, rounds = row
    return int(application_id), ScheduledRound(from_text(held_text), int(thanked), int(rounds))
