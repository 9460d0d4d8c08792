"""The agenda's counts read the due-time index alone (migration ``0009-dues-counted``).

The board's and the review's headers count the agenda's groups on every open; the count
needs each due's action, time and whether its application's round is still ahead. Each due
keeps its application's round time and the due-time index carries all three, so SQLite
answers the grouped count from that index without one table row (issue 19: looking up each
due's application was ~2 ms a count at 10,000 and 100,000 applications). Files from before
the step get the round times on upgrade, after the usual backup.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewInterview
from postinterview_tui.domain.review import grouped
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage import connection, schema
from postinterview_tui.storage.repository import Repository

from ._support import V1_FIXTURE, sample_application
from .test_dues_store import _file_at

_DUES_COLUMNS = "application_id, position, action, due_at, detail, condition_id, rules_version"


def _plan(repo: Repository, statements: list[str]) -> str:
    (query,) = [sql for sql in statements if "COUNT(*)" in sql.upper()]
    return " | ".join(row[3] for row in repo.db.execute(f"EXPLAIN QUERY PLAN {query}"))


def test_the_counts_read_the_due_time_index_alone(
    repo: Repository, now: DateTime, statements: list[str]
) -> None:
    for n in range(6):
        repo.add_application(sample_application(now, company=f"Co {n}", held_days_ago=n - 2), now)
    statements.clear()
    counts = repo.agenda_counts(now, 7)
    plan = _plan(repo, statements)
    assert "USING COVERING INDEX dues_by_time" in plan, plan
    assert "applications" not in plan, plan  # no application row is looked up
    assert sum(counts.values()) == len(repo.stored_agenda(now, 7)) > 0


def _file_at_v8_with_dues(path: Path, zone: Timezone) -> None:
    """A schema-8 file whose dues were computed by the code of its time (no round times)."""
    current = path.with_name("current.db")
    shutil.copyfile(V1_FIXTURE, current)
    opened = Repository.open(current, zone=zone, create=False)
    assert opened is not None
    with opened.exclusive():
        dues = opened.db.execute(f"SELECT {_DUES_COLUMNS} FROM dues").fetchall()
        basis = opened.db.execute("SELECT basis FROM dues_basis").fetchone()[0]
    opened.close()
    assert dues
    shutil.copyfile(V1_FIXTURE, path)
    db = connection.connect(path)
    schema.apply_migrations(db, stop_after=8)
    db.execute("BEGIN IMMEDIATE")
    db.executemany(f"INSERT INTO dues ({_DUES_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", dues)
    db.execute("INSERT INTO dues_basis (id, basis) VALUES (1, ?)", [basis])
    db.execute("COMMIT")
    db.close()


@pytest.mark.parametrize("version", [1, 2, 3, 8])
def test_an_older_file_counts_from_the_index_after_upgrade(
    tmp_path: Path, zone: Timezone, now: DateTime, version: int
) -> None:
    path = tmp_path / "postinterview.db"
    if version == 8:
        _file_at_v8_with_dues(path, zone)
    else:
        _file_at(version, path)
    opened = Repository.open(path, zone=zone, create=False)
    assert opened is not None
    try:
        with opened.exclusive():
            kept = opened.db.execute(
                "SELECT count(*), sum(d.round_at IS a.last_interview_at) FROM dues AS d "
                "JOIN applications AS a ON a.id = d.application_id"
            ).fetchone()
        assert kept[0] > 0 and kept[0] == kept[1]  # every due has its application's round time
        for hours in (-48, 0, 30, 200):
            moment = now.add(hours=hours)
            agenda = opened.stored_agenda(moment, 7)
            sizes = {items[0].status: len(items) for _title, items in grouped(agenda)}
            counts = opened.agenda_counts(moment, 7)
            assert {status: n for status, n in counts.items() if n} == sizes, moment
        # A later round moves the round time of every due of that application.
        open_ids = [s.id for s in opened.summaries() if s.progress.stage is Stage.INTERVIEWED]
        opened.add_interview(open_ids[0], NewInterview(held_at=now.add(days=2)), now)
        with opened.exclusive():
            moved = opened.db.execute(
                "SELECT count(*), sum(d.round_at IS a.last_interview_at) FROM dues AS d "
                "JOIN applications AS a ON a.id = d.application_id WHERE a.id = ?",
                [open_ids[0]],
            ).fetchone()
        assert moved[0] > 0 and moved[0] == moved[1]
    finally:
        opened.close()
    backups = list((tmp_path / "backups").glob(f"postinterview-pre-migrate-v{version}-*.db"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    columns = {row[1] for row in conn.execute("PRAGMA table_info(dues)")}
    conn.close()
    assert "round_at" not in columns  # the backup is the file as it was
