"""A disk that fails mid-save: the user hears about it, the file is unchanged, a retry works."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.errors import SaveFailed
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from tests.ui.helpers import make_app, open_repository, settle


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


class FailingExecute:
    """Stands in for the store's connection: its k-th ``execute`` fails like a full disk;
    everything else goes to the real connection."""

    def __init__(self, connection: sqlite3.Connection, fail_at: int) -> None:
        self.connection = connection
        self.fail_at = fail_at
        self.count = 0

    def execute(self, sql: str, *args: Any) -> Any:
        self.count += 1
        if self.count == self.fail_at and not sql.lstrip().upper().startswith("ROLLBACK"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.connection.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


def _install(repository: Repository, fail_at: int) -> FailingExecute:
    """Route every statement of ``repository`` (reads and actions) through a FailingExecute."""
    failing = FailingExecute(repository.db, fail_at)
    repository.db = failing  # type: ignore[assignment]
    repository.transactions.db = failing  # type: ignore[assignment]
    return failing


def _new(now: DateTime) -> NewApplication:
    return NewApplication(
        "Acme",
        "Engineer",
        NewInterview(
            now.subtract(hours=3), interviewers=(NewInterviewer("Ann"), NewInterviewer("Bo"))
        ),
    )


def _count_statements(db_path: Path, zone: Timezone, action: Callable[[Repository], None]) -> int:
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    counter = _install(repository, fail_at=-1)
    action(repository)
    repository.close()
    return counter.count


@pytest.mark.parametrize("operation", ["add", "move"])
def test_an_error_at_every_statement_leaves_the_file_unchanged(
    tmp_path: Path, zone: Timezone, now: DateTime, operation: str
) -> None:
    def seed(repository: Repository) -> None:
        repository.add_application(_new(now), now)

    def act(repository: Repository) -> None:
        if operation == "add":
            repository.add_application(_new(now), now)
        else:
            repository.move(1, Stage.THANKED, when=now, now=now)

    probe = tmp_path / "probe.db"
    _count_statements(probe, zone, seed)
    total = _count_statements(probe, zone, act)
    assert total > 5
    for k in range(1, total + 1):
        path = tmp_path / f"k{k}.db"
        repository = Repository.open(path, zone=zone, create=True)
        assert repository is not None
        seed(repository)
        before = _dump(path)
        failing = _install(repository, fail_at=k)
        with pytest.raises(SaveFailed, match="could not save: the disk is full"):
            act(repository)
        assert _dump(path) == before, f"statement {k} of {total} left a change behind"
        # Space is freed: the same action now works.
        failing.fail_at = -1
        act(repository)
        assert _dump(path) != before
        repository.close()


async def test_form_keeps_what_was_typed_when_saving_fails(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(db_path, now, zone)
    real_add = app.repository.add_application

    def full_disk(*_args: Any, **_kwargs: Any) -> int:
        raise SaveFailed("could not save: the disk is full")

    monkeypatch.setattr(app.repository, "add_application", full_disk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = _dump(db_path)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Keep Me Ltd", "tab", *"Analyst", "ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationFormScreen)
        status = str(form.query_one("#form-status").render())
        assert "Could not save" in status and "disk is full" in status
        assert form.query_one("#field-company").value == "Keep Me Ltd"  # type: ignore[attr-defined]
        assert _dump(db_path) == before
        monkeypatch.setattr(app.repository, "add_application", real_add)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ApplicationFormScreen)
    repository = open_repository(db_path, zone)
    assert any(item.company == "Keep Me Ltd" for item in repository.summaries())
    repository.close()
