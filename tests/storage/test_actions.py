"""Each write persists its outcome, appends its events, and bumps the record's version."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime

from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.records import (
    ApplicationEdit,
    Contact,
    Event,
    NewInterview,
    NewInterviewer,
)
from postinterview_tui.domain.stages import (
    CloseReason,
    ConditionKind,
    ConditionStatus,
    EventKind,
    InterviewKind,
    Stage,
)
from postinterview_tui.storage.errors import NotFound
from postinterview_tui.storage.repository import Repository

from ._support import health, query, sample_application

UTC = pendulum.timezone("UTC")


def _kinds(repo: Repository, application_id: int) -> list[EventKind]:
    return [event.kind for event in repo.detail(application_id).events]


def _event_ids(repo: Repository, application_id: int) -> set[int]:
    return {event.id for event in repo.detail(application_id).events}


def _added_events(repo: Repository, application_id: int, known: set[int]) -> list[Event]:
    """Events appended since ``known`` was taken, in the order they were recorded."""
    events = [event for event in repo.detail(application_id).events if event.id not in known]
    return sorted(events, key=lambda event: event.id)


def _new_events(repo: Repository, application_id: int, known: set[int]) -> list[EventKind]:
    return [event.kind for event in _added_events(repo, application_id, known)]


# -- moves -----------------------------------------------------------------------------------


def test_move_to_thanked_thanks_the_latest_rounds_interviewers(
    repo: Repository, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    version = repo.summary(application_id).version
    known = _event_ids(repo, application_id)
    sent = now.subtract(hours=3)
    later = now.add(minutes=5)

    summary = repo.move(application_id, Stage.THANKED, when=sent, now=later)

    assert summary == repo.summary(application_id)
    assert summary.stage is Stage.THANKED
    assert summary.version == version + 1
    assert summary.updated_at == later
    assert summary.progress.thanked_at == sent
    assert summary.progress.interviewers_thanked == 2
    [interview] = repo.detail(application_id).interviews
    assert {person.thanked_at for person in interview.interviewers} == {sent}
    events = _added_events(repo, application_id, known)
    assert [event.kind for event in events] == [EventKind.THANK_YOU_SENT, EventKind.STAGE_MOVED]
    assert {event.at for event in events} == {sent}
    assert {event.recorded_at for event in events} == {later}
    assert events[1].data == {"from": "interviewed", "to": "thanked", "correction": False}


def test_follow_ups_count_and_can_repeat_in_the_same_stage(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.move(application_id, Stage.THANKED, when=now, now=now)
    first = now.add(days=6)
    repo.move(application_id, Stage.FOLLOWED_UP, when=first, now=first, force=True)
    second = first.add(days=6)
    summary = repo.move(application_id, Stage.FOLLOWED_UP, when=second, now=second, force=True)
    assert summary.stage is Stage.FOLLOWED_UP
    assert summary.progress.follow_ups == 2
    assert summary.progress.last_follow_up_at == second
    follow_ups = [
        event for event in repo.detail(application_id).events
        if event.kind is EventKind.FOLLOW_UP_SENT
    ]  # fmt: skip
    assert [event.data["number"] for event in follow_ups] == [1, 2]


def test_too_early_follow_up_is_refused_unless_forced(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.move(application_id, Stage.THANKED, when=now, now=now)
    with pytest.raises(RuleRefusal) as refused:
        repo.move(application_id, Stage.FOLLOWED_UP, when=now, now=now)
    assert refused.value.confirmable
    assert repo.summary(application_id).stage is Stage.THANKED
    forced = repo.move(application_id, Stage.FOLLOWED_UP, when=now, now=now, force=True)
    assert forced.stage is Stage.FOLLOWED_UP


def test_close_keeps_reason_and_reflection(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    summary = repo.move(
        application_id,
        Stage.CLOSED,
        when=now,
        now=now,
        reason=CloseReason.NOT_SELECTED,
        reflection="  Prepare [bold]system design[/bold]\n ",
    )
    assert summary.stage is Stage.CLOSED
    assert summary.close_reason is CloseReason.NOT_SELECTED
    closed = [e for e in repo.detail(application_id).events if e.kind is EventKind.CLOSED]
    assert [event.data for event in closed] == [
        {"reason": "not-selected", "reflection": "Prepare [bold]system design[/bold]"}
    ]
    assert repo.open_summaries() == []
    assert [item.id for item in repo.summaries(stage=Stage.CLOSED)] == [application_id]


def test_move_refusals(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    with pytest.raises(RuleRefusal, match="already"):
        repo.move(application_id, Stage.INTERVIEWED, when=now, now=now)
    with pytest.raises(RuleRefusal, match="reason"):
        repo.move(application_id, Stage.CLOSED, when=now, now=now)
    with pytest.raises(NotFound):
        repo.move(application_id + 1, Stage.THANKED, when=now, now=now)
    assert repo.summary(application_id).stage is Stage.INTERVIEWED
    assert _kinds(repo, application_id) == [EventKind.INTERVIEW_HELD, EventKind.CREATED]


@pytest.mark.parametrize("change", ["reopen", "reply-after-accept", "older-round-after-close"])
def test_changing_a_closed_or_accepted_application_keeps_its_facts(
    repo: Repository, now: DateTime, change: str
) -> None:
    """Regression: the board skips parsing the facts of accepted and closed rows; a write must
    not take that blank progress for the truth and wipe last_interview_at, interviewers_total,
    decision_by... (fixed by ``summary_from_row(..., full=True)`` in ``Repository._summary``)."""
    new = sample_application(now, held_days_ago=4, decision_by=date(2026, 12, 1))
    application_id = repo.add_application(new, now)
    held_at = new.interview.held_at
    if change == "reply-after-accept":
        repo.move(application_id, Stage.ACCEPTED, when=now, now=now)
        repo.record_reply(application_id, when=now, decision_by=None, now=now)
    else:
        repo.move(application_id, Stage.CLOSED, when=now, now=now, reason=CloseReason.WITHDREW)
        if change == "reopen":
            repo.move(application_id, Stage.INTERVIEWED, when=now, now=now)
        else:
            older = NewInterview(held_at=now.subtract(days=10), kind=InterviewKind.PHONE)
            repo.add_interview(application_id, older, now)
    [(last_interview_at, total)] = query(
        repo.path,
        "SELECT last_interview_at, interviewers_total FROM applications WHERE id = ?",
        (application_id,),
    )
    [(latest_round,)] = query(repo.path, "SELECT max(held_at) FROM interviews")
    assert last_interview_at == latest_round == held_at.in_timezone(UTC).isoformat()
    assert total == 2
    if change == "older-round-after-close":
        # An older round does not reopen (only the latest round moves a card back).
        assert repo.summary(application_id).stage is Stage.CLOSED


# -- replies and rounds ----------------------------------------------------------------------


def test_record_reply_restarts_follow_ups(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.move(application_id, Stage.THANKED, when=now, now=now)
    repo.move(application_id, Stage.FOLLOWED_UP, when=now, now=now, force=True)
    replied = now.add(days=1)
    known = _event_ids(repo, application_id)
    repo.record_reply(application_id, when=replied, decision_by=date(2026, 12, 9), now=replied)
    summary = repo.summary(application_id)
    assert summary.progress.last_reply_at == replied
    assert summary.progress.decision_by == date(2026, 12, 9)
    assert summary.progress.follow_ups == 0
    assert summary.stage is Stage.FOLLOWED_UP
    events = _added_events(repo, application_id, known)
    assert [(e.kind, e.data) for e in events] == [
        (EventKind.REPLY_RECEIVED, {"decision_by": "2026-12-09"})
    ]


def test_a_later_round_moves_the_card_back_to_interviewed(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.move(application_id, Stage.THANKED, when=now, now=now)
    known = _event_ids(repo, application_id)
    held = now.add(days=2)
    repo.add_interview(
        application_id,
        NewInterview(
            held_at=held,
            kind=InterviewKind.ONSITE,
            notes="Second round\n[dim]",
            decision_by=date(2026, 12, 11),
            interviewers=(NewInterviewer("Cy", "cy@example.com", "CTO"),),
        ),
        held,
    )
    detail = repo.detail(application_id)
    assert detail.summary.stage is Stage.INTERVIEWED
    assert detail.summary.progress.last_interview_at == held
    assert detail.summary.progress.interviewers_total == 1
    assert detail.summary.progress.interviewers_thanked == 0
    assert detail.summary.progress.decision_by == date(2026, 12, 11)
    assert [item.held_at for item in detail.interviews] == [now.subtract(days=1), held]
    assert detail.latest_interview is not None
    assert [p.name for p in detail.latest_interview.interviewers] == ["Cy"]
    assert [(e.kind, e.data) for e in _added_events(repo, application_id, known)] == [
        (EventKind.INTERVIEW_HELD, {"kind": "onsite"}),
        (EventKind.STAGE_MOVED, {"from": "thanked", "to": "interviewed", "correction": False}),
    ]


def test_an_earlier_round_leaves_the_stage(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.move(application_id, Stage.THANKED, when=now, now=now)
    known = _event_ids(repo, application_id)
    repo.add_interview(application_id, NewInterview(held_at=now.subtract(days=9)), now)
    summary = repo.summary(application_id)
    assert summary.stage is Stage.THANKED
    assert summary.progress.last_interview_at == now.subtract(days=1)
    assert len(repo.detail(application_id).interviews) == 2
    assert _new_events(repo, application_id, known) == [EventKind.INTERVIEW_HELD]


# -- edits, notes, deletes -------------------------------------------------------------------


def test_edit_changes_only_the_given_fields(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    before = repo.detail(application_id)
    later = now.add(hours=1)
    repo.edit(
        application_id,
        ApplicationEdit(role="007", recruiter=Contact("Rae", "rae@example.com"), notes="a\nb"),
        later,
        expected_version=before.summary.version,
    )
    after = repo.detail(application_id)
    assert after.summary.company == before.summary.company
    assert after.summary.role == "007"
    assert after.recruiter == Contact("Rae", "rae@example.com")
    assert after.notes == "a\nb"
    assert after.location == before.location
    assert after.summary.version == before.summary.version + 1
    assert after.summary.updated_at == later
    assert after.summary.progress == before.summary.progress
    assert (after.events[-1].kind, after.events[-1].data) == (
        EventKind.EDITED,
        {"fields": ["notes", "recruiter", "role"]},
    )


def test_edit_can_clear_the_recruiter(repo: Repository, now: DateTime) -> None:
    new = sample_application(now)
    application_id = repo.add_application(new, now)
    repo.edit(application_id, ApplicationEdit(recruiter=Contact("Rae")), now)
    assert repo.detail(application_id).recruiter == Contact("Rae")
    repo.edit(application_id, ApplicationEdit(recruiter=Contact("")), now)
    assert repo.detail(application_id).recruiter is None


def test_add_note_appends_the_text(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    version = repo.summary(application_id).version
    later = now.add(minutes=30)
    repo.add_note(application_id, "Called Rae.\n[bold]Next week[/bold] 🎉", later)
    detail = repo.detail(application_id)
    assert (detail.events[-1].kind, detail.events[-1].data) == (
        EventKind.NOTE_ADDED,
        {"text": "Called Rae.\n[bold]Next week[/bold] 🎉"},
    )
    assert detail.events[-1].at == later
    assert detail.summary.updated_at == later
    assert detail.summary.version == version + 1


def test_delete_hides_the_application_but_keeps_its_rows(repo: Repository, now: DateTime) -> None:
    keep = repo.add_application(sample_application(now, company="Keep"), now)
    gone = repo.add_application(sample_application(now, company="Gone"), now)
    repo.delete(gone, now)
    assert [item.id for item in repo.summaries()] == [keep]
    assert repo.stage_counts()[Stage.INTERVIEWED] == 1
    for read in (repo.summary, repo.detail):
        with pytest.raises(NotFound):
            read(gone)
    with pytest.raises(NotFound):
        repo.delete(gone, now)
    [(deleted_at,)] = query(repo.path, "SELECT deleted_at FROM applications WHERE id = ?", (gone,))
    assert deleted_at == "2026-11-25T10:00:00+00:00"
    sql = "SELECT kind FROM events WHERE application_id = ? ORDER BY id"
    kinds = query(repo.path, sql, (gone,))
    assert kinds[-1] == ("deleted",)


# -- purge and ids ---------------------------------------------------------------------------


def test_purge_removes_deleted_applications_and_all_their_rows(
    repo: Repository, now: DateTime
) -> None:
    keep = repo.add_application(sample_application(now, company="Keep"), now)
    gone = repo.add_application(sample_application(now, company="Gone"), now)
    repo.record_offer(
        gone, deadline=None, conditions=[(ConditionKind.MEDICAL, "")], notes="", now=now
    )
    repo.delete(gone, now)
    assert repo.purge(now) == 1
    for table in ("interviews", "conditions", "events"):
        sql = f"SELECT count(*) FROM {table} WHERE application_id = ?"
        assert query(repo.path, sql, (gone,)) == [(0,)], table
    assert query(repo.path, "SELECT id FROM applications") == [(keep,)]
    assert query(repo.path, "SELECT count(*) FROM interviewers") == [(2,)]  # keep's two
    assert query(repo.path, "SELECT count(*) FROM actions") == [(0,)]  # history may hold copies
    assert health(repo.path) == ("ok", [])
    assert repo.detail(keep).summary.company == "Keep"


def test_purge_with_nothing_deleted_keeps_the_undo_history(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.move(application_id, Stage.THANKED, when=now, now=now)
    assert repo.purge(now) == 0
    assert repo.undo(now) == "move to Thank-you sent"


@pytest.mark.parametrize("hide", ["delete", "undo-add"])
def test_ids_are_never_reused(repo: Repository, now: DateTime, hide: str) -> None:
    first = repo.add_application(sample_application(now, company="A"), now)
    second = repo.add_application(sample_application(now, company="B"), now)
    if hide == "delete":
        repo.delete(second, now)
    else:
        repo.undo(now)
    assert repo.purge(now) == 1
    interview_ids = [row[0] for row in query(repo.path, "SELECT id FROM interviews")]
    third = repo.add_application(sample_application(now, company="C"), now)
    assert first < second < third
    new_interview_ids = [row[0] for row in query(repo.path, "SELECT id FROM interviews")]
    assert min(set(new_interview_ids) - set(interview_ids)) > max(interview_ids) + 1
    with pytest.raises(NotFound):
        repo.summary(second)


def test_ids_survive_reopening(db_path: Path, repo: Repository, now: DateTime) -> None:
    first = repo.add_application(sample_application(now), now)
    repo.delete(first, now)
    repo.purge(now)
    repo.close()
    again = Repository.open(db_path, zone=repo.zone)
    assert again is not None
    try:
        assert again.add_application(sample_application(now), now) > first
    finally:
        again.close()


# -- offers ----------------------------------------------------------------------------------


def test_record_offer_moves_to_offer_with_conditions(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    deadline = now.add(days=5)
    known = _event_ids(repo, application_id)
    repo.record_offer(
        application_id,
        deadline=deadline,
        conditions=[
            (ConditionKind.REFERENCES, "Two referees"),
            (ConditionKind.BACKGROUND, ""),
        ],
        notes="£80k\n25 days",
        now=now,
    )
    detail = repo.detail(application_id)
    assert detail.summary.stage is Stage.OFFER
    assert detail.offer_notes == "£80k\n25 days"
    progress = detail.summary.progress
    assert progress.offer_deadline == deadline
    assert [(c.kind, c.label, c.status) for c in progress.conditions] == [
        (ConditionKind.REFERENCES, "Two referees", ConditionStatus.PENDING),
        (ConditionKind.BACKGROUND, "", ConditionStatus.PENDING),
    ]
    assert {c.started_at for c in progress.conditions} == {now}
    assert _new_events(repo, application_id, known) == [
        EventKind.OFFER_RECEIVED,
        EventKind.STAGE_MOVED,
    ]
    [listed] = repo.summaries(stage=Stage.OFFER)
    assert listed.progress.conditions == progress.conditions


def test_condition_status_cleared_and_failed(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.record_offer(
        application_id,
        deadline=None,
        conditions=[(ConditionKind.REFERENCES, "refs"), (ConditionKind.MEDICAL, "medical")],
        notes="",
        now=now,
    )
    first, second = repo.summary(application_id).progress.conditions
    later = now.add(days=2)
    known = _event_ids(repo, application_id)
    repo.set_condition_status(application_id, first.id, cleared=True, now=later)
    repo.set_condition_status(application_id, second.id, cleared=False, now=later)
    cleared, failed = repo.summary(application_id).progress.conditions
    assert (cleared.status, cleared.resolved_at) == (ConditionStatus.CLEARED, later)
    assert (failed.status, failed.resolved_at) == (ConditionStatus.FAILED, later)
    events = _added_events(repo, application_id, known)
    assert [(e.kind, e.data) for e in events] == [
        (EventKind.CONDITION_CLEARED, {"condition": "refs"}),
        (EventKind.CONDITION_FAILED, {"condition": "medical"}),
    ]


def test_accept_with_pending_conditions_needs_force(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.record_offer(
        application_id,
        deadline=None,
        conditions=[(ConditionKind.RIGHT_TO_WORK, "")],
        notes="",
        now=now,
    )
    with pytest.raises(RuleRefusal, match="pending"):
        repo.move(application_id, Stage.ACCEPTED, when=now, now=now)
    assert repo.move(application_id, Stage.ACCEPTED, when=now, now=now, force=True).stage is (
        Stage.ACCEPTED
    )
    assert repo.open_summaries() == []


def test_snooze_hides_until_a_time_and_a_change_clears_it(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    known = _event_ids(repo, application_id)
    version = repo.summary(application_id).version
    until = now.add(days=3).replace(microsecond=250_000)
    repo.snooze(application_id, until, now)
    summary = repo.summary(application_id)
    assert summary.progress.snoozed_until == until.replace(microsecond=0)
    assert summary.version == version + 1
    [event] = _added_events(repo, application_id, known)
    assert event.kind is EventKind.SNOOZED
    assert event.data["until"] == "2026-11-28T10:00:00+00:00"
    repo.move(application_id, Stage.THANKED, when=now, now=now)
    assert repo.summary(application_id).progress.snoozed_until is None


def test_condition_check_in_is_recorded(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.record_offer(
        application_id,
        deadline=None,
        conditions=[(ConditionKind.BACKGROUND, "DBS check")],
        notes="",
        now=now,
    )
    repo.snooze(application_id, now.add(days=9), now)
    [condition] = repo.summary(application_id).progress.conditions
    known = _event_ids(repo, application_id)
    later = now.add(days=5)
    repo.check_in_condition(application_id, condition.id, later)
    summary = repo.summary(application_id)
    [checked] = summary.progress.conditions
    assert checked.last_check_in_at == later
    assert checked.status is ConditionStatus.PENDING
    assert summary.progress.snoozed_until is None
    assert [(e.kind, e.data) for e in _added_events(repo, application_id, known)] == [
        (EventKind.CONDITION_CHECKED_IN, {"condition": "DBS check"})
    ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), Stage.INTERVIEWED),
        ((Stage.THANKED,), Stage.THANKED),
        ((Stage.THANKED, Stage.FOLLOWED_UP), Stage.FOLLOWED_UP),
    ],
)
def test_stage_before_closing(
    repo: Repository, now: DateTime, path: tuple[Stage, ...], expected: Stage
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    for number, stage in enumerate(path):
        when = now.add(hours=number)
        repo.move(application_id, stage, when=when, now=when, force=True)
    closed = now.add(days=1)
    repo.move(application_id, Stage.CLOSED, when=closed, now=closed, reason=CloseReason.OTHER)
    assert repo.stage_before_closing(application_id) is expected


# -- settings and reads ----------------------------------------------------------------------


def test_settings_are_stored_checked_and_not_undoable(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.set_setting("rules.follow_up_days", " 8 ", now)
    repo.set_setting("user.name", "007", now)
    repo.set_setting("rules.weekend_days", "fri, sat", now)
    settings = repo.settings()
    assert settings.follow_up_days == 8
    assert settings.user_name == "007"
    assert settings.weekend_days == (4, 5)
    assert dict(query(repo.path, "SELECT key, value FROM settings")) == {
        "rules.follow_up_days": "8",
        "user.name": "007",
        "rules.weekend_days": '["fri", "sat"]',
    }
    repo.set_setting("rules.follow_up_days", "9", now)
    assert repo.settings().follow_up_days == 9
    with pytest.raises(ValueError, match="between"):
        repo.set_setting("rules.follow_up_days", "0", now)
    with pytest.raises(ValueError, match="unknown setting"):
        repo.set_setting("rules.nope", "1", now)
    assert repo.settings().follow_up_days == 9
    assert _kinds(repo, application_id) == [EventKind.INTERVIEW_HELD, EventKind.CREATED]
    # Undo skips settings and undoes the last undoable action: the add.
    assert repo.undo(now) == "add application"
    assert repo.settings().follow_up_days == 9
    assert set(repo.setting_keys()) >= {"rules.follow_up_days", "user.name"}


def test_summaries_order_and_filters(repo: Repository, now: DateTime) -> None:
    a = repo.add_application(sample_application(now, company="A"), now)
    b = repo.add_application(sample_application(now, company="B"), now.add(minutes=1))
    c = repo.add_application(sample_application(now, company="C"), now.add(minutes=2))
    repo.move(a, Stage.THANKED, when=now, now=now.add(minutes=3))
    repo.move(c, Stage.ACCEPTED, when=now, now=now.add(minutes=4))
    assert [s.id for s in repo.summaries()] == [c, a, b]  # most recently updated first
    assert [s.id for s in repo.summaries(limit=2)] == [c, a]
    assert [s.id for s in repo.summaries(stage=Stage.THANKED)] == [a]
    assert [s.id for s in repo.summaries(exclude_stage=Stage.ACCEPTED)] == [a, b]
    assert [s.id for s in repo.open_summaries()] == [a, b]
    counts = repo.stage_counts()
    assert counts == {
        Stage.INTERVIEWED: 1,
        Stage.THANKED: 1,
        Stage.FOLLOWED_UP: 0,
        Stage.OFFER: 0,
        Stage.ACCEPTED: 1,
        Stage.CLOSED: 0,
    }


def test_data_version_changes_when_another_connection_commits(
    repo: Repository, now: DateTime
) -> None:
    first = repo.data_version()
    repo.add_application(sample_application(now), now)
    assert repo.data_version() == first  # our own commits do not count
    other = sqlite3.connect(repo.path)
    try:
        other.execute("INSERT INTO settings (key, value) VALUES ('user.name', 'x')")
        other.commit()
    finally:
        other.close()
    assert repo.data_version() != first


def test_stage_before_closing_is_the_stage_before_the_latest_close(
    repo: Repository, now: DateTime
) -> None:
    # Closed from Thank-you sent, reopened, then closed again from Offer: reopening goes back to
    # Offer, the stage it was in when it closed the second time, not the first.
    application_id = repo.add_application(sample_application(now), now)
    steps = [
        (Stage.THANKED, None),
        (Stage.CLOSED, CloseReason.OTHER),
        (Stage.THANKED, None),
        (Stage.OFFER, None),
        (Stage.CLOSED, CloseReason.OTHER),
    ]
    for hours, (stage, reason) in enumerate(steps, start=1):
        when = now.add(hours=hours)
        repo.move(application_id, stage, when=when, now=when, reason=reason, force=True)
    assert repo.stage_before_closing(application_id) is Stage.OFFER
