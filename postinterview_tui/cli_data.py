"""Data the user owns, on the command line: export, import, backup and restore.

The storage side is in :mod:`storage.export`, :mod:`storage.importing` and
:mod:`storage.backup`; they are imported when a command runs, so ``--help`` stays quick.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from pendulum import DateTime, Timezone

from postinterview_tui.cli import PROG, BadInput, Runtime, db_option, runtime
from postinterview_tui.domain.models import NewApplication, NewInterview
from postinterview_tui.domain.stages import CloseReason, Stage, parse_stage
from postinterview_tui.domain.text import safe_line
from postinterview_tui.domain.validation import FieldError, clean_field
from postinterview_tui.domain.when import WhenError, parse_when

# Spreadsheet headers, compared lower-case with "_" and "-" read as spaces.
SPREADSHEET_COLUMNS = {
    "company": ("company",),
    "role": ("role",),
    "interview date": ("interview date", "interviewed"),
    "stage": ("stage",),
}
REQUIRED_COLUMNS = ("company", "role", "interview date")
RENUMBERED_SHOWN = 20


@dataclass(frozen=True, slots=True)
class SpreadsheetRow:
    """One good spreadsheet row: the application and the stage it is in."""

    line: int
    new: NewApplication
    stage: Stage


@contextmanager
def _bad_input() -> Iterator[None]:
    """Storage errors about the user's files become one-line input errors (exit 2)."""
    from postinterview_tui.storage.backup import BackupError
    from postinterview_tui.storage.importing import ImportFileError

    try:
        yield
    except (BackupError, ImportFileError) as error:
        raise BadInput(error.message) from None


def _shown(path: Path | str) -> str:
    return safe_line(str(path))


# -- export ------------------------------------------------------------------------------------


@click.command(
    name="export",
    epilog="Examples: postinterview export -o job-search.json;  "
    "postinterview export --format csv -o job-search.csv",
)
@db_option
@click.option(
    "--format",
    "format_",
    type=click.Choice(["json", "csv"], case_sensitive=False),
    default="json",
    help="json: everything, to import again. csv: one row per application, for spreadsheets.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (readable only by you) instead of the screen.",
)
@click.pass_context
def export(ctx: click.Context, format_: str, output: Path | None) -> None:
    """Export your data (JSON is complete and can be imported again)."""
    from postinterview_tui.storage.export import empty_database, export_csv, export_json

    rt = runtime(ctx)
    to_file = output is not None and str(output) != "-"
    if to_file and output is not None:
        _refuse_database_path(rt, output)
    now = rt.clock()
    repository = rt.repository(create=False)
    reading = repository._tx.read() if repository else _closing(empty_database())
    with reading as source:
        as_csv = format_.lower() == "csv"
        text = export_csv(source, rt.zone) if as_csv else export_json(source, now)
    if not to_file or output is None:
        click.echo(text, nl=False)
        return
    _write_private(output, text.encode("utf-8"))


@contextmanager
def _closing(db: Any) -> Iterator[Any]:
    try:
        yield db
    finally:
        db.close()


def _refuse_database_path(rt: Runtime, path: Path) -> None:
    database = rt.db_path.resolve()
    target = path.resolve()
    sidecar = target.parent == database.parent and target.name.startswith(f"{database.name}-")
    if target == database or sidecar:
        raise BadInput(f"{_shown(path)} is the database itself: choose another file")


def _write_private(path: Path, data: bytes) -> None:
    from postinterview_tui.storage.export import write_private_file

    try:
        write_private_file(path, data)
    except OSError as error:
        raise BadInput(f"cannot write {_shown(path)}: {error.strerror or error}") from None


# -- import ------------------------------------------------------------------------------------


@click.command(
    name="import",
    epilog="Examples: postinterview import job-search.json --dry-run;  "
    "postinterview import --csv applications.csv",
)
@db_option
@click.argument("file", metavar="FILE")
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="FILE is a spreadsheet saved as CSV, with columns company, role, interview date and "
    "(optionally) stage.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.pass_context
def import_(ctx: click.Context, file: str, as_csv: bool, dry_run: bool) -> None:
    """Import a JSON export (what is already there is skipped), or a spreadsheet with --csv."""
    rt = runtime(ctx)
    text = _read_text(file)
    if as_csv:
        _import_spreadsheet(rt, file, text, dry_run)
    else:
        _import_export(rt, file, text, dry_run)


def _read_text(file: str) -> str:
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read {_shown(file)}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"{_shown(file)} is not UTF-8 text (save it as UTF-8)") from None


def _import_export(rt: Runtime, file: str, text: str, dry_run: bool) -> None:
    from postinterview_tui.storage.backup import backup_database
    from postinterview_tui.storage.export import empty_database
    from postinterview_tui.storage.importing import (
        ImportFileError,
        import_export,
        preview_import,
        read_export,
    )

    now = rt.clock()
    try:
        data = read_export(text)
        repository = rt.repository(create=False)
        if repository is None:
            # Check every record before the file is created.
            db = empty_database()
            with _closing(db):
                plan = preview_import(db, data)
            if not dry_run and plan.added:
                plan = import_export(rt.repository(create=True), data, now)
        else:
            plan = import_export(repository, data, now, dry_run=True)
            if not dry_run and plan.added:
                # An import cannot be undone: keep a way back.
                with _bad_input():
                    saved = backup_database(repository, now)
                click.echo(f"Backed up your data first: {_shown(saved.path)}")
                plan = import_export(repository, data, now)
    except ImportFileError as error:
        raise BadInput(f"{_shown(file)}: {error.message}") from None
    for line in _plan_lines(plan, dry_run):
        click.echo(line)


def _plan_lines(plan: Any, dry_run: bool) -> list[str]:
    verb = "would be added" if dry_run else "added"
    lines = []
    for table in plan.tables:
        if table.added or table.skipped:
            lines.append(
                f"{table.table + ':':<14} {table.added:>6} {verb}, "
                f"{table.skipped} already there (skipped)"
            )
    if not lines:
        lines.append("The file holds no records.")
    for table in plan.tables:
        if table.table != "applications" or not table.renumbered:
            continue
        items = sorted(table.renumbered.items())
        change = "would become" if dry_run else "is now"
        for old, new in items[:RENUMBERED_SHOWN]:
            lines.append(f"Application #{old} in the file {change} #{new} (#{old} was taken).")
        if len(items) > RENUMBERED_SHOWN:
            lines.append(f"... and {len(items) - RENUMBERED_SHOWN} more renumbered.")
    if dry_run:
        lines.append("Dry run: nothing was written.")
    elif not plan.added:
        lines.append("Nothing new to import.")
    return lines


def _import_spreadsheet(rt: Runtime, file: str, text: str, dry_run: bool) -> None:
    now = rt.clock()
    rows, rejected = read_spreadsheet(text, now, rt.zone, _shown(file))
    for line, why in rejected:
        click.echo(f"{PROG}: line {line}: {why}", err=True)
    if not rows:
        total = len(rejected)
        raise BadInput(
            f"none of the {total} rows could be imported"
            if total
            else f"{_shown(file)} has no rows to import"
        )
    if dry_run:
        click.echo(f"{len(rows)} application{'s' if len(rows) != 1 else ''} would be added.")
        click.echo("Dry run: nothing was written.")
        return
    repository = rt.repository(create=True)
    ids = []
    for row in rows:
        application_id = repository.add_application(row.new, now)
        if row.stage is not Stage.INTERVIEWED:
            reason = CloseReason.OTHER if row.stage is Stage.CLOSED else None
            repository.move(
                application_id,
                row.stage,
                when=row.new.interview.held_at,
                now=now,
                reason=reason,
                force=True,
            )
        ids.append(application_id)
    listed = ", ".join(f"#{application_id}" for application_id in ids)
    click.echo(f"Imported {len(ids)} application{'s' if len(ids) != 1 else ''}: {listed}")
    if rejected:
        click.echo(f"Rejected {len(rejected)} row{'s' if len(rejected) != 1 else ''} (see above).")


def read_spreadsheet(
    text: str, now: DateTime, zone: Timezone, name: str = "the file"
) -> tuple[list[SpreadsheetRow], list[tuple[int, str]]]:
    """Read a spreadsheet's rows: the good ones, and ``(line, why)`` for each rejected one.

    Raises:
        BadInput: not CSV, or a required column is missing.
    """
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise BadInput(f"{name} is empty")
        columns = _spreadsheet_columns(header, name)
        good: list[SpreadsheetRow] = []
        rejected: list[tuple[int, str]] = []
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            values = {
                key: cells[index].strip() if index < len(cells) else ""
                for key, index in columns.items()
            }
            if not any(cell.strip() for cell in cells):
                continue
            row, problems = _spreadsheet_row(values, line, now, zone)
            if row is None:
                rejected.append((line, "; ".join(problems)))
            else:
                good.append(row)
    except csv.Error as error:
        raise BadInput(f"{name} is not a readable CSV file ({error})") from None
    return good, rejected


def _spreadsheet_columns(header: list[str], name: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        cleaned = " ".join(title.replace("_", " ").replace("-", " ").lower().split())
        for key, aliases in SPREADSHEET_COLUMNS.items():
            if cleaned in aliases and key not in found:
                found[key] = index
    missing = [key for key in REQUIRED_COLUMNS if key not in found]
    if missing:
        have = ", ".join(repr(safe_line(title)) for title in header) or "none"
        raise BadInput(f"{name} has no {missing[0]!r} column (its columns: {have})")
    return found


def _spreadsheet_row(
    values: dict[str, str], line: int, now: DateTime, zone: Timezone
) -> tuple[SpreadsheetRow | None, list[str]]:
    problems: list[str] = []
    texts: dict[str, str] = {}
    for field in ("company", "role"):
        if not values[field]:
            problems.append(f"empty {field}")
            continue
        try:
            texts[field] = clean_field(field, values[field])
        except FieldError as error:
            problems.append(str(error))
    held_at = None
    if not values["interview date"]:
        problems.append("no interview date")
    else:
        try:
            held_at = parse_when(values["interview date"], now, zone)
        except WhenError as error:
            problems.append(f"bad date: {error}")
    stage = Stage.INTERVIEWED
    if values.get("stage"):
        try:
            stage = parse_stage(values["stage"])
        except ValueError as error:
            problems.append(str(error))
    if problems or held_at is None:
        return None, problems
    new = NewApplication(texts["company"], texts["role"], NewInterview(held_at))
    return SpreadsheetRow(line, new, stage), []


# -- backups -----------------------------------------------------------------------------------


@click.command(epilog="Example: postinterview backup ~/Documents/job-search-backup.db")
@db_option
@click.argument("dest", metavar="[DEST]", required=False, type=click.Path(path_type=Path))
@click.pass_context
def backup(ctx: click.Context, dest: Path | None) -> None:
    """Make a checked copy of the database (default: in the backups folder next to it)."""
    from postinterview_tui.storage.backup import backup_database, new_backup_path

    rt = runtime(ctx)
    now = rt.clock()
    if dest is not None:
        if dest.is_dir():
            dest = new_backup_path(dest, rt.db_path, now)
        _refuse_database_path(rt, dest)
    repository = rt.existing()
    with _bad_input():
        info = backup_database(repository, now, dest)
    click.echo(f"Backed up to {_shown(info.path)} ({_size(info.size)}).")


@click.command(
    epilog=(
        "With no BACKUP, lists the backups. BACKUP is a name from that list or a path.  "
        "Examples: postinterview restore;  postinterview restore BACKUP-NAME"
    )
)
@db_option
@click.argument("name", metavar="[BACKUP]", required=False)
@click.pass_context
def restore(ctx: click.Context, name: str | None) -> None:
    """Restore a backup; the data you have now is kept aside, never deleted."""
    from postinterview_tui.storage.backup import backups_dir, backups_of, restore_backup

    rt = runtime(ctx)
    folder = backups_dir(rt.db_path)
    if name is None:
        backups = backups_of(rt.db_path)
        if not backups:
            click.echo(f"No backups of {_shown(rt.db_path.name)} in {_shown(folder)} yet.")
        for info in backups:
            taken = info.taken_at.in_timezone(rt.zone).format("YYYY-MM-DD HH:mm:ss")
            click.echo(f"{taken}  {_size(info.size):>9}  {_shown(info.path.name)}")
        return
    candidate = Path(name).expanduser()
    if not candidate.exists() and (folder / name).exists():
        candidate = folder / name
    with _bad_input():
        aside = restore_backup(rt.db_path, candidate, rt.clock())
    click.echo(f"Restored {_shown(candidate.name)}.")
    if aside is not None:
        click.echo(f"The data you had before is kept in {_shown(aside)}.")


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


COMMANDS = (export, import_, backup, restore)
