"""The one way the app writes a file of the user's data: readable only by its owner, and whole.

Exports, calendars, saved drafts, a new database and a backup's first bytes all name the
companies and people of a job search, so none of them may be readable by others, and none may
be left half-written where a later read would take it for the real thing.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from postinterview_tui.storage.preflight import special_file_kind

PRIVATE_FILE_MODE = 0o600
"""Read and write for the owner, nothing for anyone else."""


def write_private_file(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to a file at ``path`` only its owner can read, or leave no file at all.

    With ``replace`` (the default) the data goes to a temporary file in the same folder that
    then takes the place of ``path`` in one step, so a reader sees the old file or the new one,
    never half of it; a symbolic link at ``path`` is replaced, never written through, and a
    named pipe, a device or a folder there is refused. Without ``replace`` the file must not
    exist yet; if writing it fails it is removed again.

    Raises:
        FileExistsError: ``replace`` is false and ``path`` exists.
        OSError: ``path`` is a special file, the folder is missing or not writable, the disk is
            full...
    """
    if not replace:
        _write_new(path, data)
        return
    refuse_special_file(path)
    import tempfile  # only where a file is written: opening an existing one never does

    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        _fill(descriptor, data)  # mkstemp creates it readable and writable by its owner only
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def refuse_special_file(path: Path) -> None:
    """Raise when ``path`` is a named pipe, a device or a folder (see :func:`write_private_file`).

    Raises:
        OSError: with a message saying what the file is.
    """
    kind = special_file_kind(path)
    if kind is not None:
        raise OSError(errno.EEXIST, f"it is a {kind}, not a regular file: choose a file name")


def _write_new(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        _fill(descriptor, data)
    except BaseException:
        path.unlink(missing_ok=True)  # it is the file just created here, not someone's
        raise


def _fill(descriptor: int, data: bytes) -> None:
    """Write everything to the open file, make it durable, and close it."""
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
