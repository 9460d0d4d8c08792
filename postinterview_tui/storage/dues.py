"""Stored dues: the next actions of every application in an agenda stage (open, or accepted
with an offer condition unsettled), kept current by every write.

The ``dues`` table (migration ``0006-dues``) holds what :func:`domain.dues.stored_dues` returns
for each such application, indexed by due time; ``dues_basis`` holds the one basis they were all
computed under (:func:`domain.dues.rules_basis`: the rules' version, the zone, the settings the
rules read).

How they stay current, whatever code writes:

* each connection gets TEMP triggers (:func:`watch`) that note every application whose row or
  offer conditions change, and any change of a setting, in ``temp.dues_dirty``;
* the unit of work (:class:`storage.transactions.Transactions`) calls :meth:`DuesKeeper.refresh`
  just before it commits: the noted applications get their dues computed again, or all of them
  when the basis changed, inside the same transaction. A write and its dues commit together or
  not at all, and a recompute that is interrupted leaves the old dues.
* at start, :meth:`DuesKeeper.is_current` says whether the basis changed since the last run
  (a new rules version, another zone, settings edited elsewhere); the caller then recomputes
  everything once (:meth:`DuesKeeper.recompute_all`), showing progress.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from pendulum import DateTime, Timezone

from postinterview_tui.domain.dues import (
    RULES_VERSION,
    StoredDue,
    rules_basis,
    stored_dues,
)
from postinterview_tui.domain.models import Condition, Progress
from postinterview_tui.domain.rules import ActionItem, ActionKind
from postinterview_tui.domain.settings import Settings, settings_from_texts
from postinterview_tui.domain.stages import AGENDA_STAGES
from postinterview_tui.storage.rows import (
    SUMMARY_COLUMNS,
    condition_from_row,
    stage_from_text,
    stored_instant,
    summary_from_values,
)
from postinterview_tui.storage.timestamps import optional_to_text, to_text

RecomputeProgress = Callable[[int, int], None]
"""``(done, total)``: called now and then while every due is computed again."""

SETTINGS_CHANGED = 0
"""The id ``temp.dues_dirty`` notes a changed setting under (no application has id 0)."""

# Accepted applications keep dues too while an offer condition is unsettled (AGENDA_STAGES).
_OPEN = tuple(stage.value for stage in AGENDA_STAGES)
ACTIONS: dict[str, ActionKind] = {kind.value: kind for kind in ActionKind}
_PROGRESS_EVERY = 2000

_WATCH_SQL = """
CREATE TEMP TABLE IF NOT EXISTS dues_dirty (application_id INTEGER PRIMARY KEY);
CREATE TEMP TRIGGER IF NOT EXISTS dues_application_added AFTER INSERT ON main.applications
    BEGIN INSERT OR IGNORE INTO dues_dirty VALUES (NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS dues_application_changed AFTER UPDATE ON main.applications
    BEGIN INSERT OR IGNORE INTO dues_dirty VALUES (NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS dues_condition_added AFTER INSERT ON main.conditions
    BEGIN INSERT OR IGNORE INTO dues_dirty VALUES (NEW.application_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS dues_condition_changed AFTER UPDATE ON main.conditions
    BEGIN
        INSERT OR IGNORE INTO dues_dirty VALUES (OLD.application_id);
        INSERT OR IGNORE INTO dues_dirty VALUES (NEW.application_id);
    END;
CREATE TEMP TRIGGER IF NOT EXISTS dues_condition_removed AFTER DELETE ON main.conditions
    BEGIN INSERT OR IGNORE INTO dues_dirty VALUES (OLD.application_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS dues_setting_added AFTER INSERT ON main.settings
    BEGIN INSERT OR IGNORE INTO dues_dirty VALUES (0); END;
CREATE TEMP TRIGGER IF NOT EXISTS dues_setting_changed AFTER UPDATE ON main.settings
    BEGIN INSERT OR IGNORE INTO dues_dirty VALUES (0); END;
CREATE TEMP TRIGGER IF NOT EXISTS dues_setting_removed AFTER DELETE ON main.settings
    BEGIN INSERT OR IGNORE INTO dues_dirty VALUES (0); END;
"""


def watch(db: sqlite3.Connection) -> None:
    """Note, on this connection, every change that can change a due (TEMP triggers: they live
    with the connection and fire for every write made through it, whichever code makes it)."""
    db.executescript(_WATCH_SQL)


def read_settings(db: sqlite3.Connection) -> Settings:
    """The settings as stored (inside the caller's transaction)."""
    return settings_from_texts(
        {key: value for key, value in db.execute("SELECT key, value FROM settings")}
    )


def stored_basis(db: sqlite3.Connection) -> str | None:
    """The basis the stored dues were computed under (``None``: never computed)."""
    row = db.execute("SELECT basis FROM dues_basis WHERE id = 1").fetchone()
    return None if row is None else str(row[0])


class DuesKeeper:
    """Keeps one connection's file's dues current (see the module docstring)."""

    def __init__(self, db: sqlite3.Connection, zone: Timezone) -> None:
        self.db = db
        self.zone = zone
        watch(db)

    # -- on write ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute again the dues of what this transaction changed; all of them when the basis
        changed (a setting the rules read, or another process's zone or rules version).

        Runs inside the open transaction, just before it commits.
        """
        db = self.db
        dirty = [row[0] for row in db.execute("SELECT application_id FROM temp.dues_dirty")]
        if not dirty:
            return
        settings = read_settings(db)
        basis = rules_basis(settings, self.zone)
        if stored_basis(db) != basis:
            self._recompute_all(settings, basis, None)
        else:
            for application_id in dirty:
                if application_id != SETTINGS_CHANGED:
                    self._recompute_one(application_id, settings)
        db.execute("DELETE FROM temp.dues_dirty")

    # -- at start ----------------------------------------------------------------------------

    def is_current(self) -> bool:
        """True when the stored dues were computed under today's rules, zone and settings."""
        db = self.db
        return stored_basis(db) == rules_basis(read_settings(db), self.zone)

    def any_to_keep(self) -> bool:
        """True when some application could have dues (one not deleted, in an agenda stage)."""
        marks = ", ".join("?" * len(_OPEN))
        row = self.db.execute(
            f"SELECT 1 FROM applications WHERE deleted_at IS NULL AND stage IN ({marks}) LIMIT 1",
            _OPEN,
        ).fetchone()
        return row is not None

    def recompute_all(self, progress: RecomputeProgress | None = None) -> int:
        """Compute every due again (inside the caller's transaction); returns how many
        applications have dues."""
        settings = read_settings(self.db)
        count = self._recompute_all(settings, rules_basis(settings, self.zone), progress)
        self.db.execute("DELETE FROM temp.dues_dirty")
        return count

    # -- helpers -----------------------------------------------------------------------------

    def _recompute_all(
        self, settings: Settings, basis: str, progress: RecomputeProgress | None
    ) -> int:
        db = self.db
        marks = ", ".join("?" * len(_OPEN))
        rows = db.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE deleted_at IS NULL "
            f"AND stage IN ({marks}) ORDER BY id",
            _OPEN,
        ).fetchall()
        conditions = _conditions_of_open(db)
        total = len(rows)
        db.execute("DELETE FROM dues")
        batch: list[tuple[Any, ...]] = []
        for done, values in enumerate(rows, start=1):
            summary = summary_from_values(values, conditions.get(values[0], ()), full=True)
            batch.extend(_due_rows(summary.id, summary.progress, settings, self.zone))
            if progress is not None and (done % _PROGRESS_EVERY == 0 or done == total):
                _insert(db, batch)
                batch.clear()
                progress(done, total)
        _insert(db, batch)
        db.execute(
            "INSERT INTO dues_basis (id, basis) VALUES (1, ?) "
            "ON CONFLICT (id) DO UPDATE SET basis = excluded.basis",
            [basis],
        )
        return total

    def _recompute_one(self, application_id: int, settings: Settings) -> None:
        db = self.db
        db.execute("DELETE FROM dues WHERE application_id = ?", [application_id])
        values = db.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE id = ? AND deleted_at IS NULL",
            [application_id],
        ).fetchone()
        if values is None or stage_from_text(values[3]) not in AGENDA_STAGES:
            return
        conditions = [
            condition_from_row(row)
            for row in _dict_rows(
                db.execute(
                    "SELECT * FROM conditions WHERE application_id = ? ORDER BY id",
                    [application_id],
                )
            )
        ]
        summary = summary_from_values(values, conditions, full=True)
        _insert(db, _due_rows(application_id, summary.progress, settings, self.zone))


def _due_rows(
    application_id: int, progress: Progress, settings: Settings, zone: Timezone
) -> list[tuple[Any, ...]]:
    # The round time goes with each due: the agenda's groups are told by it, and the counts
    # read it from the due-time index rather than from the application's row.
    round_at = optional_to_text(progress.last_interview_at)
    items = stored_dues(progress, settings, zone)
    return [
        (
            application_id,
            position,
            item.action.value,
            to_text(item.due),
            item.detail,
            item.condition_id,
            RULES_VERSION,
            round_at,
        )
        for position, item in enumerate(items)
    ]


def _insert(db: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        db.executemany(
            "INSERT INTO dues (application_id, position, action, due_at, detail, condition_id, "
            "rules_version, round_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _conditions_of_open(db: sqlite3.Connection) -> dict[int, list[Condition]]:
    """Every condition of an application in an agenda stage, not deleted, by application."""
    marks = ", ".join("?" * len(_OPEN))
    result: dict[int, list[Condition]] = defaultdict(list)
    cursor = db.execute(
        "SELECT * FROM conditions WHERE application_id IN (SELECT id FROM applications "
        f"WHERE deleted_at IS NULL AND stage IN ({marks})) ORDER BY id",
        _OPEN,
    )
    for row in _dict_rows(cursor):
        result[row["application_id"]].append(condition_from_row(row))
    return result


def _dict_rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# -- reads ------------------------------------------------------------------------------------


DUE_FACTS = (  # a stored due with the facts a list shows (read by stored_due)
    "SELECT d.application_id, a.company, a.role, a.stage, a.last_interview_at, d.position, "
    "d.action, d.due_at, d.detail, d.condition_id FROM dues AS d "
    "JOIN applications AS a ON a.id = d.application_id "
)


def dues_until(db: sqlite3.Connection, now: DateTime, until: DateTime) -> list[StoredDue]:
    """Every stored due at or before ``until`` (overdue ones included), with the facts a list
    shows; a round already started by ``now`` is left out. Reads the due-time index only."""
    rows = db.execute(
        DUE_FACTS + "WHERE d.due_at <= ? AND NOT (d.action = 'interview' AND d.due_at <= ?)",
        [to_text(until), to_text(now)],
    ).fetchall()
    return [stored_due(row) for row in rows]


def first_due_after(db: sqlite3.Connection, now: DateTime) -> StoredDue | None:
    """The earliest stored due after ``now``: one step along the due-time index.

    Equal times go as ``domain.review.next_up`` takes them: the most recently changed
    application first, then the order the rules gave its dues.
    """
    row = db.execute(
        DUE_FACTS + "WHERE d.due_at > ? "
        "ORDER BY d.due_at, a.updated_at DESC, a.id DESC, d.position LIMIT 1",
        [to_text(now)],
    ).fetchone()
    return None if row is None else stored_due(row)


def stored_due(row: tuple[Any, ...]) -> StoredDue:
    """A row of :data:`DUE_FACTS` as a :class:`StoredDue`."""
    app_id, company, role, stage, held, position, action, due, detail, condition = row
    due_at = stored_instant(due)
    assert due_at is not None
    return StoredDue(
        application_id=app_id,
        company=company,
        role=role,
        stage=stage_from_text(stage),
        last_interview_at=stored_instant(held),
        position=position,
        item=ActionItem(ACTIONS[action], due_at, detail, condition),
    )


def dues_of(db: sqlite3.Connection, application_id: int) -> tuple[ActionItem, ...]:
    """One application's stored dues, in the order the rules gave them."""
    return tuple(
        ActionItem(ACTIONS[action], stored_instant(due) or _never(), detail, condition)
        for action, due, detail, condition in db.execute(
            "SELECT action, due_at, detail, condition_id FROM dues WHERE application_id = ? "
            "ORDER BY position",
            [application_id],
        )
    )


def _never() -> DateTime:
    raise ValueError("a stored due without a time")
