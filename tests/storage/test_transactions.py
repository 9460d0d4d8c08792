"""One user action = one BEGIN IMMEDIATE transaction; a failed action writes nothing at all."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import date

import pytest
from pendulum import DateTime

from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.records import ApplicationEdit, NewInterview
from postinterview_tui.domain.stages import CloseReason, ConditionKind, Stage
from postinterview_tui.storage import transactions
from postinterview_tui.storage.errors import EditConflict, NotFound, SaveFailed, StoreUnusable
from postinterview_tui.storage.repository import Repository

from ._support import dump, file_state, health, sample_application

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class Ids:
    """The applications of the populated file, by role."""

    interviewed: int
    thanked: int
    offer: int
    deleted: int
    condition: int


@pytest.fixture
def ids(repo: Repository, now: DateTime) -> Ids:
    """A file with an application in each interesting state."""
    found = Ids()
    found.interviewed = repo.add_application(sample_application(now, company="A"), now)
    found.thanked = repo.add_application(sample_application(now, company="B"), now)
    repo.move(found.thanked, Stage.THANKED, when=now, now=now)
    found.offer = repo.add_application(sample_application(now, company="C"), now)
    repo.record_offer(
        found.offer,
        deadline=now.add(days=3),
        conditions=[(ConditionKind.REFERENCES, "refs")],
        notes="",
        now=now,
    )
    found.condition = repo.summary(found.offer).progress.conditions[0].id
    found.deleted = repo.add_application(sample_application(now, company="D"), now)
    repo.delete(found.deleted, now)
    return found


Attempt = Callable[[Repository, Ids, DateTime], object]

# (what is tried, the error it must raise)
FAILURES: dict[str, tuple[Attempt, type[Exception]]] = {
    "move-to-same-stage": (
        lambda r, i, n: r.move(i.thanked, Stage.THANKED, when=n, now=n), RuleRefusal),
    "close-without-reason": (
        lambda r, i, n: r.move(i.interviewed, Stage.CLOSED, when=n, now=n), RuleRefusal),
    "follow-up-too-soon": (
        lambda r, i, n: r.move(i.thanked, Stage.FOLLOWED_UP, when=n, now=n), RuleRefusal),
    "accept-with-pending-condition": (
        lambda r, i, n: r.move(i.offer, Stage.ACCEPTED, when=n, now=n), RuleRefusal),
    "move-missing": (
        lambda r, i, n: r.move(999, Stage.THANKED, when=n, now=n), NotFound),
    "move-deleted": (
        lambda r, i, n: r.move(i.deleted, Stage.THANKED, when=n, now=n), NotFound),
    "reply-missing": (
        lambda r, i, n: r.record_reply(999, when=n, decision_by=None, now=n), NotFound),
    "round-for-deleted": (
        lambda r, i, n: r.add_interview(i.deleted, NewInterview(n), n), NotFound),
    "edit-missing": (
        lambda r, i, n: r.edit(999, ApplicationEdit(role="x"), n), NotFound),
    "edit-stale": (
        lambda r, i, n: r.edit(i.thanked, ApplicationEdit(role="x"), n, expected_version=1),
        EditConflict),
    "note-missing": (lambda r, i, n: r.add_note(999, "x", n), NotFound),
    "delete-deleted": (lambda r, i, n: r.delete(i.deleted, n), NotFound),
    "offer-missing": (
        lambda r, i, n: r.record_offer(999, deadline=None, conditions=[], notes="", now=n),
        NotFound),
    "condition-missing": (
        lambda r, i, n: r.set_condition_status(i.offer, 999, cleared=True, now=n), NotFound),
    "condition-of-another-application": (
        lambda r, i, n: r.set_condition_status(i.thanked, i.condition, cleared=True, now=n),
        NotFound),
    "setting-out-of-range": (
        lambda r, i, n: r.set_setting("rules.max_follow_ups", "9", n), ValueError),
    "setting-unknown": (lambda r, i, n: r.set_setting("nope", "1", n), ValueError),
    "snooze-deleted": (lambda r, i, n: r.snooze(i.deleted, n.add(days=1), n), NotFound),
    "check-in-of-another-application": (
        lambda r, i, n: r.check_in_condition(i.thanked, i.condition, n), NotFound),
    "id-beyond-sqlite-integers": (
        lambda r, i, n: r.move(2**63, Stage.THANKED, when=n, now=n), NotFound),
    "id-zero": (lambda r, i, n: r.add_note(0, "x", n), NotFound),
    "id-negative": (lambda r, i, n: r.delete(-1, n), NotFound),
}  # fmt: skip


@pytest.mark.parametrize("case", list(FAILURES))
def test_a_failed_action_writes_nothing(
    repo: Repository, ids: Ids, now: DateTime, case: str
) -> None:
    attempt, error = FAILURES[case]
    before_dump = dump(repo.path)
    before_file = file_state(repo.path)
    later = now.add(days=1)
    with pytest.raises(error):
        attempt(repo, ids, later)
    assert not repo.db.in_transaction
    assert dump(repo.path) == before_dump
    assert file_state(repo.path).data == before_file.data
    # The connection is still usable, and the next action is the only one recorded.
    repo.add_note(ids.interviewed, "still fine", later)
    assert repo.undo(later) == "add note"


def test_an_error_inside_an_action_rolls_back_what_it_already_wrote(
    repo: Repository, ids: Ids, now: DateTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(repo.path)

    def exploding(*args: object, **kwargs: object) -> None:
        raise OSError("disk full while writing events")

    # The interviewers and the application are updated before the events are appended.
    monkeypatch.setattr(transactions.Action, "event", exploding)
    with pytest.raises(OSError, match="disk full"):
        repo.move(ids.interviewed, Stage.THANKED, when=now, now=now)
    assert dump(repo.path) == before


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), "the disk is full"),
        (sqlite3.OperationalError("disk I/O error"), "the disk reported an error"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
    ],
)
def test_a_storage_error_inside_an_action_is_save_failed_and_rolled_back(
    repo: Repository,
    ids: Ids,
    now: DateTime,
    monkeypatch: pytest.MonkeyPatch,
    error: sqlite3.Error,
    words: str,
) -> None:
    before = dump(repo.path)

    def failing(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(transactions.Action, "event", failing)
    with pytest.raises(SaveFailed, match=words) as raised:
        repo.move(ids.interviewed, Stage.THANKED, when=now, now=now)
    assert raised.value.message.startswith("could not save")
    assert not repo.db.in_transaction
    assert dump(repo.path) == before


# -- the transactions themselves -------------------------------------------------------------


def _transactions(statements: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    current: list[str] | None = None
    for statement in statements:
        word = statement.strip().split()[0].upper()
        if word == "BEGIN":
            assert current is None, "nested BEGIN"
            current = [statement]
        elif current is not None:
            current.append(statement)
            if word in ("COMMIT", "ROLLBACK"):
                groups.append(current)
                current = None
    assert current is None, "a transaction was left open"
    return groups


def _outside(statements: list[str], groups: list[list[str]]) -> list[str]:
    inside = {id(statement) for group in groups for statement in group}
    return [statement for statement in statements if id(statement) not in inside]


ACTIONS: dict[str, Attempt] = {
    "add": lambda r, i, n: r.add_application(sample_application(n), n),
    "move": lambda r, i, n: r.move(i.interviewed, Stage.THANKED, when=n, now=n),
    "close": lambda r, i, n: r.move(
        i.interviewed, Stage.CLOSED, when=n, now=n, reason=CloseReason.OTHER
    ),
    "reply": lambda r, i, n: r.record_reply(
        i.thanked, when=n, decision_by=date(2026, 12, 1), now=n
    ),
    "round": lambda r, i, n: r.add_interview(i.thanked, NewInterview(n), n),
    "edit": lambda r, i, n: r.edit(i.thanked, ApplicationEdit(notes="n"), n),
    "note": lambda r, i, n: r.add_note(i.thanked, "n", n),
    "delete": lambda r, i, n: r.delete(i.thanked, n),
    "undo": lambda r, i, n: r.undo(n),
    "purge": lambda r, i, n: r.purge(n),
    "offer": lambda r, i, n: r.record_offer(
        i.thanked, deadline=None, conditions=[(ConditionKind.OTHER, "x")], notes="", now=n
    ),
    "condition": lambda r, i, n: r.set_condition_status(i.offer, i.condition, cleared=False, now=n),
    "setting": lambda r, i, n: r.set_setting("user.name", "Sam", n),
    "snooze": lambda r, i, n: r.snooze(i.thanked, n.add(days=2), n),
    "check-in": lambda r, i, n: r.check_in_condition(i.offer, i.condition, n),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_action_is_exactly_one_immediate_transaction(
    repo: Repository, ids: Ids, now: DateTime, statements: list[str], action: str
) -> None:
    ACTIONS[action](repo, ids, now)
    groups = _transactions(statements)
    assert len(groups) == 1, groups
    [group] = groups
    assert group[0].strip().upper() == "BEGIN IMMEDIATE"
    assert group[-1].strip().upper() == "COMMIT"
    assert sum(1 for s in group if s.strip().upper().startswith("SAVEPOINT")) == 0
    writes = [s for s in _outside(statements, groups) if s.lstrip().upper().startswith(WRITES)]
    assert writes == []


@pytest.mark.parametrize("case", ["move-to-same-stage", "edit-stale", "condition-missing"])
def test_a_refused_action_is_one_rolled_back_transaction(
    repo: Repository, ids: Ids, now: DateTime, statements: list[str], case: str
) -> None:
    attempt, error = FAILURES[case]
    with pytest.raises(error):
        attempt(repo, ids, now)
    [group] = _transactions(statements)
    assert group[0].strip().upper() == "BEGIN IMMEDIATE"
    assert group[-1].strip().upper() == "ROLLBACK"


def test_reads_take_no_write_lock(repo: Repository, ids: Ids, statements: list[str]) -> None:
    repo.summaries()
    repo.open_summaries()
    repo.stage_counts()
    repo.detail(ids.offer)
    repo.settings()
    repo.data_version()
    assert statements, "the reads ran no SQL at all?"
    assert not [s for s in statements if s.lstrip().upper().startswith(("BEGIN", *WRITES))]


def test_an_action_waits_for_another_writer_to_finish(repo: Repository, now: DateTime) -> None:
    other = sqlite3.connect(repo.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings (key, value) VALUES ('user.name', 'Other')")

    def finish_soon() -> None:
        time.sleep(0.5)
        other.execute("COMMIT")

    finisher = threading.Thread(target=finish_soon)
    started = time.monotonic()
    finisher.start()
    try:
        application_id = repo.add_application(sample_application(now), now)
    finally:
        finisher.join()
        other.close()
    assert time.monotonic() - started >= 0.4
    assert repo.summary(application_id).company == "Acme Ltd"
    assert repo.settings().user_name == "Other"
    assert health(repo.path) == ("ok", [])


def test_an_action_gives_up_with_a_clear_error_when_the_lock_never_comes(
    repo: Repository, now: DateTime
) -> None:
    repo.db.execute("PRAGMA busy_timeout = 50")  # instead of 10 s, to keep the test quick
    before = dump(repo.path)
    other = sqlite3.connect(repo.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreUnusable, match="locked by another program"):
            repo.add_application(sample_application(now), now)
        assert not repo.db.in_transaction
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert dump(repo.path) == before
    assert repo.add_application(sample_application(now), now) == 1
