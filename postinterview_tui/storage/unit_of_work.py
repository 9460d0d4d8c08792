"""The unit of work every write shares: one connection, one transaction per user action, and
the steps writes have in common (read a summary inside the action, apply a domain plan, update
an application, thank a round).

:class:`UnitOfWork` is public on purpose: the repository's actions, drafts, offers, imports and
interview edits all write through it, so none reaches into another module's privates.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pendulum import DateTime, Timezone

from postinterview_tui.domain.models import ApplicationSummary, Condition
from postinterview_tui.domain.stages import (
    CloseReason,
)
from postinterview_tui.storage.dues import DuesKeeper
from postinterview_tui.storage.errors import NotFound
from postinterview_tui.storage.rows import (
    SUMMARY_COLUMNS,
    condition_from_row,
    summary_from_row,
)
from postinterview_tui.storage.search_texts import SearchTexts
from postinterview_tui.storage.timestamps import optional_to_text, to_text, truncate
from postinterview_tui.storage.transactions import Action, Transactions

if TYPE_CHECKING:
    from postinterview_tui.domain.moves import ChangePlan

MAX_ID = 2**63 - 1
"""SQLite's largest integer: a larger id cannot exist."""


class UnitOfWork:
    """One database file's connection, its transactions, and the shared write steps.

    ``transactions.read()`` reads, ``transactions.action(label, now)`` writes one user action
    (undoable unless told otherwise); the methods below run inside either.
    """

    def __init__(self, db: sqlite3.Connection, path: Path, zone: Timezone) -> None:
        self.db = db
        self.path = path
        self.zone = zone
        self.transactions = Transactions(db)
        self.dues = DuesKeeper(db, zone)
        self.search = SearchTexts(db)
        self.transactions.before_commit.append(lambda _act: self.dues.refresh())
        self.transactions.before_commit.append(lambda _act: self.search.refresh())

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Run several calls with no other call of this process in between (writes of other
        processes still show in :meth:`change_marker`)."""
        with self.transactions.lock:
            yield

    def summary_in(self, db: sqlite3.Connection, application_id: int) -> ApplicationSummary:
        """One application's summary, read on ``db`` (inside an action, the action's connection).

        Raises:
            NotFound: no such application, or it was deleted.
        """
        if not 0 < application_id <= MAX_ID:
            raise NotFound(f"no application with id {application_id}")
        rows = dict_rows(
            db.execute(
                f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE id = ? AND deleted_at IS NULL",
                [application_id],
            )
        )
        if not rows:
            raise NotFound(f"no application with id {application_id}")
        conditions = [
            condition_from_row(row)
            for row in dict_rows(
                db.execute(
                    "SELECT * FROM conditions WHERE application_id = ? ORDER BY id",
                    [application_id],
                )
            )
        ]
        return summary_from_row(rows[0], conditions, full=True)

    def condition_label(self, application_id: int, condition_id: int) -> str:
        """The label of one condition of an application.

        Raises:
            NotFound: the application has no such condition.
        """
        row = self.db.execute(
            "SELECT label FROM conditions WHERE id = ? AND application_id = ?",
            [condition_id, application_id],
        ).fetchone()
        if row is None:
            raise NotFound(f"application {application_id} has no condition {condition_id}")
        return str(row[0])

    def offer_conditions(self, db: sqlite3.Connection) -> dict[int, list[Condition]]:
        """The conditions of every application at the Offer stage, by application id."""
        result: dict[int, list[Condition]] = defaultdict(list)
        rows = db.execute(
            "SELECT * FROM conditions WHERE application_id IN (SELECT id FROM applications "
            "WHERE stage = 'offer' AND deleted_at IS NULL) ORDER BY id"
        )
        for row in dict_rows(rows):
            result[row["application_id"]].append(condition_from_row(row))
        return result

    def thank_latest_round(
        self, act: Action, application_id: int, when: DateTime
    ) -> tuple[str, ...]:
        """Mark every interviewer of the latest round not yet thanked as thanked at ``when``
        (inside ``act``).

        Returns:
            The names (or, for someone entered without one, addresses) of those it marked, in
            the order they were entered, for the history.
        """
        latest = self.db.execute(
            "SELECT id FROM interviews WHERE application_id = ? ORDER BY held_at DESC, id DESC "
            "LIMIT 1",
            [application_id],
        ).fetchone()
        if latest is None:
            return ()
        names: list[str] = []
        for person_id, name, email in self.db.execute(
            "SELECT id, name, email FROM interviewers "
            "WHERE interview_id = ? AND thanked_at IS NULL ORDER BY id",
            [latest[0]],
        ).fetchall():
            act.remember("interviewers", person_id)
            self.db.execute(
                "UPDATE interviewers SET thanked_at = ? WHERE id = ?",
                [to_text(truncate(when)), person_id],
            )
            # Someone entered by address alone is named by it.
            if name or email:
                names.append(str(name or email))
        return tuple(names)

    def apply_plan(
        self,
        act: Action,
        application_id: int,
        plan: ChangePlan,
        when: DateTime,
        close_reason: CloseReason | None,
    ) -> None:
        """Write a domain plan inside ``act``: the application's new progress, then its events
        (dated ``when``); every write through the rules ends here."""
        progress = plan.progress
        act.remember("applications", application_id)
        self.update_application(
            act,
            application_id,
            {
                "stage": str(progress.stage),
                "close_reason": str(close_reason) if close_reason else None,
                "last_interview_at": optional_to_text(progress.last_interview_at),
                "interviewers_total": progress.interviewers_total,
                "interviewers_thanked": progress.interviewers_thanked,
                "decision_by": progress.decision_by.isoformat() if progress.decision_by else None,
                "thanked_at": optional_to_text(progress.thanked_at),
                "last_reply_at": optional_to_text(progress.last_reply_at),
                "follow_ups": progress.follow_ups,
                "last_follow_up_at": optional_to_text(progress.last_follow_up_at),
                "snoozed_until": optional_to_text(progress.snoozed_until),
                "offer_deadline": optional_to_text(progress.offer_deadline),
            },
        )
        for event in plan.events:
            act.event(application_id, event.kind, when, dict(event.data))

    def update_application(self, act: Action, application_id: int, values: dict[str, Any]) -> None:
        """Update an application's columns inside ``act`` (its version and updated time too)."""
        values = {**values, "updated_at": act.now_text}
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.db.execute(
            f"UPDATE applications SET {assignments}, version = version + 1 WHERE id = ?",
            [*values.values(), application_id],
        )


def dict_rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """The rows of ``cursor`` as dictionaries keyed by column name."""
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
