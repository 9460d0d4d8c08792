"""Drafts and templates on a real file: every draft kept, overrides, and "mark sent" moving the
card exactly as the rules say."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.domain.default_templates import DEFAULT_TEMPLATES
from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.records import NewInterview, NewInterviewer
from postinterview_tui.domain.rules import ActionKind, next_action
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import EventKind, Stage
from postinterview_tui.domain.templates import TemplateId
from postinterview_tui.storage.draft_files import export_draft
from postinterview_tui.storage.drafts import DraftStore, DraftWriter
from postinterview_tui.storage.errors import NotFound
from postinterview_tui.storage.repository import Repository

from ._support import V1_FIXTURE, health, query, sample_application

TRICKY = (
    "Dear Seán O'Brien,\n\n{company} $role [bold]not markup[/bold] 山田 🎉\n'; DROP TABLE x; --"
)


@pytest.fixture
def store(repo: Repository) -> DraftStore:
    """Drafts on the test's repository."""
    return DraftStore(repo)


def _save(store: DraftStore, application_id: int, now: DateTime, **changes: object) -> int:
    values: dict[str, object] = {
        "uid": "draft-1",
        "application_id": application_id,
        "interview_id": None,
        "interviewer_id": None,
        "template": "thank-you-email",
        "subject": "Thank you",
        "body": "Dear Ana",
        "now": now,
    }
    values.update(changes)
    return store.save_draft(**values)  # type: ignore[arg-type]


def _people(repo: Repository, application_id: int) -> list[tuple[int, str, bool]]:
    latest = repo.detail(application_id).latest_interview
    assert latest is not None
    return [
        (person.id, person.name, person.thanked_at is not None) for person in latest.interviewers
    ]


def _kinds(repo: Repository, application_id: int) -> list[EventKind]:
    return [event.kind for event in repo.detail(application_id).events]


# -- drafts ----------------------------------------------------------------------------------


def test_a_draft_round_trips_exactly(repo: Repository, store: DraftStore, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    latest = repo.detail(application_id).latest_interview
    assert latest is not None
    ana = latest.interviewers[0].id
    draft_id = _save(
        store,
        application_id,
        now,
        interview_id=latest.id,
        interviewer_id=ana,
        subject="Thanks {name} $x",
        body=TRICKY,
    )
    (draft,) = store.drafts_for(application_id)
    assert (draft.id, draft.uid, draft.application_id) == (draft_id, "draft-1", application_id)
    assert (draft.interview_id, draft.interviewer_id) == (latest.id, ana)
    assert (draft.template, draft.subject, draft.body) == (
        "thank-you-email",
        "Thanks {name} $x",
        TRICKY,
    )
    assert draft.created_at == draft.updated_at == now.replace(microsecond=0)
    assert draft.sent_at is None


def test_saving_the_same_draft_again_updates_it(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    first = _save(store, application_id, now, body="one")
    later = now.add(minutes=5)
    assert _save(store, application_id, later, body="two", template="thank-you-short") == first
    (draft,) = store.drafts_for(application_id)
    assert (draft.body, draft.template) == ("two", "thank-you-short")
    assert (draft.created_at, draft.updated_at) == (
        now.replace(microsecond=0),
        later.replace(microsecond=0),
    )


def test_every_draft_is_kept_newest_first(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    other = repo.add_application(sample_application(now, company="Other"), now)
    for number in range(3):
        _save(store, application_id, now.add(minutes=number), uid=f"d{number}", body=f"v{number}")
    _save(store, other, now, uid="elsewhere")
    assert [draft.body for draft in store.drafts_for(application_id)] == ["v2", "v1", "v0"]
    assert [draft.uid for draft in store.drafts_for(other)] == ["elsewhere"]


def test_autosaves_are_not_undoable_actions(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    _save(store, application_id, now)
    assert repo.undo(now) == "add application"
    assert len(store.drafts_for(application_id)) == 1  # undo hides the application, keeps drafts


def test_a_draft_needs_its_application(repo: Repository, store: DraftStore, now: DateTime) -> None:
    with pytest.raises(NotFound):
        _save(store, 999, now)
    assert query(repo.path, "SELECT count(*) FROM drafts") == [(0,)]


def test_a_sent_draft_is_not_changed_by_a_late_save(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now, interviewers=("Ana",)), now)
    _save(store, application_id, now, body="as sent")
    store.mark_thank_you_sent(application_id, None, now, now, draft_uid="draft-1")
    _save(store, application_id, now.add(minutes=1), body="typed after")
    (draft,) = store.drafts_for(application_id)
    assert draft.body == "as sent"
    assert draft.sent_at == now.replace(microsecond=0)


def test_an_older_version_never_overwrites_a_newer_one(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    writer = DraftWriter(store)
    fields = {
        "uid": "u",
        "application_id": application_id,
        "interview_id": None,
        "interviewer_id": None,
        "template": "thank-you-email",
        "subject": "s",
    }
    older = writer.version(**fields, body="older")  # type: ignore[arg-type]
    newer = writer.version(**fields, body="newer")  # type: ignore[arg-type]
    assert writer.write(newer, now)
    assert not writer.write(older, now)
    assert [draft.body for draft in store.drafts_for(application_id)] == ["newer"]


# -- templates -------------------------------------------------------------------------------


def test_templates_default_then_override_then_reset(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    assert store.templates() == DEFAULT_TEMPLATES
    store.set_template(TemplateId.FOLLOW_UP_FIRST, "Hello {x}", "Hi $first_name [b]", now)
    mine = store.template(TemplateId.FOLLOW_UP_FIRST)
    assert (mine.subject, mine.body, mine.customised) == ("Hello {x}", "Hi $first_name [b]", True)
    assert mine.title == DEFAULT_TEMPLATES[TemplateId.FOLLOW_UP_FIRST].title
    assert (
        store.template(TemplateId.THANK_YOU_EMAIL) == DEFAULT_TEMPLATES[TemplateId.THANK_YOU_EMAIL]
    )
    store.set_template(TemplateId.FOLLOW_UP_FIRST, "Second", "edit", now)
    assert store.template(TemplateId.FOLLOW_UP_FIRST).subject == "Second"
    store.reset_template(TemplateId.FOLLOW_UP_FIRST, now)
    assert store.templates() == DEFAULT_TEMPLATES


def test_a_template_from_a_newer_version_is_ignored(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    repo.db.execute(
        "INSERT INTO templates VALUES ('from-the-future', 's', 'b', '2026-11-25T10:00:00+00:00')"
    )
    assert store.templates() == DEFAULT_TEMPLATES


# -- marking sent ----------------------------------------------------------------------------


def test_thanking_each_interviewer_counts_then_moves_the_card(
    repo: Repository, store: DraftStore, now: DateTime, zone: Timezone
) -> None:
    application_id = repo.add_application(sample_application(now, interviewers=("Ana", "Ben")), now)
    (ana, _, _), (ben, _, _) = _people(repo, application_id)
    _save(store, application_id, now, interviewer_id=ana)
    when = now.add(hours=1)
    summary = store.mark_thank_you_sent(application_id, ana, when, when, draft_uid="draft-1")
    assert summary.stage is Stage.INTERVIEWED
    assert (summary.progress.interviewers_thanked, summary.progress.interviewers_total) == (1, 2)
    assert _people(repo, application_id) == [(ana, "Ana", True), (ben, "Ben", False)]
    events = repo.detail(application_id).events
    assert (events[-1].kind, events[-1].data, events[-1].at) == (
        EventKind.THANK_YOU_SENT,
        {"interviewer": "Ana"},
        when.replace(microsecond=0),
    )
    assert store.drafts_for(application_id)[0].sent_at == when.replace(microsecond=0)
    item = next_action(summary.progress, Settings(), zone)
    assert item is not None and item.action is ActionKind.THANK_YOU
    assert item.detail == "1 of 2 interviewers thanked"

    # Thanking Ana again asks first; insisting records a second note and counts nothing new.
    with pytest.raises(RuleRefusal) as refused:
        store.mark_thank_you_sent(application_id, ana, when, when)
    assert refused.value.confirmable
    assert refused.value.message == "Ana was already thanked for this round on Wed 25 Nov"
    assert _kinds(repo, application_id).count(EventKind.THANK_YOU_SENT) == 1
    again = store.mark_thank_you_sent(application_id, ana, when, when, force=True)
    assert again.progress.interviewers_thanked == 1
    assert _kinds(repo, application_id).count(EventKind.THANK_YOU_SENT) == 2
    # Thanking Ben completes the round.
    done = store.mark_thank_you_sent(application_id, ben, when, when)
    assert done.stage is Stage.THANKED
    assert done.progress.interviewers_thanked == 2
    assert done.progress.thanked_at == when.replace(microsecond=0)
    assert _kinds(repo, application_id)[-2:] == [EventKind.THANK_YOU_SENT, EventKind.STAGE_MOVED]
    following = next_action(done.progress, Settings(), zone)
    assert following is not None and following.action is ActionKind.FOLLOW_UP


def test_thanking_with_no_interviewer_thanks_the_whole_round(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now, interviewers=("Ana", "Ben")), now)
    summary = store.mark_thank_you_sent(application_id, None, now, now)
    assert summary.stage is Stage.THANKED
    assert [thanked for _, _, thanked in _people(repo, application_id)] == [True, True]


def test_an_interviewer_of_an_earlier_round_cannot_be_thanked_for_this_one(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now, interviewers=("Ana",)), now)
    ((ana, _, _),) = _people(repo, application_id)
    repo.add_interview(
        application_id, NewInterview(now, interviewers=(NewInterviewer("Cleo"),)), now
    )
    with pytest.raises(NotFound):
        store.mark_thank_you_sent(application_id, ana, now, now)
    assert repo.summary(application_id).progress.interviewers_thanked == 0


def test_undo_takes_a_thank_you_back(repo: Repository, store: DraftStore, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now, interviewers=("Ana",)), now)
    ((ana, _, _),) = _people(repo, application_id)
    store.mark_thank_you_sent(application_id, ana, now, now)
    assert repo.summary(application_id).stage is Stage.THANKED
    assert repo.undo(now) == "thank-you sent"
    summary = repo.summary(application_id)
    assert (summary.stage, summary.progress.interviewers_thanked) == (Stage.INTERVIEWED, 0)
    assert _people(repo, application_id) == [(ana, "Ana", False)]


def test_undoing_a_thank_you_makes_its_draft_a_draft_again(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now, interviewers=("Ana",)), now)
    ((ana, _, _),) = _people(repo, application_id)
    _save(store, application_id, now, interviewer_id=ana)
    store.mark_thank_you_sent(application_id, ana, now, now, draft_uid="draft-1")
    assert store.drafts_for(application_id)[0].sent_at is not None
    assert repo.undo(now) == "thank-you sent"
    (draft,) = store.drafts_for(application_id)
    assert draft.sent_at is None
    assert (draft.subject, draft.body) == ("Thank you", "Dear Ana")
    # A draft again: it can be edited, and marked sent once more.
    _save(store, application_id, now, interviewer_id=ana, body="Dear Ana, again")
    assert store.drafts_for(application_id)[0].body == "Dear Ana, again"
    store.mark_thank_you_sent(application_id, ana, now, now, draft_uid="draft-1")
    assert store.drafts_for(application_id)[0].sent_at is not None


def test_undoing_a_follow_up_makes_its_draft_a_draft_again_in_the_same_step(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    held = now.subtract(days=10)
    application_id = repo.add_application(sample_application(now, held_days_ago=10), held)
    repo.move(application_id, Stage.THANKED, when=held, now=held)
    _save(store, application_id, now, template="follow-up-email")
    store.mark_follow_up_sent(application_id, now, now, draft_uid="draft-1")
    assert store.drafts_for(application_id)[0].sent_at is not None
    # One undo takes back both the move and the draft's "sent" (they were one action).
    repo.undo(now)
    assert repo.summary(application_id).stage is Stage.THANKED
    assert store.drafts_for(application_id)[0].sent_at is None


def test_a_second_thank_you_to_the_whole_round_asks_first(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now, interviewers=("Ana",)), now)
    store.mark_thank_you_sent(application_id, None, now, now)
    with pytest.raises(RuleRefusal) as refused:
        store.mark_thank_you_sent(application_id, None, now, now)
    assert refused.value.confirmable
    assert "already recorded on Wed 25 Nov" in refused.value.message
    assert _kinds(repo, application_id).count(EventKind.THANK_YOU_SENT) == 1


def test_a_follow_up_marked_sent_is_the_same_as_moving_the_card(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    held = now.subtract(days=10)
    first = repo.add_application(sample_application(now, held_days_ago=10), held)
    second = repo.add_application(sample_application(now, held_days_ago=10), held)
    for application_id in (first, second):
        repo.move(application_id, Stage.THANKED, when=held, now=held)
    _save(store, first, now)
    by_draft = store.mark_follow_up_sent(first, now, now, draft_uid="draft-1")
    by_move = repo.move(second, Stage.FOLLOWED_UP, when=now, now=now)
    assert by_draft.stage is by_move.stage is Stage.FOLLOWED_UP
    assert by_draft.progress == by_move.progress
    assert _kinds(repo, first) == _kinds(repo, second)
    assert store.drafts_for(first)[0].sent_at is not None


def test_a_follow_up_too_soon_needs_confirming(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    store.mark_thank_you_sent(application_id, None, now, now)
    _save(store, application_id, now)
    with pytest.raises(RuleRefusal) as refused:
        store.mark_follow_up_sent(application_id, now, now, draft_uid="draft-1")
    assert refused.value.confirmable and "too soon" in refused.value.message
    assert repo.summary(application_id).stage is Stage.THANKED
    assert store.drafts_for(application_id)[0].sent_at is None
    forced = store.mark_follow_up_sent(application_id, now, now, force=True, draft_uid="draft-1")
    assert (forced.stage, forced.progress.follow_ups) == (Stage.FOLLOWED_UP, 1)


def test_another_note_marked_sent_is_recorded_in_the_history(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    _save(store, application_id, now, template="withdraw")
    store.mark_note_sent(application_id, "Withdraw an application", now, now, draft_uid="draft-1")
    event = repo.detail(application_id).events[-1]
    assert (event.kind, event.data) == (
        EventKind.NOTE_ADDED,
        {"text": "Sent: Withdraw an application"},
    )
    assert repo.summary(application_id).stage is Stage.INTERVIEWED
    assert store.drafts_for(application_id)[0].sent_at is not None


# -- the file --------------------------------------------------------------------------------


def test_purge_removes_drafts_with_their_application(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    latest = repo.detail(application_id).latest_interview
    assert latest is not None
    _save(
        store, application_id, now, interview_id=latest.id, interviewer_id=latest.interviewers[0].id
    )
    repo.delete(application_id, now)
    assert repo.purge(now) == 1
    assert query(repo.path, "SELECT count(*) FROM drafts") == [(0,)]
    assert health(repo.path) == ("ok", [])


def test_undoing_a_round_keeps_its_drafts(
    repo: Repository, store: DraftStore, now: DateTime
) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.add_interview(
        application_id, NewInterview(now, interviewers=(NewInterviewer("Cleo"),)), now
    )
    latest = repo.detail(application_id).latest_interview
    assert latest is not None
    _save(
        store, application_id, now, interview_id=latest.id, interviewer_id=latest.interviewers[0].id
    )
    assert repo.undo(now) == "add interview"
    (draft,) = store.drafts_for(application_id)
    assert (draft.interview_id, draft.interviewer_id, draft.body) == (None, None, "Dear Ana")
    assert health(repo.path) == ("ok", [])


def test_an_old_file_gains_the_drafts_tables(tmp_path: Path, zone: Timezone, now: DateTime) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(V1_FIXTURE, copy)
    repository = Repository.open(copy, zone=zone, create=True)
    assert repository is not None
    try:
        application_id = repository.summaries()[0].id
        _save(DraftStore(repository), application_id, now)
        assert len(DraftStore(repository).drafts_for(application_id)) == 1
    finally:
        repository.close()


def test_export_writes_a_new_file_each_time(tmp_path: Path, now: DateTime) -> None:
    first = export_draft(
        "Thanks", "Dear Ana,\nBye", stem="Acme / Ltd: thank-you", now=now, directory=tmp_path
    )
    second = export_draft("", "Short", stem="Acme / Ltd: thank-you", now=now, directory=tmp_path)
    assert first.parent == second.parent == tmp_path
    assert first.name == "2026-11-25-1000-Acme-Ltd-thank-you.txt"
    assert second.name == "2026-11-25-1000-Acme-Ltd-thank-you-2.txt"
    assert first.read_text(encoding="utf-8") == "Subject: Thanks\n\nDear Ana,\nBye\n"
    assert second.read_text(encoding="utf-8") == "Short\n"
