"""The daily review's pure part: what "done" means, snooze lengths, row wording, the session."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pendulum import DateTime

from postinterview_tui.domain.agenda import AgendaItem, build_agenda
from postinterview_tui.domain.models import ApplicationSummary, Condition, Progress
from postinterview_tui.domain.review import (
    DONE_HINTS,
    SNOOZE_CHOICES,
    ItemKey,
    ReviewSession,
    StepKind,
    close_step,
    done_step,
    grouped,
    item_key,
    next_up,
    offer_step,
    parse_snooze,
    row_text,
    snooze_step,
    snooze_until,
)
from postinterview_tui.domain.rules import ActionKind, DueStatus
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import CloseReason, ConditionKind, ConditionStatus, Stage
from postinterview_tui.domain.when import WhenError

from ._support import BERLIN, NEW_YORK, NOW, ORDINARY_ZONES, PROPERTY, at, tz

ZONE = tz(BERLIN)


def _item(
    application_id: int = 1,
    action: ActionKind = ActionKind.FOLLOW_UP,
    due: DateTime | None = None,
    status: DueStatus = DueStatus.OVERDUE,
    detail: str = "",
    condition_id: int | None = None,
    company: str = "Acme",
) -> AgendaItem:
    return AgendaItem(
        application_id=application_id,
        company=company,
        role="Data engineer",
        stage=Stage.THANKED,
        action=action,
        due=due or NOW.subtract(days=2),
        status=status,
        detail=detail,
        condition_id=condition_id,
    )


def _summary(application_id: int, progress: Progress, company: str = "Acme") -> ApplicationSummary:
    created = NOW.subtract(days=60)
    return ApplicationSummary(
        application_id, company, "Role", progress.stage, created, created, progress
    )


# -- what "done" means ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "kind", "stage", "reason"),
    [
        (ActionKind.THANK_YOU, StepKind.MOVE, Stage.THANKED, None),
        (ActionKind.FOLLOW_UP, StepKind.MOVE, Stage.FOLLOWED_UP, None),
        (ActionKind.MOVE_ON, StepKind.MOVE, Stage.CLOSED, CloseReason.NO_RESPONSE),
        (ActionKind.OFFER_DEADLINE, StepKind.DECIDE_OFFER, None, None),
    ],
)
def test_done_means(
    action: ActionKind, kind: StepKind, stage: Stage | None, reason: CloseReason | None
) -> None:
    step = done_step(action)
    assert (step.kind, step.stage, step.reason) == (kind, stage, reason)


def test_done_on_a_condition_records_a_check_in_on_that_condition() -> None:
    step = done_step(ActionKind.OFFER_CONDITION, 42)
    assert (step.kind, step.condition_id, step.stage) == (StepKind.CHECK_IN, 42, None)
    with pytest.raises(ValueError, match="condition"):
        done_step(ActionKind.OFFER_CONDITION)


def test_every_action_kind_has_a_meaning_a_hint_and_words() -> None:
    for action in ActionKind:
        assert done_step(action, 1).kind in StepKind
        assert DONE_HINTS[action].startswith("d ")
        assert row_text(_item(action=action), NOW, ZONE).action


def test_offer_decision() -> None:
    accept, decline = offer_step(True), offer_step(False)
    assert (accept.kind, accept.stage, accept.reason) == (StepKind.MOVE, Stage.ACCEPTED, None)
    assert (decline.stage, decline.reason) == (Stage.CLOSED, CloseReason.DECLINED_OFFER)


def test_close_keeps_the_reflection_and_says_why() -> None:
    step = close_step(CloseReason.WITHDREW, "ask about the team sooner")
    assert (step.stage, step.reason, step.note) == (
        Stage.CLOSED,
        CloseReason.WITHDREW,
        "ask about the team sooner",
    )
    assert step.done == "closed: I withdrew"


def test_snooze_step_says_until_when_in_local_time() -> None:
    step = snooze_step(at(BERLIN, 2026, 12, 1, 9), ZONE)
    assert (step.kind, step.until) == (StepKind.SNOOZE, at(BERLIN, 2026, 12, 1, 9))
    assert step.done == "snoozed until Tue 1 Dec 09:00"


# -- snoozing ---------------------------------------------------------------------------------


def test_snooze_choices() -> None:
    assert SNOOZE_CHOICES == (("1 day", 1), ("3 days", 3), ("1 week", 7))


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, at(BERLIN, 2026, 11, 29, 12)),
        (3, at(BERLIN, 2026, 12, 1, 12)),
        (7, at(BERLIN, 2026, 12, 5, 12)),
    ],
)
def test_snooze_lengths_keep_the_local_time(days: int, expected: DateTime) -> None:
    assert snooze_until(days, NOW, ZONE) == expected


def test_snooze_across_the_spring_change_is_23_hours_and_the_same_wall_time() -> None:
    before = at(BERLIN, 2026, 3, 28, 12)
    until = snooze_until(1, before, ZONE)
    assert until.in_timezone(ZONE).hour == 12
    assert (until - before).total_seconds() == 23 * 3600


@pytest.mark.parametrize(
    ("zone_name", "now", "expected_utc"),
    [
        # 02:30 on the day before the spring change: 02:30 the next day is skipped (clocks go
        # from 02:00 to 03:00), so the snooze ends at 03:30 local: 24 hours on, not 23.
        (BERLIN, at(BERLIN, 2026, 3, 28, 2, 30), "2026-03-29T01:30:00+00:00"),
        (NEW_YORK, at(NEW_YORK, 2026, 3, 7, 2, 30), "2026-03-08T07:30:00+00:00"),
        ("Europe/London", at("Europe/London", 2026, 3, 28, 1, 15), "2026-03-29T01:15:00+00:00"),
    ],
)
def test_a_snooze_ending_in_the_skipped_hour_moves_on_by_the_gap(
    zone_name: str, now: DateTime, expected_utc: str
) -> None:
    until = snooze_until(1, now, tz(zone_name))
    assert until.in_timezone("UTC").isoformat() == expected_utc
    local = until.in_timezone(tz(zone_name))
    assert (local.hour, local.minute) == (now.hour + 1, now.minute)
    assert (until - now).total_seconds() == 24 * 3600


def _wall_time_later(now: DateTime, days: int, zone_name: str) -> DateTime:
    """The local clock of ``now``, ``days`` days on, placed as pendulum places a wall time:
    a time that exists is itself; one in a spring-forward gap moves on by the gap (02:30
    becomes 03:30); one that falls back and happens twice is its later occurrence."""
    local = now.in_timezone(tz(zone_name))
    day = local.date() + timedelta(days=days)
    return pendulum.datetime(
        day.year, day.month, day.day, local.hour, local.minute, local.second, tz=zone_name
    )


@PROPERTY
@given(
    zone_name=st.sampled_from(ORDINARY_ZONES),
    days=st.sampled_from([days for _, days in SNOOZE_CHOICES]),
    offset_hours=st.integers(min_value=0, max_value=24 * 365),
)
@example(zone_name=BERLIN, days=1, offset_hours=(31 + 28 + 26) * 24 + 14)  # 2026-03-28 02:00
def test_a_snooze_always_ends_later_on_the_same_local_clock(
    zone_name: str, days: int, offset_hours: int
) -> None:
    zone = tz(zone_name)
    now = at(zone_name, 2026, 1, 1, 12).add(hours=offset_hours)
    until = snooze_until(days, now, zone)
    assert until > now
    assert until == _wall_time_later(now, days, zone_name)
    local_now, local_until = now.in_timezone(zone), until.in_timezone(zone)
    assert (local_until.date() - local_now.date()).days == days


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", at(BERLIN, 2026, 11, 29, 12)),
        ("2026-12-01", at(BERLIN, 2026, 12, 1, 12)),
        ("2026-12-01 08:30", at(BERLIN, 2026, 12, 1, 8, 30)),
        ("+2d", at(BERLIN, 2026, 11, 30, 12)),
    ],
)
def test_a_typed_snooze_end(text: str, expected: DateTime) -> None:
    assert parse_snooze(text, NOW, ZONE) == expected


@pytest.mark.parametrize("text", ["now", "yesterday", "2026-11-01", "-1d", "someday", ""])
def test_a_typed_snooze_end_must_be_a_readable_future_time(text: str) -> None:
    with pytest.raises(WhenError):
        parse_snooze(text, NOW, ZONE)


# -- how a row reads --------------------------------------------------------------------------


def test_a_move_on_suggestion_asks_to_close() -> None:
    item = _item(
        action=ActionKind.MOVE_ON, detail="no reply since Tue 24 Nov", status=DueStatus.GONE_QUIET
    )
    text = row_text(item, NOW, ZONE)
    assert text.action == "no reply since Tue 24 Nov: close it?"
    assert text.detail == ""
    assert text.when == ""  # advice is never late: its group, "Gone quiet", says it


def test_a_thank_you_row_says_how_many_were_thanked() -> None:
    item = _item(
        action=ActionKind.THANK_YOU,
        due=NOW.add(days=1),
        status=DueStatus.DUE,
        detail="1 of 3 interviewers thanked",
    )
    text = row_text(item, NOW, ZONE)
    assert (text.company, text.role) == ("Acme", "Data engineer")
    assert (text.action, text.when, text.detail) == (
        "send a thank-you note",
        "tomorrow",
        "1 of 3 interviewers thanked",
    )


def test_a_condition_row_names_the_condition() -> None:
    item = _item(action=ActionKind.OFFER_CONDITION, detail="check in: references", condition_id=3)
    assert row_text(item, NOW, ZONE).detail == "references"


def test_groups_in_order_most_overdue_first_empty_groups_left_out() -> None:
    late = _item(1, due=NOW.subtract(days=1))
    later = _item(2, due=NOW.subtract(days=5))
    soon = _item(3, due=NOW.add(days=4), status=DueStatus.UPCOMING)
    groups = grouped([soon, late, later])
    assert [(title, [item.application_id for item in items]) for title, items in groups] == [
        ("Overdue", [2, 1]),
        ("Upcoming", [3]),
    ]
    assert grouped([]) == []


def test_groups_match_the_agenda_of_postinterview_today() -> None:
    settings = Settings()
    summaries = [
        _summary(1, Progress(Stage.INTERVIEWED, last_interview_at=NOW.subtract(days=2))),
        _summary(2, Progress(Stage.INTERVIEWED, last_interview_at=NOW.subtract(hours=2))),
        _summary(
            3,
            Progress(
                Stage.THANKED,
                last_interview_at=NOW.subtract(days=4),
                thanked_at=NOW.subtract(days=4),
            ),
        ),
    ]
    agenda = build_agenda(summaries, settings, NOW, ZONE)
    groups = grouped(agenda)
    flat = [item for _, items in groups for item in items]
    assert flat == agenda
    assert [title for title, _ in groups] == ["Overdue", "Due soon", "Upcoming"]


# -- next up ----------------------------------------------------------------------------------


def test_next_up_is_the_earliest_action_beyond_the_window() -> None:
    settings = Settings()
    far = Progress(
        Stage.THANKED,
        last_interview_at=NOW.subtract(days=1),
        thanked_at=NOW.subtract(days=1),
        decision_by=(NOW.add(days=20)).date(),
    )
    farther = replace(far, decision_by=(NOW.add(days=30)).date())
    summaries = [
        _summary(1, farther, "Later Co"),
        _summary(2, far, "Sooner Co"),
        _summary(3, Progress(Stage.CLOSED)),
        # A round beyond the window: on neither the agenda nor next in line (it is later).
        _summary(4, Progress(Stage.INTERVIEWED, last_interview_at=NOW.add(days=40))),
    ]
    assert build_agenda(summaries, settings, NOW, ZONE) == []
    upcoming = next_up(summaries, settings, NOW, ZONE)
    assert upcoming is not None
    assert (upcoming.company, upcoming.action) == ("Sooner Co", ActionKind.FOLLOW_UP)
    assert upcoming.status is DueStatus.UPCOMING
    assert upcoming.due > NOW.add(days=settings.window_days)


def test_next_up_skips_what_is_already_late_and_may_be_nothing() -> None:
    settings = Settings()
    late = Progress(Stage.INTERVIEWED, last_interview_at=NOW.subtract(days=3))
    assert next_up([_summary(1, late)], settings, NOW, ZONE) is None
    assert next_up([], settings, NOW, ZONE) is None


def test_next_up_respects_a_snooze() -> None:
    settings = Settings()
    snoozed = Progress(
        Stage.INTERVIEWED,
        last_interview_at=NOW.subtract(days=3),
        snoozed_until=NOW.add(days=10),
    )
    upcoming = next_up([_summary(1, snoozed)], settings, NOW, ZONE)
    assert upcoming is not None
    assert upcoming.due == NOW.add(days=10)


def test_next_up_carries_the_condition_id() -> None:
    condition = Condition(
        7, ConditionKind.REFERENCES, "references", ConditionStatus.PENDING, NOW.add(days=9)
    )
    offer = Progress(Stage.OFFER, conditions=(condition,))
    upcoming = next_up([_summary(1, offer)], Settings(), NOW, ZONE)
    assert upcoming is not None
    assert (upcoming.action, upcoming.condition_id) == (ActionKind.OFFER_CONDITION, 7)


# -- the session ------------------------------------------------------------------------------


def test_an_acted_on_row_leaves_and_comes_back_when_restored() -> None:
    first, second = _item(1), _item(2)
    session = ReviewSession().showing([first, second])
    acted = session.handling(first)
    assert acted.visible([first, second]) == (second,)
    assert acted.restoring(first).visible([first, second]) == (first, second)


def test_new_rows_for_an_acted_on_application_wait_for_another_day() -> None:
    thank_you = _item(1, ActionKind.THANK_YOU)
    other = _item(2)
    session = ReviewSession().showing([thank_you, other]).handling(thank_you)
    follow_up = _item(1, ActionKind.FOLLOW_UP, due=NOW.add(days=5), status=DueStatus.UPCOMING)
    newcomer = _item(3, ActionKind.THANK_YOU)
    assert session.visible([other, follow_up, newcomer]) == (other, newcomer)


def test_rows_already_shown_for_an_acted_on_application_stay() -> None:
    deadline = _item(8, ActionKind.OFFER_DEADLINE)
    first = _item(8, ActionKind.OFFER_CONDITION, condition_id=1)
    second = _item(8, ActionKind.OFFER_CONDITION, condition_id=2)
    session = ReviewSession().showing([deadline, first, second]).handling(first)
    assert session.visible([deadline, first, second]) == (deadline, second)
    assert session.acted_on == frozenset({8})


def test_keys_tell_conditions_apart() -> None:
    assert item_key(_item(8, ActionKind.OFFER_CONDITION, condition_id=1)) == ItemKey(
        8, ActionKind.OFFER_CONDITION, 1
    )
    assert item_key(_item(8, ActionKind.OFFER_CONDITION, condition_id=1)) != item_key(
        _item(8, ActionKind.OFFER_CONDITION, condition_id=2)
    )


@PROPERTY
@given(
    ids=st.lists(st.integers(min_value=1, max_value=6), min_size=0, max_size=12),
    handled=st.sets(st.integers(min_value=0, max_value=11)),
)
def test_visible_rows_are_the_agenda_in_order_minus_the_handled(
    ids: list[int], handled: set[int]
) -> None:
    agenda = [
        _item(application_id, ActionKind.OFFER_CONDITION, condition_id=index)
        for index, application_id in enumerate(ids)
    ]
    session = ReviewSession().showing(agenda)
    for index in handled:
        if index < len(agenda):
            session = session.handling(agenda[index])
    visible = session.visible(agenda)
    assert list(visible) == [item for i, item in enumerate(agenda) if i not in handled]
    assert ReviewSession().visible(agenda) == tuple(agenda)


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=50),
            st.integers(min_value=-20 * 24, max_value=20 * 24),
            st.sampled_from(ORDINARY_ZONES),
            st.sampled_from([DueStatus.OVERDUE, DueStatus.DUE, DueStatus.UPCOMING]),
        ),
        max_size=30,
    )
)
@PROPERTY
def test_each_group_is_in_due_order_whatever_the_zones_of_the_dues(
    rows: list[tuple[int, int, str, DueStatus]],
) -> None:
    items = [
        _item(app_id, due=NOW.add(hours=hours).in_timezone(tz(zone)), status=status)
        for app_id, hours, zone, status in rows
    ]
    for _title, members in grouped(items):
        instants = [(item.due, item.application_id) for item in members]
        assert instants == sorted(instants)
    assert sum(len(members) for _title, members in grouped(items)) == len(items)


def test_a_session_with_nothing_handled_shows_the_whole_agenda() -> None:
    items = [_item(1), _item(2, action=ActionKind.THANK_YOU)]
    session = ReviewSession()
    assert session.visible(items) == tuple(items)
    handled = session.handling(items[0])
    assert handled.visible(items) == (items[1],)
