"""Rounds that have not happened yet: no note answers them early, and they are on the agenda."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.cards import card_status
from postinterview_tui.domain.models import ApplicationSummary, Progress
from postinterview_tui.domain.moves import (
    NoteAnswer,
    RuleRefusal,
    check_note_after_interview,
    plan_move,
)
from postinterview_tui.domain.review import StepKind, done_step, row_text
from postinterview_tui.domain.rules import ActionKind, DueStatus
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import CloseReason, Stage
from postinterview_tui.domain.wording import round_time

from ._support import BERLIN, NOW, ORDINARY_ZONES, PROPERTY, at, tz

ZONE = tz(BERLIN)
SETTINGS = Settings()


def _summary(progress: Progress, application_id: int = 1) -> ApplicationSummary:
    created = NOW.subtract(days=30)
    return ApplicationSummary(
        application_id, "Acme", "Role", progress.stage, created, created, progress
    )


def _interviewed(held_at_minutes: int, people: int = 2) -> Progress:
    return Progress(
        Stage.INTERVIEWED,
        last_interview_at=NOW.add(minutes=held_at_minutes),
        interviewers_total=people,
    )


# -- no note before the interview it answers --------------------------------------------------


@PROPERTY
@given(
    ahead=st.integers(min_value=1, max_value=60 * 24 * 60),
    back=st.integers(min_value=0, max_value=60 * 24 * 60),
    target=st.sampled_from([Stage.THANKED, Stage.FOLLOWED_UP]),
    force=st.booleans(),
)
def test_a_note_for_a_round_still_ahead_is_refused_even_forced(
    ahead: int, back: int, target: Stage, force: bool
) -> None:
    progress = _interviewed(ahead)
    with pytest.raises(RuleRefusal) as refused:
        plan_move(
            progress,
            target,
            when=NOW.subtract(minutes=back),
            now=NOW,
            reason=None,
            force=force,
            settings=SETTINGS,
            zone=ZONE,
        )
    assert not refused.value.confirmable
    assert "has not happened yet" in refused.value.message


@PROPERTY
@given(
    held_ago=st.integers(min_value=0, max_value=60 * 24 * 30),
    sent_after=st.integers(min_value=0, max_value=60 * 24 * 30),
)
def test_a_thank_you_after_a_held_round_is_accepted(held_ago: int, sent_after: int) -> None:
    held = NOW.subtract(minutes=held_ago)
    when = min(held.add(minutes=sent_after), NOW)
    progress = Progress(Stage.INTERVIEWED, last_interview_at=held, interviewers_total=1)
    plan = plan_move(
        progress,
        Stage.THANKED,
        when=when,
        now=NOW,
        reason=None,
        force=False,
        settings=SETTINGS,
        zone=ZONE,
    )
    assert plan.progress.stage is Stage.THANKED
    assert plan.progress.thanked_at == when


def test_a_thank_you_dated_before_its_held_round_is_refused() -> None:
    progress = Progress(Stage.INTERVIEWED, last_interview_at=at(BERLIN, 2026, 11, 27, 14))
    with pytest.raises(RuleRefusal) as refused:
        check_note_after_interview(
            progress,
            NoteAnswer.THANK_YOU,
            when=at(BERLIN, 2026, 11, 27, 9),
            now=NOW,
            zone=ZONE,
        )
    assert refused.value.message == (
        "a thank-you cannot be dated before the interview it answers (Fri 27 Nov 2026 14:00)"
    )
    assert not refused.value.confirmable


def test_the_refusal_names_the_round() -> None:
    progress = Progress(Stage.INTERVIEWED, last_interview_at=at(BERLIN, 2026, 11, 30, 14))
    with pytest.raises(RuleRefusal) as refused:
        check_note_after_interview(progress, NoteAnswer.FOLLOW_UP, when=NOW, now=NOW, zone=ZONE)
    assert refused.value.message == (
        "the interview on Mon 30 Nov 2026 14:00 has not happened yet: "
        "a follow-up can only be recorded after it"
    )


def test_a_back_dated_follow_up_before_a_held_round_stays_history() -> None:
    progress = Progress(
        Stage.THANKED,
        last_interview_at=NOW.subtract(days=2),
        thanked_at=NOW.subtract(days=1),
    )
    check_note_after_interview(
        progress, NoteAnswer.FOLLOW_UP, when=NOW.subtract(days=5), now=NOW, zone=ZONE
    )


def test_moves_that_send_nothing_are_not_held_back_by_a_scheduled_round() -> None:
    progress = _interviewed(60 * 48)
    for target in (Stage.OFFER, Stage.CLOSED):
        plan = plan_move(
            progress,
            target,
            when=NOW,
            now=NOW,
            reason=None if target is Stage.OFFER else CloseReason.WITHDREW,
            force=False,
            settings=SETTINGS,
            zone=ZONE,
        )
        assert plan.progress.stage is target


# -- the agenda -------------------------------------------------------------------------------


def test_a_scheduled_round_and_its_thank_you_are_on_the_agenda() -> None:
    progress = _interviewed(60 * 50)  # Monday 30 November, 14:00 in Berlin
    items = build_agenda([_summary(progress)], SETTINGS, NOW, ZONE)
    assert [(item.action, item.due, item.status) for item in items] == [
        (ActionKind.INTERVIEW, NOW.add(hours=50), DueStatus.UPCOMING),
        (ActionKind.THANK_YOU, NOW.add(hours=74), DueStatus.UPCOMING),
    ]


def test_a_round_beyond_the_window_is_not_on_the_agenda() -> None:
    progress = _interviewed(60 * 24 * 10)
    assert build_agenda([_summary(progress)], SETTINGS, NOW, ZONE) == []


@PROPERTY
@given(
    ahead=st.integers(min_value=1, max_value=60 * 24 * 7),
    hours=st.integers(min_value=1, max_value=72),
)
def test_the_thank_you_of_a_round_not_held_is_never_due(ahead: int, hours: int) -> None:
    settings = Settings(thank_you_hours=hours)
    items = build_agenda([_summary(_interviewed(ahead))], settings, NOW, ZONE)
    kinds = {item.action: item for item in items}
    assert (
        ActionKind.INTERVIEW in kinds
    )  # a week at most: inside the window (to the end of its last day)
    assert kinds[ActionKind.INTERVIEW].due == NOW.add(minutes=ahead)
    for item in items:
        if item.action is ActionKind.THANK_YOU:
            assert item.status is DueStatus.UPCOMING


def test_once_the_round_is_over_its_thank_you_falls_due() -> None:
    progress = _interviewed(60)
    later = NOW.add(hours=2)
    items = build_agenda([_summary(progress)], SETTINGS, later, ZONE)
    assert [(item.action, item.status) for item in items] == [(ActionKind.THANK_YOU, DueStatus.DUE)]


def test_the_review_has_nothing_to_mark_on_a_round_and_words_it_by_its_time() -> None:
    progress = _interviewed(60 * 26)  # Sunday 29 November, 14:00
    item = build_agenda([_summary(progress)], SETTINGS, NOW, ZONE)[0]
    assert done_step(item.action).kind is StepKind.NOT_YET
    text = row_text(item, NOW, ZONE)
    assert (text.action, text.when) == ("interview", "tomorrow 14:00")


# -- how a round and a due item read -----------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "short", "long"),
    [
        (90, "today 13:30", "today 13:30"),
        (60 * 26, "tomorrow 14:00", "tomorrow 14:00"),
        (60 * (24 * 5 + 2), "Thu 14:00", "Thursday 14:00 (in 5 days)"),
        (60 * (24 * 12 + 2), "10 Dec 14:00", "Thursday 10 December 14:00 (in 12 days)"),
    ],
)
def test_round_time(minutes: int, short: str, long: str) -> None:
    moment = NOW.add(minutes=minutes)
    assert round_time(moment, NOW, ZONE, short=True) == short
    assert round_time(moment, NOW, ZONE) == long


@pytest.mark.parametrize(
    ("minutes", "text", "short", "shortest"),
    [
        (90, "interview today 13:30", "round today 13:30", "round at 13:30"),
        (60 * 26, "interview tomorrow 14:00", "round tomorrow 14:00", "round tomorrow"),
        (60 * (24 * 5 + 2), "interview Thu 14:00", "round Thu 14:00", "round Thu"),
        (60 * (24 * 12 + 2), "interview 10 Dec 14:00", "round 10 Dec 14:00", "round 10 Dec"),
    ],
)
def test_the_card_words_a_scheduled_round_by_day_and_time(
    minutes: int, text: str, short: str, shortest: str
) -> None:
    status = card_status(_summary(_interviewed(minutes)), SETTINGS, NOW, ZONE)
    assert (status.text, status.short, status.shortest) == (text, short, shortest)


COLUMN_AT_80_CELLS = 23
"""A status's cells in a board column at 80x24 (three columns of 26, edge, bar and margins)."""
NARROWEST_COLUMN_CELLS = 16
"""A status's cells in the board's narrowest column (20 cells, six side by side at 120)."""


@PROPERTY
@given(
    minutes=st.integers(min_value=1, max_value=60 * 24 * 400),
    zone_name=st.sampled_from(ORDINARY_ZONES),
)
def test_a_scheduled_round_short_form_fits_the_narrowest_column(
    minutes: int, zone_name: str
) -> None:
    status = card_status(_summary(_interviewed(minutes)), SETTINGS, NOW, tz(zone_name))
    assert status.short.startswith("round ") and status.shortest.startswith("round ")
    assert len(f"{status.symbol} {status.short}") <= COLUMN_AT_80_CELLS
    assert len(f"{status.symbol} {status.shortest}") <= NARROWEST_COLUMN_CELLS


@pytest.mark.parametrize("late_minutes", [0, 1, 59])
def test_a_card_due_this_very_minute_says_due_now(late_minutes: int) -> None:
    held = NOW.subtract(hours=24, minutes=late_minutes)
    progress = Progress(Stage.INTERVIEWED, last_interview_at=held, interviewers_total=1)
    status = card_status(_summary(progress), SETTINGS, NOW, ZONE)
    assert (status.text, status.short) == ("thank-you due now", "thank-you due now")
    assert "0h" not in status.text


def test_an_hour_late_still_counts_hours() -> None:
    held = NOW.subtract(hours=25)
    progress = Progress(Stage.INTERVIEWED, last_interview_at=held, interviewers_total=1)
    status = card_status(_summary(progress), SETTINGS, NOW, ZONE)
    assert (status.text, status.short) == ("thank-you 1h late", "thank-you 1h late")
