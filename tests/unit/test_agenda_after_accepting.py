"""Issue 15 §2: the agenda never drops a live item. After an offer is accepted, a condition
still pending keeps its check-ins until it is cleared or failed, and a condition that failed is
an item of its own (talk to the employer) until a talk is noted."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pendulum
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime

from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.cards import card_status
from postinterview_tui.domain.models import ApplicationSummary, Condition, Progress
from postinterview_tui.domain.review import StepKind, done_step, row_text
from postinterview_tui.domain.rules import ActionKind, pending_actions
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import AGENDA_STAGES, ConditionKind, ConditionStatus, Stage

from ._support import NOW, ORDINARY_ZONES, PROPERTY, tz

STARTED = pendulum.datetime(2026, 11, 2, 9, tz="UTC")
instants = st.integers(0, 24 * 40).map(lambda hours: STARTED.add(hours=hours))


@st.composite
def conditions(draw: st.DrawFn, number: int) -> Condition:
    """A condition in any state: pending (perhaps checked in on), cleared, or failed (perhaps
    talked about before or after it failed)."""
    status = draw(st.sampled_from(list(ConditionStatus)))
    started: DateTime = draw(instants)
    resolved = None
    if status is not ConditionStatus.PENDING:
        resolved = started.add(hours=draw(st.integers(1, 24 * 20)))
    checked_in = draw(st.none() | st.integers(1, 24 * 30).map(lambda h: started.add(hours=h)))
    return Condition(
        number,
        ConditionKind.REFERENCES,
        f"condition {number}",
        status,
        started,
        resolved,
        checked_in,
    )


def _accepted(items: tuple[Condition, ...]) -> Progress:
    return Progress(
        Stage.ACCEPTED,
        last_interview_at=STARTED.subtract(days=20),
        offer_deadline=STARTED.add(days=3),
        conditions=items,
    )


def _talk_pending(condition: Condition) -> bool:
    return (
        condition.status is ConditionStatus.FAILED
        and condition.resolved_at is not None
        and (
            condition.last_check_in_at is None or condition.last_check_in_at < condition.resolved_at
        )
    )


def test_accepted_is_an_agenda_stage_and_closed_is_not() -> None:
    assert Stage.ACCEPTED in AGENDA_STAGES
    assert Stage.CLOSED not in AGENDA_STAGES


@PROPERTY
@given(
    items=st.integers(0, 4).flatmap(
        lambda n: st.tuples(*(conditions(number) for number in range(1, n + 1)))
    ),
    zone=st.sampled_from(ORDINARY_ZONES),
)
def test_accepting_keeps_every_check_in_and_adds_a_talk_for_each_failed_condition(
    items: tuple[Condition, ...], zone: str
) -> None:
    settings = Settings()
    accepted = pending_actions(_accepted(items), settings, tz(zone))
    offer = pending_actions(replace(_accepted(items), stage=Stage.OFFER), settings, tz(zone))
    # The check-ins are the offer's, due at the same times: accepting drops only the deadline.
    check_ins = [item for item in offer if item.action is ActionKind.OFFER_CONDITION]
    assert [item for item in accepted if item.action is ActionKind.OFFER_CONDITION] == check_ins
    assert {item.condition_id for item in check_ins} == {
        c.id for c in items if c.status is ConditionStatus.PENDING
    }
    talks = [item for item in accepted if item.action is ActionKind.CONDITION_FAILED]
    assert [(item.condition_id, item.due) for item in talks] == [
        (c.id, c.resolved_at)
        for c in sorted(items, key=lambda c: c.resolved_at or STARTED)
        if _talk_pending(c)
    ]
    assert all(item.action is not ActionKind.OFFER_DEADLINE for item in accepted)
    assert len(accepted) == len(check_ins) + len(talks)


def _summary(progress: Progress) -> ApplicationSummary:
    return ApplicationSummary(
        7, "Tidewater Bank", "Data analyst", progress.stage, NOW, NOW, progress
    )


def test_an_accepted_offer_with_a_pending_condition_is_on_the_agenda_and_its_card() -> None:
    zone = tz("Europe/Berlin")
    pending = Condition(
        3,
        ConditionKind.BACKGROUND,
        "background check",
        ConditionStatus.PENDING,
        NOW.subtract(days=8),
    )
    summary = _summary(_accepted((pending,)))
    agenda = build_agenda([summary], Settings(), NOW, zone)
    assert [(item.action, item.condition_id) for item in agenda] == [
        (ActionKind.OFFER_CONDITION, 3)
    ]
    assert card_status(summary, Settings(), NOW, zone).text.startswith("check-in")
    # Cleared: nothing left, and the card says so.
    cleared = replace(pending, status=ConditionStatus.CLEARED, resolved_at=NOW)
    settled = _summary(_accepted((cleared,)))
    assert build_agenda([settled], Settings(), NOW, zone) == []
    assert card_status(settled, Settings(), NOW, zone).text == "offer accepted"


def test_a_condition_failed_after_accepting_asks_for_a_talk_until_one_is_noted() -> None:
    zone = tz("Europe/Berlin")
    failed = Condition(
        3,
        ConditionKind.BACKGROUND,
        "background check",
        ConditionStatus.FAILED,
        NOW.subtract(days=8),
        NOW.subtract(hours=2),
        NOW.subtract(days=3),
    )
    summary = _summary(_accepted((failed,)))
    (item,) = build_agenda([summary], Settings(), NOW, zone)
    assert item.action is ActionKind.CONDITION_FAILED
    words = row_text(item, NOW, zone)
    assert words.action == "a condition failed: talk to them"
    assert words.detail == "background check"
    assert "talk to them" in card_status(summary, Settings(), NOW, zone).text
    step = done_step(item.action, item.condition_id)
    assert step.kind is StepKind.CHECK_IN and step.condition_id == 3
    talked = replace(failed, last_check_in_at=NOW.subtract(minutes=5))
    assert build_agenda([_summary(_accepted((talked,)))], Settings(), NOW, zone) == []
    # Snoozed, it waits like any other item.
    snoozed = replace(_accepted((failed,)), snoozed_until=NOW.add(days=2))
    (later,) = pending_actions(snoozed, Settings(), zone)
    assert later.due == NOW.add(days=2) and later.due - NOW == timedelta(days=2)
