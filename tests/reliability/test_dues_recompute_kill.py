"""Issue 19, target 6: computing every due again is interruptible without loss.

A ``config set`` of a setting the rules read computes every due again inside its own write; a
start under another rules version computes them all once. Each is killed here with SIGKILL at
its commit point (the removal of the rollback journal, through ``strace``), which leaves a hot
journal. The old dues (and the old setting, and the old basis) must then be exactly what the
file holds, consistent with each other, and the next command must work and finish the job.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pendulum
from pendulum import Timezone

from postinterview_tui.clock import local_zone
from postinterview_tui.domain.dues import stored_dues
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.repository import Repository
from tests.storage._support import sample_application

from ._kills import NOW_TEXT, at_journal_unlink, cli_argv, killed, run, strace


def _zone() -> Timezone:
    # The zone the child commands read from the same environment: their start then finds the
    # dues current, and the only write is the one under test.
    return local_zone()


def _populated(path: Path) -> None:
    now = pendulum.parse(NOW_TEXT)
    assert isinstance(now, pendulum.DateTime)
    repo = Repository.open(path, zone=_zone(), create=True)
    assert repo is not None
    try:
        for number in range(1, 13):
            application_id = repo.add_application(
                sample_application(now, company=f"Co {number}", held_days_ago=number), now
            )
            if number % 3:
                repo.move(application_id, Stage.THANKED, when=now, now=now)
    finally:
        repo.close()


def _state(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], str]:
    conn = sqlite3.connect(path)
    try:
        dues = conn.execute("SELECT * FROM dues ORDER BY application_id, position").fetchall()
        settings = conn.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
        basis = conn.execute("SELECT basis FROM dues_basis").fetchone()[0]
    finally:
        conn.close()
    return dues, settings, str(basis)


def _consistent(path: Path) -> None:
    """The stored dues are the rules' answer under the settings the file holds."""
    repo = Repository.open(path, zone=_zone(), create=False)
    assert repo is not None
    try:
        assert repo.dues.is_current()
        settings = repo.settings()
        for summary in repo.summaries():
            expected = stored_dues(repo.summary(summary.id).progress, settings, _zone())
            assert repo.dues_of(summary.id) == expected
    finally:
        repo.close()


def test_a_kill_while_a_setting_recomputes_every_due_leaves_the_old_dues(tmp_path: Path) -> None:
    strace()
    db = tmp_path / "postinterview.db"
    _populated(db)
    before = _state(db)
    argv = cli_argv(db, "config", "set", "rules.follow_up_days", "9")
    result = run([*at_journal_unlink(db, argv)], timeout=60)
    assert killed(result), result.stderr
    assert Path(f"{db}-journal").exists()  # a hot journal: the commit never happened
    # The next command recovers the file: the setting, the dues and their basis as before.
    listed = run(cli_argv(db, "list", "--json"), timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert _state(db) == before
    _consistent(db)
    done = run(argv, timeout=60)
    assert done.returncode == 0, done.stderr
    after = _state(db)
    assert after[0] != before[0] and after[2] != before[2]
    _consistent(db)


def test_a_kill_while_a_start_recomputes_every_due_leaves_the_old_dues(tmp_path: Path) -> None:
    strace()
    db = tmp_path / "postinterview.db"
    _populated(db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE dues_basis SET basis = 'rules of an older version'")
    conn.commit()
    conn.close()
    before = _state(db)
    argv = cli_argv(db, "today")
    result = run([*at_journal_unlink(db, argv)], timeout=60)
    assert killed(result), result.stderr
    assert _state(db) == before  # rolled back: the old dues and the old basis
    listed = run(cli_argv(db, "list", "--json"), timeout=60)  # recomputes, once
    assert listed.returncode == 0, listed.stderr
    after = _state(db)
    assert after[2] != before[2]  # the start after the kill did the work, once
    _consistent(db)
