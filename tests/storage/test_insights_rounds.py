"""The insights read the rounds as they are: a round removed or moved after it was added (a
cancelled or rescheduled invitation) counts once, at its time now, or not at all."""

from __future__ import annotations

from pendulum import DateTime

from postinterview_tui.domain.records import NewInterview
from postinterview_tui.domain.stages import EventKind
from postinterview_tui.storage.insights_queries import history_points
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.round_changes import move_interview, remove_interview

from ._support import sample_application


def test_interview_points_follow_rounds_removed_and_moved(repo: Repository, now: DateTime) -> None:
    app_id = repo.add_application(sample_application(now, held_days_ago=3), now)
    first = repo.detail(app_id).interviews[0].held_at
    cancelled, moved, moved_to = (now.add(days=days) for days in (2, 4, 6))
    for held in (cancelled, moved):
        repo.add_interview(app_id, NewInterview(held), now)
    rounds = {item.held_at: item.id for item in repo.detail(app_id).interviews}
    remove_interview(repo, rounds[cancelled], now)
    move_interview(repo, rounds[moved], moved_to, now)
    held = [
        point.at
        for point in history_points(repo)
        if point.kind is EventKind.INTERVIEW_HELD and point.application_id == app_id
    ]
    assert held == [first, moved_to]
