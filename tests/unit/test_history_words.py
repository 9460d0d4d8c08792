"""An application's history as shown: the order of its events and whom a note went to."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.records import Event, in_shown_order
from postinterview_tui.domain.stages import EventKind
from postinterview_tui.domain.timeline import describe_event

from ._support import NOW, PROPERTY


def _event(
    event_id: int, seconds: int, kind: EventKind = EventKind.NOTE_ADDED, **data: object
) -> Event:
    at = NOW.add(seconds=seconds)
    return Event(event_id, 1, kind, at, at, data=dict(data))


def test_within_a_minute_the_recorded_order_wins() -> None:
    # Added at 12:00:40 by the clock, then a round typed as "12:00" (no seconds).
    added, typed = _event(1, 40), _event(2, 0)
    later = _event(3, 61)
    assert in_shown_order([later, typed, added]) == (added, typed, later)


@PROPERTY
@given(st.lists(st.integers(min_value=0, max_value=600), max_size=30))
def test_shown_order_is_by_minute_then_by_id(seconds: list[int]) -> None:
    events = [_event(number, offset) for number, offset in enumerate(seconds, start=1)]
    shown = in_shown_order(reversed(events))
    assert sorted(shown, key=lambda event: event.id) == events
    keys = [(event.at.replace(second=0), event.id) for event in shown]
    assert keys == sorted(keys)


def test_shown_order_reaches_the_event_through_a_holder() -> None:
    holders = [("b", _event(2, 0)), ("a", _event(1, 30))]
    assert [name for name, _ in in_shown_order(holders, lambda pair: pair[1])] == ["a", "b"]


def test_a_thank_you_names_whom_it_went_to() -> None:
    kind = EventKind.THANK_YOU_SENT
    assert describe_event(_event(1, 0, kind)) == "Thank-you note sent"
    assert describe_event(_event(1, 0, kind, interviewer="Ana Ruiz")) == (
        "Thank-you note sent to Ana Ruiz"
    )
    whole_round = _event(1, 0, kind, interviewers=["Tom Becker", "Ana Ruiz"])
    assert describe_event(whole_round) == "Thank-you note sent to Tom Becker, Ana Ruiz"
    # The address a note was delivered to is the most exact answer.
    sent = _event(1, 0, kind, interviewer="Ana Ruiz", sent_to="Ana Ruiz <ana@acme.example>")
    assert describe_event(sent) == "Thank-you note sent to Ana Ruiz <ana@acme.example>"
    assert describe_event(_event(1, 0, kind, interviewers=[])) == "Thank-you note sent"
