"""Import: reading a JSON export back, into an empty database or alongside existing data.

Records are recognised by their ``uid`` (tables without one, such as settings, by their primary
key): what is already there is skipped, never overwritten; a new record whose id is taken gets
a new one, and the references to it follow. Everything is checked before anything is written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pendulum import DateTime

from postinterview_tui.domain.text import quoted
from postinterview_tui.storage.files.export import (
    FORMAT,
    FORMAT_VERSION,
    REQUIRED_TABLES,
    Table,
    exported_tables,
    snapshot,
)

# ImportFileError is raised by the checks too; callers catch it from here, where imports start.
from postinterview_tui.storage.files.import_checks import ImportFileError as ImportFileError
from postinterview_tui.storage.files.import_checks import check_records
from postinterview_tui.storage.repository import Repository

HEADER_KEYS = frozenset({"format", "version", "exported_at", "schema_version"})


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
        check_records(table, data.get(table.name, []), file_keys)
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
