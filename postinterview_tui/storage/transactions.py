"""One user action = one ``BEGIN IMMEDIATE`` transaction, remembered so it can be undone.

Before a row changes, the action keeps a copy of it; undoing restores those copies and appends an
``undone`` event, so the history itself is never rewritten.

An action opened while another is open on the same connection (a change made of several of the
store's own actions, like accepting an inbox proposal) joins it: it runs in a savepoint of the
open transaction, and everything commits together when the outer action ends, or nothing does.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pendulum import DateTime

from postinterview_tui.domain.stages import EventKind
from postinterview_tui.storage.errors import (
    SaveFailed,
    StoreDamaged,
    StoreUnusable,
)
from postinterview_tui.storage.timestamps import to_text, truncate

LOCK_RETRIES = 3


def _plain_reason(error: sqlite3.Error) -> str:
    text = str(error).lower()
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the file is read-only"
    if "locked" in text or "busy" in text:
        return "the file is locked by another program"
    if "i/o" in text or "disk" in text:
        return "the disk reported an error"
    return str(error)


def new_uid() -> str:
    """A stable identifier for a record, kept across export and import."""
    return uuid.uuid4().hex


class Action:
    """An open write transaction for one user action."""

    def __init__(self, db: sqlite3.Connection, action_id: int, now: DateTime) -> None:
        self.db = db
        self.id = action_id
        self.now = truncate(now)
        self.now_text = to_text(self.now)
        self._before: dict[tuple[str, int], dict[str, Any] | None] = {}
        self.touched_applications: list[int] = []
        self.savepoints: list[str] = []
        """The savepoints of the steps that joined this action, innermost last."""

    def checkpoint(self) -> tuple[dict[tuple[str, int], dict[str, Any] | None], list[int]]:
        """What the action remembers now, for :meth:`restore` when a joined step rolls back."""
        return dict(self._before), list(self.touched_applications)

    def restore(
        self, saved: tuple[dict[tuple[str, int], dict[str, Any] | None], list[int]]
    ) -> None:
        """Forget what a rolled-back step remembered (its rows are as they were again)."""
        self._before = dict(saved[0])
        self.touched_applications = list(saved[1])

    def remember(self, table: str, row_id: int) -> None:
        """Keep a copy of a row as it was before this action (once per row)."""
        key = (table, row_id)
        if key in self._before:
            return
        row = self.db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id]).fetchone()
        columns = [
            column[0] for column in self.db.execute(f"SELECT * FROM {table} LIMIT 0").description
        ]
        self._before[key] = dict(zip(columns, row, strict=True)) if row else None

    def inserted(self, table: str, row_id: int) -> None:
        """Note a row this action created (undo removes it)."""
        self._before.setdefault((table, row_id), None)

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert a row (with a new uid) and remember that this action created it."""
        values = {"uid": new_uid(), **values}
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.db.execute(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values())
        )
        row_id = int(cursor.lastrowid or 0)
        self.inserted(table, row_id)
        return row_id

    def event(
        self, application_id: int, kind: EventKind, at: DateTime, data: dict[str, object]
    ) -> None:
        """Append an event to an application's history."""
        self.db.execute(
            "INSERT INTO events (uid, application_id, kind, at, recorded_at, data, action_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                new_uid(),
                application_id,
                str(kind),
                to_text(truncate(at)),
                self.now_text,
                json.dumps(data, sort_keys=True),
                self.id,
            ],
        )
        if application_id not in self.touched_applications:
            self.touched_applications.append(application_id)

    def snapshot_json(self) -> str:
        """The remembered rows, in the order they were first touched."""
        items = [
            {"table": table, "id": row_id, "before": before}
            for (table, row_id), before in self._before.items()
        ]
        return json.dumps({"rows": items, "applications": self.touched_applications})


class Transactions:
    """Runs user actions one at a time, each in its own immediate transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.lock = threading.RLock()
        self.mine: list[int] = []
        """The undoable actions made through this connection (one window), oldest first."""
        self.before_commit: list[Callable[[Action], None]] = []
        """Run inside every action just before it commits (the stored dues follow each write
        there: :mod:`.dues`); what they write commits with the action or not at all."""
        self._open: Action | None = None
        """The action whose transaction is open (only ever set by the thread holding ``lock``)."""

    @contextmanager
    def action(self, label: str, now: DateTime, *, undoable: bool = True) -> Iterator[Action]:
        """Open an action; commit when the block ends, roll back if it raises.

        Opened inside another action, it joins that one (see the module's docstring): its
        label is the outer one's, and only the outer block commits.
        """
        with self.lock:
            if self._open is not None:
                with self._joined(self._open) as joined:
                    yield joined
                return
            self._begin_immediate()
            try:
                action_id = 0
                if undoable:
                    cursor = self.db.execute(
                        "INSERT INTO actions (label, at, snapshot) VALUES (?, ?, '{}')",
                        [label, to_text(truncate(now))],
                    )
                    action_id = int(cursor.lastrowid or 0)
                action = Action(self.db, action_id, now)
                self._open = action
                try:
                    yield action
                finally:
                    self._open = None
                for hook in self.before_commit:
                    hook(action)
                if undoable:
                    self.db.execute(
                        "UPDATE actions SET snapshot = ? WHERE id = ?",
                        [action.snapshot_json(), action_id],
                    )
                self.db.execute("COMMIT")
                if undoable:
                    self.mine.append(action_id)
            except sqlite3.DatabaseError as error:
                self._roll_back()
                if isinstance(error, sqlite3.IntegrityError):
                    raise
                raise SaveFailed(f"could not save: {_plain_reason(error)}") from error
            except BaseException:
                self._roll_back()
                raise

    @contextmanager
    def _joined(self, action: Action) -> Iterator[Action]:
        """The open action, inside a savepoint: a failing inner step takes back its own writes
        (and what the action remembered of them), and the outer step decides what follows."""
        name = f"joined_{len(action.savepoints)}"
        action.savepoints.append(name)
        remembered = action.checkpoint()
        self.db.execute(f"SAVEPOINT {name}")
        try:
            yield action
        except BaseException:
            if self.db.in_transaction:
                self.db.execute(f"ROLLBACK TO {name}")
                self.db.execute(f"RELEASE {name}")
            action.restore(remembered)
            raise
        else:
            self.db.execute(f"RELEASE {name}")
        finally:
            action.savepoints.pop()

    def _roll_back(self) -> None:
        # A failed COMMIT or an I/O error may already have ended the transaction.
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Serialise reads with writes on the shared connection; a damaged page read on the
        way is reported as :class:`StoreDamaged`."""
        with self.lock:
            try:
                yield self.db
            except sqlite3.DatabaseError as error:
                if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
                    raise
                if isinstance(error, sqlite3.OperationalError):
                    if self.db.in_transaction:
                        raise  # part of an action: it rolls back and reports SaveFailed
                    raise StoreUnusable(
                        f"could not read the database: {_plain_reason(error)}"
                    ) from error
                raise StoreDamaged(
                    f"the database file is damaged ({error}); see `postinterview restore`"
                ) from error

    def _begin_immediate(self) -> None:
        # The busy timeout covers most waits; a few retries cover a writer that keeps the lock
        # through several timeouts (a long import in another window).
        for attempt in range(LOCK_RETRIES):
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    raise SaveFailed(f"could not save: {_plain_reason(error)}") from error
                if attempt == LOCK_RETRIES - 1:
                    raise StoreUnusable(
                        "the database is still locked by another program after several tries"
                    ) from None
                time.sleep(0.2 * (attempt + 1))
