"""Fixtures for the command-line tests.

``cli`` runs ``postinterview`` in this process (fast: most tests use it); ``spawn`` runs
``python -m postinterview_tui`` in a child process for the few end-to-end checks. See
``_support.py`` for the runners and the shared checks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import click.utils
import pytest

from ._imap import (  # noqa: F401  (a real IMAP server for the ingest tests)
    imap_certificates,
    imap_server,
    imap_tls_server,
)
from ._support import InProcessCli, SubprocessCli


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> Iterator[InProcessCli]:
    """The in-process runner on the test's (not yet existing) database file.

    click strips CSI sequences (``ESC [ ... m``) when stdout is not a terminal; the tests want
    what a terminal would receive, so that stripping is turned off.
    """
    monkeypatch.setattr(click.utils, "should_strip_ansi", lambda stream=None, color=None: False)
    logger = logging.getLogger("postinterview_tui")
    handlers_before = list(logger.handlers)
    yield InProcessCli(capsys, monkeypatch, db_path)
    # ``run`` sets up a log file handler once per process; drop it so the next test's
    # temporary log directory is used, and close the file.
    for handler in list(logger.handlers):
        if handler not in handlers_before:
            logger.removeHandler(handler)
            handler.close()


@pytest.fixture
def spawn(tmp_path: Path) -> SubprocessCli:
    """The subprocess runner (about half a second per call: use sparingly)."""
    return SubprocessCli(cwd=tmp_path)
