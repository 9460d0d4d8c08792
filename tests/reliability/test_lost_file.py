"""A file that is gone, empty or unreadable beside good backups (issue 14, items 6, 7, 8).

Never a fresh empty start over lost data: exit 3 naming the newest backup and the command that
restores it, and the app offers the restore. Backups belong to their own database.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.storage.errors import StoreDamaged
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui import launch
from postinterview_tui.tui.app import build_app

from ._kills import cli_argv, run


def _with_backup(db: Path) -> str:
    assert run(cli_argv(db, "add", "--company", "Acme", "--role", "R")).returncode == 0
    made = run(cli_argv(db, "backup"))
    assert made.returncode == 0, made.stderr
    names = [path.name for path in (db.parent / "backups").iterdir()]
    assert len(names) == 1
    return names[0]


def _lose(db: Path, how: str) -> None:
    if how == "missing":
        db.unlink()
    else:
        db.write_bytes(b"")


@pytest.mark.parametrize("how", ["missing", "empty"])
def test_a_lost_file_with_backups_exits_3_naming_the_restore(tmp_path: Path, how: str) -> None:
    db = tmp_path / "jobs.db"
    backup = _with_backup(db)
    _lose(db, how)
    for args in (["list"], ["doctor"], ["add", "--company", "New", "--role", "R"], ["today"]):
        result = run(cli_argv(db, *args))
        assert result.returncode == 3, (args, result)
        line = result.stderr.strip()
        assert "\n" not in line and backup in line, line
        assert f"restore {backup}" in line and f"--db {db}" in line, line
    assert (db.exists(), db.exists() and db.stat().st_size) == (how == "empty", 0)
    restored = run(cli_argv(db, "restore", backup))
    assert restored.returncode == 0, restored.stderr
    listing = run(cli_argv(db, "list"))
    assert listing.returncode == 0 and "Acme" in listing.stdout


def test_a_new_user_is_not_affected(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "jobs.db"
    assert run(cli_argv(db, "list")).returncode in (0, 2)
    assert run(cli_argv(db, "add", "--company", "A", "--role", "R")).returncode == 0
    db.write_bytes(b"")  # an empty file with no backups is a new database, as before
    assert run(cli_argv(db, "add", "--company", "A", "--role", "R")).returncode == 0


@pytest.mark.parametrize("how", ["missing", "empty"])
def test_the_app_offers_the_backup_of_a_lost_file(
    tmp_path: Path, how: str, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "jobs.db"
    _with_backup(db)
    _lose(db, how)
    with pytest.raises(StoreDamaged) as lost:
        build_app(db, zone=zone, clock=lambda: now)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr(launch.click, "confirm", lambda text, **_: asked.append(text) or True)
    assert launch.offer_restore(db, lost.value, lambda: now)
    assert "Restore the latest good backup" in asked[0] and "kept aside" not in asked[0]
    app = build_app(db, zone=zone, clock=lambda: now)
    assert [item.company for item in app.repository.summaries()] == ["Acme"]
    app.repository.close()


def _schema_name_flipped(db: Path) -> None:
    """Flip a byte of an index's name in the schema so that it is not UTF-8 any more."""
    data = bytearray(db.read_bytes())
    where = data.find(b"indexinterviews_applicationinterviews")
    assert where > 0
    data[where + len(b"index") + 3] = 0xFF
    db.write_bytes(bytes(data))


def test_schema_text_that_cannot_be_read_is_damage_with_the_restore_offer(
    tmp_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "jobs.db"
    backup = _with_backup(db)
    _schema_name_flipped(db)
    damaged = db.read_bytes()
    for args in (["list"], ["doctor"], []):
        result = run(cli_argv(db, *args))
        assert result.returncode == 3, (args, result)
        assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert f"restore {backup}" in run(cli_argv(db)).stderr  # the app, with no terminal
    assert db.read_bytes() == damaged
    with pytest.raises(StoreDamaged) as refused:
        build_app(db, zone=zone, clock=lambda: now)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(launch.click, "confirm", lambda *_a, **_k: True)
    assert launch.offer_restore(db, refused.value, lambda: now)
    repository = Repository.open(db, zone=zone, create=False)
    assert repository is not None and [a.company for a in repository.summaries()] == ["Acme"]
    repository.close()
    kept = [path for path in tmp_path.iterdir() if "before-restore" in path.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


def test_two_databases_in_one_folder_keep_their_own_backups(tmp_path: Path) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    for db, company in ((first, "First Co"), (second, "Second Co")):
        assert run(cli_argv(db, "add", "--company", company, "--role", "R")).returncode == 0
        assert run(cli_argv(db, "backup")).returncode == 0
    names = sorted(path.name for path in (tmp_path / "backups").iterdir())
    assert len(names) == 2
    assert names[0].startswith("first-") and names[1].startswith("second-")
    for db, own in ((first, names[0]), (second, names[1])):
        listed = run(cli_argv(db, "restore"))
        assert listed.returncode == 0
        assert own in listed.stdout and len(listed.stdout.strip().splitlines()) == 1
    # The default file keeps the names its backups always had.
    default = tmp_path / "postinterview.db"
    assert run(cli_argv(default, "add", "--company", "D", "--role", "R")).returncode == 0
    assert run(cli_argv(default, "backup")).returncode == 0
    assert any(path.name.startswith("postinterview-2") for path in (tmp_path / "backups").iterdir())
