"""Stored dues equal the rules' own answer after any history (issue 19's correctness property).

Random histories are written through the real repository on a real file: applications added
(rounds past and ahead), moves (refused ones skipped), replies, offers with conditions cleared,
failed and checked in on, snoozes, new rounds, edits of a round, deletions, undo, and settings
the rules read (and some they do not) changed in between, with the clock moving on. After every
step, for every application, the dues in the table equal :func:`stored_dues` recomputed from the
application as it is now; and at random moments the agenda read from the due-time index equals
:func:`build_agenda` over every open application, as the review and ``today`` computed it.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.dues import agenda_from_dues, stored_dues
from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.rules import due_limits
from postinterview_tui.domain.stages import CloseReason, ConditionKind, InterviewKind, Stage
from postinterview_tui.storage.dues import dues_of, dues_until
from postinterview_tui.storage.errors import NotFound, NothingToUndo
from postinterview_tui.storage.repository import Repository

START = pendulum.datetime(2026, 11, 20, 9, 30, tz="UTC")
ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Auckland")

_add = st.tuples(st.just("add"), st.integers(-200, 120), st.integers(0, 3), st.booleans())
_steps = st.one_of(
    _add,
    st.tuples(st.just("move"), st.integers(0, 9), st.sampled_from(list(Stage))),
    st.tuples(st.just("reply"), st.integers(0, 9), st.booleans()),
    st.tuples(st.just("offer"), st.integers(0, 9), st.integers(0, 3), st.booleans()),
    st.tuples(st.just("condition"), st.integers(0, 9), st.sampled_from(["clear", "fail", "ask"])),
    st.tuples(st.just("snooze"), st.integers(0, 9), st.integers(1, 240)),
    st.tuples(st.just("round"), st.integers(0, 9), st.integers(-100, 100)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("undo")),
    st.tuples(
        st.just("setting"),
        st.sampled_from(
            [
                ("rules.thank_you_hours", "12"),
                ("rules.thank_you_hours", "48"),
                ("rules.follow_up_days", "2"),
                ("rules.max_follow_ups", "1"),
                ("rules.move_on_days", "9"),
                ("rules.condition_check_in_days", "1"),
                ("rules.weekend_days", "fri,sat"),
                ("rules.skip_dates", "2026-11-27,2026-12-01"),
                ("review.window_days", "3"),
                ("user.name", "Sam"),
            ]
        ),
    ),
    st.tuples(st.just("clock"), st.integers(0, 96)),
)


def _new(held_at: DateTime, people: int, decision: bool) -> NewApplication:
    return NewApplication(
        company=f"Co {held_at.minute}",
        role="Engineer",
        interview=NewInterview(
            held_at=held_at,
            kind=InterviewKind.VIDEO,
            decision_by=(held_at.date() + timedelta(days=5)) if decision else None,
            interviewers=tuple(NewInterviewer(f"P{n}") for n in range(people)),
        ),
    )


def _apply(repo: Repository, step: tuple, ids: list[int], now: DateTime) -> DateTime:
    kind = step[0]
    if kind == "clock":
        return now.add(hours=step[1])
    if kind == "add":
        ids.append(repo.add_application(_new(now.add(hours=step[1]), step[2], step[3]), now))
        return now
    if kind == "undo":
        with contextlib.suppress(NothingToUndo):
            repo.undo(now)
        return now
    if kind == "setting":
        repo.set_setting(step[1][0], step[1][1], now)
        return now
    if not ids:
        return now
    application_id = ids[step[1] % len(ids)]
    try:
        if kind == "move":
            reason = CloseReason.NO_RESPONSE if step[2] is Stage.CLOSED else None
            repo.move(application_id, step[2], when=now, now=now, reason=reason)
        elif kind == "reply":
            decision = now.date() + timedelta(days=4) if step[2] else None
            repo.record_reply(application_id, when=now, decision_by=decision, now=now)
        elif kind == "offer":
            conditions = [(ConditionKind.REFERENCES, f"check {n}") for n in range(step[2])]
            deadline = now.add(days=6) if step[3] else None
            repo.record_offer(
                application_id, deadline=deadline, conditions=conditions, notes="", now=now
            )
        elif kind == "condition":
            summary = repo.summary(application_id)
            if summary.progress.conditions:
                condition = summary.progress.conditions[0].id
                if step[2] == "ask":
                    repo.check_in_condition(application_id, condition, now)
                else:
                    repo.set_condition_status(
                        application_id, condition, cleared=step[2] == "clear", now=now
                    )
        elif kind == "snooze":
            repo.snooze(application_id, now.add(hours=step[2]), now)
        elif kind == "round":
            new = _new(now.add(hours=step[2]), 1, False).interview
            repo.add_interview(application_id, new, now)
        elif kind == "delete":
            repo.delete(application_id, now)
    except (RuleRefusal, NotFound):
        pass  # refused, or the application is gone: nothing was written
    return now


def _check(repo: Repository, ids: list[int], now: DateTime, zone: Timezone) -> None:
    settings_now = repo.settings()
    open_ones = {summary.id: summary for summary in repo.agenda_summaries()}
    with repo.exclusive():
        for application_id in ids:
            stored = dues_of(repo.db, application_id)
            summary = open_ones.get(application_id)
            if summary is None:
                assert stored == (), f"application {application_id} is not open but keeps dues"
                continue
            # The rules' answer for the application as it is now (full facts, as on a write).
            expected = stored_dues(repo.summary(application_id).progress, settings_now, zone)
            assert stored == expected, f"application {application_id}"
    window = settings_now.window_days
    for moment in (now, now.add(hours=13), now.add(days=3), now.subtract(hours=30)):
        _soon, until = due_limits(moment, window, zone)
        with repo.exclusive():
            dues = dues_until(repo.db, moment, until)
        from_index = agenda_from_dues(dues, moment, window, zone)
        computed = build_agenda(list(open_ones.values()), settings_now, moment, zone)
        assert from_index == computed


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    # A few applications first, so that every later step has something to change.
    steps=st.tuples(
        st.lists(_add, min_size=2, max_size=4), st.lists(_steps, min_size=6, max_size=30)
    ).map(lambda parts: parts[0] + parts[1]),
    zone_name=st.sampled_from(ZONES),
)
def test_stored_dues_equal_the_rules_after_any_history(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple], zone_name: str
) -> None:
    zone: Timezone = pendulum.timezone(zone_name)  # type: ignore[assignment]
    path: Path = tmp_path_factory.mktemp("dues") / "postinterview.db"
    repo = Repository.open(path, zone=zone, create=True)
    assert repo is not None
    try:
        ids: list[int] = []
        now = START
        for step in steps:
            now = _apply(repo, step, ids, now)
            _check(repo, ids, now, zone)
    finally:
        repo.close()
