"""Checking and connecting to the database file: the low level under :mod:`opening`.

A file is checked on a read-only connection before anything writes to it, so a file that is not
ours, comes from a newer version, or is damaged is refused and left byte-identical. Copies and
backups build on this module; opening (create, recover, check, back up, migrate) builds on both.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from postinterview_tui.storage.errors import (
    StoreBusy,
    StoreDamaged,
    StoreUnusable,
)
from postinterview_tui.storage.files.private import write_private_file
from postinterview_tui.storage.preflight import (
    file_status,
    locked_message,
    read_header,
)
from postinterview_tui.storage.schema_version import (
    APPLICATION_ID,
    LATEST_VERSION,
    MIGRATION_NAMES,
    MIGRATION_SET,
)
from postinterview_tui.storage.verified import (
    FileStamp,
    is_verified,
    remember_verified,
    stamp_of,
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 10.0
PAGE_CACHE_KIB = 512
"""SQLite's page cache per connection (its default is 2,000 KiB). The whole board at 10,000
applications reads as fast with a quarter of it (the system keeps the file cached anyway), and
what the cache holds stays in the app's memory for the whole session."""

# The WAL-reset bug (sqlite.org wal.html) is fixed in 3.51.3 and backported to 3.50.7 and 3.44.6.
_WAL_FIXED_BACKPORTS = ((3, 44, 6), (3, 50, 7))
_WAL_FIXED_RELEASE = (3, 51, 3)


def wal_is_safe(version: tuple[int, int, int]) -> bool:
    """True when this SQLite version is free of the WAL-reset corruption bug."""
    if version >= _WAL_FIXED_RELEASE:
        return True
    return any(version[:2] == fixed[:2] and version >= fixed for fixed in _WAL_FIXED_BACKPORTS)


@dataclass(frozen=True, slots=True)
class Durability:
    """The journal mode and synchronous level chosen for this SQLite build."""

    journal_mode: str
    synchronous: str


def choose_durability(version: tuple[int, int, int]) -> Durability:
    """WAL with FULL sync where WAL is safe; otherwise the rollback journal with EXTRA sync."""
    if wal_is_safe(version):
        return Durability("wal", "full")
    return Durability("delete", "extra")


def inspect_file(path: Path, *, trust_unchanged: bool = False) -> int:
    """Check an existing file on a read-only connection and return its schema version.

    ``PRAGMA quick_check`` reads the whole file (about 60 ms at 10,000 applications): a
    damaged file is refused before anything reads or writes it. With ``trust_unchanged``, a
    file that has not been written since it last passed (see :mod:`.verified`) skips it.

    Returns:
        0 for an empty (new) database, else its ``user_version``.

    Raises:
        StoreUnusable: not a regular file, not a SQLite file, not ours, from a newer version,
            or damaged (:class:`StoreDamaged`: anything in its header or schema unreadable).
    """
    file_status(path, single_name=False)
    header = read_header(path)
    if header is None:
        return 0
    if header.cut_short:
        raise StoreDamaged(f"{path} is damaged (it ends inside its header)")
    if not header.is_sqlite:
        raise StoreDamaged(f"{path} is not a postinterview database (it is not a SQLite file)")
    stamp = stamp_of(path) if trust_unchanged else None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as error:
        raise StoreUnusable(f"{path} cannot be opened: {error}") from None
    try:
        return _inspect(conn, path, stamp)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise StoreBusy(locked_message(path)) from None
        raise StoreDamaged(f"{path} is damaged or not a database ({error})") from None
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        # Flipped bytes in the schema's text fail to decode: the file is damaged, not the app.
        raise StoreDamaged(f"{path} is damaged or not a database ({error})") from None
    finally:
        conn.close()


def _inspect(conn: sqlite3.Connection, path: Path, stamp: FileStamp | None) -> int:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if application_id != APPLICATION_ID:
        if application_id or tables:
            raise StoreUnusable(
                f"{path} is a SQLite file from another program, not a postinterview database"
            )
        return 0
    if version > LATEST_VERSION:
        raise StoreUnusable(
            f"{path} was written by a newer version of postinterview (schema {version}; "
            f"this one knows up to {LATEST_VERSION}): please upgrade"
        )
    if "_sqlite_migrations" in tables:
        applied = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
        unknown = applied - set(MIGRATION_NAMES)
        if unknown:
            raise StoreUnusable(
                f"{path} was changed by a newer version of postinterview: please upgrade"
            )
    if not is_verified(path, stamp):
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreDamaged(f"{path} is damaged ({result}); run `postinterview doctor`")
        remember_verified(path, stamp)
    return int(version)


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner (the job search is private)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private_file(path, b"", replace=False)


def connect(path: Path) -> sqlite3.Connection:
    """Open a read-write connection with the settings every connection needs."""
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    return conn
