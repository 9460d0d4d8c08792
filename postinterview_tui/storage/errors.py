"""Errors the store raises, each with a message meant for the user."""

from __future__ import annotations


class StoreError(Exception):
    """Base class for store errors."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreUnusable(StoreError):
    """The file cannot be used: not ours, from a newer version, damaged, or locked."""


class StoreDamaged(StoreUnusable):
    """The file is damaged (or not a database at all): a backup may bring the data back."""


class StoreMissing(StoreDamaged):
    """The file is missing or empty, but backups of it exist: restore one rather than start
    afresh."""


class StoreBusy(StoreUnusable):
    """Another program holds the file locked: it can be used once that program lets go."""


class NotFound(StoreError):
    """No application with that id (or it was deleted)."""


class EditConflict(StoreError):
    """The record changed in another window since it was loaded."""


class NothingToUndo(StoreError):
    """There is no change left to undo."""


class UndoBlocked(NothingToUndo):
    """This window's last change cannot be undone: a later change made elsewhere touched the
    same application, and undoing would silently throw that one away."""


class SaveFailed(StoreError):
    """A change could not be written (disk full, I/O error...); nothing of it was kept."""
