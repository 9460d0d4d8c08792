"""The kept stage counts (migration ``0007-stage-counts``) equal a fresh count after any writes.

The board's column headings and the insights read how many applications each stage holds from
the ``stage_counts`` table, which triggers keep on every write. Random histories are written
through the real repository on a real file: applications added, moved (closed and reopened
too), deleted, undone, purged, and a JSON export imported (its rows inserted as they are,
one of them deleted). After every step the kept counts equal ``count(*)`` over the file.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.stages import STAGE_ORDER, CloseReason, Stage
from postinterview_tui.storage.board_pages import stage_counts
from postinterview_tui.storage.errors import NotFound, NothingToUndo
from postinterview_tui.storage.files.export import export_data
from postinterview_tui.storage.files.importing import import_export
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.state.board_data import load_board

from ._support import V1_FIXTURE, query, sample_application

START = pendulum.datetime(2026, 11, 20, 9, 30, tz="UTC")

_steps = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 30)),
    st.tuples(st.just("move"), st.integers(0, 20), st.sampled_from(STAGE_ORDER)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("purge")),
    st.tuples(st.just("import")),
)


def _fresh_counts(db: sqlite3.Connection) -> dict[Stage, int]:
    counts = dict.fromkeys(Stage, 0)
    for stage, count in db.execute(
        "SELECT stage, count(*) FROM applications WHERE deleted_at IS NULL GROUP BY stage"
    ):
        counts[Stage(stage)] = count
    return counts


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An export of another file: applications in three stages and one deleted."""
    zone: Timezone = pendulum.timezone("Europe/London")  # type: ignore[assignment]
    path = tmp_path_factory.mktemp("source") / "source.db"
    source = Repository.open(path, zone=zone, create=True)
    assert source is not None
    try:
        ids = [
            source.add_application(sample_application(START, company=f"Source {n}"), START)
            for n in range(4)
        ]
        source.move(ids[0], Stage.THANKED, when=START, now=START, force=True)
        source.move(
            ids[1], Stage.CLOSED, when=START, now=START, reason=CloseReason.WITHDREW, force=True
        )
        source.delete(ids[2], START)
        with source.transactions.read() as db:
            return export_data(db, START)
    finally:
        source.close()


def _apply(repo: Repository, step: tuple[Any, ...], ids: list[int], data: dict[str, Any]) -> None:
    now = START
    kind = step[0]
    if kind == "add":
        application = sample_application(now, company=f"Co {step[1]}", held_days_ago=2)
        ids.append(repo.add_application(application, now))
        return
    if kind == "undo":
        with contextlib.suppress(NothingToUndo):
            repo.undo(now)
        return
    if kind == "purge":
        repo.purge(now)
        return
    if kind == "import":
        import_export(repo, data, now)
        ids.extend(row[0] for row in repo.db.execute("SELECT id FROM applications"))
        return
    if not ids:
        return
    application_id = ids[step[1] % len(ids)]
    try:
        if kind == "move":
            reason = CloseReason.NO_RESPONSE if step[2] is Stage.CLOSED else None
            repo.move(application_id, step[2], when=now, now=now, reason=reason, force=True)
        elif kind == "delete":
            repo.delete(application_id, now)
    except (RuleRefusal, NotFound):
        pass  # refused, or the application is gone: nothing was written


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(_steps, min_size=4, max_size=30))
def test_kept_counts_equal_a_fresh_count_after_any_writes(
    tmp_path_factory: pytest.TempPathFactory,
    export: dict[str, Any],
    steps: list[tuple[Any, ...]],
) -> None:
    zone: Timezone = pendulum.timezone("Europe/London")  # type: ignore[assignment]
    path: Path = tmp_path_factory.mktemp("counts") / "postinterview.db"
    repo = Repository.open(path, zone=zone, create=True)
    assert repo is not None
    try:
        ids: list[int] = []
        for step in steps:
            _apply(repo, step, ids, export)
            with repo.transactions.read() as db:
                assert stage_counts(db) == _fresh_counts(db), step
        assert repo.stage_counts() == _fresh_counts(repo.db)
    finally:
        repo.close()


def test_an_older_file_gets_its_counts_from_the_migration(tmp_path: Path, zone: Timezone) -> None:
    copy = tmp_path / "old.db"
    shutil.copyfile(V1_FIXTURE, copy)
    # Schema 1 has no kept counts; the fixture holds a deleted application, which is not counted.
    assert ("stage_counts",) not in query(copy, "SELECT name FROM sqlite_master")
    repository = Repository.open(copy, zone=zone, create=False)
    assert repository is not None
    try:
        with repository.transactions.read() as db:
            kept = stage_counts(db)
            assert kept == _fresh_counts(db)
        assert sum(kept.values()) == 5
    finally:
        repository.close()


def test_the_board_read_counts_no_applications(
    repo: Repository, now: DateTime, zone: Timezone, statements: list[str]
) -> None:
    """The headings' counts come from the kept table: no statement of a board read counts
    the applications (at 100,000 that count was a scan of the whole board index)."""
    for n in range(3):
        repo.add_application(sample_application(now, company=f"Co {n}"), now)
    statements.clear()
    board = load_board(repo, now=now, zone=zone)
    assert board.counts[Stage.INTERVIEWED] == 3
    counting = [
        sql for sql in statements if "count(" in sql.lower() and "from applications" in sql.lower()
    ]
    assert counting == []
