"""Helpers shared by the storage tests: sample records, file states and database dumps."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pendulum import DateTime

from postinterview_tui.domain.records import Contact, NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import InterviewKind

FIXTURES = Path(__file__).parent / "fixtures"
V1_FIXTURE = FIXTURES / "v1_populated.db"

# A fixed, long-ago modification time: any write to a file moves its mtime away from this.
OLD_MTIME_NS = 1_600_000_000 * 10**9

SIDECARS = ("-journal", "-wal", "-shm")


def sample_application(
    now: DateTime,
    *,
    company: str = "Acme Ltd",
    role: str = "Backend Engineer",
    interviewers: tuple[str, ...] = ("Ana", "Ben"),
    held_days_ago: int = 1,
    decision_by: date | None = None,
) -> NewApplication:
    """A plain application whose first round was ``held_days_ago`` days before ``now``."""
    return NewApplication(
        company=company,
        role=role,
        interview=NewInterview(
            held_at=now.subtract(days=held_days_ago),
            kind=InterviewKind.VIDEO,
            decision_by=decision_by,
            interviewers=tuple(NewInterviewer(name) for name in interviewers),
        ),
    )


def tricky_application(now: DateTime) -> NewApplication:
    """An application whose text would trip up careless storage or rendering."""
    return NewApplication(
        company="007",
        role="Agent [bold]Double-O[/bold] Seven",
        location="Zürich — 東京",
        link="https://example.com/jobs/007?ref=a&b=%20c",
        recruiter=Contact("Zoë O'Brien", "zoe@example.com"),
        notes="line one\nline two\r\n\n  indented [bold]not markup[/] 🎉\n'; DROP TABLE x; --\n",
        interview=NewInterview(
            held_at=now.subtract(days=1, hours=2).replace(microsecond=987654),
            kind=InterviewKind.PANEL,
            notes="Panel:\n- system design\n- [red]culture[/red]",
            decision_by=date(2026, 12, 4),
            interviewers=(
                NewInterviewer("Ana Núñez", "ana@example.com", "Staff Engineer"),
                NewInterviewer("007", "", "0042"),
                NewInterviewer("", "nameless@example.com", ""),
            ),
        ),
    )


@dataclass(frozen=True)
class FileState:
    """A file's bytes and modification time, to prove it was not touched."""

    data: bytes
    mtime_ns: int
    mode: int


def file_state(path: Path) -> FileState:
    """The bytes, mtime and mode of ``path`` now."""
    stat = path.stat()
    return FileState(path.read_bytes(), stat.st_mtime_ns, stat.st_mode)


def age_file(path: Path) -> None:
    """Set the file's mtime far in the past, so that a later write is visible in it."""
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))


def sidecars(path: Path) -> list[str]:
    """The journal files SQLite left next to ``path``."""
    return [suffix for suffix in SIDECARS if Path(f"{path}{suffix}").exists()]


def dump(path: Path) -> list[str]:
    """The whole database as SQL, read on a separate connection."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def query(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Rows of ``sql`` read on a separate, short-lived connection."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def pragma(path: Path, name: str) -> object:
    """One PRAGMA's value, read on a separate connection."""
    return query(path, f"PRAGMA {name}")[0][0]


def health(path: Path) -> tuple[str, list[tuple[object, ...]]]:
    """``integrity_check`` and ``foreign_key_check`` of the file."""
    return str(query(path, "PRAGMA integrity_check")[0][0]), query(path, "PRAGMA foreign_key_check")
