"""The etiquette rules: what is due next, and when. Expected dues are worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.models import Condition, Progress
from postinterview_tui.domain.rules import (
    ActionItem,
    ActionKind,
    DueStatus,
    due_status,
    follow_up_limit_reached,
    is_interview_upcoming,
    next_action,
    pending_actions,
    reasonable_follow_up_time,
)
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import ConditionKind, ConditionStatus, Stage

from ._support import (
    BERLIN,
    NEW_YORK,
    NOW,
    ORDINARY_ZONES,
    PROPERTY,
    PROPERTY_ZONES,
    UTC,
    at,
    local_iso,
    tz,
)

DEFAULT = Settings()
THANK = ActionKind.THANK_YOU
FOLLOW = ActionKind.FOLLOW_UP
MOVE_ON = ActionKind.MOVE_ON
DEADLINE = ActionKind.OFFER_DEADLINE
CONDITION = ActionKind.OFFER_CONDITION

Row = tuple[ActionKind, str, str, int | None]


def rendered(items: tuple[ActionItem, ...], zone: str) -> list[Row]:
    """Items as (action, local ISO due, detail, condition id) for literal comparison."""
    return [
        (item.action, local_iso(item.due, zone), item.detail, item.condition_id) for item in items
    ]


def condition(
    id: int,
    started_at: pendulum.DateTime,
    *,
    status: ConditionStatus = ConditionStatus.PENDING,
    kind: ConditionKind = ConditionKind.REFERENCES,
    label: str = "",
    last_check_in_at: pendulum.DateTime | None = None,
    resolved_at: pendulum.DateTime | None = None,
) -> Condition:
    return Condition(
        id=id,
        kind=kind,
        label=label,
        status=status,
        started_at=started_at,
        resolved_at=resolved_at,
        last_check_in_at=last_check_in_at,
    )


B, N, U = BERLIN, NEW_YORK, UTC

CASES = [
    # --- interviewed -> thank-you, 24 elapsed hours after the interview ---------------------------
    pytest.param(
        B,
        Progress(
            Stage.INTERVIEWED, at(B, 2026, 11, 26, 14), interviewers_total=3, interviewers_thanked=1
        ),
        DEFAULT,
        [(THANK, "2026-11-27T14:00:00+01:00", "1 of 3 interviewers thanked", None)],
        id="thank-you-thursday",
    ),
    pytest.param(
        N,
        Progress(Stage.INTERVIEWED, at(N, 2026, 11, 27, 16), interviewers_total=1),
        DEFAULT,
        [(THANK, "2026-11-28T16:00:00-05:00", "0 of 1 interviewer thanked", None)],
        id="thank-you-friday-is-due-saturday",
    ),
    pytest.param(
        B,
        Progress(Stage.INTERVIEWED, at(B, 2026, 3, 28, 10)),
        DEFAULT,
        [(THANK, "2026-03-29T11:00:00+02:00", "", None)],
        id="thank-you-across-spring-forward-shifts-clock",
    ),
    pytest.param(
        N,
        Progress(Stage.INTERVIEWED, at(N, 2026, 10, 31, 10)),
        DEFAULT,
        [(THANK, "2026-11-01T09:00:00-05:00", "", None)],
        id="thank-you-across-fall-back-shifts-clock",
    ),
    pytest.param(
        U,
        Progress(Stage.INTERVIEWED, at(U, 2026, 11, 29, 23, 30)),
        DEFAULT,
        [(THANK, "2026-11-30T23:30:00+00:00", "", None)],
        id="thank-you-utc-sunday",
    ),
    pytest.param(
        B,
        Progress(Stage.INTERVIEWED, at(B, 2026, 11, 26, 14)),
        Settings(thank_you_hours=48),
        [(THANK, "2026-11-28T14:00:00+01:00", "", None)],
        id="thank-you-hours-setting",
    ),
    pytest.param(B, Progress(Stage.INTERVIEWED), DEFAULT, [], id="no-interview-no-item"),
    # --- thanked -> first follow-up ---------------------------------------------------------------
    pytest.param(
        B,
        Progress(Stage.THANKED, at(B, 2026, 11, 16, 10), thanked_at=at(B, 2026, 11, 16, 18)),
        DEFAULT,
        [(FOLLOW, "2026-11-23T18:00:00+01:00", "first follow-up", None)],
        id="first-follow-up-thank-you+5",
    ),
    pytest.param(
        N,
        Progress(Stage.THANKED, at(N, 2026, 11, 19, 11), thanked_at=at(N, 2026, 11, 20, 17)),
        DEFAULT,
        [(FOLLOW, "2026-11-27T17:00:00-05:00", "first follow-up", None)],
        id="first-follow-up-friday-thank-you",
    ),
    pytest.param(
        U,
        Progress(Stage.THANKED, at(U, 2026, 11, 20, 15), thanked_at=at(U, 2026, 11, 21, 11)),
        DEFAULT,
        [(FOLLOW, "2026-11-27T11:00:00+00:00", "first follow-up", None)],
        id="first-follow-up-saturday-thank-you",
    ),
    pytest.param(
        B,
        Progress(
            Stage.THANKED,
            at(B, 2026, 11, 17, 10),
            thanked_at=at(B, 2026, 11, 17, 20),
            decision_by=date(2026, 11, 27),
        ),
        DEFAULT,
        [(FOLLOW, "2026-12-01T23:59:59+01:00", "first follow-up", None)],
        id="decision-date+2-end-of-day",
    ),
    pytest.param(
        B,
        Progress(
            Stage.THANKED,
            at(B, 2026, 11, 16, 10),
            thanked_at=at(B, 2026, 11, 17, 20),
            decision_by=date(2026, 11, 16),
        ),
        DEFAULT,
        [(FOLLOW, "2026-11-20T20:00:00+01:00", "first follow-up", None)],
        id="decision-date-before-polite-floor",
    ),
    pytest.param(
        N,
        Progress(
            Stage.THANKED,
            at(N, 2026, 11, 20, 15),
            thanked_at=at(N, 2026, 11, 23, 9),
            decision_by=date(2026, 11, 28),
        ),
        DEFAULT,
        [(FOLLOW, "2026-12-01T23:59:59-05:00", "first follow-up", None)],
        id="decision-date-on-saturday",
    ),
    pytest.param(
        B,
        Progress(
            Stage.THANKED,
            at(B, 2026, 11, 16, 9),
            thanked_at=at(B, 2026, 11, 16, 10),
            decision_by=date(2026, 11, 18),
        ),
        DEFAULT,
        [(FOLLOW, "2026-11-20T23:59:59+01:00", "first follow-up", None)],
        id="decision-date-replaces-thank-you+5-even-if-sooner",
    ),
    pytest.param(
        B,
        Progress(Stage.THANKED, at(B, 2026, 3, 24, 10), thanked_at=at(B, 2026, 3, 25, 10)),
        DEFAULT,
        [(FOLLOW, "2026-04-01T10:00:00+02:00", "first follow-up", None)],
        id="first-follow-up-keeps-clock-across-berlin-dst",
    ),
    pytest.param(
        N,
        Progress(Stage.THANKED, at(N, 2026, 3, 2, 15), thanked_at=at(N, 2026, 3, 3, 15)),
        DEFAULT,
        [(FOLLOW, "2026-03-10T15:00:00-04:00", "first follow-up", None)],
        id="first-follow-up-keeps-clock-across-ny-dst",
    ),
    pytest.param(
        B,
        Progress(
            Stage.THANKED,
            at(B, 2026, 3, 23, 9),
            thanked_at=at(B, 2026, 3, 24, 9),
            decision_by=date(2026, 3, 26),
        ),
        DEFAULT,
        [(FOLLOW, "2026-03-30T23:59:59+02:00", "first follow-up", None)],
        id="decision-date-end-of-day-after-dst",
    ),
    pytest.param(
        N,
        Progress(Stage.THANKED, at(N, 2026, 11, 23, 9), thanked_at=at(N, 2026, 11, 23, 10)),
        Settings(skip_dates=(date(2026, 11, 26), date(2026, 11, 27))),
        [(FOLLOW, "2026-12-02T10:00:00-05:00", "first follow-up", None)],
        id="skip-dates-thanksgiving",
    ),
    pytest.param(
        U,
        Progress(Stage.THANKED, at(U, 2026, 11, 16, 10)),
        DEFAULT,
        [(FOLLOW, "2026-11-23T10:00:00+00:00", "first follow-up", None)],
        id="no-thank-you-time-falls-back-to-interview",
    ),
    pytest.param(
        B,
        Progress(Stage.THANKED, at(B, 2026, 11, 20, 10), thanked_at=at(B, 2026, 11, 23, 10)),
        Settings(follow_up_days=1, too_soon_days=3),
        [(FOLLOW, "2026-11-26T10:00:00+01:00", "first follow-up", None)],
        id="polite-floor-beats-short-follow-up-days",
    ),
    # --- a reply restarts the count and is the new base -------------------------------------------
    pytest.param(
        B,
        Progress(
            Stage.FOLLOWED_UP,
            at(B, 2026, 10, 30, 10),
            thanked_at=at(B, 2026, 11, 2, 10),
            last_follow_up_at=at(B, 2026, 11, 10, 10),
            last_reply_at=at(B, 2026, 11, 18, 14),
            follow_ups=0,
        ),
        DEFAULT,
        [(FOLLOW, "2026-11-25T14:00:00+01:00", "first follow-up", None)],
        id="after-reply-reply+5",
    ),
    pytest.param(
        B,
        Progress(
            Stage.FOLLOWED_UP,
            at(B, 2026, 10, 30, 10),
            thanked_at=at(B, 2026, 11, 2, 10),
            last_follow_up_at=at(B, 2026, 11, 10, 10),
            last_reply_at=at(B, 2026, 11, 18, 14),
            decision_by=date(2026, 11, 23),
        ),
        DEFAULT,
        [(FOLLOW, "2026-11-25T23:59:59+01:00", "first follow-up", None)],
        id="after-reply-with-decision-date",
    ),
    pytest.param(
        B,
        Progress(
            Stage.FOLLOWED_UP,
            at(B, 2026, 10, 30, 10),
            thanked_at=at(B, 2026, 11, 2, 10),
            last_follow_up_at=at(B, 2026, 11, 10, 10),
            last_reply_at=at(B, 2026, 11, 20, 16),
            decision_by=date(2026, 11, 20),
        ),
        DEFAULT,
        [(FOLLOW, "2026-11-25T16:00:00+01:00", "first follow-up", None)],
        id="after-reply-decision-before-floor",
    ),
    # --- followed-up -> second follow-up ----------------------------------------------------------
    pytest.param(
        B,
        Progress(
            Stage.FOLLOWED_UP,
            at(B, 2026, 11, 6, 10),
            thanked_at=at(B, 2026, 11, 9, 10),
            follow_ups=1,
            last_follow_up_at=at(B, 2026, 11, 17, 9),
        ),
        DEFAULT,
        [(FOLLOW, "2026-11-24T09:00:00+01:00", "follow-up 2 of 2", None)],
        id="second-follow-up",
    ),
    pytest.param(
        B,
        Progress(
            Stage.FOLLOWED_UP,
            at(B, 2026, 11, 6, 10),
            thanked_at=at(B, 2026, 11, 9, 10),
            follow_ups=1,
            last_follow_up_at=at(B, 2026, 11, 17, 9),
            decision_by=date(2026, 12, 18),
        ),
        DEFAULT,
        [(FOLLOW, "2026-11-24T09:00:00+01:00", "follow-up 2 of 2", None)],
        id="second-follow-up-ignores-decision-date",
    ),
    pytest.param(
        B,
        Progress(
            Stage.FOLLOWED_UP,
            at(B, 2026, 11, 6, 10),
            thanked_at=at(B, 2026, 11, 9, 10),
            follow_ups=1,
            last_follow_up_at=at(B, 2026, 11, 20, 9),
        ),
        Settings(second_follow_up_days=1, too_soon_days=3),
        [(FOLLOW, "2026-11-25T09:00:00+01:00", "follow-up 2 of 2", None)],
        id="second-follow-up-polite-floor",
    ),
    pytest.param(
        N,
        Progress(
            Stage.FOLLOWED_UP,
            at(N, 2026, 10, 15, 10),
            thanked_at=at(N, 2026, 10, 16, 10),
            follow_ups=1,
            last_follow_up_at=at(N, 2026, 10, 29, 11),
        ),
        DEFAULT,
        [(FOLLOW, "2026-11-05T11:00:00-05:00", "follow-up 2 of 2", None)],
        id="second-follow-up-across-fall-back",
    ),
    pytest.param(
        U,
        Progress(
            Stage.FOLLOWED_UP,
            at(U, 2026, 11, 2, 10),
            thanked_at=at(U, 2026, 11, 3, 10),
            follow_ups=2,
            last_follow_up_at=at(U, 2026, 11, 23, 10),
        ),
        Settings(max_follow_ups=3),
        [(FOLLOW, "2026-11-30T10:00:00+00:00", "follow-up 3 of 3", None)],
        id="third-follow-up-when-max-is-3",
    ),
    # --- two follow-ups and no reply -> move on ---------------------------------------------------
    pytest.param(
        B,
        Progress(
            Stage.FOLLOWED_UP,
            at(B, 2026, 11, 2, 10),
            thanked_at=at(B, 2026, 11, 3, 10),
            follow_ups=2,
            last_follow_up_at=at(B, 2026, 11, 23, 10),
        ),
        DEFAULT,
        [(MOVE_ON, "2026-11-30T10:00:00+01:00", "no reply since Mon 23 Nov", None)],
        id="move-on",
    ),
    pytest.param(
        N,
        Progress(
            Stage.FOLLOWED_UP,
            at(N, 2026, 11, 2, 10),
            thanked_at=at(N, 2026, 11, 3, 10),
            follow_ups=3,
            last_follow_up_at=at(N, 2026, 11, 27, 16),
        ),
        DEFAULT,
        [(MOVE_ON, "2026-12-04T16:00:00-05:00", "no reply since Fri 27 Nov", None)],
        id="move-on-after-forced-third",
    ),
    pytest.param(
        B,
        Progress(
            Stage.FOLLOWED_UP,
            at(B, 2026, 11, 2, 10),
            thanked_at=at(B, 2026, 11, 3, 10),
            follow_ups=1,
            last_follow_up_at=at(B, 2026, 11, 25, 10),
        ),
        Settings(max_follow_ups=1),
        [(MOVE_ON, "2026-12-02T10:00:00+01:00", "no reply since Wed 25 Nov", None)],
        id="move-on-max-1",
    ),
    pytest.param(
        U,
        Progress(
            Stage.FOLLOWED_UP,
            at(U, 2026, 11, 2, 10),
            thanked_at=at(U, 2026, 11, 3, 10),
            follow_ups=2,
            last_follow_up_at=at(U, 2026, 11, 25, 10),
        ),
        Settings(move_on_days=10),
        [(MOVE_ON, "2026-12-09T10:00:00+00:00", "no reply since Wed 25 Nov", None)],
        id="move-on-days-setting",
    ),
    pytest.param(
        B,
        Progress(
            Stage.FOLLOWED_UP,
            at(B, 2026, 10, 1, 10),
            thanked_at=at(B, 2026, 10, 2, 10),
            follow_ups=2,
            last_follow_up_at=at(B, 2026, 10, 22, 14),
        ),
        DEFAULT,
        [(MOVE_ON, "2026-10-29T14:00:00+01:00", "no reply since Thu 22 Oct", None)],
        id="move-on-across-fall-back",
    ),
    # --- offer: deadline and conditions -----------------------------------------------------------
    pytest.param(
        B,
        Progress(Stage.OFFER, offer_deadline=at(B, 2026, 12, 4, 17)),
        DEFAULT,
        [(DEADLINE, "2026-12-04T17:00:00+01:00", "reply due", None)],
        id="offer-deadline",
    ),
    pytest.param(
        B,
        Progress(
            Stage.OFFER,
            offer_deadline=at(B, 2026, 12, 4, 17),
            conditions=(
                condition(1, at(B, 2026, 11, 23, 9), label="References from Acme"),
                condition(
                    2,
                    at(B, 2026, 11, 20, 9),
                    status=ConditionStatus.CLEARED,
                    kind=ConditionKind.BACKGROUND,
                ),
            ),
        ),
        DEFAULT,
        [
            (CONDITION, "2026-11-30T09:00:00+01:00", "check in: References from Acme", 1),
            (DEADLINE, "2026-12-04T17:00:00+01:00", "1 of 2 conditions cleared", None),
        ],
        id="offer-pending-and-cleared-condition",
    ),
    pytest.param(
        B,
        Progress(
            Stage.OFFER,
            conditions=(
                condition(
                    7,
                    at(B, 2026, 11, 16, 9),
                    label="Reference check",
                    last_check_in_at=at(B, 2026, 11, 25, 15),
                ),
            ),
        ),
        DEFAULT,
        [(CONDITION, "2026-12-02T15:00:00+01:00", "check in: Reference check", 7)],
        id="condition-after-check-in",
    ),
    pytest.param(
        N,
        Progress(
            Stage.OFFER,
            conditions=(
                condition(3, at(N, 2026, 11, 2, 8), status=ConditionStatus.FAILED),
                condition(4, at(N, 2026, 11, 24, 8), kind=ConditionKind.BACKGROUND),
            ),
        ),
        DEFAULT,
        [(CONDITION, "2026-12-01T08:00:00-05:00", "check in: background", 4)],
        id="failed-condition-skipped-unlabelled-uses-kind",
    ),
    pytest.param(
        B,
        Progress(Stage.OFFER, conditions=(condition(5, at(B, 2026, 3, 27, 9), label="Medical"),)),
        DEFAULT,
        [(CONDITION, "2026-04-03T09:00:00+02:00", "check in: Medical", 5)],
        id="condition-across-dst",
    ),
    pytest.param(
        U,
        Progress(
            Stage.OFFER,
            offer_deadline=at(U, 2026, 12, 1, 12),
            conditions=(
                condition(1, at(U, 2026, 11, 20, 9), status=ConditionStatus.CLEARED),
                condition(2, at(U, 2026, 11, 20, 9), status=ConditionStatus.CLEARED),
            ),
        ),
        DEFAULT,
        [(DEADLINE, "2026-12-01T12:00:00+00:00", "2 of 2 conditions cleared", None)],
        id="all-conditions-cleared",
    ),
    pytest.param(
        U,
        Progress(Stage.OFFER),
        DEFAULT,
        [],
        id="offer-without-deadline-or-conditions",
    ),
    # --- accepted: a pending condition keeps its check-ins (no deadline: it was answered) -------
    pytest.param(
        B,
        Progress(
            Stage.ACCEPTED,
            at(B, 2026, 11, 2, 10),
            offer_deadline=at(B, 2026, 12, 4, 17),
            conditions=(condition(1, at(B, 2026, 11, 23, 9)),),
        ),
        DEFAULT,
        [(CONDITION, "2026-11-30T09:00:00+01:00", "check in: references", 1)],
        id="accepted-with-a-pending-condition",
    ),
    # a failed one asks for a talk, due when it failed, until a check-in after it is noted
    pytest.param(
        B,
        Progress(
            Stage.ACCEPTED,
            at(B, 2026, 11, 2, 10),
            conditions=(
                condition(
                    1,
                    at(B, 2026, 11, 23, 9),
                    status=ConditionStatus.FAILED,
                    label="references",
                    last_check_in_at=at(B, 2026, 11, 24, 9),
                    resolved_at=at(B, 2026, 11, 26, 15),
                ),
                condition(2, at(B, 2026, 11, 23, 9), status=ConditionStatus.CLEARED),
            ),
        ),
        DEFAULT,
        [(ActionKind.CONDITION_FAILED, "2026-11-26T15:00:00+01:00", "failed: references", 1)],
        id="accepted-with-a-failed-condition",
    ),
    pytest.param(
        B,
        Progress(
            Stage.ACCEPTED,
            at(B, 2026, 11, 2, 10),
            conditions=(
                condition(
                    1,
                    at(B, 2026, 11, 23, 9),
                    status=ConditionStatus.FAILED,
                    resolved_at=at(B, 2026, 11, 26, 15),
                    last_check_in_at=at(B, 2026, 11, 27, 11),
                ),
            ),
        ),
        DEFAULT,
        [],
        id="accepted-failed-condition-talked-about",
    ),
    # --- accepted with every condition settled, closed: nothing ----------------------------------
    pytest.param(
        B,
        Progress(
            Stage.ACCEPTED,
            at(B, 2026, 11, 2, 10),
            offer_deadline=at(B, 2026, 12, 4, 17),
            conditions=(condition(1, at(B, 2026, 11, 23, 9), status=ConditionStatus.CLEARED),),
        ),
        DEFAULT,
        [],
        id="accepted",
    ),
    pytest.param(
        B,
        Progress(
            Stage.CLOSED,
            at(B, 2026, 11, 2, 10),
            thanked_at=at(B, 2026, 11, 2, 18),
            follow_ups=2,
            last_follow_up_at=at(B, 2026, 11, 20, 10),
        ),
        DEFAULT,
        [],
        id="closed",
    ),
    # --- snooze pushes an earlier due to the snooze time ------------------------------------------
    pytest.param(
        B,
        Progress(
            Stage.INTERVIEWED,
            at(B, 2026, 11, 26, 14),
            interviewers_total=2,
            snoozed_until=at(B, 2026, 11, 30, 9),
        ),
        DEFAULT,
        [(THANK, "2026-11-30T09:00:00+01:00", "0 of 2 interviewers thanked", None)],
        id="snooze-pushes-thank-you",
    ),
    pytest.param(
        B,
        Progress(
            Stage.THANKED,
            at(B, 2026, 11, 16, 10),
            thanked_at=at(B, 2026, 11, 16, 18),
            snoozed_until=at(B, 2026, 11, 20, 9),
        ),
        DEFAULT,
        [(FOLLOW, "2026-11-23T18:00:00+01:00", "first follow-up", None)],
        id="snooze-before-due-changes-nothing",
    ),
    pytest.param(
        B,
        Progress(
            Stage.OFFER,
            offer_deadline=at(B, 2026, 12, 4, 17),
            conditions=(condition(1, at(B, 2026, 11, 23, 9), label="Refs"),),
            snoozed_until=at(B, 2026, 12, 2, 12),
        ),
        DEFAULT,
        [
            (CONDITION, "2026-12-02T12:00:00+01:00", "check in: Refs", 1),
            (DEADLINE, "2026-12-04T17:00:00+01:00", "0 of 1 conditions cleared", None),
        ],
        id="snooze-moves-only-earlier-items",
    ),
    pytest.param(
        B,
        Progress(
            Stage.OFFER,
            offer_deadline=at(B, 2026, 12, 4, 17),
            conditions=(condition(1, at(B, 2026, 11, 23, 9), label="Refs"),),
            snoozed_until=at(B, 2026, 12, 10, 8),
        ),
        DEFAULT,
        [
            (DEADLINE, "2026-12-10T08:00:00+01:00", "0 of 1 conditions cleared", None),
            (CONDITION, "2026-12-10T08:00:00+01:00", "check in: Refs", 1),
        ],
        id="snooze-past-every-item",
    ),
]


@pytest.mark.parametrize(("zone", "progress", "settings", "expected"), CASES)
def test_pending_actions(
    zone: str, progress: Progress, settings: Settings, expected: list[Row]
) -> None:
    assert rendered(pending_actions(progress, settings, tz(zone)), zone) == expected


@pytest.mark.parametrize(("zone", "progress", "settings", "expected"), CASES)
def test_next_action_is_the_earliest_pending_action(
    zone: str, progress: Progress, settings: Settings, expected: list[Row]
) -> None:
    item = next_action(progress, settings, tz(zone))
    if not expected:
        assert item is None
    else:
        assert item is not None
        assert rendered((item,), zone) == expected[:1]


def test_pending_actions_are_sorted_by_due_instant() -> None:
    progress = Progress(
        Stage.OFFER,
        offer_deadline=at(BERLIN, 2026, 11, 30, 8),
        conditions=(
            condition(1, at(BERLIN, 2026, 11, 25, 9)),  # due Wed 2 Dec 09:00
            condition(2, at(BERLIN, 2026, 11, 20, 9)),  # due Fri 27 Nov 09:00
        ),
    )
    items = pending_actions(progress, DEFAULT, tz(BERLIN))
    assert [(item.action, item.condition_id) for item in items] == [
        (CONDITION, 2),
        (DEADLINE, None),
        (CONDITION, 1),
    ]


# --- future interviews ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interview", "expected"),
    [
        pytest.param(NOW.add(minutes=1), True, id="a-minute-ahead"),
        pytest.param(at(NEW_YORK, 2026, 11, 30, 9), True, id="monday-ny"),
        pytest.param(NOW, False, id="right-now"),
        pytest.param(NOW.subtract(seconds=1), False, id="just-happened"),
        pytest.param(None, False, id="no-interview"),
    ],
)
def test_is_interview_upcoming(interview: pendulum.DateTime | None, expected: bool) -> None:
    assert is_interview_upcoming(Progress(Stage.INTERVIEWED, interview), NOW) is expected


def test_future_interview_thank_you_is_only_due_after_it_happened() -> None:
    held = at(BERLIN, 2026, 12, 2, 15)
    progress = Progress(Stage.INTERVIEWED, held, interviewers_total=2)
    assert is_interview_upcoming(progress, NOW)
    assert not is_interview_upcoming(progress, held.add(minutes=1))
    item = next_action(progress, DEFAULT, tz(BERLIN))
    assert item is not None
    assert local_iso(item.due, BERLIN) == "2026-12-03T15:00:00+01:00"


# --- due status -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "now", "due", "window_days", "expected"),
    [
        pytest.param(B, NOW, NOW, 7, DueStatus.OVERDUE, id="due-at-now-is-overdue"),
        pytest.param(B, NOW, NOW.subtract(seconds=1), 7, DueStatus.OVERDUE, id="past"),
        pytest.param(B, NOW, at(B, 2020, 1, 1), 7, DueStatus.OVERDUE, id="long-past"),
        pytest.param(B, NOW, NOW.add(seconds=1), 7, DueStatus.DUE, id="just-ahead"),
        pytest.param(B, NOW, at(B, 2026, 11, 29, 12), 7, DueStatus.DUE, id="exactly-24h"),
        pytest.param(
            B, NOW, at(B, 2026, 11, 29, 12, 0, 1), 7, DueStatus.UPCOMING, id="24h-and-a-second"
        ),
        pytest.param(
            B, NOW, at(B, 2026, 12, 5, 23, 59, 59), 7, DueStatus.UPCOMING, id="window-end"
        ),
        pytest.param(B, NOW, at(B, 2026, 12, 6), 7, None, id="beyond-window"),
        pytest.param(B, NOW, at(B, 2026, 11, 28, 20), 0, DueStatus.DUE, id="window-0-due"),
        pytest.param(B, NOW, at(B, 2026, 11, 29, 13), 0, None, id="window-0-tomorrow"),
        pytest.param(
            B, NOW, at(B, 2026, 11, 29, 13), 1, DueStatus.UPCOMING, id="window-1-tomorrow"
        ),
        # The window ends at the end of a *local* day.
        pytest.param(
            N,
            at(U, 2026, 11, 28, 12),
            at(U, 2026, 11, 30, 3),
            1,
            DueStatus.UPCOMING,
            id="window-local-new-york",
        ),
        pytest.param(
            U, at(U, 2026, 11, 28, 12), at(U, 2026, 11, 30, 3), 1, None, id="window-local-utc"
        ),
        # 24 hours means elapsed hours: across spring-forward 12:00 -> 12:00 is only 23 h.
        pytest.param(
            B,
            at(B, 2026, 3, 28, 12),
            at(B, 2026, 3, 29, 12),
            7,
            DueStatus.DUE,
            id="dst-23h-later-is-due",
        ),
        pytest.param(
            B,
            at(B, 2026, 3, 28, 12),
            at(B, 2026, 3, 29, 13, 30),
            7,
            DueStatus.UPCOMING,
            id="dst-24.5h-later-is-upcoming",
        ),
        pytest.param(
            N,
            at(N, 2026, 10, 31, 12),
            at(N, 2026, 11, 1, 11, 30),
            7,
            DueStatus.UPCOMING,
            id="fall-back-24.5h-later-is-upcoming",
        ),
    ],
)
def test_due_status(
    zone: str,
    now: pendulum.DateTime,
    due: pendulum.DateTime,
    window_days: int,
    expected: DueStatus | None,
) -> None:
    assert due_status(due, now, window_days, tz(zone)) is expected


# --- too soon / limit (direct; plan_move is tested in test_moves.py) ------------------------------


@pytest.mark.parametrize(
    ("zone", "progress", "when", "expected"),
    [
        pytest.param(
            B,
            Progress(Stage.THANKED, at(B, 2026, 11, 20, 10), thanked_at=at(B, 2026, 11, 23, 10)),
            at(B, 2026, 11, 25, 10),
            "2026-11-26T10:00:00+01:00",
            id="too-soon",
        ),
        pytest.param(
            B,
            Progress(Stage.THANKED, at(B, 2026, 11, 20, 10), thanked_at=at(B, 2026, 11, 23, 10)),
            at(B, 2026, 11, 26, 10),
            None,
            id="exactly-polite",
        ),
        pytest.param(
            N,
            Progress(Stage.THANKED, at(N, 2026, 11, 19, 10), thanked_at=at(N, 2026, 11, 20, 17)),
            at(N, 2026, 11, 24, 12),
            "2026-11-25T17:00:00-05:00",
            id="friday-thank-you",
        ),
        pytest.param(
            B,
            Progress(Stage.THANKED, at(B, 2026, 3, 25, 10), thanked_at=at(B, 2026, 3, 26, 10)),
            at(B, 2026, 3, 31, 9, 30),
            "2026-03-31T10:00:00+02:00",
            id="across-dst",
        ),
        # Back-dated: only contacts at or before `when` count.
        pytest.param(
            B,
            Progress(
                Stage.FOLLOWED_UP,
                at(B, 2026, 10, 30, 10),
                thanked_at=at(B, 2026, 11, 2, 10),
                follow_ups=1,
                last_follow_up_at=at(B, 2026, 11, 23, 10),
            ),
            at(B, 2026, 11, 9, 10),
            None,
            id="back-dated-judged-at-own-date-ok",
        ),
        pytest.param(
            B,
            Progress(
                Stage.FOLLOWED_UP,
                at(B, 2026, 10, 30, 10),
                thanked_at=at(B, 2026, 11, 2, 10),
                follow_ups=1,
                last_follow_up_at=at(B, 2026, 11, 23, 10),
            ),
            at(B, 2026, 11, 4, 10),
            "2026-11-05T10:00:00+01:00",
            id="back-dated-judged-at-own-date-too-soon",
        ),
        pytest.param(
            U,
            Progress(Stage.THANKED, at(U, 2026, 12, 1, 10)),
            at(U, 2026, 11, 30, 10),
            None,
            id="no-contact-before",
        ),
    ],
)
def test_reasonable_follow_up_time(
    zone: str, progress: Progress, when: pendulum.DateTime, expected: str | None
) -> None:
    result = reasonable_follow_up_time(progress, when, DEFAULT, tz(zone))
    assert (None if result is None else local_iso(result, zone)) == expected


@pytest.mark.parametrize(
    ("follow_ups", "max_follow_ups", "expected"),
    [(0, 2, False), (1, 2, False), (2, 2, True), (3, 2, True), (2, 3, False), (1, 1, True)],
)
def test_follow_up_limit_reached(follow_ups: int, max_follow_ups: int, expected: bool) -> None:
    progress = Progress(Stage.FOLLOWED_UP, follow_ups=follow_ups)
    assert follow_up_limit_reached(progress, Settings(max_follow_ups=max_follow_ups)) is expected


# --- properties -----------------------------------------------------------------------------------

instants = st.datetimes(
    min_value=pendulum.datetime(2000, 1, 2).naive(),
    max_value=pendulum.datetime(2099, 10, 1).naive(),
).map(lambda naive: pendulum.instance(naive.replace(microsecond=0), tz="UTC"))


@st.composite
def rule_scenarios(draw: st.DrawFn) -> Progress:
    """Progress in a stage whose dues are business-day based (follow-up, move-on, condition)."""
    t = draw(instants)
    gap = timedelta(hours=draw(st.integers(min_value=1, max_value=24 * 20)))
    kind = draw(st.sampled_from(["first", "decision", "reply", "second", "move-on", "condition"]))
    if kind == "first":
        return Progress(Stage.THANKED, t - gap, thanked_at=t)
    if kind == "decision":
        decision = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 10, 1)))
        return Progress(Stage.THANKED, t - gap, thanked_at=t, decision_by=decision)
    if kind == "reply":
        return Progress(
            Stage.FOLLOWED_UP,
            t - gap - gap,
            thanked_at=t - gap,
            last_follow_up_at=t - gap,
            last_reply_at=t,
        )
    if kind == "second":
        return Progress(
            Stage.FOLLOWED_UP, t - gap - gap, thanked_at=t - gap, follow_ups=1, last_follow_up_at=t
        )
    if kind == "move-on":
        return Progress(
            Stage.FOLLOWED_UP,
            t - gap - gap,
            thanked_at=t - gap,
            follow_ups=draw(st.integers(min_value=2, max_value=4)),
            last_follow_up_at=t,
        )
    check_in = draw(st.none() | st.just(t + gap))
    return Progress(
        Stage.OFFER,
        conditions=(
            Condition(1, ConditionKind.OTHER, "", ConditionStatus.PENDING, t, None, check_in),
        ),
    )


@PROPERTY
@given(progress=rule_scenarios(), zone=st.sampled_from(PROPERTY_ZONES))
def test_property_business_day_dues_never_fall_on_a_local_weekend(
    progress: Progress, zone: str
) -> None:
    items = pending_actions(progress, DEFAULT, tz(zone))
    assert items
    for item in items:
        assert item.action in (FOLLOW, MOVE_ON, CONDITION)
        assert item.due.in_timezone(zone).weekday() not in DEFAULT.weekend_days
        # and never before the last contact + the polite minimum
        if progress.last_contact is not None:
            assert item.due > progress.last_contact


@PROPERTY
@given(moment=instants, zone=st.sampled_from(PROPERTY_ZONES), hours=st.integers(1, 24 * 14))
def test_property_thank_you_is_due_after_exactly_the_elapsed_hours(
    moment: pendulum.DateTime, zone: str, hours: int
) -> None:
    progress = Progress(Stage.INTERVIEWED, moment.in_timezone(zone))
    (item,) = pending_actions(progress, Settings(thank_you_hours=hours), tz(zone))
    assert item.due - moment == timedelta(hours=hours)


_RANK = {None: 0, DueStatus.UPCOMING: 1, DueStatus.DUE: 2, DueStatus.OVERDUE: 3}


@PROPERTY
@given(
    due=instants,
    first=st.integers(min_value=-40 * 24 * 3600, max_value=40 * 24 * 3600),
    later=st.integers(min_value=0, max_value=40 * 24 * 3600),
    window_days=st.integers(min_value=0, max_value=30),
    zone=st.sampled_from(ORDINARY_ZONES),
)
def test_property_due_status_only_gets_more_pressing_as_time_passes(
    due: pendulum.DateTime, first: int, later: int, window_days: int, zone: str
) -> None:
    earlier_now = due.add(seconds=first)
    later_now = earlier_now.add(seconds=later)
    before = due_status(due, earlier_now, window_days, tz(zone))
    after = due_status(due, later_now, window_days, tz(zone))
    assert _RANK[before] <= _RANK[after]


@PROPERTY
@given(
    due=instants,
    offset=st.integers(min_value=-3 * 24 * 3600, max_value=40 * 24 * 3600),
    window_days=st.integers(min_value=0, max_value=30),
    zone=st.sampled_from(ORDINARY_ZONES),
)
def test_property_due_status_matches_its_definition(
    due: pendulum.DateTime, offset: int, window_days: int, zone: str
) -> None:
    now = due.subtract(seconds=offset)
    status = due_status(due, now, window_days, tz(zone))
    local_now = now.in_timezone(zone)
    last_day = local_now.date() + timedelta(days=window_days)
    if offset <= 0:
        assert status is DueStatus.OVERDUE
    elif offset <= 24 * 3600:
        assert status is DueStatus.DUE
    elif due.in_timezone(zone).date() <= last_day:
        assert status is DueStatus.UPCOMING
    else:
        assert status is None
