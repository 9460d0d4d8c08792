"""The command-line tests' runners and checks (the fixtures are in ``conftest.py``).

The in-process runner calls :func:`postinterview_tui.cli.group.run` and reads the output with
pytest's ``capsys``: it is fast and is what most tests use. The subprocess runner starts
``python -m postinterview_tui`` for the few end-to-end checks (real exit status, stderr, imports).

Both fix "now" with ``POSTINTERVIEW_NOW``; the zone is ``TZ`` (Europe/London from the top-level
conftest unless a test changes it).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from postinterview_tui.cli.group import run

# Wednesday 25 November 2026, 10:00 in London (UTC+0 in winter).
NOW_TEXT = "2026-11-25T10:00:00Z"

# What a terminal acts on: ESC, BEL, any other C0 control except tab/newline, DEL and C1.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_DEFAULT_DB: Any = object()


@dataclass(frozen=True)
class Result:
    """What one command run gave: exit code, standard output and standard error."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """Standard output read as JSON."""
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        """Standard error split into lines."""
        return self.err.splitlines()

    def __repr__(self) -> str:  # readable assertion failures
        return f"Result(code={self.code}, out={self.out!r}, err={self.err!r})"


def assert_no_control_characters(text: str) -> None:
    """Fail if ``text`` holds anything a terminal would act on."""
    found = sorted({f"U+{ord(char):04X}" for char in CONTROL_CHARACTERS.findall(text)})
    assert not found, f"control characters {found} in output: {text!r}"


def assert_one_error_line(result: Result, code: int = 2) -> str:
    """Check a failed run: the exit code, no stdout, and exactly one ``postinterview: error:``
    line on stderr. Returns the message after the prefix."""
    assert result.code == code, result
    assert result.out == "", result
    assert result.err.endswith("\n"), result
    lines = result.err_lines
    assert len(lines) == 1, result
    prefix = "postinterview: error: "
    assert lines[0].startswith(prefix), result
    message = lines[0][len(prefix) :]
    assert message.strip(), result
    return message


def database_state(path: Path) -> tuple[str, ...] | None:
    """The logical content of the database file (``None`` when there is no file).

    Read on a read-only connection, so looking does not change the file.
    """
    if not path.exists():
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        pragmas = tuple(
            f"{name}={conn.execute(f'PRAGMA {name}').fetchone()[0]}"
            for name in ("application_id", "user_version")
        )
        return pragmas + tuple(conn.iterdump())
    finally:
        conn.close()


def directory_listing(path: Path) -> tuple[str, ...] | None:
    """The names in the database file's directory (``None`` when the directory is missing)."""
    folder = path.parent
    if not folder.exists():
        return None
    return tuple(sorted(item.name for item in folder.iterdir()))


class InProcessCli:
    """Runs ``postinterview`` in this process, with ``--db`` pointing at the test's file."""

    def __init__(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
    ) -> None:
        self.capsys = capsys
        self.monkeypatch = monkeypatch
        self.db_path = db_path

    def __call__(self, *args: str, now: str | None = NOW_TEXT, db: Any = _DEFAULT_DB) -> Result:
        """Run one command line.

        Args:
            args: the arguments after ``postinterview``.
            now: ``POSTINTERVIEW_NOW`` for this run (``None`` leaves the variable unset).
            db: the file passed as ``--db`` before the command; ``None`` passes no ``--db``.
        """
        if now is None:
            self.monkeypatch.delenv("POSTINTERVIEW_NOW", raising=False)
        else:
            self.monkeypatch.setenv("POSTINTERVIEW_NOW", now)
        path = self.db_path if db is _DEFAULT_DB else db
        argv = ["--db", str(path), *args] if path is not None else list(args)
        self.capsys.readouterr()
        code = run(argv)
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *args: str, now: str | None = NOW_TEXT, db: Any = _DEFAULT_DB) -> Result:
        """Run a command that must succeed (exit 0, nothing on stderr)."""
        result = self(*args, now=now, db=db)
        assert result.code == 0 and result.err == "", result
        return result

    def json(self, *args: str, now: str | None = NOW_TEXT) -> Any:
        """Run a ``--json`` command that must succeed and return the parsed output."""
        return self.ok(*args, "--json", now=now).json()

    def add(
        self,
        company: str = "Acme",
        role: str = "Data engineer",
        *options: str,
        now: str | None = NOW_TEXT,
    ) -> int:
        """``add`` an application and return its id (checking the output is just the id)."""
        result = self.ok("add", "--company", company, "--role", role, *options, now=now)
        assert re.fullmatch(r"[1-9][0-9]*\n", result.out), result
        return int(result.out)

    def agenda(self, *options: str, now: str | None = NOW_TEXT) -> list[dict[str, Any]]:
        """The items of ``today --json``."""
        data = self.json("today", *options, now=now)
        items: list[dict[str, Any]] = data["items"]
        return items

    def listing(self, *options: str, now: str | None = NOW_TEXT) -> list[dict[str, Any]]:
        """``list --json``."""
        rows: list[dict[str, Any]] = self.json("list", *options, now=now)
        return rows

    def state(self) -> tuple[str, ...] | None:
        """The logical content of the test's database file."""
        return database_state(self.db_path)


@dataclass
class SubprocessCli:
    """Runs ``python -m postinterview_tui`` in a child process."""

    cwd: Path

    def __call__(
        self,
        *args: str,
        now: str | None = NOW_TEXT,
        env: dict[str, str] | None = None,
        python_args: tuple[str, ...] = (),
    ) -> Result:
        """Run one command line in a fresh interpreter.

        Args:
            args: the arguments after ``postinterview``.
            now: ``POSTINTERVIEW_NOW`` (``None`` leaves it unset).
            env: extra environment variables.
            python_args: interpreter options placed before ``-m``.
        """
        child_env = dict(os.environ)  # already isolated by the top-level conftest
        child_env.pop("POSTINTERVIEW_NOW", None)
        if now is not None:
            child_env["POSTINTERVIEW_NOW"] = now
        child_env.update(env or {})
        completed = subprocess.run(
            [sys.executable, *python_args, "-m", "postinterview_tui", *args],
            cwd=self.cwd,
            env=child_env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
        return Result(completed.returncode, completed.stdout, completed.stderr)

    def python(self, code: str, *, now: str | None = NOW_TEXT) -> Result:
        """Run ``python -c code`` with the same environment."""
        child_env = dict(os.environ)
        child_env.pop("POSTINTERVIEW_NOW", None)
        if now is not None:
            child_env["POSTINTERVIEW_NOW"] = now
        completed = subprocess.run(
            [sys.executable, "-c", code],
            cwd=self.cwd,
            env=child_env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
        return Result(completed.returncode, completed.stdout, completed.stderr)
