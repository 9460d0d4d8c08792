"""Importing a spreadsheet saved as CSV: every row checked by the domain's validation, then all
the good rows added in one transaction (a kill leaves nothing half done), rows already there
recognised by company, role and interview date so that a re-run adds nothing twice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pendulum import DateTime, Timezone

from postinterview_tui.domain.forms import FormErrors, parse_new_application, split_interviewers
from postinterview_tui.domain.records import NewApplication
from postinterview_tui.domain.stages import CloseReason, Stage, parse_close_reason, parse_stage
from postinterview_tui.domain.text import safe_line
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.storage.files.csv_dialect import csv_delimiter
from postinterview_tui.storage.files.export import FORMULA_STARTS
from postinterview_tui.storage.files.spreadsheet_facts import (
    FACT_COLUMNS,
    FactError,
    Facts,
    apply_facts,
    read_facts,
)
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.timestamps import from_text

# Headers, compared lower-case with "_" and "-" read as spaces; the first name is the key.
SPREADSHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "company": ("company",),
    "role": ("role",),
    "interview date": ("interview date", "interviewed"),
    "stage": ("stage",),
    "close reason": ("close reason",),
    "decision by": ("decision by",),
    "location": ("location",),
    "link": ("link",),
    "recruiter": ("recruiter",),
    "interviewers": ("interviewers",),
    "notes": ("notes",),
    **{name: (name.replace("-", " "),) for name in FACT_COLUMNS if name != "interviewers"},
    "offer deadline": ("offer deadline",),
}
REQUIRED_COLUMNS = ("company", "role", "interview date")
_FORM_FIELDS = {
    "company": "company",
    "role": "role",
    "interview date": "interviewed",
    "decision by": "decision_by",
    "location": "location",
    "link": "link",
    "recruiter": "recruiter",
    "notes": "notes",
}

Progress = Callable[[int], None]
"""Told how many more rows are done, as an import goes."""


class SpreadsheetError(StoreError):
    """The file is not a spreadsheet this import can read; nothing was written."""


@dataclass(frozen=True, slots=True)
class SpreadsheetRow:
    """One good row: the application, the stage it is in, and why it closed."""

    line: int
    new: NewApplication
    stage: Stage
    close_reason: CloseReason | None = None
    facts: Facts = field(default_factory=Facts)


@dataclass
class SpreadsheetImport:
    """What an import did: the ids it added and the lines already there."""

    added: list[int] = field(default_factory=list)
    already_there: list[int] = field(default_factory=list)


def read_spreadsheet(
    text: str, now: DateTime, zone: Timezone, name: str = "the file"
) -> tuple[list[SpreadsheetRow], list[tuple[int, str]]]:
    """Read a spreadsheet's rows: the good ones, and ``(line, why)`` for each refused one.

    Each row goes through the same validation as the add form and ``postinterview add``.

    Raises:
        SpreadsheetError: not CSV, or a required column is missing.
    """
    # Only the separator is sniffed: the quoting stays the one every spreadsheet writes.
    reader = csv.reader(io.StringIO(text, newline=""), "excel", delimiter=csv_delimiter(text))
    try:
        header = next(reader, None)
        if header is None:
            raise SpreadsheetError(f"{name} is empty")
        columns = _columns(header, name)
        good: list[SpreadsheetRow] = []
        refused: list[tuple[int, str]] = []
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            values = {
                key: _unquoted(cells[index].strip()) if index < len(cells) else ""
                for key, index in columns.items()
            }
            row, problem = _row(values, line, now, zone)
            if row is None:
                refused.append((line, problem))
            else:
                good.append(row)
    except csv.Error as error:
        raise SpreadsheetError(f"{name} is not a readable CSV file ({error})") from None
    return good, refused


def _unquoted(cell: str) -> str:
    """A cell as typed: the export's quote that keeps a spreadsheet from running text
    that starts like a formula is taken off again."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _columns(header: list[str], name: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        cleaned = " ".join(title.replace("_", " ").replace("-", " ").lower().split())
        for key, aliases in SPREADSHEET_COLUMNS.items():
            if cleaned in aliases and key not in found:
                found[key] = index
    missing = [key for key in REQUIRED_COLUMNS if key not in found]
    if missing:
        have = ", ".join(repr(safe_line(title)[:40]) for title in header[:20]) or "none"
        raise SpreadsheetError(f"{name} has no {missing[0]!r} column (its columns: {have})")
    return found


def _row(
    values: dict[str, str], line: int, now: DateTime, zone: Timezone
) -> tuple[SpreadsheetRow | None, str]:
    problems: list[str] = []
    if not values["interview date"]:
        problems.append("no interview date")  # the form would read an empty date as "now"
    form = {form_field: values.get(column, "") for column, form_field in _FORM_FIELDS.items()}
    new = None
    try:
        new = parse_new_application(
            form, split_interviewers(values.get("interviewers", "")), now, zone
        )
    except FormErrors as error:
        problems.extend(
            f"{_COLUMN_OF.get(key, key)}: {message}" for key, message in error.errors.items()
        )
    stage = Stage.INTERVIEWED
    if values.get("stage"):
        try:
            stage = parse_stage(values["stage"])
        except ValueError as error:
            problems.append(str(error))
    reason = None
    if stage is Stage.CLOSED:
        reason = CloseReason.OTHER
        if values.get("close reason"):
            try:
                reason = parse_close_reason(values["close reason"])
            except ValueError as error:
                problems.append(str(error))
    facts = Facts()
    try:
        facts = read_facts(values, now, zone)
    except FactError as error:
        problems.append(str(error))
    if problems or new is None:
        return None, "; ".join(problems)
    return SpreadsheetRow(line, new, stage, reason, facts), ""


_COLUMN_OF = {form_field: column for column, form_field in _FORM_FIELDS.items()}


class _DryRun(Exception):
    """Ends a dry run's transaction (rolling it back) with what it would have done."""

    def __init__(self, result: SpreadsheetImport) -> None:
        super().__init__("dry run")
        self.result = result


def import_spreadsheet(
    repository: Repository,
    rows: Sequence[SpreadsheetRow],
    now: DateTime,
    progress: Progress | None = None,
    *,
    dry_run: bool = False,
) -> SpreadsheetImport:
    """Add the rows in one transaction; rows already there are skipped, never doubled.

    A row is already there when an application (not deleted) has the same company and role
    (ignoring case and surrounding spaces) and an interview on the same local date.
    ``dry_run`` does all of it and rolls it back, so the result is exactly what would happen.

    Raises:
        FieldError, RuleRefusal: a row the checks let through and the store refuses (nothing
            is written).
        SaveFailed: the file could not be written (nothing is written).
    """
    try:
        return _import(repository, rows, now, progress, dry_run)
    except _DryRun as done:
        return done.result


def _import(
    repository: Repository,
    rows: Sequence[SpreadsheetRow],
    now: DateTime,
    progress: Progress | None,
    dry_run: bool,
) -> SpreadsheetImport:
    result = SpreadsheetImport()
    with repository.transactions.action("import spreadsheet", now, undoable=False) as act:
        known = _known_keys(repository)
        for row in rows:
            key = _key(row.new.company, row.new.role, row.new.interview.held_at, repository.zone)
            if key in known:
                result.already_there.append(row.line)
            else:
                known.add(key)
                application_id = repository.insert_application(act, row.new)
                if row.stage is not Stage.INTERVIEWED:
                    repository.move_in(
                        act,
                        application_id,
                        row.stage,
                        when=row.new.interview.held_at,
                        reason=row.close_reason,
                        force=True,
                    )
                apply_facts(act, application_id, row.facts)
                result.added.append(application_id)
            if progress is not None:
                progress(1)
        if dry_run:
            raise _DryRun(result)
    return result


def _known_keys(repository: Repository) -> set[tuple[str, str, str]]:
    rows = repository.db.execute(
        "SELECT a.company, a.role, i.held_at FROM applications AS a "
        "JOIN interviews AS i ON i.application_id = a.id WHERE a.deleted_at IS NULL"
    ).fetchall()
    return {
        _key(company, role, from_text(held_at), repository.zone) for company, role, held_at in rows
    }


def _key(company: str, role: str, held_at: DateTime, zone: Timezone) -> tuple[str, str, str]:
    local_day = held_at.in_timezone(zone).date().isoformat()
    return (" ".join(company.split()).casefold(), " ".join(role.split()).casefold(), local_day)
