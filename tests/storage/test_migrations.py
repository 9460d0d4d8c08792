"""Migrations: an older populated file is upgraded intact; a failed step leaves a clean boundary."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime, Timezone
from sqlite_utils import Database

from postinterview_tui.domain.records import Contact
from postinterview_tui.domain.stages import (
    CloseReason,
    ConditionKind,
    ConditionStatus,
    EventKind,
    InterviewKind,
    Stage,
)
from postinterview_tui.storage import connection, opening, schema
from postinterview_tui.storage.errors import NotFound, StoreUnusable
from postinterview_tui.storage.repository import Repository

from ._support import V1_FIXTURE, dump, health, pragma, query, sample_application

V1_TABLES = ("applications", "interviews", "interviewers", "events", "settings", "actions")
OFFERS_STEP = "0002-offers"


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    """A private copy of the committed schema-1 fixture."""
    target = tmp_path / "old.db"
    shutil.copyfile(V1_FIXTURE, target)
    return target


@pytest.fixture
def migrated(v1_copy: Path, zone: Timezone) -> Iterator[Repository]:
    """The fixture copy opened (and so migrated) by today's code."""
    repository = Repository.open(v1_copy, zone=zone, create=False)
    assert repository is not None
    yield repository
    repository.close()


def _columns(path: Path, table: str) -> list[str]:
    return [str(row[1]) for row in query(path, f"PRAGMA table_info({table})")]


def _rows(path: Path, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    names = ", ".join(columns)
    return query(path, f"SELECT {names} FROM {table} ORDER BY rowid")


def _tables(path: Path) -> set[str]:
    return {str(row[0]) for row in query(path, "SELECT name FROM sqlite_master WHERE type='table'")}


def _step(name: str) -> object:
    return next(step for step in schema.migrations._migrations if step.name == name)


# -- the committed fixture -------------------------------------------------------------------


def test_committed_fixture_is_what_the_script_builds(tmp_path: Path) -> None:
    """Also fails if a shipped migration (0001-core) was edited: add a new one instead."""
    script = V1_FIXTURE.parent / "make_fixtures.py"
    result = subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert dump(tmp_path / V1_FIXTURE.name) == dump(V1_FIXTURE)


def test_committed_fixture_is_at_schema_one_with_children() -> None:
    assert pragma(V1_FIXTURE, "user_version") == 1
    assert pragma(V1_FIXTURE, "application_id") == schema.APPLICATION_ID
    assert pragma(V1_FIXTURE, "journal_mode") == "delete"
    assert query(V1_FIXTURE, "SELECT name FROM _sqlite_migrations") == [("0001-core",)]
    assert "conditions" not in _tables(V1_FIXTURE)
    assert "offer_notes" not in _columns(V1_FIXTURE, "applications")
    for table in ("applications", "interviews", "interviewers", "events", "actions"):
        assert query(V1_FIXTURE, f"SELECT count(*) FROM {table}")[0][0] > 0, table


# -- migrating it ----------------------------------------------------------------------------


def test_v1_file_migrates_with_every_row_intact(v1_copy: Path, zone: Timezone) -> None:
    columns = {table: _columns(v1_copy, table) for table in V1_TABLES}
    before = {table: _rows(v1_copy, table, columns[table]) for table in V1_TABLES}
    sequence_before = query(v1_copy, "SELECT name, seq FROM sqlite_sequence ORDER BY name")

    repository = Repository.open(v1_copy, zone=zone, create=False)
    assert repository is not None
    repository.close()

    assert pragma(v1_copy, "user_version") == schema.LATEST_VERSION
    assert pragma(v1_copy, "application_id") == schema.APPLICATION_ID
    assert health(v1_copy) == ("ok", [])
    for table in V1_TABLES:
        assert _rows(v1_copy, table, columns[table]) == before[table], table
    assert query(v1_copy, "SELECT name, seq FROM sqlite_sequence ORDER BY name") == sequence_before
    applied = query(v1_copy, "SELECT name FROM _sqlite_migrations ORDER BY id")
    assert tuple(row[0] for row in applied) == schema.MIGRATION_NAMES
    # The new columns and table exist, with their defaults.
    assert query(v1_copy, "SELECT DISTINCT offer_deadline, offer_notes FROM applications") == [
        (None, "")
    ]
    assert query(v1_copy, "SELECT count(*) FROM conditions") == [(0,)]


def test_v1_data_reads_back_through_the_repository(migrated: Repository) -> None:
    assert sorted(item.id for item in migrated.summaries()) == [1, 2, 3, 4, 6]
    counts = migrated.stage_counts()
    assert counts[Stage.THANKED] == 1
    assert counts[Stage.FOLLOWED_UP] == 1
    assert counts[Stage.CLOSED] == 1
    assert counts[Stage.ACCEPTED] == 1
    assert counts[Stage.INTERVIEWED] == 1  # the deleted one is not counted
    with pytest.raises(NotFound):
        migrated.detail(5)

    acme = migrated.detail(1)
    assert acme.summary.company == "Acme Ltd"
    assert acme.recruiter == Contact("Rita Recruiter", "rita@acme.example")
    assert acme.notes == "Met the team.\nGood vibes — 🎉"
    assert acme.offer_notes == ""
    assert acme.summary.progress.interviewers_total == 2
    assert acme.summary.progress.thanked_at == pendulum.datetime(2026, 10, 6, 8, 15, tz="UTC")
    [interview] = acme.interviews
    assert interview.kind is InterviewKind.VIDEO
    assert interview.notes == "Pairing on a queue\nthen Q&A"
    assert [person.name for person in interview.interviewers] == ["Ana Núñez", "Ben"]
    assert all(person.thanked_at is not None for person in interview.interviewers)

    bond = migrated.detail(2)
    assert bond.summary.company == "007"
    assert bond.recruiter == Contact("", "hr@007.example")
    assert [item.kind for item in bond.interviews] == [InterviewKind.PHONE, InterviewKind.ONSITE]
    assert [[p.title for p in item.interviewers] for item in bond.interviews] == [
        ["Recruiter"],
        ["Head", "0042"],
    ]
    assert bond.summary.progress.follow_ups == 1
    kinds = [event.kind for event in bond.events]
    assert kinds == [
        EventKind.CREATED,
        EventKind.INTERVIEW_HELD,
        EventKind.INTERVIEW_HELD,
        EventKind.THANK_YOU_SENT,
        EventKind.FOLLOW_UP_SENT,
        EventKind.NOTE_ADDED,
    ]
    assert bond.events[-1].data == {"text": "Asked about timeline.\nNo answer yet."}

    globex = migrated.summary(3)
    assert globex.close_reason is CloseReason.NOT_SELECTED
    closed_event = migrated.detail(3).events[-1]
    assert closed_event.data["reflection"] == "Practise system design"

    settings = migrated.settings()
    assert settings.follow_up_days == 7
    assert settings.user_name == "007"


def test_v1_undo_history_still_undoes(migrated: Repository, now: DateTime) -> None:
    assert migrated.summary(6).role == "Data Engineer"
    assert migrated.undo(now) == "edit"
    assert migrated.summary(6).role == "Data Eng"
    assert migrated.detail(6).events[-1].kind is EventKind.UNDONE


def test_v1_file_takes_new_writes_after_migration(
    migrated: Repository, v1_copy: Path, now: DateTime
) -> None:
    new_id = migrated.add_application(sample_application(now), now)
    assert new_id == 7  # AUTOINCREMENT carried on from the old file
    migrated.record_offer(
        1,
        deadline=now.add(days=3),
        conditions=[(ConditionKind.REFERENCES, "Two referees")],
        notes="£80k",
        now=now,
    )
    [condition] = migrated.summary(1).progress.conditions
    migrated.set_condition_status(1, condition.id, cleared=True, now=now)
    assert migrated.summary(1).progress.conditions[0].status is ConditionStatus.CLEARED
    assert migrated.purge(now) == 1  # the application deleted before the upgrade
    assert query(v1_copy, "SELECT count(*) FROM events WHERE application_id = 5") == [(0,)]
    assert query(v1_copy, "SELECT count(*) FROM interviews WHERE application_id = 5") == [(0,)]
    assert health(v1_copy) == ("ok", [])


# -- how migrations run ----------------------------------------------------------------------


@pytest.fixture
def traced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Statements run on every read-write connection the store opens from now on."""
    seen: list[str] = []
    real_connect = opening.connect

    def tracing_connect(path: Path) -> sqlite3.Connection:
        db = real_connect(path)
        db.set_trace_callback(seen.append)
        return db

    monkeypatch.setattr(opening, "connect", tracing_connect)
    return seen


def _transactions(statements: list[str]) -> list[list[str]]:
    """The statements grouped by transaction (from BEGIN to COMMIT or ROLLBACK)."""
    groups: list[list[str]] = []
    current: list[str] | None = None
    for statement in statements:
        text = statement.strip().upper()
        if text.startswith("BEGIN"):
            assert current is None, f"nested {statement!r}"
            current = [statement]
        elif current is not None:
            current.append(statement)
            if text.startswith(("COMMIT", "ROLLBACK;", "ROLLBACK")) and "TO SAVEPOINT" not in text:
                groups.append(current)
                current = None
    assert current is None, "a transaction was left open"
    return groups


def test_a_new_file_is_migrated_one_immediate_transaction_per_step(
    traced: list[str], db_path: Path, zone: Timezone
) -> None:
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    repository.close()
    groups = _transactions(traced)
    assert len(groups) == schema.LATEST_VERSION
    for version, group in enumerate(groups, start=1):
        assert group[0].strip().upper() == "BEGIN IMMEDIATE"
        assert group[-1].strip().upper() == "COMMIT"
        assert f"PRAGMA user_version = {version}" in group
        assert f"PRAGMA application_id = {schema.APPLICATION_ID}" in group
        assert "PRAGMA foreign_key_check" in group
    # Nothing that changes the schema ran outside those transactions.
    inside = {id(statement) for group in groups for statement in group}
    outside = [s for s in traced if id(s) not in inside]
    # TEMP tables and triggers live with the connection, not in the file (storage.dues).
    assert not [
        s
        for s in outside
        if s.lstrip().upper().startswith(("CREATE", "ALTER", "INSERT"))
        and not s.lstrip().upper().startswith("CREATE TEMP")
    ]


def test_an_old_file_runs_only_the_missing_steps(
    traced: list[str], v1_copy: Path, zone: Timezone
) -> None:
    repository = Repository.open(v1_copy, zone=zone)
    assert repository is not None
    repository.close()
    groups = _transactions(traced)
    steps = [group for group in groups if any("PRAGMA user_version =" in s for s in group)]
    assert len(steps) == schema.LATEST_VERSION - 1
    assert f"PRAGMA user_version = {schema.LATEST_VERSION}" in steps[-1]
    # Then two more: the file's applications get their stored dues (issue 19), once, and
    # their searchable texts, once.
    assert groups[:-2] == steps
    assert any(s.startswith("INSERT INTO dues ") for s in groups[-2])
    assert any(s.startswith("INSERT INTO search_texts ") for s in groups[-1])


def test_apply_migrations_steps_and_stops(db_path: Path) -> None:
    db_path.parent.mkdir()
    db = connection.connect(db_path)
    try:
        assert schema.apply_migrations(db, stop_after=1) == ["0001-core"]
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert schema.apply_migrations(db) == list(schema.MIGRATION_NAMES[1:])
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert schema.apply_migrations(db) == []
        assert not db.in_transaction
    finally:
        db.close()


def _partial_then_fail(error: BaseException) -> object:
    def step(db: Database) -> None:
        db.execute("ALTER TABLE applications ADD COLUMN offer_deadline TEXT")
        db.execute("CREATE TABLE conditions (id INTEGER PRIMARY KEY, application_id INTEGER)")
        db.execute("UPDATE applications SET company = 'half-migrated'")
        raise error

    return step


@pytest.mark.parametrize(
    "error",
    [sqlite3.OperationalError("disk I/O error"), RuntimeError("bug in a migration")],
    ids=["sqlite-error", "python-error"],
)
def test_failing_step_leaves_the_previous_boundary_and_a_rerun_completes(
    v1_copy: Path, zone: Timezone, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    fixture_dump = dump(v1_copy)
    with monkeypatch.context() as patch:
        patch.setattr(_step(OFFERS_STEP), "fn", _partial_then_fail(error))
        with pytest.raises((StoreUnusable, type(error))):
            Repository.open(v1_copy, zone=zone)

    assert pragma(v1_copy, "user_version") == 1
    assert "conditions" not in _tables(v1_copy)
    assert "offer_deadline" not in _columns(v1_copy, "applications")
    assert query(v1_copy, "SELECT name FROM _sqlite_migrations") == [("0001-core",)]
    assert dump(v1_copy) == fixture_dump
    assert health(v1_copy) == ("ok", [])

    repository = Repository.open(v1_copy, zone=zone)
    assert repository is not None
    try:
        assert pragma(v1_copy, "user_version") == schema.LATEST_VERSION
        assert repository.summary(1).company == "Acme Ltd"
    finally:
        repository.close()


def test_failing_first_step_leaves_an_empty_file_that_a_rerun_builds(
    db_path: Path, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(db: Database) -> None:
        db.execute("CREATE TABLE applications (id INTEGER PRIMARY KEY)")
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(_step("0001-core"), "fn", broken)
        with pytest.raises(StoreUnusable, match="cannot be used right now"):
            Repository.open(db_path, zone=zone)
    assert pragma(db_path, "user_version") == 0
    assert pragma(db_path, "application_id") == 0
    assert _tables(db_path) == set()

    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    repository.close()
    assert pragma(db_path, "user_version") == schema.LATEST_VERSION


def test_step_leaving_a_foreign_key_problem_is_rolled_back(
    v1_copy: Path, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixture_dump = dump(v1_copy)
    real_step = _step(OFFERS_STEP).fn  # type: ignore[attr-defined]

    def orphaning(db: Database) -> None:
        real_step(db)
        db.execute("PRAGMA defer_foreign_keys = ON")
        db.execute(
            "INSERT INTO interviewers (uid, interview_id, name) VALUES ('orphan', 999, 'Nobody')"
        )

    monkeypatch.setattr(_step(OFFERS_STEP), "fn", orphaning)
    with pytest.raises(StoreUnusable, match="foreign-key"):
        Repository.open(v1_copy, zone=zone)
    assert dump(v1_copy) == fixture_dump


def test_failing_step_with_a_python_error_is_reported_as_store_unusable(
    v1_copy: Path, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        _step(OFFERS_STEP), "fn", _partial_then_fail(RuntimeError("bug in a migration"))
    )
    with pytest.raises(StoreUnusable, match="bug in a migration"):
        Repository.open(v1_copy, zone=zone)


def test_open_while_another_process_migrates_the_same_file(
    db_path: Path, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.parent.mkdir()
    connection.create_private_file(db_path)
    other = connection.connect(db_path)  # "another process" about to migrate the new file
    other.execute("BEGIN IMMEDIATE")

    checked = threading.Event()
    real_applied = schema.migrations.applied

    def spying_applied(db: Database) -> list[object]:
        result = real_applied(db)
        if db.conn is not other:
            checked.set()
        return result

    monkeypatch.setattr(schema.migrations, "applied", spying_applied)
    outcome: dict[str, object] = {}

    def open_in_this_process() -> None:
        try:
            outcome["repository"] = Repository.open(db_path, zone=zone)
        except BaseException as error:  # noqa: BLE001 - reported below
            outcome["error"] = error

    opener = threading.Thread(target=open_in_this_process)
    opener.start()
    try:
        assert checked.wait(10)
        time.sleep(0.3)  # the opener is now waiting for the write lock
        schema.migrations.apply(Database(other, execute_plugins=False))
        other.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        other.execute(f"PRAGMA user_version = {schema.LATEST_VERSION}")
        other.execute("COMMIT")
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        opener.join(30)
        other.close()
    repository = outcome.get("repository")
    if isinstance(repository, Repository):
        repository.close()
    assert "error" not in outcome, repr(outcome.get("error"))
    assert isinstance(repository, Repository)
    assert pragma(db_path, "user_version") == schema.LATEST_VERSION
