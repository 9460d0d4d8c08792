"""A command killed at its commit leaves a hot journal; the next command rolls it back.

Issue 14, item 1: every start used to inspect the file read-only, which cannot roll a hot
journal back, so every command (``doctor`` too) exited 3 "damaged" and the message invited
deleting the journal, which really damages the file.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pendulum import Timezone

from postinterview_tui.storage import preflight
from postinterview_tui.storage.errors import StoreBusy
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.schema_version import APPLICATION_ID

from ._kills import at_journal_unlink, cli_argv, killed, run

FOREIGN_WRITER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE t SET v = v || '-changed'")
    conn.execute("COMMIT")
    """
)


def _journal(path: Path) -> Path:
    return Path(f"{path}-journal")


def _notes(db: Path) -> list[str]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT data FROM events WHERE kind = 'note-added'").fetchall()
    finally:
        conn.close()
    return [json.loads(data)["text"] for (data,) in rows]


def test_a_kill_at_the_commit_is_rolled_back_by_the_next_command(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert run(cli_argv(db, "add", "--company", "Acme", "--role", "Engineer")).returncode == 0
    assert run(cli_argv(db, "note", "1", "kept")).returncode == 0

    cut = run(at_journal_unlink(db, cli_argv(db, "note", "1", "never committed")))
    assert killed(cut), cut
    assert _journal(db).exists()  # the hot journal the kill left

    listing = run(cli_argv(db, "list"))
    assert listing.returncode == 0, listing.stderr
    assert "Acme" in listing.stdout
    assert not _journal(db).exists()
    doctor = run(cli_argv(db, "doctor"))
    assert doctor.returncode == 0, doctor.stderr
    assert "Integrity:    ok" in doctor.stdout
    assert _notes(db) == ["kept"]  # the cut change is rolled back whole, the rest is there
    assert run(cli_argv(db, "note", "1", "after")).returncode == 0
    assert _notes(db) == ["kept", "after"]


def test_the_app_opens_a_file_with_a_hot_journal(tmp_path: Path, zone: Timezone) -> None:
    db = tmp_path / "n.db"
    assert run(cli_argv(db, "add", "--company", "Acme", "--role", "Engineer")).returncode == 0
    assert killed(run(at_journal_unlink(db, cli_argv(db, "move", "1", "thanked"))))
    repository = Repository.open(db, zone=zone, create=False)
    assert repository is not None
    assert [(item.company, item.stage.value) for item in repository.summaries()] == [
        ("Acme", "interviewed")
    ]
    repository.close()


def _foreign_file_with_hot_journal(path: Path, application_id: int, user_version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.execute("CREATE TABLE t (v TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [(f"row {n}",) for n in range(50)])
    conn.commit()
    conn.close()
    cut = run(at_journal_unlink(path, [sys.executable, "-c", FOREIGN_WRITER, str(path)]))
    assert killed(cut), cut
    assert _journal(path).exists()


@pytest.mark.parametrize(
    ("application_id", "user_version", "expected"),
    [
        (0, 0, "not a postinterview database"),
        (0x12345678, 0, "not a postinterview database"),
        (APPLICATION_ID, 99, "newer version"),
    ],
    ids=["plain-sqlite", "other-program", "newer-version"],
)
def test_a_hot_journal_of_a_file_that_is_not_ours_is_never_rolled_back(
    tmp_path: Path, application_id: int, user_version: int, expected: str
) -> None:
    db = tmp_path / "other.db"
    _foreign_file_with_hot_journal(db, application_id, user_version)
    before = (db.read_bytes(), _journal(db).read_bytes())
    for args in (["list"], ["add", "--company", "A", "--role", "B"], ["doctor"]):
        result = run(cli_argv(db, *args))
        assert result.returncode == 3, result
        assert expected in result.stderr
        assert "delete" not in result.stderr.lower()
    assert (db.read_bytes(), _journal(db).read_bytes()) == before


def test_a_lock_held_by_another_program_is_named(
    tmp_path: Path, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "n.db"
    assert run(cli_argv(db, "add", "--company", "Acme", "--role", "Engineer")).returncode == 0
    assert killed(run(at_journal_unlink(db, cli_argv(db, "note", "1", "cut"))))
    # Another program holds the whole file locked (as a program that is not SQLite might).
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            "f = open(sys.argv[1], 'r+b')\n"
            "fcntl.lockf(f, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(preflight, "RECOVERY_TIMEOUT_SECONDS", 0.3)
        started = time.monotonic()
        with pytest.raises(StoreBusy) as refused:
            Repository.open(db, zone=zone, create=False)
        assert time.monotonic() - started < 5
        message = refused.value.message
        assert f"pid {holder.pid}" in message and "python" in message, message
        assert "rolled back the next time" in message and "delete" not in message.lower()
        assert _journal(db).exists()  # left for the recovery, not deleted
    finally:
        holder.kill()
        holder.wait()
    repository = Repository.open(db, zone=zone, create=False)  # once the lock is gone
    assert repository is not None
    assert [item.company for item in repository.summaries()] == ["Acme"]
    repository.close()
    assert not _journal(db).exists()


def test_lock_holders_reads_the_system_lock_table(tmp_path: Path) -> None:
    path = tmp_path / "f.db"
    path.write_bytes(b"x" * 10)
    with path.open("r+b") as handle:
        fcntl.lockf(handle, fcntl.LOCK_EX)
        assert preflight.lock_holders(path) == []  # this process's own lock is not "another"
    locks = tmp_path / "locks"
    status = path.stat()
    import os

    device = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}"
    locks.write_text(
        f"1: POSIX  ADVISORY  WRITE 1 {device}:{status.st_ino} 0 EOF\n"
        f"2: POSIX  ADVISORY  READ 1 {device}:{status.st_ino + 1} 0 EOF\n"
    )
    holders = preflight.lock_holders(path, locks)
    assert len(holders) == 1 and holders[0].endswith("(pid 1)")
