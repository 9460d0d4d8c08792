"""Remembering that a file passed ``PRAGMA quick_check``, so an unchanged file is not read twice.

quick_check reads every page (about 60 ms at 10,000 applications, more as the file grows). A
file whose identity, size, modification and status-change times are all as they were when it
last passed cannot have been written since: any write, by SQLite or by anything else, moves
``st_ctime``, which no program can set back. Such a file is trusted without reading it again;
any other file is checked in full. The stamps live in the user cache directory: deleting them
only costs one check. As with git's "racily clean" index entries, a file modified within the
last couple of seconds is not stamped: a second write in the same timestamp tick (filesystem
clocks are coarse) would otherwise be invisible.
"""

from __future__ import annotations

import json
import logging
import os
import time
import zlib
from pathlib import Path

import platformdirs

from postinterview_tui.storage.paths import APP_NAME

log = logging.getLogger(__name__)

FileStamp = tuple[int, ...]
_COMPANIONS = ("-journal", "-wal")
RACY_SECONDS = 2.0
"""A file changed more recently than this is checked again next time rather than stamped."""


def stamp_of(path: Path) -> FileStamp | None:
    """What identifies this exact state of the file, or None when it cannot be trusted.

    A journal or WAL file beside it means a transaction may be pending (or being rolled back):
    then the file is always checked.
    """
    try:
        status = os.stat(path)
    except OSError:
        return None
    for suffix in _COMPANIONS:
        if os.path.exists(f"{path}{suffix}"):
            return None
    return (
        status.st_dev,
        status.st_ino,
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
    )


def _stamp_file(path: Path) -> Path:
    # A checksum, not a cryptographic hash (hashlib costs 5 ms to load on every start): if
    # two files' keys ever collided, each would meet the other's stamp, whose inode, size and
    # times differ, so the worst a collision can do is ask for one check more.
    resolved = str(path.resolve())
    key = f"{path.name[:100]}-{zlib.crc32(resolved.encode()):08x}"
    return platformdirs.user_cache_path(APP_NAME) / "verified" / key


def is_verified(path: Path, stamp: FileStamp | None) -> bool:
    """True when ``path`` passed quick_check in exactly the state ``stamp`` describes."""
    if stamp is None:
        return False
    try:
        saved = json.loads(_stamp_file(path).read_text())
    except (OSError, ValueError):
        return False
    return isinstance(saved, list) and tuple(saved) == stamp


def remember_verified(path: Path, stamp: FileStamp | None) -> None:
    """Record that ``path`` passed quick_check in the state ``stamp`` (taken before the check).

    Nothing is recorded when the file changed while it was being checked.
    """
    if stamp is None or stamp_of(path) != stamp:
        return
    newest_change_ns = max(stamp[3], stamp[4])
    if time.time_ns() - newest_change_ns < RACY_SECONDS * 1e9:
        return
    target = _stamp_file(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = target.with_suffix(f".{os.getpid()}.partial")
        partial.write_text(json.dumps(list(stamp)))
        os.replace(partial, target)
    except OSError as error:
        # Only a cache: the next open checks the file again.
        log.info("could not record that %s was checked: %s", path, error)
