"""What is stored reads back exactly: text as typed, instants in UTC to the second."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import (
    Contact,
    Interview,
    Interviewer,
    NewApplication,
    NewInterview,
    NewInterviewer,
)
from postinterview_tui.domain.stages import EventKind, InterviewKind, Stage
from postinterview_tui.domain.validation import FieldError, check_new_application
from postinterview_tui.storage.repository import Repository

from ._support import query, tricky_application

UTC = pendulum.timezone("UTC")


def test_add_application_reads_back_exactly(repo: Repository, now: DateTime) -> None:
    new = tricky_application(now)
    application_id = repo.add_application(new, now)
    detail = repo.detail(application_id)

    assert detail.id == application_id
    summary = detail.summary
    assert summary.company == "007"
    assert summary.role == "Agent [bold]Double-O[/bold] Seven"
    assert summary.stage is Stage.INTERVIEWED
    assert summary.close_reason is None
    assert summary.created_at == now
    assert summary.updated_at == now
    assert detail.location == "Zürich — 東京"
    assert detail.link == "https://example.com/jobs/007?ref=a&b=%20c"
    assert detail.recruiter == Contact("Zoë O'Brien", "zoe@example.com")
    assert detail.notes == new.notes
    assert detail.offer_notes == ""
    assert detail.deleted_at is None

    held_at = new.interview.held_at.replace(microsecond=0)
    [interview] = detail.interviews
    assert interview == Interview(
        id=interview.id,
        held_at=held_at,
        kind=InterviewKind.PANEL,
        notes="Panel:\n- system design\n- [red]culture[/red]",
        decision_by=date(2026, 12, 4),
        interviewers=tuple(
            Interviewer(id=person.id, name=typed.name, email=typed.email, title=typed.title)
            for person, typed in zip(
                interview.interviewers, new.interview.interviewers, strict=True
            )
        ),
    )
    assert len({person.id for person in interview.interviewers}) == 3

    progress = summary.progress
    assert progress.stage is Stage.INTERVIEWED
    assert progress.last_interview_at == held_at
    assert progress.interviewers_total == 3
    assert progress.interviewers_thanked == 0
    assert progress.decision_by == date(2026, 12, 4)
    assert progress.thanked_at is None
    assert progress.follow_ups == 0

    # Events oldest first: the round was held before the application was entered.
    assert [event.kind for event in detail.events] == [EventKind.INTERVIEW_HELD, EventKind.CREATED]
    assert [event.at for event in detail.events] == [held_at, now]
    assert {event.recorded_at for event in detail.events} == {now}
    assert detail.events[0].data == {"kind": "panel"}
    assert {event.application_id for event in detail.events} == {application_id}


def test_stored_text_keeps_its_type_and_instants_are_utc_whole_seconds(
    repo: Repository, db_path: Path, now: DateTime
) -> None:
    application_id = repo.add_application(tricky_application(now), now)
    [(company, kind, created_at)] = query(
        db_path,
        "SELECT company, typeof(company), created_at FROM applications WHERE id = ?",
        (application_id,),
    )
    assert (company, kind) == ("007", "text")
    assert created_at == "2026-11-25T10:00:00+00:00"
    [(held_at,)] = query(db_path, "SELECT held_at FROM interviews")
    assert held_at == "2026-11-24T08:00:00+00:00"  # microseconds dropped, London = UTC in Nov
    titles = query(db_path, "SELECT title, typeof(title) FROM interviewers ORDER BY id")
    assert ("0042", "text") in titles


def test_summer_time_instants_are_stored_in_utc(repo: Repository, zone: Timezone) -> None:
    summer = pendulum.datetime(2026, 7, 1, 9, 30, 15, tz=zone)  # 08:30:15 UTC
    new = NewApplication("Acme", "Dev", NewInterview(held_at=summer))
    application_id = repo.add_application(new, summer.add(hours=1))
    [interview] = repo.detail(application_id).interviews
    assert interview.held_at == summer
    assert interview.held_at.in_timezone(UTC).hour == 8
    assert query(repo.path, "SELECT held_at FROM interviews") == [("2026-07-01T08:30:15+00:00",)]


def test_recruiter_with_neither_name_nor_address_reads_back_as_none(
    repo: Repository, now: DateTime
) -> None:
    new = NewApplication("Acme", "Dev", NewInterview(held_at=now), recruiter=Contact(""))
    application_id = repo.add_application(new, now)
    assert repo.detail(application_id).recruiter is None


def test_interviewers_keep_their_order(repo: Repository, now: DateTime) -> None:
    names = [f"Person {number:02}" for number in range(12, 0, -1)]
    new = NewApplication(
        "Acme",
        "Dev",
        NewInterview(held_at=now, interviewers=tuple(NewInterviewer(name) for name in names)),
    )
    application_id = repo.add_application(new, now)
    [interview] = repo.detail(application_id).interviews
    assert [person.name for person in interview.interviewers] == names


# Any text a user can type, including control characters, NUL and astral-plane emoji: what the
# validation accepts reads back unchanged, what it refuses is refused by the store as well.
TEXT = st.text(max_size=40)


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    company=TEXT,
    role=TEXT,
    location=TEXT,
    notes=st.text(max_size=200),
    recruiter=st.tuples(TEXT, TEXT),
    person=st.tuples(TEXT, TEXT, TEXT),
    interview_notes=TEXT,
)
def test_any_text_reads_back_unchanged(
    repo: Repository,
    now: DateTime,
    company: str,
    role: str,
    location: str,
    notes: str,
    recruiter: tuple[str, str],
    person: tuple[str, str, str],
    interview_notes: str,
) -> None:
    new = NewApplication(
        company=company,
        role=role,
        location=location,
        link=location,
        notes=notes,
        recruiter=Contact(*recruiter),
        interview=NewInterview(
            held_at=now, notes=interview_notes, interviewers=(NewInterviewer(*person),)
        ),
    )
    before = len(repo.summaries())
    try:
        check_new_application(new)
    except FieldError:
        # What the domain's validation refuses is refused by the store too, and nothing is written.
        with pytest.raises(FieldError):
            repo.add_application(new, now)
        assert len(repo.summaries()) == before
        return
    detail = repo.detail(repo.add_application(new, now))
    assert detail.summary.company == company
    assert detail.summary.role == role
    assert detail.location == location
    assert detail.link == location
    assert detail.notes == notes
    assert detail.recruiter == (Contact(*recruiter) if any(recruiter) else None)
    [interview] = detail.interviews
    assert interview.notes == interview_notes
    [stored] = interview.interviewers
    assert (stored.name, stored.email, stored.title) == person
