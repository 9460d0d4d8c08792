"""Looking at a database file before SQLite opens it, and finishing a crashed transaction.

SQLite keeps a change it has not finished in a rollback journal (``<file>-journal``) or a
write-ahead log (``<file>-wal``). When a process dies in the middle of a commit, that file is
left behind *hot*: the next connection that can write rolls it back, and the database is whole
again (sqlite.org atomiccommit.html §4). A read-only connection cannot do it and fails with
"attempt to write a readonly database". So a file whose header is ours is opened read-write
once to let SQLite finish its recovery; the header (and the application id in it) is read first
from the bytes, so a file from another program or from a newer version is never written.

Deleting a hot journal instead damages the database (sqlite.org howtocorrupt.html §1.3): no
message here ever suggests it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from postinterview_tui.storage.errors import StoreBusy, StoreDamaged, StoreUnusable
from postinterview_tui.storage.schema_version import APPLICATION_ID, LATEST_VERSION

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
HEADER_BYTES = 100
RECOVERY_TIMEOUT_SECONDS = 10.0
_USER_VERSION = slice(60, 64)
_APPLICATION_ID = slice(68, 72)
_JOURNAL_INITIAL_PAGES = slice(16, 20)


@dataclass(frozen=True, slots=True)
class Header:
    """What the first 100 bytes of a non-empty file say."""

    is_sqlite: bool
    application_id: int
    user_version: int
    cut_short: bool = False
    """It begins as a SQLite file does but ends inside the header."""


def file_status(path: Path, *, single_name: bool = True) -> os.stat_result | None:
    """The file's status, or ``None`` when there is no file.

    Only a stat: a named pipe or a device is refused without being opened (opening a pipe
    would wait for a writer forever).

    Raises:
        StoreUnusable: it is not a regular file (a folder, a FIFO, a device...), or it has
            several names (hard links) and ``single_name`` is set: SQLite names its journal
            after the name it was opened by, so a crash while another name is in use leaves
            a journal nobody finds.
    """
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise StoreUnusable(f"{path} cannot be read: {error.strerror}") from None
    if stat.S_ISDIR(status.st_mode):
        raise StoreUnusable(f"{path} is a directory, not a database file")
    if not stat.S_ISREG(status.st_mode):
        raise StoreUnusable(
            f"{path} is not a regular file (it is a {_kind(status.st_mode)}): "
            "give the path of a database file"
        )
    if single_name and status.st_nlink > 1:
        raise StoreUnusable(
            f"{path} has {status.st_nlink} names (hard links); SQLite could not find its journal "
            "after a crash under another name: remove the other links, or copy the file with "
            "`postinterview backup`, and use one name"
        )
    return status


def special_file_kind(path: Path) -> str | None:
    """What ``path`` is when it exists and is neither a regular file nor a symbolic link (a
    "named pipe", "device"...): a file to write must never replace one. ``None`` otherwise."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
        return None
    return "directory" if stat.S_ISDIR(mode) else _kind(mode)


def read_header(path: Path) -> Header | None:
    """The file's header, or ``None`` for an empty file.

    Raises:
        StoreUnusable: the file cannot be read.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(HEADER_BYTES)
    except OSError as error:
        raise StoreUnusable(f"{path} cannot be read: {error.strerror}") from None
    if not data:
        return None
    if not data.startswith(SQLITE_MAGIC):
        return Header(False, 0, 0)
    if len(data) < HEADER_BYTES:
        return Header(False, 0, 0, cut_short=True)
    return Header(
        True,
        int.from_bytes(data[_APPLICATION_ID], "big"),
        int.from_bytes(data[_USER_VERSION], "big", signed=True),
    )


def pending_companion(path: Path) -> Path | None:
    """A journal or WAL file beside ``path`` that may hold a change to finish or roll back."""
    journal = Path(f"{path}-journal")
    try:
        with journal.open("rb") as handle:
            if handle.read(len(JOURNAL_MAGIC)) == JOURNAL_MAGIC:
                return journal
    except OSError:
        pass  # no journal (or not readable: SQLite will say so)
    wal = Path(f"{path}-wal")
    try:
        if wal.stat().st_size > 0:
            return wal
    except OSError:
        pass
    return None


def recover_if_needed(path: Path) -> None:
    """Let SQLite roll back a crashed transaction of a file that is ours.

    Nothing is written unless a journal or WAL file lies beside the file and the file's header
    says it is a postinterview database this version knows (or the journal shows the file was
    empty before the crashed transaction, as when the very first change was cut short).

    Raises:
        StoreUnusable: the file belongs to another program or a newer version and has an
            unfinished change; the change cannot be rolled back (folder not writable); or
            another program holds the file locked.
    """
    companion = pending_companion(path)
    if companion is None:
        return
    header = read_header(path)
    ours = header is not None and header.is_sqlite and header.application_id == APPLICATION_ID
    if ours and header is not None and header.user_version > LATEST_VERSION:
        raise StoreUnusable(
            f"{path} was written by a newer version of postinterview (schema "
            f"{header.user_version}; this one knows up to {LATEST_VERSION}): please upgrade"
        )
    if not ours and not _was_empty_before(companion):
        if header is None or not header.is_sqlite:
            return  # not a database at all: the check that follows says so, nothing is written
        raise StoreUnusable(
            f"{path} holds an unfinished change ({companion.name}) and is not a postinterview "
            "database: open it with the program it belongs to first"
        )
    log.info("rolling back an interrupted change of %s (%s)", path, companion.name)
    try:
        conn = sqlite3.connect(str(path), timeout=RECOVERY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as error:
        raise StoreUnusable(f"{path} cannot be opened: {error}") from None
    try:
        # Any read takes the shared lock, and with it SQLite rolls back the hot journal.
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as error:
        raise _recovery_error(path, companion, error) from None
    except sqlite3.DatabaseError as error:
        raise StoreDamaged(f"{path} is damaged or not a database ({error})") from None
    finally:
        conn.close()


def lock_holders(path: Path, locks_file: Path = Path("/proc/locks")) -> list[str]:
    """Programs other than this one holding a lock on ``path``, as ``"name (pid N)"`` (Linux).

    Empty where the system does not say (no ``/proc/locks``, another kind of file system).
    """
    try:
        status = os.stat(path)
        lines = locks_file.read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return []
    wanted = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    holders: list[str] = []
    for line in lines:
        fields = line.split()
        # "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF" ("->" marks a waiting lock).
        if "->" in fields or len(fields) < 6 or fields[5] != wanted:
            continue
        pid = fields[4]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            name = Path(f"/proc/{pid}/comm").read_text(errors="replace").strip()
        except OSError:
            name = "a program"
        holder = f"{name} (pid {pid})"
        if holder not in holders:
            holders.append(holder)
    return holders


def locked_message(path: Path) -> str:
    """Why ``path`` cannot be used right now: which program holds it, when the system says."""
    holders = lock_holders(path)
    if holders:
        return f"{path} is locked by {', '.join(holders)}; close it and try again"
    return f"{path} is in use by another program; close it and try again"


def _recovery_error(path: Path, companion: Path, error: sqlite3.OperationalError) -> StoreUnusable:
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreBusy(
            f"{locked_message(path)} (an interrupted change in {companion.name} waits to be "
            "rolled back; it is rolled back the next time the file can be opened)"
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreUnusable(
            f"an interrupted change in {companion} must be rolled back, but {path.parent} or "
            f"the file is not writable ({text}): make them writable and try again; keep "
            f"{companion.name} where it is, it holds what is needed to repair the file"
        )
    return StoreUnusable(f"{path} cannot be used right now: {text}")


def _was_empty_before(companion: Path) -> bool:
    """True when a rollback journal shows the file was empty before its transaction."""
    if not companion.name.endswith("-journal"):
        return False
    try:
        with companion.open("rb") as handle:
            head = handle.read(28)
    except OSError:
        return False
    return len(head) == 28 and int.from_bytes(head[_JOURNAL_INITIAL_PAGES], "big") == 0


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"
