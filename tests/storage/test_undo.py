"""Undo restores the rows an action changed and records that it did; history is never rewritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from pendulum import DateTime

from postinterview_tui.domain.records import ApplicationEdit, Contact, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import (
    CloseReason,
    ConditionKind,
    ConditionStatus,
    EventKind,
    Stage,
)
from postinterview_tui.storage.errors import EditConflict, NotFound, NothingToUndo
from postinterview_tui.storage.repository import Repository

from ._support import dump, health, query, sample_application

# Columns an undo sets anew rather than restores.
BOOKKEEPING = {"updated_at", "version"}


def _row(path: Path, table: str, row_id: int) -> dict[str, object]:
    conn_rows = query(path, f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    names = [str(row[1]) for row in query(path, f"PRAGMA table_info({table})")]
    assert len(conn_rows) == 1
    return dict(zip(names, conn_rows[0], strict=True))


def _content(path: Path, application_id: int) -> dict[str, object]:
    """An application's row (less bookkeeping) and all its child rows."""
    row = _row(path, "applications", application_id)
    row = {name: value for name, value in row.items() if name not in BOOKKEEPING}
    return {
        "application": row,
        "interviews": query(
            path, "SELECT * FROM interviews WHERE application_id = ? ORDER BY id", (application_id,)
        ),
        "interviewers": query(
            path,
            "SELECT * FROM interviewers WHERE interview_id IN "
            "(SELECT id FROM interviews WHERE application_id = ?) ORDER BY id",
            (application_id,),
        ),
        "conditions": query(
            path, "SELECT * FROM conditions WHERE application_id = ? ORDER BY id", (application_id,)
        ),
    }


def _events(path: Path, application_id: int) -> list[tuple[object, ...]]:
    return query(
        path,
        "SELECT id, kind, at, data FROM events WHERE application_id = ? ORDER BY id",
        (application_id,),
    )


@pytest.fixture
def app_id(repo: Repository, now: DateTime) -> int:
    return repo.add_application(sample_application(now), now)


def _offer(repo: Repository, app: int, now: DateTime) -> None:
    repo.record_offer(
        app,
        deadline=now.add(days=4),
        conditions=[(ConditionKind.REFERENCES, "refs")],
        notes="salary",
        now=now,
    )


def _cleared(repo: Repository, app: int, now: DateTime) -> None:
    [condition] = repo.summary(app).progress.conditions
    repo.set_condition_status(app, condition.id, cleared=True, now=now)


def _checked_in(repo: Repository, app: int, now: DateTime) -> None:
    [condition] = repo.summary(app).progress.conditions
    repo.check_in_condition(app, condition.id, now)


# (label undo reports, setup before the snapshot, the action to undo)
CHANGES = {
    "move-thanked": ("move to Thank-you sent", None,
                     lambda r, a, n: r.move(a, Stage.THANKED, when=n, now=n)),
    "move-closed": ("move to Closed", None,
                    lambda r, a, n: r.move(a, Stage.CLOSED, when=n, now=n,
                                           reason=CloseReason.OTHER, reflection="x")),
    "reply": ("record reply", None,
              lambda r, a, n: r.record_reply(a, when=n, decision_by=None, now=n)),
    "round": ("add interview", lambda r, a, n: r.move(a, Stage.THANKED, when=n, now=n),
              lambda r, a, n: r.add_interview(
                  a, NewInterview(n.add(days=1), interviewers=(NewInterviewer("Cy"),)), n)),
    "edit": ("edit", None,
             lambda r, a, n: r.edit(a, ApplicationEdit(company="New", recruiter=Contact("R")), n)),
    "note": ("add note", None, lambda r, a, n: r.add_note(a, "hello", n)),
    "delete": ("delete", None, lambda r, a, n: r.delete(a, n)),
    "offer": ("record offer", None, _offer),
    "condition": ("condition cleared", _offer, _cleared),
    "snooze": ("snooze", None, lambda r, a, n: r.snooze(a, n.add(days=3), n)),
    "check-in": ("condition check-in", _offer, _checked_in),
}  # fmt: skip


@pytest.mark.parametrize("change", list(CHANGES))
def test_undo_restores_every_row_the_action_changed(
    repo: Repository, app_id: int, now: DateTime, change: str
) -> None:
    label, setup, act = CHANGES[change]
    if setup is not None:
        setup(repo, app_id, now)
    before = _content(repo.path, app_id)
    version = _row(repo.path, "applications", app_id)["version"]
    events_before = _events(repo.path, app_id)
    later = now.add(hours=2)

    act(repo, app_id, now.add(hours=1))
    assert _row(repo.path, "applications", app_id)["version"] != version
    assert len(_events(repo.path, app_id)) > len(events_before)
    assert repo.undo(later) == label

    assert _content(repo.path, app_id) == before
    row = _row(repo.path, "applications", app_id)
    assert isinstance(row["version"], int) and isinstance(version, int)
    assert row["version"] > version  # an editor holding the old version must reload
    assert row["updated_at"] == "2026-11-25T12:00:00+00:00"
    events_after = _events(repo.path, app_id)
    # The action's events stay; one "undone" event is appended.
    assert events_after[: len(events_before)] == events_before
    last = max(repo.detail(app_id).events, key=lambda event: event.id)
    assert last.kind is EventKind.UNDONE
    assert last.data["label"] == label
    assert last.at == later
    assert health(repo.path) == ("ok", [])


def test_undo_of_an_add_hides_the_application(repo: Repository, now: DateTime) -> None:
    keep = repo.add_application(sample_application(now, company="Keep"), now)
    added = repo.add_application(sample_application(now, company="Oops"), now)
    assert repo.undo(now) == "add application"
    assert [item.id for item in repo.summaries()] == [keep]
    assert repo.stage_counts()[Stage.INTERVIEWED] == 1
    with pytest.raises(NotFound):
        repo.detail(added)
    left = query(repo.path, "SELECT count(*) FROM interviews WHERE application_id = ?", (added,))
    assert left == [(0,)]
    assert query(repo.path, "SELECT count(*) FROM interviewers") == [(2,)]
    assert health(repo.path) == ("ok", [])


def test_undos_walk_back_in_order_then_stop(repo: Repository, now: DateTime) -> None:
    app = repo.add_application(sample_application(now), now)
    repo.move(app, Stage.THANKED, when=now, now=now)
    repo.edit(app, ApplicationEdit(role="Lead"), now)
    repo.set_setting("user.name", "Sam", now)  # not undoable: skipped
    assert repo.undo(now) == "edit"
    assert repo.summary(app).role == "Backend Engineer"
    assert repo.undo(now) == "move to Thank-you sent"
    assert repo.summary(app).stage is Stage.INTERVIEWED
    assert repo.undo(now) == "add application"
    assert repo.summaries() == []
    before = dump(repo.path)
    with pytest.raises(NothingToUndo):
        repo.undo(now)
    assert dump(repo.path) == before
    assert repo.settings().user_name == "Sam"


def test_nothing_to_undo_on_a_new_file(repo: Repository, now: DateTime) -> None:
    before = dump(repo.path)
    with pytest.raises(NothingToUndo, match="nothing to undo"):
        repo.undo(now)
    assert dump(repo.path) == before


def test_nothing_to_undo_after_purge(repo: Repository, app_id: int, now: DateTime) -> None:
    repo.delete(app_id, now)
    repo.purge(now)
    with pytest.raises(NothingToUndo):
        repo.undo(now)


def test_undo_of_a_delete_brings_it_back_to_the_board(
    repo: Repository, app_id: int, now: DateTime
) -> None:
    repo.move(app_id, Stage.THANKED, when=now, now=now)
    repo.delete(app_id, now)
    assert repo.summaries() == []
    repo.undo(now)
    [summary] = repo.summaries()
    assert (summary.id, summary.stage) == (app_id, Stage.THANKED)


def test_undo_of_an_offer_removes_its_conditions(
    repo: Repository, app_id: int, now: DateTime
) -> None:
    _offer(repo, app_id, now)
    repo.undo(now)
    summary = repo.summary(app_id)
    assert summary.stage is Stage.INTERVIEWED
    assert summary.progress.conditions == ()
    assert summary.progress.offer_deadline is None
    assert repo.detail(app_id).offer_notes == ""
    assert query(repo.path, "SELECT count(*) FROM conditions") == [(0,)]


def test_undo_of_a_condition_returns_it_to_pending(
    repo: Repository, app_id: int, now: DateTime
) -> None:
    _offer(repo, app_id, now)
    _cleared(repo, app_id, now)
    repo.undo(now)
    [condition] = repo.summary(app_id).progress.conditions
    assert (condition.status, condition.resolved_at) == (ConditionStatus.PENDING, None)


def test_an_edit_based_on_the_version_before_an_undo_conflicts(
    repo: Repository, app_id: int, now: DateTime
) -> None:
    loaded = repo.summary(app_id).version
    repo.add_note(app_id, "x", now)
    repo.undo(now)
    with pytest.raises(EditConflict):
        repo.edit(app_id, ApplicationEdit(role="Lead"), now, expected_version=loaded)


def test_stale_edit_raises_conflict_and_changes_nothing(
    repo: Repository, app_id: int, now: DateTime
) -> None:
    loaded = repo.summary(app_id).version
    repo.edit(app_id, ApplicationEdit(role="Lead"), now, expected_version=loaded)
    before = dump(repo.path)
    with pytest.raises(EditConflict, match="changed elsewhere"):
        repo.edit(app_id, ApplicationEdit(company="Stale"), now, expected_version=loaded)
    assert dump(repo.path) == before
    assert repo.summary(app_id).company == "Acme Ltd"
    assert repo.undo(now) == "edit"  # the conflict left no action behind
    assert repo.summary(app_id).role == "Backend Engineer"


def test_an_edit_with_nothing_to_change_leaves_no_undo_step(
    repo: Repository, app_id: int, now: DateTime
) -> None:
    repo.move(app_id, Stage.THANKED, when=now, now=now)
    before = dump(repo.path)
    repo.edit(app_id, ApplicationEdit(), now)
    assert dump(repo.path) == before
    assert repo.undo(now) == "move to Thank-you sent"
