"""Correcting an interview round: its time, kind, notes, decision date and interviewers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pendulum import DateTime

from postinterview_tui.domain.round_edits import RoundFacts, plan_round_edit
from postinterview_tui.storage.errors import NotFound
from postinterview_tui.storage.timestamps import (
    from_text,
    optional_date,
    optional_from_text,
    to_text,
    truncate,
)

if TYPE_CHECKING:
    from postinterview_tui.domain.entries import InterviewChange
    from postinterview_tui.storage.repository import Repository
    from postinterview_tui.storage.transactions import Action


def edit_interview(repository: Repository, change: InterviewChange, now: DateTime) -> int:
    """Write a corrected round in one undoable action; returns its application's id.

    An interviewer kept (renamed, address fixed) keeps the thank-you recorded for them;
    one left out is removed; new ones are added. Nothing is written when nothing changed.

    Raises:
        NotFound: no such round, or an interviewer who is not in it.
    """
    try:
        return _edit(repository, change, now)
    except _NothingChanged as unchanged:
        return unchanged.application_id  # rolled back: no empty step for undo


class _NothingChanged(Exception):
    def __init__(self, application_id: int) -> None:
        super().__init__(application_id)
        self.application_id = application_id


def _edit(repository: Repository, change: InterviewChange, now: DateTime) -> int:
    db = repository.db
    with repository.transactions.action("edit interview", now) as act:
        row = db.execute(
            "SELECT i.application_id, i.held_at, i.kind, i.notes, i.decision_by "
            "FROM interviews i JOIN applications a ON a.id = i.application_id "
            "WHERE i.id = ? AND a.deleted_at IS NULL",
            [change.interview_id],
        ).fetchone()
        if row is None:
            raise NotFound(f"no interview round {change.interview_id}")
        application_id, held_text, kind, notes, decision_text = row
        changed: list[str] = []
        values: dict[str, Any] = {
            "held_at": to_text(truncate(change.held_at)),
            "kind": str(change.kind),
            "notes": change.notes,
            "decision_by": change.decision_by.isoformat() if change.decision_by else None,
        }
        before = {"held_at": held_text, "kind": kind, "notes": notes, "decision_by": decision_text}
        labels = {
            "held_at": "interview time",
            "kind": "interview kind",
            "notes": "what you talked about",
            "decision_by": "decision date",
        }
        changed.extend(labels[name] for name in values if values[name] != before[name])
        if changed:
            act.remember("interviews", change.interview_id)
            assignments = ", ".join(f"{name} = ?" for name in values)
            db.execute(
                f"UPDATE interviews SET {assignments} WHERE id = ?",
                [*values.values(), change.interview_id],
            )
        if _write_interviewers(act, change):
            changed.append("interviewers")
        if not changed:
            raise _NothingChanged(int(application_id))
        summary = repository.summary_in(db, application_id)
        plan = plan_round_edit(
            summary.progress,
            _latest_round(db, application_id),
            edited_is_latest=_latest_id(db, application_id) == change.interview_id,
            decision_changed="decision date" in changed,
            changed=tuple(changed),
        )
        repository.apply_plan(act, application_id, plan, act.now, summary.close_reason)
        return int(application_id)


def _write_interviewers(act: Action, change: InterviewChange) -> bool:
    db = act.db
    current = {
        person_id: (name, email)
        for person_id, name, email in db.execute(
            "SELECT id, name, email FROM interviewers WHERE interview_id = ?",
            [change.interview_id],
        ).fetchall()
    }
    kept = {person.id for person in change.interviewers if person.id is not None}
    unknown = kept - current.keys()
    if unknown:
        raise NotFound(f"interviewer {min(unknown)} is not in this interview round")
    touched = False
    for person_id in current.keys() - kept:
        act.remember("interviewers", person_id)
        db.execute("DELETE FROM interviewers WHERE id = ?", [person_id])
        touched = True
    for person in change.interviewers:
        if person.id is None:
            act.insert(
                "interviewers",
                {"interview_id": change.interview_id, "name": person.name, "email": person.email},
            )
            touched = True
        elif current[person.id] != (person.name, person.email):
            act.remember("interviewers", person.id)
            db.execute(
                "UPDATE interviewers SET name = ?, email = ? WHERE id = ?",
                [person.name, person.email, person.id],
            )
            touched = True
    return touched


def _latest_id(db: Any, application_id: int) -> int | None:
    row = db.execute(
        "SELECT id FROM interviews WHERE application_id = ? ORDER BY held_at DESC, id DESC LIMIT 1",
        [application_id],
    ).fetchone()
    return None if row is None else int(row[0])


def _latest_round(db: Any, application_id: int) -> RoundFacts:
    latest = _latest_id(db, application_id)
    row = db.execute(
        "SELECT held_at, decision_by FROM interviews WHERE id = ?", [latest]
    ).fetchone()
    people = db.execute(
        "SELECT thanked_at FROM interviewers WHERE interview_id = ?", [latest]
    ).fetchall()
    thanked = [optional_from_text(text) for (text,) in people if text]
    return RoundFacts(
        held_at=from_text(row[0]),
        interviewers=len(people),
        thanked=len(thanked),
        last_thanked_at=max((when for when in thanked if when is not None), default=None),
        decision_by=optional_date(row[1]),
    )
