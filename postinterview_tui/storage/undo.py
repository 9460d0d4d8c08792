"""Undo: an action's remembered rows put back as they were before it, in one transaction.

Every undoable action remembers the rows it changed (:class:`.transactions.Action`); undoing it
writes those rows back, newest change first, and records that it was undone. Some writes cannot
be undone themselves (an import, a purge) and may since have re-added a row the undo would bring
back, or removed one it points at: putting the old row back would then break the file's own
rules (one row per uid, rows that point at rows). Such an undo is refused with the reason, and
nothing of it is written.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from pendulum import DateTime

from postinterview_tui.domain.stages import EventKind
from postinterview_tui.storage.errors import NothingToUndo, UndoBlocked

if TYPE_CHECKING:
    from postinterview_tui.storage.transactions import Transactions

UNDOABLE_TABLES = (
    "applications",
    "interviews",
    "interviewers",
    "conditions",
    "drafts",
    "inbox_messages",
)
"""Tables whose remembered rows an undo puts back (an undone inbox acceptance leaves its
proposal pending again)."""


def undo_latest(
    transactions: Transactions, now: DateTime, *, own: bool = False
) -> tuple[str, list[int]]:
    """Undo the most recent action not undone yet: of any window, or (``own``) of this one.

    Returns:
        The undone action's label and the applications it touched.

    Raises:
        NothingToUndo: no action is left to undo.
        UndoBlocked: (``own``) a later change made elsewhere touched the same application; or
            a later change that cannot be undone (an import) conflicts with the rows this undo
            would put back. Nothing was written.
    """
    mine = transactions.mine
    with transactions.action("undo", now, undoable=False) as undo:
        db = undo.db
        where = "undone_at IS NULL"
        params: list[int] = []
        if own:
            where += f" AND id IN ({', '.join('?' * len(mine))})" if mine else " AND 0"
            params = list(mine)
        row = db.execute(
            f"SELECT id, label, snapshot FROM actions WHERE {where} ORDER BY id DESC LIMIT 1",
            params,
        ).fetchone()
        if row is None:
            raise NothingToUndo("nothing to undo" + (" in this window" if own else ""))
        action_id, label, snapshot_text = row
        snapshot = json.loads(snapshot_text)
        touched = [int(item) for item in snapshot.get("applications", [])]
        if own:
            rows = {(item["table"], item["id"]) for item in snapshot.get("rows", [])}
            _refuse_if_changed_elsewhere(db, mine, action_id, str(label), touched, rows)
        try:
            for item in reversed(snapshot.get("rows", [])):
                _restore(db, item["table"], item["id"], item["before"], undo.now_text)
        except sqlite3.IntegrityError:
            raise UndoBlocked(_conflict_reason(db, str(label), touched)) from None
        db.execute("UPDATE actions SET undone_at = ? WHERE id = ?", [undo.now_text, action_id])
        for application_id in touched:
            exists = db.execute(
                "SELECT 1 FROM applications WHERE id = ?", [application_id]
            ).fetchone()
            if exists:
                undo.event(
                    application_id,
                    EventKind.UNDONE,
                    undo.now,
                    {"label": label, "action": action_id},
                )
        return str(label), touched


def _refuse_if_changed_elsewhere(
    db: sqlite3.Connection,
    mine: list[int],
    action_id: int,
    label: str,
    touched: list[int],
    rows: set[tuple[str, int]],
) -> None:
    """Raise :class:`UndoBlocked` when a later action of another window touched the same
    applications, or changed the same rows (an inbox message dismissed here and linked
    elsewhere): undoing would restore rows over that change."""
    from postinterview_tui.domain.undo_words import undo_message

    own = set(mine)
    for later_id, later_label, later_text in db.execute(
        "SELECT id, label, snapshot FROM actions WHERE id > ? AND undone_at IS NULL ORDER BY id",
        [action_id],
    ).fetchall():
        if later_id in own:
            continue
        later = json.loads(later_text)
        shared = set(touched) & set(later.get("applications", []))
        later_rows = {(item["table"], item["id"]) for item in later.get("rows", [])}
        if shared or rows & later_rows:
            names = companies(db, sorted(shared))
            raise UndoBlocked(
                f"cannot undo {undo_message(label, companies(db, touched))}: "
                f"{', '.join(names) or 'it'} was changed elsewhere since ({later_label})"
            )


def _conflict_reason(db: sqlite3.Connection, label: str, touched: list[int]) -> str:
    """Why an undo whose rows no longer fit the file is refused."""
    from postinterview_tui.domain.undo_words import undo_message

    # Writes that cannot be undone (an import, a purge) leave no action behind to name.
    return (
        f"cannot undo {undo_message(label, companies(db, touched))}: a later import or purge "
        "added back or removed what it would restore; nothing was changed"
    )


def companies(db: sqlite3.Connection, application_ids: list[int]) -> list[str]:
    """The companies of these applications (deleted ones too), in the same order."""
    names = []
    for application_id in application_ids:
        row = db.execute(
            "SELECT company FROM applications WHERE id = ?", [application_id]
        ).fetchone()
        if row is not None:
            names.append(str(row[0]))
    return names


def _restore(
    db: sqlite3.Connection, table: str, row_id: int, before: dict[str, Any] | None, now: str
) -> None:
    if table not in UNDOABLE_TABLES:
        return
    if before is None:
        if table == "applications":
            # Events keep pointing at it, so an undone add is hidden rather than removed.
            db.execute(
                "UPDATE applications SET deleted_at = ?, updated_at = ?, version = version + 1 "
                "WHERE id = ?",
                [now, now, row_id],
            )
        else:
            db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        return
    values = dict(before)
    if table == "applications":
        values["updated_at"] = now
        current = db.execute("SELECT version FROM applications WHERE id = ?", [row_id]).fetchone()
        values["version"] = (current[0] if current else values["version"]) + 1
    exists = db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone()
    if exists:
        assignments = ", ".join(f"{name} = ?" for name in values)
        db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])
    else:
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))
