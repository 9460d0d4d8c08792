"""Every way a thank-you or follow-up is recorded refuses one for a round not held yet: the
board's move, the review's ``d`` and the drafting panel's "mark sent" all come through here."""

from __future__ import annotations

import pytest
from pendulum import DateTime

from postinterview_tui.domain.default_templates import DEFAULT_TEMPLATES
from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.stages import Stage
from postinterview_tui.domain.templates import TemplateId
from postinterview_tui.storage.drafts import DraftStore
from postinterview_tui.storage.repository import Repository

from ._support import dump, sample_application


def _scheduled(repo: Repository, now: DateTime) -> int:
    # held_days_ago=-2: the round is the day after tomorrow.
    return repo.add_application(sample_application(now, held_days_ago=-2), now)


def _person(repo: Repository, application_id: int) -> int:
    latest = repo.detail(application_id).latest_interview
    assert latest is not None
    return latest.interviewers[0].id


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("target", [Stage.THANKED, Stage.FOLLOWED_UP])
def test_move_refuses(repo: Repository, now: DateTime, target: Stage, force: bool) -> None:
    app = _scheduled(repo, now)
    before = dump(repo.path)
    with pytest.raises(RuleRefusal) as refused:
        repo.move(app, target, when=now, now=now, force=force)
    assert not refused.value.confirmable
    assert dump(repo.path) == before


@pytest.mark.parametrize("everyone", [False, True])
def test_marking_a_drafted_thank_you_sent_refuses(
    repo: Repository, now: DateTime, everyone: bool
) -> None:
    app = _scheduled(repo, now)
    store = DraftStore(repo)
    person = None if everyone else _person(repo, app)
    before = dump(repo.path)
    with pytest.raises(RuleRefusal):
        store.mark_sent(DEFAULT_TEMPLATES[TemplateId.THANK_YOU_EMAIL], app, person, now, now)
    assert dump(repo.path) == before
    assert repo.summary(app).progress.interviewers_thanked == 0


def test_one_interviewer_thanked_after_the_round(repo: Repository, now: DateTime) -> None:
    app = _scheduled(repo, now)
    later = now.add(days=3)
    summary = DraftStore(repo).mark_thank_you_sent(app, _person(repo, app), later, later)
    assert summary.progress.interviewers_thanked == 1
