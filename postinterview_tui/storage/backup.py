"""Backups: consistent copies made through SQLite's backup API, verified, thinned, restorable.

A live database is never copied as a file: a copy taken halfway through a transaction, or
without its journal, is damaged (sqlite.org howtocorrupt.html §1.2). Every copy is made by
``sqlite3.Connection.backup``, written to a temporary file readable only by its owner, checked
with ``PRAGMA integrity_check`` and only then renamed into place.

Automatic backups go to ``backups/`` next to the database file, named by the UTC time they were
taken, and are thinned so that recent ones are all kept and older ones more sparsely.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pendulum
from pendulum import DateTime

from postinterview_tui.storage.connection import (
    BUSY_TIMEOUT_SECONDS,
    inspect_file,
    open_database,
)
from postinterview_tui.storage.errors import StoreError, StoreUnusable
from postinterview_tui.storage.repository import Repository

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
NAME_PREFIX = "postinterview-"
_NAME = re.compile(r"^postinterview-(\d{8})-(\d{6})(?:-(\d+))?\.db$")
_STAMP = "%Y%m%d-%H%M%S"
# Thinning: everything from the last day, the newest of each day for a week, the newest of each
# week for about two months. The newest backup of all is always kept.
KEEP_ALL_FOR = timedelta(days=1)
KEEP_DAILY_FOR = timedelta(days=7)
KEEP_WEEKLY_FOR = timedelta(days=61)

# What each open repository looked like when it was last backed up: (data_version, changes).
_backed_up: weakref.WeakKeyDictionary[Repository, tuple[int, int]] = weakref.WeakKeyDictionary()


class BackupError(StoreError):
    """A backup could not be made, or a file cannot be restored; the message says why."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file."""

    path: Path
    taken_at: DateTime
    size: int


def backups_dir(db_path: Path) -> Path:
    """Where automatic and default backups of ``db_path`` go (not created here)."""
    return db_path.parent / BACKUP_DIR


def new_backup_path(folder: Path, now: DateTime) -> Path:
    """A free name in ``folder`` for a backup taken at ``now``: ``postinterview-<UTC time>.db``."""
    return _free_name(folder, f"{NAME_PREFIX}{_stamp(now)}", ".db")


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder`` (files named as this module names them), newest first."""
    found: list[tuple[DateTime, int, BackupInfo]] = []
    try:
        entries = list(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    for path in entries:
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        try:
            moment = pendulum.from_format(f"{match[1]}{match[2]}", "YYYYMMDDHHmmss", tz="UTC")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue  # not a real time, or removed meanwhile (thinned by another window)
        found.append((moment, int(match[3] or 0), BackupInfo(path, moment, size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [info for _, _, info in found]


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
        dest = new_backup_path(folder, now)
    elif dest.exists():
        raise BackupError(f"{dest} already exists: choose another name")

    def copy(target: sqlite3.Connection) -> None:
        with repository._tx.read() as db:
            db.backup(target)

    _write_copy(copy, dest)
    log.info("backed up %s to %s", repository.path, dest)
    return BackupInfo(dest, now.in_timezone(pendulum.UTC).replace(microsecond=0), _size(dest))


def backup_file(source: Path, dest: Path) -> None:
    """Copy a database file that no connection of ours holds open (before a migration).

    Raises:
        BackupError: the copy could not be written or failed its check.
    """
    _write_copy(_reader(source), dest)


def verify_backup(path: Path) -> int:
    """Check that ``path`` is a whole, undamaged postinterview database this version can open.

    Returns:
        Its schema version.

    Raises:
        BackupError: missing, not ours, from a newer version, empty, or damaged.
    """
    if not path.is_file():
        raise BackupError(f"there is no backup at {path}")
    try:
        version = inspect_file(path)
    except StoreUnusable as error:
        raise BackupError(error.message) from None
    if version == 0:
        raise BackupError(f"{path} holds no postinterview data")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is damaged ({error})") from None
    finally:
        conn.close()
    if problems != ["ok"]:
        raise BackupError(f"{path} is damaged ({problems[0]})")
    return version


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
    if db_path.exists() and db_path.resolve() == backup.resolve():
        raise BackupError(f"{backup} is the database itself, not a backup of it")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise BackupError(f"cannot create {db_path.parent}: {error.strerror}") from None
    aside: Path | None = None
    if not db_path.exists():
        _write_copy(_reader(backup), db_path)
    else:
        aside = _free_name(db_path.parent, f"{db_path.stem}.before-restore-{_stamp(now)}", ".db")
        try:
            inspect_file(db_path)
        except StoreUnusable:
            for suffix in ("-journal", "-wal"):
                if Path(f"{db_path}{suffix}").exists():
                    raise BackupError(
                        f"{db_path}{suffix} is still next to the database: close every program "
                        "using it, then try again"
                    ) from None
            os.rename(db_path, aside)
            _write_copy(_reader(backup), db_path)
        else:
            _write_copy(_reader(db_path), aside)
            _restore_in_place(backup, db_path)
    _bring_up_to_date(db_path)
    return aside


def backups_to_keep(taken: Iterable[DateTime], now: DateTime) -> frozenset[DateTime]:
    """Which backup times to keep at ``now`` (pure: no I/O).

    All from the last day; the newest of each calendar day (in ``now``'s zone) for a week; the
    newest of each ISO week for about two months; and always the newest of all, so thinning
    never leaves nothing behind.
    """
    moments = sorted(set(taken), reverse=True)
    zone = now.timezone or pendulum.UTC
    keep: set[DateTime] = set(moments[:1])
    days: set[object] = set()
    weeks: set[object] = set()
    for moment in moments:
        age = now - moment
        local = moment.in_timezone(zone)
        day, week = local.date(), local.isocalendar()[:2]
        if (
            age < KEEP_ALL_FOR
            or (age < KEEP_DAILY_FOR and day not in days)
            or (age < KEEP_WEEKLY_FOR and week not in weeks)
        ):
            keep.add(moment)
        days.add(day)
        weeks.add(week)
    return frozenset(keep)


def thin_backups(folder: Path, now: DateTime) -> list[Path]:
    """Delete the backups in ``folder`` that :func:`backups_to_keep` drops; returns them."""
    backups = list_backups(folder)
    keep = backups_to_keep((info.taken_at for info in backups), now)
    removed = []
    for info in backups:
        if info.taken_at in keep:
            continue
        try:
            info.path.unlink()
        except OSError as error:
            log.warning("could not remove old backup %s: %s", info.path, error)
            continue
        removed.append(info.path)
    return removed


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
    folder = backups_dir(repository.path)
    backups = list_backups(folder)
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
    removed = thin_backups(folder, now)
    if removed:
        log.info("removed %d old backups", len(removed))
    return info


# -- helpers -----------------------------------------------------------------------------------


def _stamp(now: DateTime) -> str:
    return now.in_timezone(pendulum.UTC).strftime(_STAMP)


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    serial = 1
    while candidate.exists():
        candidate = folder / f"{stem}-{serial}{suffix}"
        serial += 1
    return candidate


def _size(path: Path) -> int:
    return path.stat().st_size


def _reader(source: Path) -> Callable[[sqlite3.Connection], None]:
    """Copy ``source`` (opened read-only) into a target connection."""

    def copy(target: sqlite3.Connection) -> None:
        conn = sqlite3.connect(
            f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
        try:
            conn.backup(target)
        finally:
            conn.close()

    return copy


def _write_copy(copy: Callable[[sqlite3.Connection], None], dest: Path) -> None:
    """Make a database at ``dest`` with ``copy``, check it, and only then put it in place."""
    temporary = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
        target = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            copy(target)
            # The copy must open on its own: no -wal file to go with it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        verify_backup(temporary)
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, dest)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"cannot write {dest}: {error.strerror or error}") from None
    except sqlite3.Error as error:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"could not copy the database to {dest}: {error}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _restore_in_place(backup: Path, db_path: Path) -> None:
    live = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        _reader(backup)(live)
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
