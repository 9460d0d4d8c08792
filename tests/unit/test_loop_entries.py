"""The pure rules of the daily loop (issue 20): checking a reply and a corrected round, what
a move back means, and where a scheduled round shows."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.domain.backward import (
    BackwardMeaning,
    meanings,
    plan_offer_fell_through,
    stage_came_from,
    waiting_stage,
)
from postinterview_tui.domain.entries import parse_interview_change, parse_reply
from postinterview_tui.domain.forms import FormErrors
from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.moves import RuleRefusal, plan_move
from postinterview_tui.domain.records import Event
from postinterview_tui.domain.round_edits import RoundFacts, plan_round_edit
from postinterview_tui.domain.rules import ActionKind, pending_actions
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import EventKind, InterviewKind, Stage


def test_a_reply_defaults_to_now_and_keeps_its_note(now: DateTime, zone: Timezone) -> None:
    entry = parse_reply({"decision_by": "2026-12-04", "note": " Friday "}, now, zone)
    assert (entry.when, entry.decision_by, entry.note) == (now, date(2026, 12, 4), "Friday")


def test_a_reply_cannot_come_from_the_future(now: DateTime, zone: Timezone) -> None:
    with pytest.raises(FormErrors) as raised:
        parse_reply({"when": "+2h", "decision_by": "soon"}, now, zone)
    assert set(raised.value.errors) == {"when", "decision_by"}


def test_a_corrected_round_keeps_ids_removes_empty_and_adds_new(
    now: DateTime, zone: Timezone
) -> None:
    change = parse_interview_change(
        7,
        {"interviewed": "2026-11-24 15:00", "kind": "panel", "notes": "rota"},
        [(1, "Ana Ruiz-Diaz <ana@acme.example>"), (2, "  ")],
        "Kim Park, Lee <lee@acme.example>",
        now,
        zone,
    )
    assert change.kind is InterviewKind.PANEL
    assert [(person.id, person.name, person.email) for person in change.interviewers] == [
        (1, "Ana Ruiz-Diaz", "ana@acme.example"),
        (None, "Kim Park", ""),
        (None, "Lee", "lee@acme.example"),
    ]


def test_a_bad_interviewer_address_is_reported_on_their_own_field(
    now: DateTime, zone: Timezone
) -> None:
    with pytest.raises(FormErrors) as raised:
        parse_interview_change(7, {}, [(3, "Ana <not an address>")], "", now, zone)
    assert set(raised.value.errors) == {"person-3"}


def _progress(**values: object) -> Progress:
    return Progress(**values)  # type: ignore[arg-type]


def test_removing_the_one_unthanked_interviewer_moves_the_card_on(now: DateTime) -> None:
    progress = _progress(
        stage=Stage.INTERVIEWED,
        last_interview_at=now.subtract(days=1),
        interviewers_total=2,
        interviewers_thanked=1,
    )
    facts = RoundFacts(now.subtract(days=1), 1, 1, now.subtract(hours=3), None)
    plan = plan_round_edit(
        progress, facts, edited_is_latest=True, decision_changed=False, changed=("interviewers",)
    )
    assert plan.progress.stage is Stage.THANKED
    assert plan.progress.thanked_at == now.subtract(hours=3)
    assert (plan.progress.interviewers_thanked, plan.progress.interviewers_total) == (1, 1)


def test_moving_back_into_followed_up_with_no_follow_up_sent_is_refused(
    now: DateTime, zone: Timezone
) -> None:
    progress = _progress(
        stage=Stage.OFFER, last_interview_at=now.subtract(days=20), thanked_at=now.subtract(days=19)
    )
    with pytest.raises(RuleRefusal) as raised:
        plan_move(
            progress,
            Stage.FOLLOWED_UP,
            when=now,
            reason=None,
            force=True,
            settings=Settings(),
            zone=zone,
        )
    assert "Thank-you sent" in raised.value.message


def _moved(source: Stage, target: Stage, at: DateTime) -> Event:
    return Event(
        0,
        1,
        EventKind.STAGE_MOVED,
        at,
        at,
        data={"from": str(source), "to": str(target), "correction": False},
    )


def test_a_slip_goes_back_to_the_stage_the_card_came_from(now: DateTime) -> None:
    progress = _progress(stage=Stage.OFFER, thanked_at=now.subtract(days=9), follow_ups=0)
    events = [
        _moved(Stage.INTERVIEWED, Stage.THANKED, now.subtract(days=9)),
        _moved(Stage.THANKED, Stage.OFFER, now.subtract(days=1)),
    ]
    assert stage_came_from(events, Stage.OFFER, progress) is Stage.THANKED
    assert stage_came_from([], Stage.OFFER, progress) is Stage.THANKED


def test_only_an_offer_has_more_than_one_meaning_when_moved_back() -> None:
    assert [meaning for meaning, _ in meanings(Stage.FOLLOWED_UP)] == [BackwardMeaning.MISTAKE]
    assert len(meanings(Stage.OFFER)) == len(meanings(Stage.ACCEPTED)) == 3


moments = st.integers(min_value=1, max_value=60)


@given(
    days_since_thanks=moments,
    follow_ups=st.integers(min_value=0, max_value=3),
    stage=st.sampled_from([Stage.OFFER, Stage.ACCEPTED]),
)
def test_an_offer_that_fell_through_leaves_nothing_late(
    days_since_thanks: int, follow_ups: int, stage: Stage
) -> None:
    import pendulum

    zone = pendulum.timezone("Europe/London")
    now = pendulum.datetime(2026, 11, 25, 10, tz=zone)
    progress = _progress(
        stage=stage,
        last_interview_at=now.subtract(days=days_since_thanks + 1),
        thanked_at=now.subtract(days=days_since_thanks),
        follow_ups=follow_ups,
        last_follow_up_at=now.subtract(days=1) if follow_ups else None,
    )
    plan = plan_offer_fell_through(progress, now)
    assert plan.progress.stage is waiting_stage(progress)
    for item in pending_actions(plan.progress, Settings(), zone):
        assert item.due > now, item
    assert all(
        item.action is not ActionKind.OFFER_DEADLINE
        for item in pending_actions(plan.progress, Settings(), zone)
    )
