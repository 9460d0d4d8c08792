"""Delivered notes by Message-ID on a real file: stored with the mark-sent write, found again by
Message-ID in either spelling, kept through undo, gone with a purge, and nothing stored when the
write is refused."""

from __future__ import annotations

import sqlite3

import pytest
from pendulum import DateTime

from postinterview_tui.domain.default_templates import DEFAULT_TEMPLATES
from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.templates import TemplateId
from postinterview_tui.storage.drafts import DraftStore
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.sent_messages import (
    SentMessage,
    application_for_message_id,
    sent_messages_for,
)

from ._support import sample_application


def _sent(application_id: int, now: DateTime, **changes: object) -> SentMessage:
    values: dict[str, object] = {
        "message_id": "<abc.123@example.org>",
        "application_id": application_id,
        "interviewer_id": None,
        "kind": "thank-you",
        "recipient": "Ana Ruiz <ana@acme.test>",
        "sent_at": now,
    }
    values.update(changes)
    return SentMessage(**values)  # type: ignore[arg-type]


def test_a_thank_you_delivered_is_found_by_its_message_id(repo: Repository, now: DateTime) -> None:
    app_id = repo.add_application(sample_application(now, interviewers=("Ana",)), now)
    other = repo.add_application(sample_application(now, company="Other"), now)
    ana = repo.detail(app_id).latest_interview.interviewers[0].id  # type: ignore[union-attr]
    store = DraftStore(repo)
    store.mark_sent(
        DEFAULT_TEMPLATES[TemplateId.THANK_YOU_EMAIL],
        app_id,
        ana,
        now,
        now,
        delivered=_sent(app_id, now, interviewer_id=ana),
    )
    assert application_for_message_id(repo, "<abc.123@example.org>") == app_id
    assert application_for_message_id(repo.db, "  abc.123@example.org ") == app_id
    assert application_for_message_id(repo, "<unknown@example.org>") is None
    assert application_for_message_id(repo, "") is None
    assert sent_messages_for(repo, other) == ()
    (only,) = sent_messages_for(repo, app_id)
    assert (only.recipient, only.interviewer_id, only.sent_at) == (
        "Ana Ruiz <ana@acme.test>",
        ana,
        now,
    )
    assert repo.summary(app_id).stage.value == "thanked"


def test_undo_keeps_the_record_of_a_message_that_left(repo: Repository, now: DateTime) -> None:
    app_id = repo.add_application(sample_application(now, interviewers=("Ana",)), now)
    DraftStore(repo).mark_thank_you_sent(app_id, None, now, now, delivered=_sent(app_id, now))
    repo.undo(now)
    assert repo.summary(app_id).stage.value == "interviewed"
    assert application_for_message_id(repo, "<abc.123@example.org>") == app_id


def test_a_refused_follow_up_stores_no_message(repo: Repository, now: DateTime) -> None:
    # Interviewed one day ago: a follow-up now is too soon, and without force nothing is written.
    app_id = repo.add_application(sample_application(now), now)
    with pytest.raises(RuleRefusal):
        DraftStore(repo).mark_follow_up_sent(app_id, now, now, delivered=_sent(app_id, now))
    assert sent_messages_for(repo, app_id) == ()


def test_the_same_message_id_is_never_stored_twice(repo: Repository, now: DateTime) -> None:
    app_id = repo.add_application(sample_application(now), now)
    store = DraftStore(repo)
    store.mark_note_sent(app_id, "Note", now, now, delivered=_sent(app_id, now))
    with pytest.raises(sqlite3.IntegrityError):
        store.mark_note_sent(app_id, "Note", now, now, delivered=_sent(app_id, now))
    assert len(sent_messages_for(repo, app_id)) == 1


def test_purge_removes_the_messages_of_a_deleted_application(
    repo: Repository, now: DateTime
) -> None:
    app_id = repo.add_application(sample_application(now), now)
    DraftStore(repo).mark_note_sent(app_id, "Note", now, now, delivered=_sent(app_id, now))
    repo.delete(app_id, now)
    assert repo.purge(now) == 1
    assert application_for_message_id(repo, "<abc.123@example.org>") is None
