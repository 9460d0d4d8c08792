"""Stage moves, replies and new rounds: what each change records and what the rules ask next."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pendulum
import pytest

from postinterview_tui.domain.models import Condition, Progress
from postinterview_tui.domain.moves import (
    ChangePlan,
    RuleRefusal,
    latest_of,
    plan_move,
    plan_new_round,
    plan_reply,
)
from postinterview_tui.domain.rules import ActionKind, is_interview_upcoming, next_action
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import (
    CloseReason,
    ConditionKind,
    ConditionStatus,
    EventKind,
    Stage,
)

from ._support import BERLIN, NEW_YORK, NOW, at, local_iso, tz

DEFAULT = Settings()
B, N = BERLIN, NEW_YORK


def move(
    progress: Progress,
    target: Stage,
    when: pendulum.DateTime,
    *,
    reason: CloseReason | None = None,
    force: bool = False,
    settings: Settings = DEFAULT,
    zone: str = BERLIN,
) -> ChangePlan:
    return plan_move(
        progress,
        target,
        when=when,
        now=max(when, NOW),
        reason=reason,
        force=force,
        settings=settings,
        zone=tz(zone),
    )


def events(plan: ChangePlan) -> list[tuple[EventKind, dict[str, object]]]:
    return [(event.kind, event.data) for event in plan.events]


def moved(source: Stage, target: Stage, correction: bool) -> tuple[EventKind, dict[str, object]]:
    data: dict[str, object] = {"from": str(source), "to": str(target), "correction": correction}
    return (EventKind.STAGE_MOVED, data)


def next_due(progress: Progress, zone: str = BERLIN) -> tuple[ActionKind, str, str] | None:
    item = next_action(progress, DEFAULT, tz(zone))
    return None if item is None else (item.action, local_iso(item.due, zone), item.detail)


def pending(id: int, status: ConditionStatus = ConditionStatus.PENDING) -> Condition:
    return Condition(id, ConditionKind.REFERENCES, "refs", status, at(B, 2026, 11, 20, 9))


# A rich set of facts, so that a move has something to keep or reset.
FULL = Progress(
    Stage.FOLLOWED_UP,
    last_interview_at=at(B, 2026, 11, 2, 10),
    interviewers_total=3,
    interviewers_thanked=3,
    decision_by=date(2026, 11, 13),
    thanked_at=at(B, 2026, 11, 2, 18),
    follow_ups=2,
    last_follow_up_at=at(B, 2026, 11, 16, 10),
    offer_deadline=at(B, 2026, 12, 4, 17),
    snoozed_until=at(B, 2026, 12, 1, 9),
)


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", [s for s in Stage if s is not Stage.FOLLOWED_UP])
@pytest.mark.parametrize("force", [False, True])
def test_moving_to_the_current_stage_is_refused(stage: Stage, force: bool) -> None:
    with pytest.raises(RuleRefusal) as caught:
        move(replace(FULL, stage=stage), stage, NOW, reason=CloseReason.OTHER, force=force)
    assert caught.value.confirmable is False
    assert stage.label in caught.value.message
    assert str(caught.value) == caught.value.message


def test_moving_followed_up_to_followed_up_records_another_follow_up() -> None:
    progress = Progress(
        Stage.FOLLOWED_UP,
        at(B, 2026, 10, 30, 10),
        thanked_at=at(B, 2026, 11, 2, 10),
        follow_ups=1,
        last_follow_up_at=at(B, 2026, 11, 16, 10),
    )
    plan = move(progress, Stage.FOLLOWED_UP, at(B, 2026, 11, 23, 10))
    assert plan.progress.stage is Stage.FOLLOWED_UP
    assert plan.progress.follow_ups == 2
    assert plan.progress.last_follow_up_at == at(B, 2026, 11, 23, 10)
    assert events(plan) == [(EventKind.FOLLOW_UP_SENT, {"number": 2})]
    assert next_due(plan.progress) == (
        ActionKind.MOVE_ON,
        "2026-11-30T10:00:00+01:00",
        "no reply since Mon 23 Nov",
    )


@pytest.mark.parametrize("source", [s for s in Stage if s is not Stage.CLOSED])
@pytest.mark.parametrize("force", [False, True])
def test_closing_needs_a_reason(source: Stage, force: bool) -> None:
    with pytest.raises(RuleRefusal) as caught:
        move(replace(FULL, stage=source), Stage.CLOSED, NOW, reason=None, force=force)
    assert caught.value.confirmable is False
    assert "reason" in caught.value.message
    assert "not-selected" in caught.value.message


@pytest.mark.parametrize("reason", list(CloseReason))
def test_closing_with_a_reason(reason: CloseReason) -> None:
    plan = move(FULL, Stage.CLOSED, NOW, reason=reason)
    assert plan.progress.stage is Stage.CLOSED
    assert plan.close_reason is reason
    assert plan.progress.snoozed_until is None
    assert events(plan) == [
        (EventKind.CLOSED, {"reason": reason.value}),
        moved(Stage.FOLLOWED_UP, Stage.CLOSED, False),
    ]
    assert next_action(plan.progress, DEFAULT, tz(B)) is None


def test_closing_an_accepted_application_is_not_a_correction() -> None:
    plan = move(replace(FULL, stage=Stage.ACCEPTED), Stage.CLOSED, NOW, reason=CloseReason.OTHER)
    assert events(plan)[-1] == moved(Stage.ACCEPTED, Stage.CLOSED, False)


# --- backward moves are corrections ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (Stage.THANKED, Stage.INTERVIEWED),
        (Stage.FOLLOWED_UP, Stage.INTERVIEWED),
        (Stage.FOLLOWED_UP, Stage.THANKED),
        (Stage.OFFER, Stage.THANKED),
        (Stage.OFFER, Stage.FOLLOWED_UP),
        (Stage.ACCEPTED, Stage.OFFER),
        (Stage.ACCEPTED, Stage.INTERVIEWED),
    ],
)
def test_backward_moves_are_recorded_as_corrections(source: Stage, target: Stage) -> None:
    # FULL has two follow-ups and `NOW` is "too soon": a correction checks neither.
    plan = move(replace(FULL, stage=source), target, NOW)
    assert plan.progress.stage is target
    assert events(plan) == [moved(source, target, True)]
    assert plan.thank_all_interviewers is False
    assert plan.close_reason is None
    assert plan.progress.snoozed_until is None


def test_correction_back_to_interviewed_forgets_thanks_and_follow_ups() -> None:
    plan = move(replace(FULL, stage=Stage.OFFER), Stage.INTERVIEWED, NOW)
    assert plan.progress == replace(
        FULL,
        stage=Stage.INTERVIEWED,
        thanked_at=None,
        interviewers_thanked=0,
        follow_ups=0,
        last_follow_up_at=None,
        snoozed_until=None,
    )
    assert next_due(plan.progress) == (
        ActionKind.THANK_YOU,
        "2026-11-03T10:00:00+01:00",
        "0 of 3 interviewers thanked",
    )


def test_correction_back_to_thanked_forgets_follow_ups_but_keeps_the_thank_you() -> None:
    plan = move(FULL, Stage.THANKED, NOW)
    assert plan.progress == replace(
        FULL, stage=Stage.THANKED, follow_ups=0, last_follow_up_at=None, snoozed_until=None
    )


def test_correction_back_to_followed_up_keeps_the_count() -> None:
    plan = move(replace(FULL, stage=Stage.OFFER), Stage.FOLLOWED_UP, NOW)
    assert plan.progress.follow_ups == 2
    assert plan.progress.last_follow_up_at == FULL.last_follow_up_at


# --- forward moves --------------------------------------------------------------------------------


def test_moving_to_thanked_thanks_every_interviewer() -> None:
    progress = Progress(
        Stage.INTERVIEWED,
        at(B, 2026, 11, 26, 14),
        interviewers_total=3,
        interviewers_thanked=1,
        snoozed_until=at(B, 2026, 11, 27, 8),
    )
    plan = move(progress, Stage.THANKED, at(B, 2026, 11, 27, 9))
    assert plan.thank_all_interviewers is True
    assert plan.progress.thanked_at == at(B, 2026, 11, 27, 9)
    assert plan.progress.interviewers_thanked == 3
    assert plan.progress.snoozed_until is None
    assert events(plan) == [
        (EventKind.THANK_YOU_SENT, {}),
        moved(Stage.INTERVIEWED, Stage.THANKED, False),
    ]
    # Friday 09:00 + 5 business days.
    assert next_due(plan.progress) == (
        ActionKind.FOLLOW_UP,
        "2026-12-04T09:00:00+01:00",
        "first follow-up",
    )


def test_first_follow_up_at_a_polite_time() -> None:
    progress = Progress(Stage.THANKED, at(B, 2026, 11, 20, 10), thanked_at=at(B, 2026, 11, 23, 10))
    plan = move(progress, Stage.FOLLOWED_UP, at(B, 2026, 11, 26, 10))
    assert plan.progress.follow_ups == 1
    assert plan.progress.last_follow_up_at == at(B, 2026, 11, 26, 10)
    assert events(plan) == [
        (EventKind.FOLLOW_UP_SENT, {"number": 1}),
        moved(Stage.THANKED, Stage.FOLLOWED_UP, False),
    ]
    assert next_due(plan.progress) == (
        ActionKind.FOLLOW_UP,
        "2026-12-03T10:00:00+01:00",
        "follow-up 2 of 2",
    )


def test_moving_to_offer_records_the_offer() -> None:
    plan = move(FULL, Stage.OFFER, NOW)
    assert events(plan) == [
        (EventKind.OFFER_RECEIVED, {}),
        moved(Stage.FOLLOWED_UP, Stage.OFFER, False),
    ]
    assert plan.progress.follow_ups == FULL.follow_ups
    assert next_due(plan.progress) == (
        ActionKind.OFFER_DEADLINE,
        "2026-12-04T17:00:00+01:00",
        "reply due",
    )


@pytest.mark.parametrize(
    ("conditions", "message"),
    [
        ((pending(1),), "1 offer condition is still pending"),
        (
            (pending(1), pending(2), pending(3, ConditionStatus.CLEARED)),
            "2 offer conditions are still pending",
        ),
    ],
)
def test_accepting_with_pending_conditions_needs_confirmation(
    conditions: tuple[Condition, ...], message: str
) -> None:
    progress = Progress(Stage.OFFER, conditions=conditions)
    with pytest.raises(RuleRefusal) as caught:
        move(progress, Stage.ACCEPTED, NOW)
    assert caught.value.confirmable is True
    assert caught.value.message == message
    plan = move(progress, Stage.ACCEPTED, NOW, force=True)
    assert plan.progress.stage is Stage.ACCEPTED
    assert events(plan) == [moved(Stage.OFFER, Stage.ACCEPTED, False)]


@pytest.mark.parametrize(
    "conditions",
    [(), (pending(1, ConditionStatus.CLEARED), pending(2, ConditionStatus.FAILED))],
)
def test_accepting_without_pending_conditions(conditions: tuple[Condition, ...]) -> None:
    plan = move(Progress(Stage.OFFER, conditions=conditions), Stage.ACCEPTED, NOW)
    assert plan.progress.stage is Stage.ACCEPTED
    assert next_action(plan.progress, DEFAULT, tz(B)) is None


@pytest.mark.parametrize(
    ("target", "expected_events"),
    [
        (
            Stage.INTERVIEWED,
            [(EventKind.REOPENED, {}), moved(Stage.CLOSED, Stage.INTERVIEWED, False)],
        ),
        (
            Stage.THANKED,
            [
                (EventKind.REOPENED, {}),
                (EventKind.THANK_YOU_SENT, {}),
                moved(Stage.CLOSED, Stage.THANKED, False),
            ],
        ),
        (
            Stage.OFFER,
            [
                (EventKind.REOPENED, {}),
                (EventKind.OFFER_RECEIVED, {}),
                moved(Stage.CLOSED, Stage.OFFER, False),
            ],
        ),
    ],
)
def test_moving_out_of_closed_reopens(
    target: Stage, expected_events: list[tuple[EventKind, dict[str, object]]]
) -> None:
    plan = move(replace(FULL, stage=Stage.CLOSED), target, NOW)
    assert plan.progress.stage is target
    assert plan.close_reason is None
    assert events(plan) == expected_events


# --- too soon / too many --------------------------------------------------------------------------

THANKED_MON = Progress(Stage.THANKED, at(B, 2026, 11, 20, 10), thanked_at=at(B, 2026, 11, 23, 10))
THANKED_FRI_NY = Progress(
    Stage.THANKED, at(N, 2026, 11, 19, 10), thanked_at=at(N, 2026, 11, 20, 17)
)
THANKED_DST = Progress(Stage.THANKED, at(B, 2026, 3, 25, 10), thanked_at=at(B, 2026, 3, 26, 10))
AFTER_REPLY_NY = Progress(
    Stage.FOLLOWED_UP,
    at(N, 2026, 10, 30, 10),
    thanked_at=at(N, 2026, 11, 2, 10),
    last_follow_up_at=at(N, 2026, 11, 10, 10),
    last_reply_at=at(N, 2026, 11, 25, 15),
)
ONE_FOLLOW_UP = Progress(
    Stage.FOLLOWED_UP,
    at(B, 2026, 10, 30, 10),
    thanked_at=at(B, 2026, 11, 2, 10),
    follow_ups=1,
    last_follow_up_at=at(B, 2026, 11, 23, 10),
)


@pytest.mark.parametrize(
    ("zone", "progress", "when", "reasonable_from"),
    [
        pytest.param(B, THANKED_MON, at(B, 2026, 11, 25, 10), "Thu 26 Nov 2026 10:00", id="wed"),
        pytest.param(
            B, THANKED_MON, at(B, 2026, 11, 26, 9, 59), "Thu 26 Nov 2026 10:00", id="a-minute-early"
        ),
        pytest.param(
            N, THANKED_FRI_NY, at(N, 2026, 11, 24, 12), "Wed 25 Nov 2026 17:00", id="friday-thanks"
        ),
        pytest.param(
            B, THANKED_DST, at(B, 2026, 3, 31, 9, 30), "Tue 31 Mar 2026 10:00", id="across-dst"
        ),
        pytest.param(
            N, AFTER_REPLY_NY, at(N, 2026, 11, 27, 15), "Mon 30 Nov 2026 15:00", id="after-reply"
        ),
        pytest.param(
            B, ONE_FOLLOW_UP, at(B, 2026, 11, 25, 10), "Thu 26 Nov 2026 10:00", id="second-too-soon"
        ),
        pytest.param(
            B,
            ONE_FOLLOW_UP,
            at(B, 2026, 11, 4, 10),
            "Thu 5 Nov 2026 10:00",
            id="back-dated-judged-at-its-own-date",
        ),
        # The message is in the user's zone: the same facts seen from New York.
        pytest.param(
            N, THANKED_MON, at(B, 2026, 11, 25, 10), "Thu 26 Nov 2026 04:00", id="ny-view"
        ),
    ],
)
def test_too_soon_follow_up_is_refused_unless_forced(
    zone: str, progress: Progress, when: pendulum.DateTime, reasonable_from: str
) -> None:
    with pytest.raises(RuleRefusal) as caught:
        move(progress, Stage.FOLLOWED_UP, when, zone=zone)
    assert caught.value.confirmable is True
    assert caught.value.question == "Follow up anyway?"
    assert caught.value.message == (
        "a follow-up now would be too soon after the last contact; "
        f"it would be reasonable from {reasonable_from}"
    )
    plan = move(progress, Stage.FOLLOWED_UP, when, force=True, zone=zone)
    assert plan.progress.follow_ups == progress.follow_ups + 1
    assert (EventKind.FOLLOW_UP_SENT, {"number": progress.follow_ups + 1}) in events(plan)


@pytest.mark.parametrize(
    ("zone", "progress", "when", "settings"),
    [
        pytest.param(B, THANKED_MON, at(B, 2026, 11, 26, 10), DEFAULT, id="exactly-3-days"),
        pytest.param(N, THANKED_FRI_NY, at(N, 2026, 11, 25, 17), DEFAULT, id="friday-thanks"),
        pytest.param(B, THANKED_DST, at(B, 2026, 3, 31, 10), DEFAULT, id="across-dst"),
        pytest.param(N, AFTER_REPLY_NY, at(N, 2026, 11, 30, 15), DEFAULT, id="after-reply"),
        pytest.param(
            B, ONE_FOLLOW_UP, at(B, 2026, 11, 9, 10), DEFAULT, id="back-dated-ok-at-own-date"
        ),
        pytest.param(
            B,
            THANKED_MON,
            at(B, 2026, 11, 23, 10, 5),
            Settings(too_soon_days=0),
            id="too-soon-days-0",
        ),
        pytest.param(
            B,
            replace(ONE_FOLLOW_UP, follow_ups=2),
            at(B, 2026, 11, 30, 10),
            Settings(max_follow_ups=3),
            id="third-allowed-when-max-3",
        ),
    ],
)
def test_polite_follow_up_is_accepted(
    zone: str, progress: Progress, when: pendulum.DateTime, settings: Settings
) -> None:
    plan = move(progress, Stage.FOLLOWED_UP, when, settings=settings, zone=zone)
    assert plan.progress.follow_ups == progress.follow_ups + 1
    assert plan.progress.stage is Stage.FOLLOWED_UP


def test_third_follow_up_is_refused_unless_forced() -> None:
    progress = replace(ONE_FOLLOW_UP, follow_ups=2, last_follow_up_at=at(B, 2026, 11, 16, 10))
    with pytest.raises(RuleRefusal) as caught:
        move(progress, Stage.FOLLOWED_UP, at(B, 2026, 11, 30, 10))
    assert caught.value.confirmable is True
    assert "2 follow-ups have already gone out" in caught.value.message
    plan = move(progress, Stage.FOLLOWED_UP, at(B, 2026, 11, 30, 10), force=True)
    assert plan.progress.follow_ups == 3
    assert events(plan) == [(EventKind.FOLLOW_UP_SENT, {"number": 3})]
    assert next_due(plan.progress) == (
        ActionKind.MOVE_ON,
        "2026-12-07T10:00:00+01:00",
        "no reply since Mon 30 Nov",
    )


# --- replies --------------------------------------------------------------------------------------

TWO_FOLLOW_UPS = Progress(
    Stage.FOLLOWED_UP,
    at(B, 2026, 10, 30, 10),
    thanked_at=at(B, 2026, 11, 2, 10),
    decision_by=date(2026, 11, 6),
    follow_ups=2,
    last_follow_up_at=at(B, 2026, 11, 16, 10),
    snoozed_until=at(B, 2026, 11, 26, 9),
)


@pytest.mark.parametrize(
    ("decision_by", "event_data", "expected_next"),
    [
        pytest.param(
            None,
            {"decision_by": None},
            (ActionKind.FOLLOW_UP, "2026-12-02T14:00:00+01:00", "first follow-up"),
            id="no-decision-date-reply+5",
        ),
        pytest.param(
            date(2026, 12, 4),
            {"decision_by": "2026-12-04"},
            (ActionKind.FOLLOW_UP, "2026-12-08T23:59:59+01:00", "first follow-up"),
            id="new-decision-date+2",
        ),
    ],
)
def test_reply_restarts_the_count_and_replaces_the_decision_date(
    decision_by: date | None,
    event_data: dict[str, object],
    expected_next: tuple[ActionKind, str, str],
) -> None:
    when = at(B, 2026, 11, 25, 14)
    plan = plan_reply(TWO_FOLLOW_UPS, when=when, decision_by=decision_by)
    assert plan.progress.follow_ups == 0
    assert plan.progress.last_reply_at == when
    assert plan.progress.decision_by == decision_by
    assert plan.progress.snoozed_until is None
    assert plan.progress.stage is Stage.FOLLOWED_UP
    assert plan.close_reason is None
    assert events(plan) == [(EventKind.REPLY_RECEIVED, event_data)]
    assert next_due(plan.progress) == expected_next
    # and a follow-up right after the reply is too soon again
    with pytest.raises(RuleRefusal):
        move(plan.progress, Stage.FOLLOWED_UP, at(B, 2026, 11, 27, 14))


def test_reply_while_thanked_replaces_the_decision_date() -> None:
    progress = Progress(
        Stage.THANKED,
        at(B, 2026, 11, 20, 10),
        thanked_at=at(B, 2026, 11, 23, 10),
        decision_by=date(2026, 11, 30),
    )
    plan = plan_reply(progress, when=at(B, 2026, 11, 24, 9), decision_by=date(2026, 12, 11))
    assert next_due(plan.progress) == (
        ActionKind.FOLLOW_UP,
        "2026-12-15T23:59:59+01:00",
        "first follow-up",
    )


def test_an_older_reply_keeps_the_latest_reply_time() -> None:
    progress = replace(TWO_FOLLOW_UPS, follow_ups=0, last_reply_at=at(B, 2026, 11, 25, 14))
    plan = plan_reply(progress, when=at(B, 2026, 11, 20, 9), decision_by=None)
    assert plan.progress.last_reply_at == at(B, 2026, 11, 25, 14)


def test_back_dated_reply_before_the_latest_follow_up_keeps_later_follow_ups() -> None:
    # Follow-ups on Mon 16 and Mon 23 Nov; a reply from Fri 20 Nov is entered late.
    progress = replace(
        TWO_FOLLOW_UPS, last_follow_up_at=at(B, 2026, 11, 23, 10), snoozed_until=None
    )
    plan = plan_reply(progress, when=at(B, 2026, 11, 20, 10), decision_by=None)
    assert plan.progress.follow_ups >= 1  # the 23 Nov follow-up came after the reply
    nxt = next_due(plan.progress)
    assert nxt is not None
    assert nxt[2] != "first follow-up"


def test_back_dated_reply_older_than_the_latest_reply_keeps_its_decision_date() -> None:
    progress = Progress(
        Stage.FOLLOWED_UP,
        at(B, 2026, 10, 30, 10),
        thanked_at=at(B, 2026, 11, 2, 10),
        last_reply_at=at(B, 2026, 11, 25, 10),
        decision_by=date(2026, 12, 4),
    )
    plan = plan_reply(progress, when=at(B, 2026, 11, 20, 10), decision_by=None)
    assert plan.progress.decision_by == date(2026, 12, 4)


# --- back-dated follow-ups ------------------------------------------------------------------------


def test_back_dated_follow_up_does_not_move_the_latest_follow_up_backwards() -> None:
    plan = move(ONE_FOLLOW_UP, Stage.FOLLOWED_UP, at(B, 2026, 11, 9, 10))
    assert plan.progress.follow_ups == 2
    assert plan.progress.last_follow_up_at == at(B, 2026, 11, 23, 10)
    assert next_due(plan.progress) == (
        ActionKind.MOVE_ON,
        "2026-11-30T10:00:00+01:00",
        "no reply since Mon 23 Nov",
    )


@pytest.mark.parametrize(
    ("progress", "when", "expected_next"),
    [
        pytest.param(
            Progress(
                Stage.FOLLOWED_UP,
                at(B, 2026, 10, 30, 10),
                thanked_at=at(B, 2026, 11, 2, 10),
                last_reply_at=at(B, 2026, 11, 25, 10),
            ),
            at(B, 2026, 11, 16, 10),
            (ActionKind.FOLLOW_UP, "2026-12-02T10:00:00+01:00", "first follow-up"),
            id="before-latest-reply",
        ),
        pytest.param(
            Progress(
                Stage.THANKED,
                at(B, 2026, 11, 25, 10),
                interviewers_total=1,
                interviewers_thanked=1,
                thanked_at=at(B, 2026, 11, 25, 18),
            ),
            at(B, 2026, 11, 20, 10),
            (ActionKind.FOLLOW_UP, "2026-12-02T18:00:00+01:00", "first follow-up"),
            id="before-latest-round",
        ),
    ],
)
def test_follow_up_back_dated_before_the_latest_reply_or_round_does_not_count(
    progress: Progress, when: pendulum.DateTime, expected_next: tuple[ActionKind, str, str]
) -> None:
    plan = move(progress, Stage.FOLLOWED_UP, when)
    assert plan.progress.follow_ups == 0
    assert next_due(plan.progress) == expected_next


# --- new interview rounds -------------------------------------------------------------------------


def test_new_round_moves_back_to_interviewed_and_resets_the_count() -> None:
    held = at(B, 2026, 11, 26, 14)
    plan = plan_new_round(
        FULL, held_at=held, interviewer_count=4, decision_by=date(2026, 12, 11), kind="onsite"
    )
    assert plan.progress == replace(
        FULL,
        stage=Stage.INTERVIEWED,
        last_interview_at=held,
        interviewers_total=4,
        interviewers_thanked=0,
        decision_by=date(2026, 12, 11),
        thanked_at=None,
        follow_ups=0,
        snoozed_until=None,
    )
    assert events(plan) == [
        (EventKind.INTERVIEW_HELD, {"kind": "onsite"}),
        moved(Stage.FOLLOWED_UP, Stage.INTERVIEWED, False),
    ]
    assert next_due(plan.progress) == (
        ActionKind.THANK_YOU,
        "2026-11-27T14:00:00+01:00",
        "0 of 4 interviewers thanked",
    )


def test_new_round_reopens_a_closed_application() -> None:
    held = at(B, 2026, 11, 26, 14)
    closed = replace(FULL, stage=Stage.CLOSED)
    plan = plan_new_round(closed, held_at=held, interviewer_count=1, decision_by=None, kind="final")
    assert plan.progress.stage is Stage.INTERVIEWED
    assert plan.progress.decision_by is None
    assert plan.close_reason is None
    assert events(plan) == [
        (EventKind.REOPENED, {}),
        (EventKind.INTERVIEW_HELD, {"kind": "final"}),
        moved(Stage.CLOSED, Stage.INTERVIEWED, False),
    ]


def test_new_round_while_interviewed_records_only_the_round() -> None:
    progress = Progress(
        Stage.INTERVIEWED, at(B, 2026, 11, 16, 10), interviewers_total=2, interviewers_thanked=1
    )
    held = at(B, 2026, 11, 26, 14)
    plan = plan_new_round(
        progress, held_at=held, interviewer_count=1, decision_by=None, kind="video"
    )
    assert events(plan) == [(EventKind.INTERVIEW_HELD, {"kind": "video"})]
    assert plan.progress.last_interview_at == held
    assert plan.progress.interviewers_total == 1
    assert plan.progress.interviewers_thanked == 0


@pytest.mark.parametrize(
    ("held", "is_new_latest"),
    [
        pytest.param(at(B, 2026, 11, 1, 10), False, id="older-round"),
        pytest.param(at(B, 2026, 11, 2, 10), True, id="same-instant"),
        pytest.param(at(B, 2026, 11, 2, 10, 0, 1), True, id="a-second-later"),
    ],
)
def test_only_the_latest_round_changes_the_stage(
    held: pendulum.DateTime, is_new_latest: bool
) -> None:
    plan = plan_new_round(FULL, held_at=held, interviewer_count=1, decision_by=None, kind="phone")
    if is_new_latest:
        assert plan.progress.stage is Stage.INTERVIEWED
        assert plan.progress.last_interview_at == held
    else:
        assert plan.progress == FULL
        assert events(plan) == [(EventKind.INTERVIEW_HELD, {"kind": "phone"})]


def test_future_round_is_upcoming_until_it_happened() -> None:
    held = at(B, 2026, 12, 2, 15)
    plan = plan_new_round(FULL, held_at=held, interviewer_count=2, decision_by=None, kind="panel")
    assert is_interview_upcoming(plan.progress, NOW)
    assert not is_interview_upcoming(plan.progress, held)
    assert not is_interview_upcoming(plan.progress, held.add(hours=1))


def test_follow_ups_before_a_new_round_do_not_count_towards_the_two() -> None:
    # FULL already has two follow-ups; after a new round the next one is a first follow-up again.
    after_round = plan_new_round(
        FULL, held_at=at(B, 2026, 11, 26, 14), interviewer_count=1, decision_by=None, kind="final"
    ).progress
    thanked = move(after_round, Stage.THANKED, at(B, 2026, 11, 27, 9)).progress
    assert next_due(thanked) == (
        ActionKind.FOLLOW_UP,
        "2026-12-04T09:00:00+01:00",
        "first follow-up",
    )
    plan = move(thanked, Stage.FOLLOWED_UP, at(B, 2026, 12, 2, 9))
    assert plan.progress.follow_ups == 1


# --- a whole story --------------------------------------------------------------------------------


def test_a_whole_application_story_in_berlin() -> None:
    p = Progress(Stage.INTERVIEWED, at(B, 2026, 11, 2, 10), interviewers_total=2)
    assert next_due(p) == (
        ActionKind.THANK_YOU,
        "2026-11-03T10:00:00+01:00",
        "0 of 2 interviewers thanked",
    )

    p = move(p, Stage.THANKED, at(B, 2026, 11, 2, 19)).progress
    assert next_due(p) == (ActionKind.FOLLOW_UP, "2026-11-09T19:00:00+01:00", "first follow-up")

    p = move(p, Stage.FOLLOWED_UP, at(B, 2026, 11, 9, 19)).progress
    assert next_due(p) == (ActionKind.FOLLOW_UP, "2026-11-16T19:00:00+01:00", "follow-up 2 of 2")

    p = move(p, Stage.FOLLOWED_UP, at(B, 2026, 11, 16, 19)).progress
    assert next_due(p) == (
        ActionKind.MOVE_ON,
        "2026-11-23T19:00:00+01:00",
        "no reply since Mon 16 Nov",
    )

    with pytest.raises(RuleRefusal, match="2 follow-ups"):
        move(p, Stage.FOLLOWED_UP, at(B, 2026, 11, 24, 9))

    p = plan_reply(p, when=at(B, 2026, 11, 25, 11), decision_by=date(2026, 11, 27)).progress
    assert next_due(p) == (ActionKind.FOLLOW_UP, "2026-12-01T23:59:59+01:00", "first follow-up")

    with pytest.raises(RuleRefusal, match="Mon 30 Nov 2026 11:00"):
        move(p, Stage.FOLLOWED_UP, at(B, 2026, 11, 27, 9))

    p = move(p, Stage.FOLLOWED_UP, at(B, 2026, 12, 2, 9)).progress
    assert p.follow_ups == 1
    assert next_due(p) == (ActionKind.FOLLOW_UP, "2026-12-09T09:00:00+01:00", "follow-up 2 of 2")

    p = plan_new_round(
        p, held_at=at(B, 2026, 12, 4, 14), interviewer_count=1, decision_by=None, kind="final"
    ).progress
    assert next_due(p) == (
        ActionKind.THANK_YOU,
        "2026-12-05T14:00:00+01:00",
        "0 of 1 interviewer thanked",
    )


def test_latest_of() -> None:
    early, late = at(B, 2026, 11, 2, 10), at(N, 2026, 11, 2, 10)  # New York is 6 h behind
    assert latest_of(None, early) == early
    assert latest_of(early, late) == late
    assert latest_of(late, early) == late
