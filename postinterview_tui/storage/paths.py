"""Where files live. Computed when asked, never at import time."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "postinterview"
DB_ENV = "POSTINTERVIEW_DB"
DB_FILENAME = "postinterview.db"


def default_db_path() -> Path:
    """The database file: ``$POSTINTERVIEW_DB`` if set, else the user data directory's file."""
    override = os.environ.get(DB_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME) / DB_FILENAME


def log_dir() -> Path:
    """The directory for the log file (not created here)."""
    return platformdirs.user_log_path(APP_NAME)
