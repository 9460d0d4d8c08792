"""Import: reading a JSON export back, into an empty database or alongside existing data.

Records are recognised by their ``uid`` (tables without one, such as settings, by their primary
key): what is already there is skipped, never overwritten; a new record whose id is taken gets
a new one, and the references to it follow. Everything is checked before anything is written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pendulum import DateTime

from postinterview_tui.domain.stages import (
    CloseReason,
    ConditionKind,
    ConditionStatus,
    EventKind,
    InterviewKind,
    Stage,
)
from postinterview_tui.domain.text import quoted
from postinterview_tui.domain.validation import FieldError, check_day, check_moment, check_text
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.storage.files.export import (
    FORMAT,
    FORMAT_VERSION,
    REQUIRED_TABLES,
    Column,
    Table,
    exported_tables,
    snapshot,
)
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.timestamps import from_text

HEADER_KEYS = frozenset({"format", "version", "exported_at", "schema_version"})
_INT64 = (-(2**63), 2**63 - 1)


class ImportFileError(StoreError):
    """The file is not an export this version can read; nothing was written."""


@dataclass
class TablePlan:
    """What an import does to one table."""

    table: str
    added: int = 0
    skipped: int = 0
    renumbered: dict[int, int] = field(default_factory=dict)


@dataclass
class ImportPlan:
    """What an import adds and skips, and the rows it inserts (in insertion order)."""

    tables: list[TablePlan]
    rows: list[tuple[str, dict[str, Any]]]

    @property
    def added(self) -> int:
        """How many records the import adds."""
        return sum(item.added for item in self.tables)

    @property
    def skipped(self) -> int:
        """How many records are already there."""
        return sum(item.skipped for item in self.tables)


def import_export(
    repository: Repository, data: Mapping[str, Any], now: DateTime, *, dry_run: bool = False
) -> ImportPlan:
    """Import a checked export into the repository's file, all in one transaction.

    Args:
        repository: the target.
        data: an export checked by :func:`read_export`.
        now: when the import happens.
        dry_run: only work out the plan; write nothing.

    Returns:
        What was (or would be) added and skipped.

    Raises:
        ImportFileError: the records do not fit this version's schema; nothing was written.
    """
    if dry_run:
        with repository.transactions.read() as db:
            return preview_import(db, data)
    with repository.transactions.action("import", now, undoable=False) as act:
        plan = plan_import(act.db, data)
        apply_import(act.db, plan)
        return plan


def preview_import(db: sqlite3.Connection, data: Mapping[str, Any]) -> ImportPlan:
    """The plan of an import into ``db``, read in one snapshot; nothing is written."""
    with snapshot(db):
        return plan_import(db, data)


def looks_like_csv(text: str) -> bool:
    """True when text that is not JSON reads as a table: a first line of two or more fields
    separated as a spreadsheet saves them (comma, semicolon or tab)."""
    import csv

    from postinterview_tui.storage.files.csv_dialect import csv_delimiter

    sample = text.lstrip()[:4096]
    if not sample or sample[0] in "{[":
        return False
    header = next(csv.reader([sample.splitlines()[0]], "excel", delimiter=csv_delimiter(sample)))
    return len(header) >= 2 and all(cell.strip() for cell in header)


def read_export(text: str) -> dict[str, Any]:
    """Check an export's header and shape (not yet its records against the schema).

    Raises:
        ImportFileError: not JSON, not ours, a newer version, or a wrong shape.
    """
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        if looks_like_csv(text):
            raise ImportFileError("this looks like CSV: add --csv") from None
        raise ImportFileError(f"not a postinterview export (not JSON: {error})") from None
    if not isinstance(data, dict):
        raise ImportFileError("not a postinterview export (expected a JSON object)")
    if data.get("format") != FORMAT:
        raise ImportFileError(
            f'not a postinterview export ("format" is {quoted(data.get("format"))}, not {FORMAT!r})'
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(f'not a postinterview export ("version" is {quoted(version)})')
    if version > FORMAT_VERSION:
        raise ImportFileError(
            f"exported by a newer version of postinterview (export version {version}; "
            f"this one reads up to {FORMAT_VERSION}): please upgrade"
        )
    if not isinstance(data.get("exported_at"), str):
        raise ImportFileError('"exported_at" is missing or not text')
    schema_version = data.get("schema_version", 0)
    if not isinstance(schema_version, int) or isinstance(schema_version, bool):
        raise ImportFileError('"schema_version" is not a whole number')
    for name in REQUIRED_TABLES:
        if name not in data:
            raise ImportFileError(f'"{name}" is missing')
    for name, records in data.items():
        if name in HEADER_KEYS:
            continue
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ImportFileError(f'"{name}" must be a list of records')
    return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def plan_import(db: sqlite3.Connection, data: Mapping[str, Any]) -> ImportPlan:
    """Work out an import (read only): which records are new, their ids, remapped references.

    Args:
        db: the target database (call inside a transaction so it does not move meanwhile).
        data: an export checked by :func:`read_export`.

    Raises:
        ImportFileError: a record does not fit this version's schema (unknown table or field,
            missing field, wrong type, unknown stage..., a reference to a missing record).
    """
    tables = exported_tables(db)
    known = {table.name for table in tables}
    for name in data:
        if name not in HEADER_KEYS and name not in known:
            raise ImportFileError(
                f"the file holds {quoted(name)}, which this version of postinterview does not "
                "know: please upgrade"
            )
    file_keys = {
        table.name: {record.get(table.primary) for record in data.get(table.name, [])}
        for table in tables
        if table.primary
    }
    for table in tables:
        _check_records(table, data.get(table.name, []), file_keys)
    plan = ImportPlan([], [])
    mapping: dict[str, dict[Any, Any]] = {}
    for table in tables:
        records = data.get(table.name, [])
        table_plan, rows, mapping[table.name] = _plan_table(db, table, records, mapping)
        plan.tables.append(table_plan)
        plan.rows.extend((table.name, row) for row in rows)
    return plan


def apply_import(db: sqlite3.Connection, plan: ImportPlan) -> None:
    """Insert a plan's rows. Call inside the import's write transaction.

    Raises:
        ImportFileError: the result would break a reference (the transaction rolls back).
    """
    for table, row in plan.rows:
        names = ", ".join(f'"{name}"' for name in row)
        marks = ", ".join("?" for _ in row)
        db.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values()))
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise ImportFileError(f"the file's records do not fit together ({problems[0][0]})")


def _plan_table(
    db: sqlite3.Connection,
    table: Table,
    records: list[dict[str, Any]],
    mapping: dict[str, dict[Any, Any]],
) -> tuple[TablePlan, list[dict[str, Any]], dict[Any, Any]]:
    key_sql = ", ".join(f'"{name}"' for name in table.key)
    id_sql = f'"{table.id_column}"' if table.id_column else "NULL"
    existing = {
        tuple(row[:-1]): row[-1]
        for row in db.execute(f'SELECT {key_sql}, {id_sql} FROM "{table.name}"')
    }
    result = TablePlan(table.name)
    ids: dict[Any, Any] = {}
    new: list[dict[str, Any]] = []
    for record in records:
        found = existing.get(tuple(record[name] for name in table.key), _MISSING)
        if found is _MISSING:
            new.append(record)
        else:
            result.skipped += 1
            if table.id_column:
                ids[record[table.id_column]] = found
    if table.id_column:
        taken = {row[0] for row in db.execute(f'SELECT {id_sql} FROM "{table.name}"')}
        sequence = db.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = ?", [table.name]
        ).fetchone()
        kept = {r[table.id_column] for r in new if r[table.id_column] not in taken}
        next_id = max([sequence[0] if sequence else 0, *taken, *kept, 0]) + 1
        for record in new:
            old = record[table.id_column]
            if old in kept:
                ids[old] = old
            else:
                ids[old] = next_id
                result.renumbered[old] = next_id
                next_id += 1
    rows = []
    for record in new:
        row = dict(record)
        if table.id_column:
            row[table.id_column] = ids[record[table.id_column]]
        for column, parent in table.parents.items():
            value = record.get(column)
            source = ids if parent == table.name else mapping.get(parent, {})
            if value is not None and column != table.id_column:
                row[column] = source.get(value, value)
        rows.append(row)
    result.added = len(rows)
    return result, rows, ids


_MISSING = object()


# -- checking records --------------------------------------------------------------------------

_TIMESTAMP_COLUMNS = {
    "applications": (
        "created_at",
        "updated_at",
        "deleted_at",
        "last_interview_at",
        "thanked_at",
        "last_reply_at",
        "last_follow_up_at",
        "snoozed_until",
        "offer_deadline",
    ),
    "interviews": ("held_at", "created_at"),
    "interviewers": ("thanked_at",),
    "events": ("at", "recorded_at"),
    "conditions": ("started_at", "resolved_at", "last_check_in_at"),
}
_ENUM_COLUMNS: dict[tuple[str, str], Callable[[str], object]] = {
    ("applications", "stage"): Stage,
    ("applications", "close_reason"): CloseReason,
    ("interviews", "kind"): InterviewKind,
    ("events", "kind"): EventKind,
    ("conditions", "kind"): ConditionKind,
    ("conditions", "status"): ConditionStatus,
}


_TEXT_FIELDS: dict[tuple[str, str], str] = {
    ("applications", "company"): "company",
    ("applications", "role"): "role",
    ("applications", "location"): "location",
    ("applications", "link"): "link",
    ("applications", "recruiter_name"): "recruiter",
    ("applications", "recruiter_email"): "recruiter",
    ("applications", "notes"): "notes",
    ("applications", "offer_notes"): "notes",
    ("interviews", "notes"): "notes",
    ("interviewers", "name"): "interviewer",
    ("interviewers", "email"): "interviewer",
    ("interviewers", "title"): "interviewer",
    ("conditions", "label"): "condition",
}
"""Columns that hold what a form field holds: the import checks them as that field."""
OTHER_TEXT_LIMIT = 200_000
"""Any other text column (history data, drafts, settings): no NUL, and at most this long."""


def _value_checks() -> dict[tuple[str, str], Callable[[str], object]]:
    checks = dict(_ENUM_COLUMNS)
    for table, names in _TIMESTAMP_COLUMNS.items():
        checks.update({(table, name): _moment for name in names})
    checks[("applications", "decision_by")] = _day
    checks[("interviews", "decision_by")] = _day
    checks[("events", "data")] = _json_object_strict
    return checks


def _moment(text: str) -> object:
    moment = from_text(text)
    check_moment("date", moment)
    return moment


def _day(text: str) -> object:
    day = date.fromisoformat(text)
    check_day("date", day)
    return day


def _check_text(table: str, column: str, value: str, where: str) -> None:
    """The domain's validation for a column that holds a form field; limits for the rest."""
    field = _TEXT_FIELDS.get((table, column))
    try:
        if field is not None:
            check_text(field, value)
            return
    except FieldError as error:
        raise ImportFileError(f"{where}: {error.message}") from None
    if "\x00" in value:
        raise ImportFileError(f"{where} contains a NUL character, which cannot be stored")
    if len(value) > OTHER_TEXT_LIMIT:
        raise ImportFileError(
            f"{where} is too long ({len(value):,} characters; at most {OTHER_TEXT_LIMIT:,})"
        )


def _check_records(
    table: Table, records: list[dict[str, Any]], file_keys: dict[str, set[Any]]
) -> None:
    seen_keys: set[tuple[Any, ...]] = set()
    seen_ids: set[Any] = set()
    for index, record in enumerate(records):
        where = f"{table.name}[{index}]"
        for name in record:
            if name not in table.columns:
                raise ImportFileError(
                    f"{where} has a field {quoted(name)} this version of postinterview does not "
                    "know: "
                    "please upgrade"
                )
        for column in table.columns.values():
            if column.name not in record:
                if column.required or column.name in table.key or column.name == table.id_column:
                    raise ImportFileError(f"{where} is missing {column.name!r}")
                continue
            _check_value(table.name, column, record[column.name], f"{where}.{column.name}")
        key = tuple(record[name] for name in table.key)
        if key in seen_keys:
            raise ImportFileError(f"{where} repeats {'/'.join(table.key)} {quoted(key[0])}")
        seen_keys.add(key)
        if table.id_column:
            if record[table.id_column] in seen_ids:
                raise ImportFileError(f"{where} repeats id {quoted(record[table.id_column])}")
            seen_ids.add(record[table.id_column])
        for name, parent in table.parents.items():
            value = record.get(name)
            if value is not None and parent in file_keys and value not in file_keys[parent]:
                raise ImportFileError(
                    f"{where}.{name} points at {parent} {quoted(value)}, which is not in the file"
                )


def _check_value(table: str, column: Column, value: Any, where: str) -> None:
    if value is None:
        if not column.nullable:
            raise ImportFileError(f"{where} must not be null")
        return
    if "INT" in column.type:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ImportFileError(f"{where} must be a whole number, not {quoted(value)}")
        if not _INT64[0] <= value <= _INT64[1]:
            raise ImportFileError(f"{where} is too large ({quoted(value)})")
    elif any(kind in column.type for kind in ("CHAR", "CLOB", "TEXT")):
        if not isinstance(value, str):
            raise ImportFileError(f"{where} must be text, not {quoted(value)}")
    elif isinstance(value, dict | list | bool):
        raise ImportFileError(f"{where} has an unexpected value {quoted(value)}")
    if isinstance(value, str):
        if any("\ud800" <= char <= "\udfff" for char in value):
            raise ImportFileError(f"{where} holds a broken character (a lone surrogate)")
        _check_text(table, column.name, value, where)
        check = _CHECKS.get((table, column.name))
        if check is not None:
            try:
                check(value)
            except FieldError as error:
                raise ImportFileError(f"{where}: {error.message}") from None
            except (ValueError, TypeError, OverflowError):
                raise ImportFileError(f"{where} has an unreadable value {quoted(value)}") from None


def _json_object_strict(text: str) -> object:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


_CHECKS = _value_checks()
