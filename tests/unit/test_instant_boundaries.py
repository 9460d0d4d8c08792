"""What happens at the very instant a rule compares against, and a second either side.

Each test here was written against a hand-applied mutation (``<`` for ``<=`` and back, or a
changed refusal) that the rest of the suite let through: the boundary is part of the rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from postinterview_tui.domain.agenda import build_agenda, not_held_yet, reclassified
from postinterview_tui.domain.models import ApplicationSummary, Progress
from postinterview_tui.domain.moves import RuleRefusal, plan_move, plan_reply
from postinterview_tui.domain.review import next_up
from postinterview_tui.domain.rules import (
    ActionKind,
    is_interview_upcoming,
    scheduled_round,
)
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import Stage

from ._support import BERLIN, NOW, tz

ZONE = tz(BERLIN)


def _summary(application_id: int, progress: Progress, company: str = "Acme") -> ApplicationSummary:
    created = NOW.subtract(days=60)
    return ApplicationSummary(
        application_id, company, "Role", progress.stage, created, created, progress
    )


# -- a reply at the instant of the latest reply ------------------------------------------------


def test_a_reply_recorded_at_the_instant_of_the_latest_one_gives_the_decision_date() -> None:
    reply = NOW.subtract(days=2)
    progress = Progress(
        Stage.THANKED,
        last_interview_at=NOW.subtract(days=9),
        thanked_at=NOW.subtract(days=8),
        last_reply_at=reply,
        decision_by=date(2026, 12, 4),
    )
    same = plan_reply(progress, when=reply, decision_by=date(2026, 12, 11))
    assert same.progress.decision_by == date(2026, 12, 11)
    earlier = plan_reply(progress, when=reply.subtract(seconds=1), decision_by=date(2026, 12, 11))
    assert earlier.progress.decision_by == date(2026, 12, 4)  # an older reply, only recorded


# -- a round at its own instant ----------------------------------------------------------------


def test_a_round_is_ahead_until_its_instant_and_held_from_it() -> None:
    held_at = NOW.add(hours=2)
    progress = Progress(Stage.INTERVIEWED, last_interview_at=held_at, interviewers_total=1)
    summary = _summary(1, progress)
    before = held_at.subtract(seconds=1)
    assert is_interview_upcoming(progress, before)
    assert not_held_yet(summary, before)
    round_item = scheduled_round(progress, before)
    assert round_item is not None and round_item.action is ActionKind.INTERVIEW
    # At the instant itself the round has begun: nothing is ahead any more.
    assert not is_interview_upcoming(progress, held_at)
    assert not not_held_yet(summary, held_at)
    assert scheduled_round(progress, held_at) is None


def test_an_agenda_with_a_round_is_built_again_from_the_rounds_instant() -> None:
    held_at = NOW.add(hours=2)
    settings = Settings()
    summaries = [_summary(1, Progress(Stage.INTERVIEWED, last_interview_at=held_at))]
    items = build_agenda(summaries, settings, NOW, ZONE)
    assert ActionKind.INTERVIEW in [item.action for item in items]
    a_second_before = reclassified(items, held_at.subtract(seconds=1), settings.window_days, ZONE)
    assert a_second_before is not None and len(a_second_before) == len(items)
    assert reclassified(items, held_at, settings.window_days, ZONE) is None


# -- what comes next, for an empty review --------------------------------------------------------


def test_next_up_leaves_out_an_action_due_at_this_very_instant() -> None:
    settings = Settings()
    held_at = NOW.subtract(hours=settings.thank_you_hours)  # the thank-you is due exactly now
    progress = Progress(Stage.INTERVIEWED, last_interview_at=held_at, interviewers_total=1)
    assert next_up([_summary(1, progress)], settings, NOW, ZONE) is None
    a_second_earlier = next_up([_summary(1, progress)], settings, NOW.subtract(seconds=1), ZONE)
    assert a_second_earlier is not None and a_second_earlier.due == NOW


def test_next_up_between_two_actions_due_at_the_same_instant_is_the_first_listed() -> None:
    settings = Settings()
    round_at = NOW.add(days=30)
    summaries = [
        _summary(1, Progress(Stage.INTERVIEWED, last_interview_at=round_at), "First Co"),
        _summary(2, Progress(Stage.INTERVIEWED, last_interview_at=round_at), "Second Co"),
    ]
    upcoming = next_up(summaries, settings, NOW, ZONE)
    assert upcoming is not None
    assert (upcoming.company, upcoming.due) == ("First Co", round_at)
    upcoming = next_up(list(reversed(summaries)), settings, NOW, ZONE)
    assert upcoming is not None and upcoming.company == "Second Co"


# -- a correction that would invent a follow-up -------------------------------------------------


def test_moving_back_to_followed_up_without_any_follow_up_says_where_to_go_instead() -> None:
    progress = Progress(
        Stage.OFFER,
        last_interview_at=NOW.subtract(days=9),
        interviewers_total=1,
        interviewers_thanked=1,
        thanked_at=NOW.subtract(days=8),
    )
    with pytest.raises(RuleRefusal) as refused:
        plan_move(
            progress,
            Stage.FOLLOWED_UP,
            when=NOW,
            reason=None,
            force=True,
            settings=Settings(),
            zone=ZONE,
        )
    assert str(refused.value) == (
        "no follow-up was ever recorded for it; move it to Thank-you sent instead"
    )
    assert not refused.value.confirmable  # forcing cannot make it true
    never_thanked = replace(progress, thanked_at=None, interviewers_thanked=0)
    with pytest.raises(RuleRefusal, match="move it to Interviewed instead$"):
        plan_move(
            never_thanked,
            Stage.FOLLOWED_UP,
            when=NOW,
            reason=None,
            force=True,
            settings=Settings(),
            zone=ZONE,
        )
