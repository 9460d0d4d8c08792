"""Opening the database file safely: create it, recover a hot journal, check it, back it up
before a migration, migrate it, and choose its durability.

This sits above :mod:`connection` (checking and connecting) and :mod:`files.copies` (verified
copies), so a backup before a migration needs no import back into either.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

from postinterview_tui.storage.connection import (
    Durability,
    choose_durability,
    connect,
    create_private_file,
    inspect_file,
)
from postinterview_tui.storage.errors import StoreDamaged, StoreMissing, StoreUnusable
from postinterview_tui.storage.files.copies import BackupError, backup_file
from postinterview_tui.storage.preflight import file_status, recover_if_needed
from postinterview_tui.storage.schema_version import LATEST_VERSION

log = logging.getLogger(__name__)


def open_database(path: Path, *, create: bool) -> sqlite3.Connection | None:
    """Open (and if needed create and migrate) the database file.

    Args:
        path: the file.
        create: create the file if missing; otherwise a missing file gives ``None``.

    Raises:
        StoreUnusable: see :func:`inspect_file`; also when migrating fails.
    """
    status = file_status(path)
    if status is None or status.st_size == 0:
        refuse_if_backed_up(path)
    if status is None:
        if not create:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise StoreUnusable(f"cannot create the folder for {path}: {error.strerror}") from None
        try:
            create_private_file(path)
        except FileExistsError:
            pass  # another process created it first
        except OSError as error:
            raise StoreUnusable(f"cannot create {path}: {error.strerror}") from None
    recover_if_needed(path)
    version = inspect_file(path, trust_unchanged=True)
    db: sqlite3.Connection | None = None
    try:
        db = connect(path)
        durability = choose_durability(sqlite3.sqlite_version_info)
        if version < LATEST_VERSION:
            if version > 0:
                log.info("migrating %s from schema %s", path, version)
                pre_migration_backup(path, version)
            # Only here: the migrations (and sqlite-utils) cost 60 ms to load.
            from postinterview_tui.storage.schema import apply_migrations

            apply_migrations(db)
        _set_durability(db, durability)
    except sqlite3.OperationalError as error:
        _close(db)
        raise StoreUnusable(f"{path} cannot be used right now: {error}") from None
    except sqlite3.DatabaseError as error:
        _close(db)
        raise StoreDamaged(f"{path} is damaged or not a database ({error})") from None
    except Exception as error:
        _close(db)
        raise StoreUnusable(f"{path} could not be upgraded: {error}") from None
    return db


def pre_migration_backup(path: Path, version: int) -> Path:
    """A verified copy of the file as it was before upgrading it, in ``backups/``.

    Raises:
        StoreUnusable: the copy could not be made (then nothing is migrated).
    """
    # Where backups live is asked only when one is made or looked for: opening a file that
    # is up to date (every start, every ``today``) loads none of it.
    from postinterview_tui.storage.files.backups import backup_stem, backups_dir

    folder = backups_dir(path)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    dest = folder / f"{backup_stem(path)}-pre-migrate-v{version}-{stamp}.db"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if dest.exists():
            dest = folder / f"{backup_stem(path)}-pre-migrate-v{version}-{stamp}-{os.getpid()}.db"
        backup_file(path, dest)
    except (BackupError, OSError) as error:
        raise StoreUnusable(
            f"{path} needs an upgrade, but a backup could not be made first ({error}); "
            "nothing was changed"
        ) from None
    log.info("backed up %s to %s before migrating", path, dest)
    return dest


def refuse_if_backed_up(path: Path) -> None:
    """Refuse to start afresh where a database used to be: a missing or empty file whose
    backups lie beside it is lost data to restore, not a new user.

    Raises:
        StoreMissing: backups of the file exist (the message names the newest and how to
            restore it).
    """
    from postinterview_tui.storage.files.backups import backups_dir, backups_of, restore_command

    backups = backups_of(path)
    if not backups:
        return
    newest = backups[0]
    state = "is empty" if path.exists() else "is missing"
    raise StoreMissing(
        f"{path} {state}, but its backups are in {backups_dir(path)}: the newest is "
        f"{newest.path.name}; restore it with `{restore_command(path, newest.path)}` "
        f"(to start afresh instead, move {backups_dir(path)} away)"
    )


def _close(db: sqlite3.Connection | None) -> None:
    if db is not None:
        db.close()


def _set_durability(db: sqlite3.Connection, durability: Durability) -> None:
    current = db.execute("PRAGMA journal_mode").fetchone()[0]
    if current != durability.journal_mode:
        try:
            db.execute(f"PRAGMA journal_mode = {durability.journal_mode}")
        except sqlite3.OperationalError:
            # Another connection holds the file; keep the current mode rather than fail.
            log.warning("could not switch journal mode to %s", durability.journal_mode)
    db.execute(f"PRAGMA synchronous = {durability.synchronous}")
