"""Durability: the journal mode chosen for this SQLite build; settings on every connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pendulum import Timezone

from postinterview_tui.storage import connection
from postinterview_tui.storage.connection import Durability, choose_durability, wal_is_safe
from postinterview_tui.storage.repository import Repository

from ._support import pragma

SYNCHRONOUS_FULL = 2
SYNCHRONOUS_EXTRA = 3


@pytest.mark.parametrize(
    ("version", "safe"),
    [
        ((3, 7, 0), False),
        ((3, 40, 1), False),
        ((3, 44, 0), False),
        ((3, 44, 5), False),
        ((3, 44, 6), True),
        ((3, 44, 9), True),
        ((3, 45, 0), False),
        ((3, 49, 9), False),
        ((3, 50, 0), False),
        ((3, 50, 6), False),
        ((3, 50, 7), True),
        ((3, 51, 0), False),
        ((3, 51, 2), False),
        ((3, 51, 3), True),
        ((3, 52, 0), True),
        ((3, 53, 4), True),
        ((4, 0, 0), True),
    ],
    ids=lambda value: ".".join(map(str, value)) if isinstance(value, tuple) else str(value),
)
def test_wal_is_safe_only_on_fixed_releases_and_backports(
    version: tuple[int, int, int], safe: bool
) -> None:
    assert wal_is_safe(version) is safe
    expected = Durability("wal", "full") if safe else Durability("delete", "extra")
    assert choose_durability(version) == expected


def test_this_machines_sqlite_gets_rollback_journal_and_extra_sync(
    repo: Repository, db_path: Path
) -> None:
    version = sqlite3.sqlite_version_info
    if version == (3, 40, 1):
        assert not wal_is_safe(version)
    safe = wal_is_safe(version)
    expected_mode = "wal" if safe else "delete"
    expected_sync = SYNCHRONOUS_FULL if safe else SYNCHRONOUS_EXTRA
    assert repo.db.execute("PRAGMA journal_mode").fetchone()[0] == expected_mode
    assert repo.db.execute("PRAGMA synchronous").fetchone()[0] == expected_sync
    # The journal mode is a property of the file: a fresh connection sees it too.
    assert pragma(db_path, "journal_mode") == expected_mode


@pytest.mark.parametrize(
    ("version", "mode", "sync"),
    [
        ((3, 40, 1), "delete", SYNCHRONOUS_EXTRA),
        ((3, 51, 2), "delete", SYNCHRONOUS_EXTRA),
        ((3, 50, 7), "wal", SYNCHRONOUS_FULL),
        ((3, 51, 3), "wal", SYNCHRONOUS_FULL),
    ],
)
def test_open_applies_the_durability_of_the_reported_version(
    db_path: Path,
    zone: Timezone,
    monkeypatch: pytest.MonkeyPatch,
    version: tuple[int, int, int],
    mode: str,
    sync: int,
) -> None:
    monkeypatch.setattr(connection.sqlite3, "sqlite_version_info", version)
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    try:
        assert repository.db.execute("PRAGMA journal_mode").fetchone()[0] == mode
        assert repository.db.execute("PRAGMA synchronous").fetchone()[0] == sync
    finally:
        repository.close()


def test_a_wal_file_is_switched_back_to_the_rollback_journal_on_an_affected_build(
    db_path: Path, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(connection.sqlite3, "sqlite_version_info", (3, 51, 3))
        first = Repository.open(db_path, zone=zone)
        assert first is not None
        first.close()
    assert pragma(db_path, "journal_mode") == "wal"
    monkeypatch.setattr(connection.sqlite3, "sqlite_version_info", (3, 40, 1))
    second = Repository.open(db_path, zone=zone)
    assert second is not None
    try:
        assert second.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert second.db.execute("PRAGMA synchronous").fetchone()[0] == SYNCHRONOUS_EXTRA
    finally:
        second.close()


def test_every_connection_enforces_foreign_keys_and_waits_when_busy(repo: Repository) -> None:
    assert repo.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert repo.db.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
    assert repo.db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    # Autocommit at rest: every transaction is opened explicitly by an action.
    assert repo.db.isolation_level is None
    assert not repo.db.in_transaction


def test_connect_itself_sets_foreign_keys_and_busy_timeout(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db = connection.connect(db_path)
    try:
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
        db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        db.execute("CREATE TABLE child (parent_id INTEGER REFERENCES parent (id))")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            db.execute("INSERT INTO child VALUES (42)")
    finally:
        db.close()


def test_foreign_keys_are_enforced_on_the_repositorys_tables(repo: Repository) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        repo.db.execute(
            "INSERT INTO interviews (uid, application_id, held_at, kind, created_at) "
            "VALUES ('x', 999, '2026-11-25T10:00:00+00:00', 'video', '2026-11-25T10:00:00+00:00')"
        )
