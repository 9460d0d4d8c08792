"""Import checks: every record of an export is checked against the schema before a write.

Types, ranges, enums, timestamps and days, text limits (a column that holds what a form field
holds is checked as that field), repeated keys and references to records missing from the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

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
from postinterview_tui.storage.files.export import Column, Table
from postinterview_tui.storage.timestamps import from_text

_INT64 = (-(2**63), 2**63 - 1)


class ImportFileError(StoreError):
    """The file is not an export this version can read; nothing was written."""


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


def check_records(
    table: Table, records: list[dict[str, Any]], file_keys: dict[str, set[Any]]
) -> None:
    """Check an export's records of ``table`` against this version's schema.

    Args:
        table: the table as this version's database has it.
        records: the file's records of that table.
        file_keys: each table's primary keys in the file, for the references between records.

    Raises:
        ImportFileError: a record has an unknown or missing field, a value of the wrong type or
            out of range, a repeated key or id, or points at a record that is not in the file.
    """
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
