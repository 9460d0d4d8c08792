"""Export: the user's data as one versioned JSON file, or as CSV for spreadsheets.

The JSON export is complete (every table except the undo history and the migration log) and
byte-stable: keys sorted, records in primary-key order, ids, uids and stored timestamps as they
are. Tables are found from the schema, so a table a later migration adds is exported (and
imported, see :mod:`importing`) with no change here.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone

from postinterview_tui.domain.stages import EventKind, Stage
from postinterview_tui.domain.text import safe_text
from postinterview_tui.storage.connection import connect
from postinterview_tui.storage.files.spreadsheet_facts import FACT_COLUMNS, fact_cells
from postinterview_tui.storage.schema import apply_migrations
from postinterview_tui.storage.timestamps import from_text, to_text

FORMAT = "postinterview"
FORMAT_VERSION = 1
# The undo history holds copies of rows by local id: it means nothing in another file.
# imap_folders is where reading a mail server stopped: another file must read it afresh.
# The stored dues are the rules' answer for the rows exported: the importing file computes its own.
NOT_EXPORTED = frozenset(
    {
        "actions",
        "_sqlite_migrations",
        "imap_folders",
        "dues",
        "dues_basis",
        "stage_counts",
        "search_texts",
        "search_basis",
    }
)
REQUIRED_TABLES = ("applications", "interviews", "interviewers", "events", "conditions", "settings")
# Parents before children; tables a later migration adds follow, ordered by their foreign keys.
PREFERRED_ORDER = (*REQUIRED_TABLES, "templates", "drafts", "sent_messages")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "id",
    "company",
    "role",
    "stage",
    "close reason",
    "interview date",
    "decision by",
    "offer deadline",
    "location",
    "link",
    "recruiter",
    "created",
    "updated",
    "notes",
    "history",
    *FACT_COLUMNS,
)
"""The CSV's columns: what a spreadsheet shows, then the facts the dues depend on, so that an
import of the file gives the same next steps (see :mod:`.spreadsheet_facts`)."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table, as the schema declares it."""

    name: str
    type: str
    required: bool
    nullable: bool


@dataclass(frozen=True, slots=True)
class Table:
    """What export and import need to know about one table."""

    name: str
    columns: dict[str, Column]
    key: tuple[str, ...]
    primary: str | None
    id_column: str | None
    parents: dict[str, str]


# -- the schema --------------------------------------------------------------------------------


def exported_tables(db: sqlite3.Connection) -> list[Table]:
    """The tables an export holds, parents before children."""
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    virtual = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    names = [
        name
        for name in names
        if name not in NOT_EXPORTED and not any(name.startswith(f"{v}_") for v in virtual)
    ]
    tables = {name: _describe(db, name) for name in names}
    ordered: list[Table] = []
    pending = sorted(names, key=_preference)
    while pending:
        ready = next(
            (
                name
                for name in pending
                if all(
                    parent == name or parent not in pending
                    for parent in tables[name].parents.values()
                )
            ),
            pending[0],  # a cycle between tables: keep the preferred order
        )
        ordered.append(tables[ready])
        pending.remove(ready)
    return ordered


def _preference(name: str) -> tuple[int, str]:
    if name in PREFERRED_ORDER:
        return PREFERRED_ORDER.index(name), name
    return len(PREFERRED_ORDER), name


def _describe(db: sqlite3.Connection, name: str) -> Table:
    columns: dict[str, Column] = {}
    primary: list[tuple[int, str]] = []
    for _cid, column, kind, notnull, default, pk in db.execute(f'PRAGMA table_info("{name}")'):
        integer_key = bool(pk) and str(kind).upper() == "INTEGER"
        columns[column] = Column(
            name=column,
            type=str(kind).upper(),
            required=bool(notnull) and default is None and not integer_key,
            nullable=not notnull and not pk,
        )
        if pk:
            primary.append((int(pk), column))
    parents = {str(row[3]): str(row[2]) for row in db.execute(f'PRAGMA foreign_key_list("{name}")')}
    pk_columns = tuple(column for _, column in sorted(primary))
    single = pk_columns[0] if len(pk_columns) == 1 else None
    # Only an integer key can be renumbered when the same id is already taken.
    id_column = single if single and columns[single].type == "INTEGER" else None
    key = ("uid",) if "uid" in columns else pk_columns or tuple(columns)
    return Table(name, columns, key, single, id_column, parents)


@contextmanager
def snapshot(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction, so every table is read as of one moment."""
    db.execute("BEGIN")
    try:
        yield db
    finally:
        db.execute("COMMIT")


def empty_database() -> sqlite3.Connection:
    """An in-memory database with the current schema (to export or plan against no file)."""
    db = connect(Path(":memory:"))
    apply_migrations(db)
    return db


# -- export ------------------------------------------------------------------------------------


def export_data(db: sqlite3.Connection, now: DateTime) -> dict[str, Any]:
    """Every exported table's records, with the header. Call inside :func:`snapshot`."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": to_text(now),
        "schema_version": int(db.execute("PRAGMA user_version").fetchone()[0]),
    }
    for table in exported_tables(db):
        order = ", ".join(
            f'"{name}"' for name in ((table.primary,) if table.primary else table.key)
        )
        data[table.name] = _dict_rows(db.execute(f'SELECT * FROM "{table.name}" ORDER BY {order}'))
    return data


def export_json(db: sqlite3.Connection, now: DateTime) -> str:
    """The JSON export: keys sorted, ASCII only (no control character reaches a terminal)."""
    with snapshot(db):
        data = export_data(db, now)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def export_csv(db: sqlite3.Connection, zone: Timezone) -> str:
    """One row per application (deleted ones left out) with its stage history."""
    with snapshot(db):
        applications = _dict_rows(
            db.execute("SELECT * FROM applications WHERE deleted_at IS NULL ORDER BY id")
        )
        events: dict[int, list[dict[str, Any]]] = {}
        for event in _dict_rows(
            db.execute(
                "SELECT application_id, kind, at, data, action_id FROM events "
                "WHERE application_id IN (SELECT id FROM applications WHERE deleted_at IS NULL) "
                "ORDER BY at, id"
            )
        ):
            events.setdefault(event["application_id"], []).append(event)
        facts = fact_cells(db, zone)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in applications:
        recruiter = row["recruiter_name"]
        if row["recruiter_email"]:
            recruiter = f"{recruiter} <{row['recruiter_email']}>".strip()
        cells = [
            row["id"],
            row["company"],
            row["role"],
            row["stage"],
            row["close_reason"] or "",
            _local(row["last_interview_at"], zone, "YYYY-MM-DD HH:mm"),
            row["decision_by"] or "",
            _local(row.get("offer_deadline"), zone, "YYYY-MM-DD HH:mm"),
            row["location"],
            row["link"],
            recruiter,
            _local(row["created_at"], zone, "YYYY-MM-DD HH:mm"),
            _local(row["updated_at"], zone, "YYYY-MM-DD HH:mm"),
            row["notes"],
            stage_history(events.get(row["id"], []), zone),
            *facts.get(row["id"], [""] * len(FACT_COLUMNS)),
        ]
        writer.writerow([spreadsheet_cell(cell) for cell in cells])
    return out.getvalue()


def stage_history(events: list[dict[str, Any]], zone: Timezone) -> str:
    """``interviewed 2026-11-02; thanked 2026-11-03; ...`` from an application's events.

    Moves that were later undone are left out: the undo's own event names the action it
    reversed, and the events that action wrote carry its id.
    """
    undone = set()
    for event in events:
        if event["kind"] == EventKind.UNDONE:
            action = _json_object(event["data"]).get("action")
            if isinstance(action, int):
                undone.add(action)
    kept = [event for event in events if event["action_id"] not in undone]
    # It starts at the first interview (or, failing that, when it was added).
    start = next(
        (event for event in kept if event["kind"] == EventKind.INTERVIEW_HELD),
        next((event for event in kept if event["kind"] == EventKind.CREATED), None),
    )
    steps = [f"{Stage.INTERVIEWED} {_local(start['at'], zone, 'YYYY-MM-DD')}"] if start else []
    for event in kept:
        target = _json_object(event["data"]).get("to")
        if event["kind"] == EventKind.STAGE_MOVED and isinstance(target, str):
            steps.append(f"{target} {_local(event['at'], zone, 'YYYY-MM-DD')}")
    return "; ".join(steps)


def spreadsheet_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: no control characters, never run as a formula."""
    text = safe_text("" if value is None else str(value))
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _json_object(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _local(text: str | None, zone: Timezone, pattern: str) -> str:
    if not text:
        return ""
    return from_text(text).in_timezone(zone).format(pattern)


def _dict_rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
