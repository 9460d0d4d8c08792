"""The log file: where unexpected errors go instead of a traceback on screen."""

from __future__ import annotations

import logging
from pathlib import Path

from postinterview_tui.storage.paths import log_dir

LOG_FILENAME = "postinterview.log"


def setup_logging(debug: bool) -> Path | None:
    """Send log records to the log file; ``debug`` adds detail. Returns the file, if usable."""
    root = logging.getLogger("postinterview_tui")
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    wanted = str(log_file())
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler) and handler.baseFilename == wanted:
            return log_file()
        # Another log location (the environment changed within this process): replace it.
        root.removeHandler(handler)
        handler.close()
    try:
        directory = log_dir()
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.FileHandler(directory / LOG_FILENAME, encoding="utf-8")
    except OSError:
        root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return directory / LOG_FILENAME


def log_file() -> Path:
    """Where the log file is (or would be)."""
    return log_dir() / LOG_FILENAME
