"""The backup files of one database: their names, which ones to keep, and leftovers to clean.

Backups go to ``backups/`` beside the database and are named after it: ``jobs.db`` gets
``jobs-<UTC time>.db``, so two databases in one folder never see each other's backups (the
default ``postinterview.db`` keeps the ``postinterview-<time>.db`` names it always had).

Thinning never trusts the clock alone: the newest :data:`KEEP_NEWEST` backups and any backup
dated after "now" (the clock went back) are always kept, so a clock set far ahead cannot make
one change delete every backup.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pendulum
from pendulum import DateTime

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
_STAMP = "%Y%m%d-%H%M%S"
_STAMP_PATTERN = r"-(\d{8})-(\d{6})(?:-(\d+))?\.db"
# Thinning: the newest ten whatever their dates, everything from the last day, the newest of
# each day for a week, the newest of each week for about two months.
KEEP_NEWEST = 10
KEEP_ALL_FOR = timedelta(days=1)
KEEP_DAILY_FOR = timedelta(days=7)
KEEP_WEEKLY_FOR = timedelta(days=61)
# A copy being written is ".<name>.<pid>.tmp" (and SQLite's "-journal" of it while it is open).
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.tmp(?:-journal)?$")
STALE_TEMPORARY_SECONDS = 24 * 3600
"""A temporary copy this old is a leftover even if its process id is in use again."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file."""

    path: Path
    taken_at: DateTime
    size: int


def backups_dir(db_path: Path) -> Path:
    """Where automatic and default backups of ``db_path`` go (not created here)."""
    return db_path.parent / BACKUP_DIR


def backup_stem(db_path: Path) -> str:
    """What the database's backups are named after: its name without a ``.db`` ending."""
    name = db_path.name
    return name[: -len(".db")] if name.endswith(".db") and len(name) > len(".db") else name


def new_backup_path(folder: Path, db_path: Path, now: DateTime) -> Path:
    """A free name in ``folder`` for a backup of ``db_path`` taken at ``now``."""
    return free_name(folder, f"{backup_stem(db_path)}-{stamp(now)}", ".db")


def backups_of(db_path: Path) -> list[BackupInfo]:
    """The backups of ``db_path`` in its backups folder, newest first (no other database's)."""
    folder = backups_dir(db_path)
    pattern = re.compile(f"^{re.escape(backup_stem(db_path))}{_STAMP_PATTERN}$")
    found: list[tuple[DateTime, int, BackupInfo]] = []
    try:
        entries = list(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    for path in entries:
        match = pattern.match(path.name)
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


def backups_to_keep(taken: Iterable[DateTime], now: DateTime) -> frozenset[DateTime]:
    """Which backup times to keep at ``now`` (pure: no I/O).

    Always the newest :data:`KEEP_NEWEST` and every one dated after ``now``; besides those, all
    from the last day, the newest of each calendar day (in ``now``'s zone) for a week, and the
    newest of each ISO week for about two months.
    """
    moments = sorted(set(taken), reverse=True)
    zone = now.timezone or pendulum.UTC
    keep: set[DateTime] = set(moments[:KEEP_NEWEST])
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


def thin_backups(db_path: Path, now: DateTime) -> list[Path]:
    """Delete the backups of ``db_path`` that :func:`backups_to_keep` drops; returns them."""
    backups = backups_of(db_path)
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


def remove_stale_temporaries(folder: Path, prefix: str = "") -> list[Path]:
    """Delete copies left half-written in ``folder`` by a backup or restore that was killed.

    Only names this program gives its temporary copies are looked at, and with ``prefix``
    only those of copies named ``prefix...`` (in a folder that is not only ours).

    A temporary copy is stale when the process that wrote it is gone, or when it is over a day
    old (its process id may have been given to another program since). Another window's copy
    in progress is left alone.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        match = _TEMPORARY.match(path.name)
        if not match or not path.name.startswith(f".{prefix}"):
            continue
        try:
            age = time.time() - path.lstat().st_mtime
        except OSError:
            continue
        if _process_alive(int(match[1])) and age < STALE_TEMPORARY_SECONDS:
            continue
        try:
            path.unlink()
        except OSError as error:
            log.warning("could not remove the leftover %s: %s", path, error)
            continue
        removed.append(path)
    if removed:
        log.info("removed %d leftover temporary copies from %s", len(removed), folder)
    return removed


def stamp(now: DateTime) -> str:
    """``now`` in UTC as backup names carry it."""
    return now.in_timezone(pendulum.UTC).strftime(_STAMP)


def free_name(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, or with ``-1``, ``-2``... added when that name is taken."""
    candidate = folder / f"{stem}{suffix}"
    serial = 1
    while candidate.exists():
        candidate = folder / f"{stem}-{serial}{suffix}"
        serial += 1
    return candidate


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process (or an odd number): assume it is alive
    return True


def restore_command(db_path: Path, backup: Path) -> str:
    """The command that restores ``backup`` into ``db_path``, ready to copy into a shell."""
    from postinterview_tui.storage.paths import default_db_path

    target = "" if db_path == default_db_path() else f" --db {shlex.quote(str(db_path))}"
    name = backup.name if backup.parent == backups_dir(db_path) else str(backup)
    return f"postinterview{target} restore {shlex.quote(name)}"
