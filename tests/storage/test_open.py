"""Opening the file: created private by a writing open only, never by import or a reading open."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.storage import schema
from postinterview_tui.storage.errors import StoreUnusable
from postinterview_tui.storage.repository import Repository

from ._support import pragma, query, sample_application

STORAGE_MODULES = (
    "postinterview_tui.storage.repository",
    "postinterview_tui.storage.connection",
    "postinterview_tui.storage.opening",
    "postinterview_tui.storage.unit_of_work",
    "postinterview_tui.storage.queries",
    "postinterview_tui.storage.actions",
    "postinterview_tui.storage.offer_actions",
    "postinterview_tui.storage.files.backup",
    "postinterview_tui.storage.schema",
    "postinterview_tui.storage.transactions",
    "postinterview_tui.storage.rows",
    "postinterview_tui.storage.timestamps",
    "postinterview_tui.storage.paths",
    "postinterview_tui.storage.errors",
)


def _run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _tree(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def test_storage_imports_neither_textual_nor_rich(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        + "".join(f"import {name}\n" for name in STORAGE_MODULES)
        + "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = _run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    top_level = set(json.loads(result.stdout))
    assert "postinterview_tui" in top_level  # the imports really happened
    assert "textual" not in top_level
    assert "rich" not in top_level


def test_importing_storage_creates_no_files(
    tmp_path: Path, isolated_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data" / "postinterview.db"
    monkeypatch.setenv("POSTINTERVIEW_DB", str(target))
    work = tmp_path / "cwd"
    work.mkdir()
    before_home = _tree(isolated_environment)
    code = "".join(f"import {name}\n" for name in STORAGE_MODULES)
    code += "from postinterview_tui.storage.paths import default_db_path\n"
    code += "print(default_db_path())\n"
    result = _run_python(code, work)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)  # the override was seen...
    assert not target.parent.exists()  # ...and nothing was created for it
    assert _tree(work) == []
    assert _tree(isolated_environment) == before_home


def test_reading_open_of_a_missing_file_returns_none_and_creates_nothing(
    db_path: Path, zone: Timezone
) -> None:
    assert not db_path.parent.exists()
    assert Repository.open(db_path, zone=zone, create=False) is None
    assert not db_path.exists()
    assert not db_path.parent.exists()


def test_reading_open_of_a_missing_file_in_an_existing_dir_creates_nothing(
    db_path: Path, zone: Timezone
) -> None:
    db_path.parent.mkdir()
    assert Repository.open(db_path, zone=zone, create=False) is None
    assert list(db_path.parent.iterdir()) == []


def test_writing_open_creates_a_private_file_in_a_private_directory(
    db_path: Path, zone: Timezone
) -> None:
    previous = os.umask(0)  # even with a permissive umask
    try:
        repository = Repository.open(db_path, zone=zone, create=True)
    finally:
        os.umask(previous)
    assert repository is not None
    repository.close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


def test_writing_keeps_the_file_private(db_path: Path, zone: Timezone, now: DateTime) -> None:
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    try:
        repository.add_application(sample_application(now), now)
        repository.purge(now)
    finally:
        repository.close()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_new_file_is_marked_as_ours_and_fully_migrated(repo: Repository, db_path: Path) -> None:
    assert pragma(db_path, "application_id") == schema.APPLICATION_ID == 0x506F496E
    assert pragma(db_path, "user_version") == schema.LATEST_VERSION
    names = [row[0] for row in query(db_path, "SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert tuple(names) == schema.MIGRATION_NAMES
    assert repo.summaries() == []
    assert repo.stage_counts() and set(repo.stage_counts().values()) == {0}


def test_reopening_runs_no_migration_again(
    db_path: Path, zone: Timezone, now: DateTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Repository.open(db_path, zone=zone)
    assert first is not None
    application_id = first.add_application(sample_application(now), now)
    first.close()

    def refuse(*args: object, **kwargs: object) -> list[str]:
        raise AssertionError("apply_migrations ran on an up-to-date file")

    monkeypatch.setattr("postinterview_tui.storage.schema.apply_migrations", refuse)
    second = Repository.open(db_path, zone=zone, create=False)
    assert second is not None
    try:
        assert second.summary(application_id).company == "Acme Ltd"
    finally:
        second.close()
    assert len(query(db_path, "SELECT * FROM _sqlite_migrations")) == schema.LATEST_VERSION


def test_reading_open_of_an_existing_file_opens_it(
    db_path: Path, zone: Timezone, now: DateTime
) -> None:
    first = Repository.open(db_path, zone=zone)
    assert first is not None
    application_id = first.add_application(sample_application(now), now)
    first.close()
    second = Repository.open(db_path, zone=zone, create=False)
    assert second is not None
    try:
        assert [item.id for item in second.summaries()] == [application_id]
    finally:
        second.close()


def test_an_empty_existing_file_is_taken_as_new(db_path: Path, zone: Timezone) -> None:
    db_path.parent.mkdir()
    db_path.touch()
    repository = Repository.open(db_path, zone=zone, create=False)
    assert repository is not None
    repository.close()
    assert pragma(db_path, "user_version") == schema.LATEST_VERSION
    assert pragma(db_path, "application_id") == schema.APPLICATION_ID


def test_a_directory_in_place_of_the_file_is_refused(db_path: Path, zone: Timezone) -> None:
    db_path.mkdir(parents=True)
    with pytest.raises(StoreUnusable, match="is a directory"):
        Repository.open(db_path, zone=zone)
    assert list(db_path.iterdir()) == []
