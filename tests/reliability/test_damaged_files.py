"""Damaged files: a clear message, never a traceback, never a silent empty start, and an offer
to restore the latest good backup with the damaged file kept aside."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.demo import write_demo_database
from postinterview_tui.storage.errors import StoreDamaged
from postinterview_tui.storage.files.backup import backup_database
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui import launch


def _zero_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3 + 7])


def _flip_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096 * 2
    for offset in range(page + 10, page + 400):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _stray_journal(path: Path) -> None:
    Path(f"{path}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(600))


DAMAGE = {"zeroed-header": _zero_header, "truncated": _truncate, "flipped": _flip_page}


def _seeded_with_backup(db_path: Path, now: DateTime, zone: Timezone) -> Path:
    write_demo_database(db_path, now=now, zone=zone)
    repository = Repository.open(db_path, zone=zone, create=False)
    assert repository is not None
    info = backup_database(repository, now)
    repository.close()
    return info.path


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_file_exits_3_with_one_line_and_stays_as_it_is(
    db_path: Path, now: DateTime, zone: Timezone, damage: str
) -> None:
    _seeded_with_backup(db_path, now, zone)
    DAMAGE[damage](db_path)
    before = db_path.read_bytes()
    env = {**os.environ, "POSTINTERVIEW_NOW": "2026-11-25T10:00:00Z"}
    for args in (["list"], []):
        result = subprocess.run(
            [sys.executable, "-m", "postinterview_tui", "--db", str(db_path), *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
        assert result.returncode == 3, (damage, args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("postinterview: error:"), lines
        assert "Traceback" not in result.stderr
        if not args:
            assert " restore postinterview-" in lines[0]
    assert db_path.read_bytes() == before


def test_a_stray_journal_is_rolled_back_or_reported(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    _seeded_with_backup(db_path, now, zone)
    _stray_journal(db_path)
    result = subprocess.run(
        [sys.executable, "-m", "postinterview_tui", "--db", str(db_path), "list"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 3), result.stderr
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        assert "Tidewater Bank" in result.stdout


def test_the_app_offers_the_latest_good_backup(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seeded_with_backup(db_path, now, zone)
    _zero_header(db_path)
    damaged = db_path.read_bytes()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers: list[str] = []
    monkeypatch.setattr(launch.click, "confirm", lambda text, **_: answers.append(text) or True)
    restored = launch.offer_restore(db_path, StoreDamaged("damaged"), lambda: now)
    assert restored
    assert "Restore the latest good backup" in answers[0]
    repository = Repository.open(db_path, zone=zone, create=False)
    assert repository is not None
    assert any(item.company == "Tidewater Bank" for item in repository.summaries())
    repository.close()
    kept = [path for path in db_path.parent.iterdir() if "before-restore" in path.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


def test_declining_the_offer_changes_nothing(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seeded_with_backup(db_path, now, zone)
    _zero_header(db_path)
    damaged = db_path.read_bytes()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(launch.click, "confirm", lambda *_a, **_k: False)
    assert not launch.offer_restore(db_path, StoreDamaged("damaged"), lambda: now)
    assert db_path.read_bytes() == damaged
    assert not [path for path in db_path.parent.iterdir() if "before-restore" in path.name]


async def test_the_app_backs_up_after_changes(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    import postinterview_tui.tui.startup as startup
    from postinterview_tui.storage.files.backup import backups_of
    from tests.ui.helpers import make_app, settle

    monkeypatch.setattr(startup, "AUTO_BACKUP_CHECK_SECONDS", 0.1)  # a minute, shortened
    app = make_app(db_path, now, zone)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(100):  # the app's own timer makes the backup; nothing is pressed
            await pilot.pause(0.05)
            if backups_of(db_path):
                break
        await settle(pilot)
    backups = backups_of(db_path)
    assert len(backups) == 1
    repository = Repository.open(backups[0].path, zone=zone, create=False)
    assert repository is not None
    assert len(repository.summaries()) == len(Repository.open(db_path, zone=zone).summaries())  # type: ignore[union-attr]
    repository.close()
