"""Data the user owns, on the command line: export, import, backup and restore.

The storage side is in :mod:`storage.files.export`, :mod:`storage.files.importing` and
:mod:`storage.files.backup`; they are imported when a command runs, so ``--help`` stays quick.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from pendulum import DateTime

from postinterview_tui.cli.runtime import (
    PROG,
    BadInput,
    Runtime,
    db_option,
    runtime,
    write_output_file,
)
from postinterview_tui.domain.text import safe_line

RENUMBERED_SHOWN = 20
PROGRESS_FROM = 200
"""Imports of at least this many rows show a progress bar (on a terminal)."""


@contextmanager
def _bad_input() -> Iterator[None]:
    """Storage errors about the user's files become one-line input errors (exit 2)."""
    from postinterview_tui.storage.files.backup import BackupError
    from postinterview_tui.storage.files.importing import ImportFileError

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
    from postinterview_tui.storage.files.export import empty_database, export_csv, export_json

    rt = runtime(ctx)
    to_file = output is not None and str(output) != "-"
    if to_file and output is not None:
        _refuse_database_path(rt, output)
    now = rt.clock()
    repository = rt.repository(create=False)
    reading = repository.transactions.read() if repository else _closing(empty_database())
    with reading as source:
        as_csv = format_.lower() == "csv"
        text = export_csv(source, rt.zone) if as_csv else export_json(source, now)
    if not to_file or output is None:
        click.echo(text, nl=False)
        return
    write_output_file(output, text.encode("utf-8"))


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
    from postinterview_tui.storage.files.backup import backup_database
    from postinterview_tui.storage.files.export import empty_database
    from postinterview_tui.storage.files.importing import (
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
    from postinterview_tui.storage.files.spreadsheet import SpreadsheetError, read_spreadsheet

    now = rt.clock()
    try:
        rows, refused = read_spreadsheet(text, now, rt.zone, _shown(file))
    except SpreadsheetError as error:
        raise BadInput(error.message) from None
    for line, why in refused:
        click.echo(f"{PROG}: line {line}: {safe_line(why)}", err=True)
    if not rows:
        total = len(refused)
        raise BadInput(
            f"none of the {total} rows could be imported"
            if total
            else f"{_shown(file)} has no rows to import"
        )
    result = _add_spreadsheet_rows(rt, rows, now, dry_run)
    for summary_line in spreadsheet_summary(result.added, result.already_there, dry_run):
        click.echo(summary_line)
    if refused:
        click.echo(f"Rejected {len(refused)} row{'s' if len(refused) != 1 else ''} (see above).")


def _add_spreadsheet_rows(rt: Runtime, rows: list[Any], now: DateTime, dry_run: bool) -> Any:
    """Import the rows (backing up existing data first), with a progress bar on a terminal."""
    from postinterview_tui.storage.files.backup import backup_database
    from postinterview_tui.storage.files.export import empty_database
    from postinterview_tui.storage.files.spreadsheet import import_spreadsheet
    from postinterview_tui.storage.repository import Repository

    repository = rt.repository(create=False)
    if repository is None:
        repository = (
            Repository(empty_database(), Path(":memory:"), rt.zone)
            if dry_run
            else rt.repository(create=True)
        )
    elif not dry_run and import_spreadsheet(repository, rows, now, dry_run=True).added:
        # An import cannot be undone: keep a way back.
        with _bad_input():
            saved = backup_database(repository, now)
        click.echo(f"Backed up your data first: {_shown(saved.path)}")
    label = "Checking" if dry_run else "Importing"
    with _progress(len(rows), label) as bar:
        return import_spreadsheet(repository, rows, now, bar.update, dry_run=dry_run)


def _progress(total: int, label: str) -> Any:
    """A progress bar on stderr: click draws it only on a terminal, and only for long jobs."""
    shown = total >= PROGRESS_FROM and sys.stderr.isatty()
    return click.progressbar(length=total, label=label, file=sys.stderr if shown else io.StringIO())


def spreadsheet_summary(added: list[int], already_there: list[int], dry_run: bool) -> list[str]:
    """The lines that sum up a spreadsheet import: counts and a range, never every id."""
    noun = "application" if len(added) == 1 else "applications"
    if dry_run:
        lines = [f"{len(added):,} {noun} would be added."]
    elif not added:
        lines = ["Nothing new to import."]
    else:
        span = f"#{added[0]}" if len(added) == 1 else f"#{added[0]}–#{added[-1]}"
        lines = [f"Imported {len(added):,} {noun} ({span})"]
    if already_there:
        shown = ", ".join(str(line) for line in already_there[:RENUMBERED_SHOWN])
        if len(already_there) > RENUMBERED_SHOWN:
            shown += f" and {len(already_there) - RENUMBERED_SHOWN:,} more"
        plural = "s" if len(already_there) != 1 else ""
        lines.append(f"{len(already_there):,} already there, skipped (line{plural} {shown}).")
    if dry_run:
        lines.append("Dry run: nothing was written.")
    return lines


# -- backups -----------------------------------------------------------------------------------


@click.command(epilog="Example: postinterview backup ~/Documents/job-search-backup.db")
@db_option
@click.argument("dest", metavar="[DEST]", required=False, type=click.Path(path_type=Path))
@click.pass_context
def backup(ctx: click.Context, dest: Path | None) -> None:
    """Make a checked copy of the database (default: in the backups folder next to it)."""
    from postinterview_tui.storage.files.backup import backup_database, new_backup_path

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
    from postinterview_tui.storage.files.backup import backups_dir, backups_of, restore_backup

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
