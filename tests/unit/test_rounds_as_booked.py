"""The history's interview entries agree with the rounds an application has now: a round
removed, moved or undone after it was added leaves no entry at its old time."""

from __future__ import annotations

from collections import Counter

import pendulum
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime

from postinterview_tui.domain.records import Event, Interview
from postinterview_tui.domain.stages import EventKind, InterviewKind
from postinterview_tui.domain.timeline import rounds_as_booked

BASE = pendulum.datetime(2026, 11, 1, 9, tz="UTC")


def _at(hours: int) -> DateTime:
    return BASE.add(hours=hours)


def _event(event_id: int, kind: EventKind, hours: int) -> Event:
    return Event(event_id, 1, kind, _at(hours), _at(hours), data={"kind": "other"})


def _round(round_id: int, hours: int) -> Interview:
    return Interview(round_id, _at(hours), InterviewKind.PHONE)


def test_a_removed_round_leaves_no_entry_and_a_moved_one_is_at_its_new_time() -> None:
    events = [
        _event(1, EventKind.INTERVIEW_HELD, 0),
        _event(2, EventKind.CREATED, 1),
        _event(3, EventKind.INTERVIEW_HELD, 100),  # removed since
        _event(4, EventKind.INTERVIEW_HELD, 200),  # moved since to hour 150
        _event(5, EventKind.EDITED, 2),
    ]
    shown = rounds_as_booked(1, events, [_round(7, 0), _round(8, 150)])
    assert [(item.id, item.kind, item.at) for item in shown] == [
        (1, EventKind.INTERVIEW_HELD, _at(0)),
        (2, EventKind.CREATED, _at(1)),
        (5, EventKind.EDITED, _at(2)),  # the others keep the order they came in
        (-8, EventKind.INTERVIEW_HELD, _at(150)),  # after every entry not later than it
    ]
    assert shown[-1].data == {"kind": "phone"}


def test_two_rounds_at_one_time_keep_two_entries_and_no_more() -> None:
    events = [_event(n, EventKind.INTERVIEW_HELD, 5) for n in (1, 2, 3)]
    shown = rounds_as_booked(1, events, [_round(1, 5), _round(2, 5)])
    assert [item.id for item in shown] == [1, 2]


times = st.lists(st.integers(min_value=0, max_value=30), max_size=8)


@given(held=times, rounds=times, others=times)
def test_the_interview_entries_are_the_rounds_and_nothing_else_changes(
    held: list[int], rounds: list[int], others: list[int]
) -> None:
    events = sorted(
        [_event(n, EventKind.INTERVIEW_HELD, hours) for n, hours in enumerate(held, 1)]
        + [_event(100 + n, EventKind.NOTE_ADDED, hours) for n, hours in enumerate(others)],
        key=lambda item: (item.at, item.id),
    )
    booked = [_round(n, hours) for n, hours in enumerate(rounds, 1)]
    shown = rounds_as_booked(1, events, booked)
    interviews = [item.at for item in shown if item.kind is EventKind.INTERVIEW_HELD]
    assert Counter(interviews) == Counter(item.held_at for item in booked)
    assert [item for item in shown if item.kind is not EventKind.INTERVIEW_HELD] == [
        item for item in events if item.kind is not EventKind.INTERVIEW_HELD
    ]
    # Given in time order, the result stays in time order.
    assert [item.at for item in shown] == sorted(item.at for item in shown)
