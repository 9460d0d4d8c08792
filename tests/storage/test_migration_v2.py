"""A populated schema-2 file (offers with conditions, before drafts existed) upgrades with every
row kept; the schema-2 file is built from the committed v1 fixture's builder plus offer rows."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

from pendulum import Timezone

from postinterview_tui.storage import connection, schema
from postinterview_tui.storage.repository import Repository

FIXTURES = Path(__file__).parent / "fixtures"


def _builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build_v2(path: Path) -> None:
    _builder().build_v1(path)
    db = connection.connect(path)
    assert schema.apply_migrations(db, stop_after=2) == ["0002-offers"]
    db.execute("BEGIN IMMEDIATE")
    db.execute(
        "UPDATE applications SET stage = 'offer', offer_deadline = ?, offer_notes = ? WHERE id = 1",
        ["2026-12-04T17:00:00+00:00", "85k, start in January"],
    )
    for number, (kind, label, status) in enumerate(
        [("references", "two references", "cleared"), ("medical", "medical exam", "pending")],
        start=1,
    ):
        db.execute(
            "INSERT INTO conditions (id, uid, application_id, kind, label, status, started_at) "
            "VALUES (?, ?, 1, ?, ?, ?, '2026-11-20T10:00:00+00:00')",
            [number, f"cond{number:028d}", kind, label, status],
        )
    db.execute("COMMIT")
    db.close()


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("applications", "interviews", "interviewers", "events", "conditions")
        }
    finally:
        conn.close()


def test_schema_2_file_upgrades_with_every_row(tmp_path: Path, zone: Timezone) -> None:
    path = tmp_path / "postinterview.db"
    _build_v2(path)
    before = _counts(path)
    assert before["conditions"] == 2
    repository = Repository.open(path, zone=zone, create=False)
    assert repository is not None
    detail = repository.detail(1)
    repository.close()
    assert _counts(path) == before
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST_VERSION
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "drafts" in tables
    finally:
        conn.close()
    assert [c.label for c in detail.summary.progress.conditions] == [
        "two references",
        "medical exam",
    ]
    assert detail.offer_notes == "85k, start in January"
    assert list((tmp_path / "backups").glob("postinterview-pre-migrate-v2-*.db"))
