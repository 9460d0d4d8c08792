"""Correcting an interview round against a real file (issue 20)."""

from __future__ import annotations

import pytest
from pendulum import DateTime

from postinterview_tui.domain.entries import InterviewChange, InterviewerChange
from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import EventKind, InterviewKind
from postinterview_tui.storage.errors import NotFound
from postinterview_tui.storage.interview_edits import edit_interview
from postinterview_tui.storage.repository import Repository


def _added(repo: Repository, now: DateTime) -> int:
    interview = NewInterview(
        now.subtract(days=1),
        InterviewKind.VIDEO,
        "",
        None,
        (NewInterviewer("Ana Ruiz", "ana@acme.example"), NewInterviewer("Tom Lee")),
    )
    return repo.add_application(NewApplication("Acme", "Engineer", interview), now)


def _change(repo: Repository, application_id: int, **values: object) -> InterviewChange:
    interview = repo.detail(application_id).interviews[0]
    fields: dict[str, object] = {
        "interview_id": interview.id,
        "held_at": interview.held_at,
        "kind": interview.kind,
        "notes": interview.notes,
        "decision_by": interview.decision_by,
        "interviewers": tuple(
            InterviewerChange(person.id, person.name, person.email)
            for person in interview.interviewers
        ),
    }
    fields.update(values)
    return InterviewChange(**fields)  # type: ignore[arg-type]


def test_an_unchanged_round_writes_nothing(repo: Repository, now: DateTime) -> None:
    application_id = _added(repo, now)
    version = repo.summary(application_id).version
    edit_interview(repo, _change(repo, application_id), now)
    assert repo.summary(application_id).version == version
    assert repo.undo(now) == "add application"  # no empty "edit interview" step before it


def test_an_interviewer_from_another_round_is_refused_and_nothing_changes(
    repo: Repository, now: DateTime
) -> None:
    first = _added(repo, now)
    second = _added(repo, now)
    stranger = repo.detail(second).interviews[0].interviewers[0]
    before = repo.detail(first)
    change = _change(
        repo,
        first,
        notes="changed",
        interviewers=(InterviewerChange(stranger.id, "Someone", ""),),
    )
    with pytest.raises(NotFound):
        edit_interview(repo, change, now)
    assert repo.detail(first) == before


def test_a_corrected_round_is_one_undoable_step_in_the_history(
    repo: Repository, now: DateTime
) -> None:
    application_id = _added(repo, now)
    change = _change(repo, application_id, kind=InterviewKind.PANEL, notes="rota")
    edit_interview(repo, change, now)
    detail = repo.detail(application_id)
    assert (detail.interviews[0].kind, detail.interviews[0].notes) == (InterviewKind.PANEL, "rota")
    edited = [event for event in detail.events if event.kind is EventKind.EDITED]
    assert edited[-1].data == {"fields": ["interview kind", "what you talked about"]}
    assert repo.undo(now) == "edit interview"
    assert repo.detail(application_id).interviews[0].kind is InterviewKind.VIDEO
