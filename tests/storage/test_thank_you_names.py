"""A thank-you for a whole round says whom it thanked: the history names the interviewers a
stage move or a whole-round "sent" marked, as a per-interviewer thank-you names its one."""

from __future__ import annotations

from pendulum import DateTime

from postinterview_tui.domain.stages import EventKind, Stage
from postinterview_tui.storage.drafts import DraftStore
from postinterview_tui.storage.repository import Repository

from ._support import sample_application


def _thank_you_data(repo: Repository, application_id: int) -> list[dict[str, object]]:
    events = repo.detail(application_id).events
    return [event.data for event in events if event.kind is EventKind.THANK_YOU_SENT]


def test_a_move_to_thank_you_sent_names_every_interviewer(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    repo.move(application_id, Stage.THANKED, when=now, now=now)
    assert _thank_you_data(repo, application_id) == [{"interviewers": ["Ana", "Ben"]}]


def test_a_whole_round_marked_sent_names_those_it_thanked(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now), now)
    store = DraftStore(repo)
    ana = repo.detail(application_id).interviews[0].interviewers[0]
    store.mark_thank_you_sent(application_id, ana.id, now, now)
    # Ana had hers; the round's note goes to the one still owed it.
    summary = store.mark_thank_you_sent(
        application_id, None, now.add(minutes=5), now.add(minutes=5)
    )
    assert summary.stage is Stage.THANKED
    assert _thank_you_data(repo, application_id) == [
        {"interviewer": "Ana"},
        {"interviewers": ["Ben"]},
    ]


def test_a_round_without_interviewers_names_no_one(repo: Repository, now: DateTime) -> None:
    application_id = repo.add_application(sample_application(now, interviewers=()), now)
    repo.move(application_id, Stage.THANKED, when=now, now=now)
    assert _thank_you_data(repo, application_id) == [{}]
