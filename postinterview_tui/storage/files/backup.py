"""Backups: consistent copies of the open database, taken after changes, thinned, restorable.

Every copy is made and checked by :mod:`.copies` (SQLite's backup API, a private temporary
file, ``PRAGMA integrity_check``, then a rename).

Automatic backups go to ``backups/`` next to the database file, named after it and the UTC time
they were taken, and are thinned so that recent ones are all kept and older ones more sparsely
(see :mod:`.backups`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import weakref
from datetime import timedelta
from pathlib import Path

import pendulum
from pendulum import DateTime

from postinterview_tui.storage.connection import BUSY_TIMEOUT_SECONDS, inspect_file
from postinterview_tui.storage.errors import StoreBusy, StoreUnusable
from postinterview_tui.storage.files.backups import (
    BackupInfo,
    backup_stem,
    backups_dir,
    backups_of,
    free_name,
    new_backup_path,
    remove_stale_temporaries,
    restore_command,
    stamp,
    thin_backups,
)
from postinterview_tui.storage.files.copies import (
    BackupError,
    backup_file,
    reader,
    verify_backup,
    write_copy,
)
from postinterview_tui.storage.opening import open_database
from postinterview_tui.storage.preflight import file_status, recover_if_needed
from postinterview_tui.storage.repository import Repository

__all__ = [
    "BackupError",
    "BackupInfo",
    "backup_database",
    "backup_file",
    "backups_dir",
    "backups_of",
    "maybe_auto_backup",
    "new_backup_path",
    "restore_backup",
    "restore_command",
    "thin_backups",
    "verify_backup",
]

log = logging.getLogger(__name__)

# What each open repository looked like when it was last backed up: (data_version, changes).
_backed_up: weakref.WeakKeyDictionary[Repository, tuple[int, int]] = weakref.WeakKeyDictionary()


def backup_database(repository: Repository, now: DateTime, dest: Path | None = None) -> BackupInfo:
    """Copy the repository's database to ``dest`` (default: a new file in :func:`backups_dir`).

    Raises:
        BackupError: ``dest`` exists or cannot be written, or the copy failed its check.
    """
    if dest is None:
        folder = backups_dir(repository.path)
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise BackupError(f"cannot create {folder}: {error.strerror}") from None
        remove_stale_temporaries(folder)
        dest = new_backup_path(folder, repository.path, now)
    elif dest.exists():
        raise BackupError(f"{dest} already exists: choose another name")

    def copy(target: sqlite3.Connection) -> None:
        with repository.transactions.read() as db:
            db.backup(target)

    write_copy(copy, dest)
    log.info("backed up %s to %s", repository.path, dest)
    return BackupInfo(dest, now.in_timezone(pendulum.UTC).replace(microsecond=0), _size(dest))


def restore_backup(db_path: Path, backup: Path, now: DateTime) -> Path | None:
    """Replace the database's content with a verified backup, keeping the current data aside.

    A healthy current file is copied aside through the backup API and then overwritten through
    it too, so a window still open on it sees the restored data instead of writing to a file
    that was moved away. A file that cannot be opened (damaged, not ours) is renamed aside as
    it is. Nothing is ever deleted.

    The restored file is then brought up to this version's schema, as opening it would.

    Returns:
        Where the previous data was kept (``<name>.before-restore-<time>.db``), or ``None`` when
        there was no database file.

    Raises:
        BackupError: the backup is missing or fails its checks (nothing was changed), or the
            restore could not be completed (the previous data is kept aside).
    """
    verify_backup(backup)
    try:
        status = file_status(db_path, single_name=False)
    except StoreUnusable as error:
        raise BackupError(error.message) from None
    if status is not None and os.path.samefile(db_path, backup):
        raise BackupError(f"{backup} is the database itself, not a backup of it")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise BackupError(f"cannot create {db_path.parent}: {error.strerror}") from None
    remove_stale_temporaries(db_path.parent, prefix=backup_stem(db_path))
    aside = free_name(db_path.parent, f"{backup_stem(db_path)}.before-restore-{stamp(now)}", ".db")
    if status is None or status.st_size == 0:
        # Nothing to keep; a journal left beside a missing file must not be played into the
        # restored one, so it goes aside.
        _move_companions(db_path, aside)
        write_copy(reader(backup), db_path)
        _bring_up_to_date(db_path)
        return None
    try:
        recover_if_needed(db_path)
        inspect_file(db_path)
    except StoreBusy as error:
        raise BackupError(error.message) from None
    except StoreUnusable:
        # Damaged, not ours, or newer: kept aside as it is, with its journal if it has one.
        os.rename(db_path, aside)
        _move_companions(db_path, aside)
        write_copy(reader(backup), db_path)
    else:
        write_copy(reader(db_path), aside)
        _restore_in_place(backup, db_path)
    _bring_up_to_date(db_path)
    return aside


def maybe_auto_backup(
    repository: Repository, now: DateTime, min_interval_minutes: int = 5
) -> BackupInfo | None:
    """Back up after changes, at most every ``min_interval_minutes``, then thin old backups.

    Call it after a change (or on a timer): it does nothing when the newest backup is recent,
    or when nothing changed since this repository's last backup (or, in a new process, since
    the newest backup file was written).

    Returns:
        The new backup, or ``None`` when none was needed.

    Raises:
        BackupError: the backup could not be made (the caller should say so and carry on).
    """
    backups = backups_of(repository.path)
    state = repository.change_marker()
    if backups:
        newest = backups[0]
        age = now - newest.taken_at
        if timedelta(0) <= age < timedelta(minutes=min_interval_minutes):
            return None
        last = _backed_up.get(repository)
        if last == state or (last is None and not _written_after(repository.path, newest.path)):
            return None
    info = backup_database(repository, now)
    _backed_up[repository] = state
    removed = thin_backups(repository.path, now)
    if removed:
        log.info("removed %d old backups", len(removed))
    return info


# -- helpers -----------------------------------------------------------------------------------


def _size(path: Path) -> int:
    return path.stat().st_size


def _move_companions(db_path: Path, aside: Path) -> None:
    for suffix in ("-journal", "-wal"):
        companion = Path(f"{db_path}{suffix}")
        if companion.exists():
            os.rename(companion, Path(f"{aside}{suffix}"))


def _restore_in_place(backup: Path, db_path: Path) -> None:
    live = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        reader(backup)(live)
        result = live.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as error:
        raise BackupError(f"could not restore into {db_path}: {error}") from None
    finally:
        live.close()
    if result != "ok":
        raise BackupError(f"{db_path} failed its check after the restore ({result})")


def _bring_up_to_date(db_path: Path) -> None:
    # A backup from before a migration is migrated now rather than under a window left open.
    try:
        db = open_database(db_path, create=False)
    except StoreUnusable as error:
        raise BackupError(f"restored, but {error.message}") from None
    if db is not None:
        db.close()


def _written_after(db_path: Path, backup: Path) -> bool:
    try:
        written = max(
            Path(f"{db_path}{suffix}").stat().st_mtime_ns
            for suffix in ("", "-wal")
            if Path(f"{db_path}{suffix}").exists()
        )
        return written > backup.stat().st_mtime_ns
    except (OSError, ValueError):
        return True
