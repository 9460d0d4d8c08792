"""Killing a command at the worst moment: at the removal of its rollback journal.

In rollback-journal mode the removal of ``<db>-journal`` is the commit point, so a kill just
before it leaves a hot journal: the crash the store must recover from without help. ``strace``
injects the kill at that system call (``apt-get install -y strace``; ``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NOW_TEXT = "2026-11-25T10:00:00Z"


def strace() -> str:
    """The strace program; fails (never skips silently) where it is missing on Linux."""
    if not sys.platform.startswith("linux"):
        pytest.skip("strace injection needs Linux")
    found = shutil.which("strace")
    if found is None:
        pytest.fail(
            "strace is not installed, and the crash tests need it to kill a command at its "
            "commit: install it with `apt-get install -y strace` (CI's .ci/run does)"
        )
    return found


def child_env(now: str = NOW_TEXT) -> dict[str, str]:
    """The environment for a child command (the conftest already isolated the user dirs)."""
    return {**os.environ, "POSTINTERVIEW_NOW": now}


def cli_argv(db: Path, *args: str) -> list[str]:
    """``postinterview --db DB ARGS...`` run by this interpreter."""
    return [sys.executable, "-m", "postinterview_tui", "--db", str(db), *args]


def at_journal_unlink(watched: Path | None, argv: list[str], nth: int = 1) -> list[str]:
    """``argv`` under strace, killed by SIGKILL at its ``nth`` removal of ``watched``'s
    journal (the ``nth`` commit), or of any file when ``watched`` is ``None``."""
    only = ["-P", f"{watched}-journal"] if watched is not None else []
    return [
        strace(),
        "-f",
        "-qq",
        "-o",
        "/dev/null",
        *only,
        "-e",
        "trace=unlink,unlinkat",
        "-e",
        f"inject=unlink,unlinkat:signal=KILL:when={nth}",
        *argv,
    ]


def run(
    argv: list[str], *, timeout: float = 60, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """Run a child with the test environment, capturing its text output."""
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        argv,
        capture_output=True,
        text=True,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        **kwargs,
    )


def killed(result: subprocess.CompletedProcess[str]) -> bool:
    """True when strace's child was killed (strace then kills itself with the same signal)."""
    return result.returncode in (-9, 137)
