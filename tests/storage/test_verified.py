"""An unchanged file that passed quick_check is not read in full again; any change is."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pendulum
import pytest

from postinterview_tui.storage import connection, verified
from postinterview_tui.storage.errors import StoreDamaged
from postinterview_tui.storage.repository import Repository

from ._support import sample_application

ZONE = pendulum.timezone("Europe/London")
NOW = pendulum.datetime(2026, 11, 25, 10, 0, tz=ZONE)
PAGE = 4096


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every quick_check run on a read-only inspection connection."""
    seen: list[str] = []
    real_connect = sqlite3.connect

    def tracing_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(
            lambda sql: seen.append(sql) if "quick_check" in sql.lower() else None
        )
        return conn

    monkeypatch.setattr(connection.sqlite3, "connect", tracing_connect)
    return seen


@pytest.fixture
def no_racy_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Test files are seconds old at most: stamp them anyway."""
    monkeypatch.setattr(verified, "RACY_SECONDS", 0.0)


def _populated(path: Path, count: int = 30) -> None:
    repository = Repository.open(path, zone=ZONE)
    assert repository is not None
    for number in range(count):
        new = replace(sample_application(NOW, company=f"Company {number}"), notes="R" * 400)
        repository.add_application(new, NOW)
    repository.close()


def _open_and_close(path: Path) -> None:
    repository = Repository.open(path, zone=ZONE, create=False)
    assert repository is not None
    repository.close()


def test_an_unchanged_file_is_checked_once(
    tmp_path: Path, checks: list[str], no_racy_wait: None
) -> None:
    path = tmp_path / "postinterview.db"
    _populated(path)
    checks.clear()
    _open_and_close(path)
    assert len(checks) == 1
    _open_and_close(path)
    _open_and_close(path)
    assert len(checks) == 1


def test_a_write_means_a_new_check(tmp_path: Path, checks: list[str], no_racy_wait: None) -> None:
    path = tmp_path / "postinterview.db"
    _populated(path)
    _open_and_close(path)
    checks.clear()
    repository = Repository.open(path, zone=ZONE, create=False)
    assert repository is not None
    repository.add_application(sample_application(NOW, company="One more"), NOW)
    repository.close()
    _open_and_close(path)
    assert len(checks) == 1


def test_damage_after_a_passed_check_is_still_refused(
    tmp_path: Path, checks: list[str], no_racy_wait: None
) -> None:
    path = tmp_path / "postinterview.db"
    _populated(path)
    _open_and_close(path)
    data = bytearray(path.read_bytes())
    data[5 * PAGE : 6 * PAGE] = b"\xff" * PAGE  # same size, same name, other bytes
    path.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged):
        Repository.open(path, zone=ZONE, create=False)


def test_a_recently_changed_file_is_not_trusted(tmp_path: Path, checks: list[str]) -> None:
    path = tmp_path / "postinterview.db"
    _populated(path)  # seconds old: a same-tick write could hide behind its timestamps
    checks.clear()
    _open_and_close(path)
    _open_and_close(path)
    assert len(checks) == 2


def test_a_journal_beside_the_file_means_a_check(
    tmp_path: Path, checks: list[str], no_racy_wait: None
) -> None:
    path = tmp_path / "postinterview.db"
    _populated(path)
    _open_and_close(path)
    assert verified.stamp_of(path) is not None
    Path(f"{path}-journal").write_bytes(b"")
    assert verified.stamp_of(path) is None
    checks.clear()
    connection.inspect_file(path, trust_unchanged=True)
    assert len(checks) == 1


def test_an_unreadable_stamp_only_costs_a_check(
    tmp_path: Path, checks: list[str], no_racy_wait: None
) -> None:
    path = tmp_path / "postinterview.db"
    _populated(path)
    _open_and_close(path)
    stamp_file = verified._stamp_file(path)
    assert stamp_file.exists()
    stamp_file.write_text("{not json")
    checks.clear()
    _open_and_close(path)
    assert len(checks) == 1
    _open_and_close(path)
    assert len(checks) == 1  # and it was written again


def test_backups_and_plain_inspection_always_check(
    tmp_path: Path, checks: list[str], no_racy_wait: None
) -> None:
    path = tmp_path / "postinterview.db"
    _populated(path)
    _open_and_close(path)
    checks.clear()
    connection.inspect_file(path)
    assert len(checks) == 1
