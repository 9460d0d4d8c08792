"""Verified copies of a database file, made through SQLite's backup API.

A live database is never copied as a file: a copy taken halfway through a transaction, or
without its journal, is damaged (sqlite.org howtocorrupt.html §1.2). Every copy is written to a
temporary file readable only by its owner, checked with ``PRAGMA integrity_check`` and only then
renamed into place. Backups, restores and the backup before a migration all copy through here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from postinterview_tui.storage.connection import BUSY_TIMEOUT_SECONDS, inspect_file
from postinterview_tui.storage.errors import StoreError, StoreUnusable
from postinterview_tui.storage.files.private import write_private_file


class BackupError(StoreError):
    """A backup could not be made, or a file cannot be restored; the message says why."""


def backup_file(source: Path, dest: Path) -> None:
    """Copy a database file that no connection of ours holds open (before a migration).

    Raises:
        BackupError: the copy could not be written or failed its check.
    """
    write_copy(reader(source), dest)


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


def reader(source: Path) -> Callable[[sqlite3.Connection], None]:
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


def write_copy(copy: Callable[[sqlite3.Connection], None], dest: Path) -> None:
    """Make a database at ``dest`` with ``copy``, check it, and only then put it in place."""
    temporary = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        write_private_file(temporary, b"", replace=False)
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
