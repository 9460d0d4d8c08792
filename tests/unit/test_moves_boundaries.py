"""Equal-time boundaries of the move rules: when a reply and a follow-up share an instant.

The rule is one story told twice: at the same instant, the reply counts as the later event. A
reply recorded at the very time of the latest follow-up answers it (the count restarts); a
follow-up recorded at the very time of the latest reply is not one sent after it (it does not
count towards the limit of two).
"""

from __future__ import annotations

from dataclasses import replace

from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.moves import plan_move, plan_reply
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import Stage

from ._support import BERLIN, at, tz

B = BERLIN
THANKED = Progress(
    Stage.THANKED,
    at(B, 2026, 11, 2, 10),
    interviewers_total=1,
    interviewers_thanked=1,
    thanked_at=at(B, 2026, 11, 2, 18),
)


def test_a_follow_up_at_the_instant_of_the_latest_reply_does_not_count() -> None:
    reply = at(B, 2026, 11, 20, 10)
    progress = replace(THANKED, last_reply_at=reply)
    plan = plan_move(
        progress,
        Stage.FOLLOWED_UP,
        when=reply,
        reason=None,
        force=True,
        settings=Settings(),
        zone=tz(B),
    )
    assert plan.progress.follow_ups == 0
    assert plan.progress.last_follow_up_at == reply


def test_a_follow_up_a_second_after_the_latest_reply_counts() -> None:
    reply = at(B, 2026, 11, 20, 10)
    progress = replace(THANKED, last_reply_at=reply)
    plan = plan_move(
        progress,
        Stage.FOLLOWED_UP,
        when=reply.add(seconds=1),
        reason=None,
        force=True,
        settings=Settings(),
        zone=tz(B),
    )
    assert plan.progress.follow_ups == 1


def test_a_reply_at_the_instant_of_the_latest_follow_up_restarts_the_count() -> None:
    sent = at(B, 2026, 11, 23, 10)
    progress = replace(THANKED, stage=Stage.FOLLOWED_UP, follow_ups=2, last_follow_up_at=sent)
    assert plan_reply(progress, when=sent, decision_by=None).progress.follow_ups == 0


def test_a_reply_a_second_before_the_latest_follow_up_keeps_the_count() -> None:
    sent = at(B, 2026, 11, 23, 10)
    progress = replace(THANKED, stage=Stage.FOLLOWED_UP, follow_ups=2, last_follow_up_at=sent)
    plan = plan_reply(progress, when=sent.subtract(seconds=1), decision_by=None)
    assert plan.progress.follow_ups == 2
