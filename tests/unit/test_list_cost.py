"""A long list of dues at one ``now`` (``postinterview today`` lists 1,500 at 100,000
applications) does its date arithmetic on plain numbers: wording builds no pendulum Interval
per due and puts ``now`` in the local zone once for the whole list; classifying and ordering
the stored dues compares no datetimes (each comparison asks both zones for offsets)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pendulum
import pytest
from pendulum import DateTime

from postinterview_tui.domain.dues import StoredDue, agenda_from_dues
from postinterview_tui.domain.rules import ActionItem, ActionKind
from postinterview_tui.domain.stages import Stage
from postinterview_tui.domain.wording import due_words, narrow_round_time, short_delta

from ._support import BERLIN, NOW, tz

DUES = [NOW.add(hours=hours) for hours in range(-72, 24 * 10, 7)]


@pytest.fixture
def intervals_built(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Every pendulum Interval made while the test runs."""
    built: list[object] = []
    original = pendulum.Interval.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(pendulum.Interval, "__init__", counting)
    yield built


def test_wording_many_dues_builds_no_interval(intervals_built: list[object]) -> None:
    words = [
        due_words(action, due, NOW, BERLIN)
        for due in DUES
        for action in (ActionKind.FOLLOW_UP, ActionKind.INTERVIEW)
    ]
    cards = [short_delta(due, NOW, BERLIN) for due in DUES]
    narrow = [narrow_round_time(due, NOW, BERLIN) for due in DUES]
    assert "tomorrow" in words and "tomorrow" in cards and "tomorrow" in narrow
    assert intervals_built == []


def test_now_is_put_in_the_local_zone_once_for_a_whole_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conversions: list[DateTime] = []
    original = DateTime.in_timezone

    def counting(self: DateTime, zone: Any) -> DateTime:
        conversions.append(self)
        return original(self, zone)

    monkeypatch.setattr(DateTime, "in_timezone", counting)
    now = NOW.add(seconds=1)  # a ``now`` no earlier test has worded with
    for due in DUES:
        due_words(ActionKind.FOLLOW_UP, due, now, BERLIN)
    assert sum(1 for moment in conversions if moment is now) == 1


def test_classifying_stored_dues_compares_no_datetimes(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = [
        StoredDue(
            number,
            "Acme",
            "Analyst",
            Stage.INTERVIEWED,
            NOW.add(days=-3),
            0,
            ActionItem(ActionKind.FOLLOW_UP, due.in_timezone("UTC"), "", None),
        )
        for number, due in enumerate(DUES, start=1)
    ]
    compared: list[str] = []
    for name in ("__lt__", "__le__", "__gt__", "__ge__"):
        original = getattr(DateTime, name)

        def counting(
            self: DateTime, other: Any, _name: str = name, _original: Any = original
        ) -> Any:
            compared.append(_name)
            return _original(self, other)

        monkeypatch.setattr(DateTime, name, counting)
    agenda = agenda_from_dues(stored, NOW, 7, tz(BERLIN))
    assert len(agenda) > 10
    assert compared == []


def test_a_whole_list_takes_nows_instant_once(instants_taken: list[DateTime]) -> None:
    """``today`` words every row against one ``now``: its instant is taken once for the list,
    not once for each of its 1,500 rows."""
    from postinterview_tui.cli.output import agenda_lines
    from postinterview_tui.domain.agenda import AgendaItem
    from postinterview_tui.domain.rules import DueStatus

    now = NOW.add(seconds=2)
    items = [
        AgendaItem(number, "Acme", "Analyst", Stage.INTERVIEWED, action, due, status, "")
        for number, due in enumerate(DUES, start=1)
        for action, status in (
            (ActionKind.FOLLOW_UP, DueStatus.OVERDUE if due <= now else DueStatus.UPCOMING),
            (ActionKind.INTERVIEW, DueStatus.UPCOMING),
        )
        if not (action is ActionKind.INTERVIEW and due <= now)
    ]
    taken = instants_taken
    taken.clear()  # counted from here on
    lines = agenda_lines(items, now, tz(BERLIN))
    assert any("late" in line for line in lines) and any("tomorrow" in line for line in lines)
    assert sum(1 for moment in taken if moment is now) == 1


def test_printing_an_agenda_takes_each_rows_instant_once(
    instants_taken: list[DateTime],
) -> None:
    """An agenda comes in its order (``stored_agenda`` sorts it as it reads): putting its rows
    in groups keeps that order rather than sorting them again by their instants."""
    from postinterview_tui.cli.output import agenda_lines
    from postinterview_tui.domain.agenda import AgendaItem
    from postinterview_tui.domain.rules import DueStatus

    items = [
        AgendaItem(
            number,
            "Acme",
            "Analyst",
            Stage.INTERVIEWED,
            ActionKind.FOLLOW_UP,
            due.in_timezone("UTC"),
            DueStatus.OVERDUE if due <= NOW else DueStatus.UPCOMING,
            "",
        )
        for number, due in enumerate(DUES, start=1)
    ]
    taken = instants_taken
    taken.clear()  # counted from here on
    lines = agenda_lines(items, NOW, tz(BERLIN))
    assert lines[0] == "Overdue (11)" and "Upcoming (34)" in lines
    assert max(sum(1 for moment in taken if moment is item.due) for item in items) == 1
