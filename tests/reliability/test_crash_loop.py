"""Killing a writer at random moments never loses a committed change or leaves half of one.

A forked child performs real user actions through the store and reports each one after its
commit; the parent kills it with SIGKILL at a random moment, 200 times, and checks the file.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import STAGE_ORDER, CloseReason, Stage
from postinterview_tui.storage.repository import Repository

ITERATIONS = 200


def _writer(path: Path, zone: Timezone, seed: int, report_fd: int) -> None:
    """The child: endless real actions, each reported only after it committed."""
    rng = random.Random(seed)
    try:
        repository = Repository.open(path, zone=zone, create=True)
    except Exception as error:  # a child locked out by the last kill: a failure, not silence
        os.write(report_fd, f"open-failed {type(error).__name__}: {error}\n".encode())
        return
    assert repository is not None
    now = pendulum.datetime(2026, 11, 25, 10, tz=zone)
    ids = [item.id for item in repository.summaries()]
    counter = 0
    while True:
        counter += 1
        marker = f"{seed}-{counter}"
        choice = rng.random()
        if choice < 0.4 or not ids:
            new_id = repository.add_application(
                NewApplication(
                    f"Company {marker}",
                    "Engineer",
                    NewInterview(
                        now.subtract(days=rng.randint(0, 20)),
                        interviewers=(NewInterviewer(f"Person {marker}"),),
                    ),
                ),
                now,
            )
            ids.append(new_id)
            line = f"add {new_id}\n"
        elif choice < 0.7:
            target_id = rng.choice(ids)
            stage = rng.choice(STAGE_ORDER)
            try:
                repository.move(
                    target_id,
                    stage,
                    when=now,
                    now=now,
                    force=True,
                    reason=CloseReason.OTHER if stage is Stage.CLOSED else None,
                )
            except Exception:  # already in that stage: nothing was written
                continue
            line = f"move {target_id} {stage.value}\n"
        else:
            target_id = rng.choice(ids)
            repository.add_note(target_id, f"note {marker}", now)
            line = f"note {target_id} {marker}\n"
        os.write(report_fd, line.encode())


def _run_and_kill(path: Path, zone: Timezone, seed: int, rng: random.Random) -> list[str]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns
        os.close(read_fd)
        try:
            _writer(path, zone, seed, write_fd)
        finally:
            os._exit(0)
    os.close(write_fd)
    time.sleep(rng.uniform(0.02, 0.3))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    text = b"".join(chunks).decode()
    # The last line may be cut by the kill; only whole lines were reported after a commit.
    return [line for line in text.split("\n")[:-1] if line]


@pytest.mark.slow
def test_sigkill_never_loses_or_tears_a_change(
    db_path: Path, zone: Timezone, now: DateTime
) -> None:
    rng = random.Random(20261128)
    reported: list[str] = []
    locked_out: list[str] = []
    for iteration in range(ITERATIONS):
        for line in _run_and_kill(db_path, zone, iteration, rng):
            (locked_out if line.startswith("open-failed") else reported).append(line)
    assert locked_out == []
    # The writer did real work between kills (how much depends on the machine's load).
    assert len(reported) >= 20

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        app_ids = {row[0] for row in conn.execute("SELECT id FROM applications")}
        notes = {
            row[0] for row in conn.execute("SELECT data FROM events WHERE kind = 'note-added'")
        }
        last_stage: dict[int, str] = {}
        for line in reported:
            kind, target, *rest = line.split()
            assert int(target) in app_ids, line
            if kind == "note":
                assert any(f'"note {rest[0]}"' in data for data in notes), line
            if kind == "move":
                last_stage[int(target)] = rest[0]
        # The latest reported move of each application is what the file says (moves are only
        # reported after commit, and later unreported ones may exist only if committed).
        # No action is half done: every application has its interview and its "created" event,
        # and every move left a stage-moved event.
        for (app_id,) in conn.execute("SELECT id FROM applications"):
            interviews = conn.execute(
                "SELECT count(*) FROM interviews WHERE application_id = ?", [app_id]
            ).fetchone()[0]
            created = conn.execute(
                "SELECT count(*) FROM events WHERE application_id = ? AND kind = 'created'",
                [app_id],
            ).fetchone()[0]
            interviewers = conn.execute(
                "SELECT count(*) FROM interviewers WHERE interview_id IN "
                "(SELECT id FROM interviews WHERE application_id = ?)",
                [app_id],
            ).fetchone()[0]
            assert (interviews, created, interviewers) == (1, 1, 1), app_id
        for app_id, stage in last_stage.items():
            moved = conn.execute(
                "SELECT count(*) FROM events WHERE application_id = ? AND kind = 'stage-moved' "
                "AND data LIKE ?",
                [app_id, f'%"to": "{stage}"%'],
            ).fetchone()[0]
            assert moved >= 1
        # Every action row holds a complete snapshot: none was left with its placeholder.
        assert conn.execute("SELECT count(*) FROM actions WHERE snapshot = '{}'").fetchone()[0] == 0
    finally:
        conn.close()
