"""Before upgrading an older file, a verified backup of it is made; without one, nothing changes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from pendulum import Timezone

from postinterview_tui.storage import opening
from postinterview_tui.storage.errors import StoreUnusable
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.schema import LATEST_VERSION

FIXTURE = Path(__file__).parent.parent / "storage" / "fixtures" / "v1_populated.db"


def test_upgrading_keeps_a_verified_copy_of_the_old_file(tmp_path: Path, zone: Timezone) -> None:
    db = tmp_path / "postinterview.db"
    shutil.copyfile(FIXTURE, db)
    original = db.read_bytes()
    repository = Repository.open(db, zone=zone, create=False)
    assert repository is not None
    repository.close()
    copies = list((tmp_path / "backups").glob("postinterview-pre-migrate-v1-*.db"))
    assert len(copies) == 1
    conn = sqlite3.connect(copies[0])
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        source = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
        assert list(conn.iterdump()) == list(source.iterdump())
        source.close()
    finally:
        conn.close()
    assert db.read_bytes() != original  # it was upgraded
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    conn.close()


def test_no_backup_no_upgrade(
    tmp_path: Path, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "postinterview.db"
    shutil.copyfile(FIXTURE, db)
    original = db.read_bytes()

    def broken(_source: Path, _dest: Path) -> None:
        raise opening.BackupError("disk full")

    monkeypatch.setattr(opening, "backup_file", broken)
    with pytest.raises(StoreUnusable, match="backup could not be made"):
        Repository.open(db, zone=zone, create=False)
    assert db.read_bytes() == original
