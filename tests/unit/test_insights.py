"""Insights are computed only from what happened."""

from __future__ import annotations

import pendulum

from postinterview_tui.domain.insights import HistoryPoint, bar, compute_insights
from postinterview_tui.domain.stages import CloseReason, EventKind, Stage

T0 = pendulum.datetime(2026, 10, 1, 10, tz="UTC")


def point(app: int, kind: EventKind, days: float) -> HistoryPoint:
    return HistoryPoint(app, kind, T0.add(hours=round(days * 24)))


def test_reply_times_follow_ups_and_outcomes() -> None:
    history = [
        point(1, EventKind.INTERVIEW_HELD, 0),
        point(1, EventKind.REPLY_RECEIVED, 4),
        point(2, EventKind.INTERVIEW_HELD, 0),
        point(2, EventKind.FOLLOW_UP_SENT, 7),
        point(2, EventKind.FOLLOW_UP_SENT, 14),
        point(2, EventKind.OFFER_RECEIVED, 20),
        point(3, EventKind.INTERVIEW_HELD, 0),
        point(3, EventKind.FOLLOW_UP_SENT, 8),
        point(3, EventKind.CLOSED, 30),
    ]
    counts = {Stage.OFFER: 1, Stage.CLOSED: 2, Stage.ACCEPTED: 1}
    result = compute_insights(
        counts, [CloseReason.NO_RESPONSE, CloseReason.NO_RESPONSE, CloseReason.WITHDREW], history
    )
    assert result.reply_days == (4.0, 20.0)
    assert result.median_reply_days == 12.0
    assert sorted(result.follow_ups_before_answer) == [0, 1, 2]
    assert result.median_follow_ups == 1
    assert dict(result.outcomes) == {CloseReason.NO_RESPONSE: 2, CloseReason.WITHDREW: 1}
    assert dict(result.per_stage)[Stage.OFFER] == 1
    assert dict(result.per_stage)[Stage.INTERVIEWED] == 0
    assert result.accepted == 1


def test_no_history_gives_no_numbers() -> None:
    result = compute_insights({}, [], [])
    assert result.median_reply_days is None
    assert result.median_follow_ups is None
    assert result.outcomes == ()


def test_a_new_round_restarts_the_wait() -> None:
    history = [
        point(1, EventKind.INTERVIEW_HELD, 0),
        point(1, EventKind.REPLY_RECEIVED, 2),
        point(1, EventKind.INTERVIEW_HELD, 10),
        point(1, EventKind.REPLY_RECEIVED, 13),
    ]
    assert compute_insights({}, [], history).reply_days == (2.0, 3.0)


def test_bars_are_proportional() -> None:
    assert bar(10, 10, 20) == "█" * 20
    assert bar(5, 10, 20) == "█" * 10
    assert bar(1, 1000, 20) == "█"
    assert bar(0, 10, 20) == ""
