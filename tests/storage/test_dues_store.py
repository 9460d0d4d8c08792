"""Stored dues on a real file: the upgrade computes them (after its backup), a settings change
the rules read computes all of them again in its own transaction, and a start under another
basis (rules version, zone) computes them once, with progress."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.domain import dues as domain_dues
from postinterview_tui.domain.dues import stored_dues
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage import connection, schema
from postinterview_tui.storage.dues import dues_of
from postinterview_tui.storage.repository import Repository

from ._support import V1_FIXTURE, sample_application
from .test_migration_v2 import _build_v2


def _assert_dues_are_the_rules(repo: Repository, zone: Timezone) -> int:
    """Every application's stored dues equal the rules' answer; returns how many have some."""
    settings = repo.settings()
    with_dues = 0
    for summary in repo.summaries():
        full = repo.summary(summary.id)
        expected = stored_dues(full.progress, settings, zone)
        with repo.exclusive():
            assert dues_of(repo.db, summary.id) == expected, summary.company
        with_dues += bool(expected)
    return with_dues


def _file_at(version: int, path: Path) -> None:
    if version == 2:
        _build_v2(path)  # offers with conditions, before drafts existed
        return
    shutil.copyfile(V1_FIXTURE, path)
    if version > 1:
        db = connection.connect(path)
        schema.apply_migrations(db, stop_after=version)
        db.close()


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_older_file_gets_its_dues_on_upgrade_after_a_backup(
    tmp_path: Path, zone: Timezone, version: int
) -> None:
    path = tmp_path / "postinterview.db"
    _file_at(version, path)
    opened = Repository.open(path, zone=zone, create=False)
    assert opened is not None
    try:
        assert _assert_dues_are_the_rules(opened, zone) > 0
        assert opened.dues.is_current()
    finally:
        opened.close()
    backups = list((tmp_path / "backups").glob(f"postinterview-pre-migrate-v{version}-*.db"))
    assert len(backups) == 1
    # The backup is the file as it was: no dues table yet.
    conn = sqlite3.connect(backups[0])
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "dues" not in names


def test_a_rule_setting_recomputes_every_due_in_its_own_write(
    repo: Repository, now: DateTime, zone: Timezone, statements: list[str]
) -> None:
    ids = [
        repo.add_application(sample_application(now, company=f"Co {n}", held_days_ago=n), now)
        for n in range(1, 5)
    ]
    for application_id in ids[:2]:
        repo.move(application_id, Stage.THANKED, when=now, now=now)
    before = {application_id: repo.dues_of(application_id) for application_id in ids}
    statements.clear()
    repo.set_setting("rules.follow_up_days", "9", now)
    # One transaction: the setting and every due, between one BEGIN and one COMMIT.
    writes = [sql for sql in statements if sql.split()[0] in {"BEGIN", "COMMIT", "DELETE"}]
    assert writes[0].startswith("BEGIN") and writes[-1] == "COMMIT"
    assert "DELETE FROM dues" in writes[1:-1]
    assert sum(sql == "COMMIT" for sql in writes) == 1
    after = {application_id: repo.dues_of(application_id) for application_id in ids}
    assert [after[i] != before[i] for i in ids] == [True, True, False, False]
    _assert_dues_are_the_rules(repo, zone)


def test_a_setting_the_rules_do_not_read_leaves_the_dues_alone(
    repo: Repository, now: DateTime, statements: list[str]
) -> None:
    repo.add_application(sample_application(now), now)
    statements.clear()
    repo.set_setting("review.window_days", "3", now)
    assert not any(
        "dues" in sql and "dues_dirty" not in sql
        for sql in statements
        if sql.startswith(("DELETE", "INSERT"))
    )


def test_a_start_under_a_new_rules_version_recomputes_once_with_progress(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Repository.open(db_path, zone=zone, create=True)
    assert first is not None
    for n in range(3):
        first.add_application(sample_application(now, company=f"Co {n}"), now)
    first.close()
    monkeypatch.setattr(domain_dues, "RULES_VERSION", domain_dues.RULES_VERSION + 1)
    seen: list[tuple[int, int]] = []

    def note(done: int, total: int) -> None:
        seen.append((done, total))

    again = Repository.open(
        db_path, zone=zone, create=False, on_recompute=lambda *p: seen.append(p)
    )
    assert again is not None
    try:
        assert seen and seen[-1] == (3, 3)
        with again.exclusive():
            versions = {row[0] for row in again.db.execute("SELECT basis FROM dues_basis")}
        assert f'"rules": {domain_dues.RULES_VERSION}' in versions.pop()
    finally:
        again.close()
    seen.clear()
    third = Repository.open(
        db_path, zone=zone, create=False, on_recompute=lambda *p: seen.append(p)
    )
    assert third is not None
    third.close()
    assert seen == []  # once only


def test_a_start_in_another_zone_recomputes_the_local_dues(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    london = Repository.open(db_path, zone=zone, create=True)
    assert london is not None
    # A decision date: the follow-up is due at the end of a local day, which zones place apart.
    decision = sample_application(now, held_days_ago=3, decision_by=now.date().add(days=2))
    application_id = london.add_application(decision, now)
    london.move(application_id, Stage.THANKED, when=now, now=now)
    in_london = london.dues_of(application_id)
    london.close()
    tokyo_zone: Timezone = pendulum.timezone("Asia/Tokyo")  # type: ignore[assignment]
    tokyo = Repository.open(db_path, zone=tokyo_zone, create=False)
    assert tokyo is not None
    try:
        assert tokyo.dues_of(application_id) != in_london  # the day ends on Tokyo's clock
        _assert_dues_are_the_rules(tokyo, tokyo_zone)
    finally:
        tokyo.close()
