"""Due dates in words: the same phrases as pendulum's own conversions and formats give."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.domain.wording import (
    day_and_month,
    day_name,
    lateness,
    long_date,
    short_delta,
)

from ._support import BERLIN, NEW_YORK, NOW, PROPERTY, PROPERTY_ZONES, at, tz


def reference_short_delta(due: DateTime, now: DateTime, zone: Timezone) -> str:
    """``short_delta`` written with pendulum's conversions throughout."""
    if due <= now:
        hours = int((now.timestamp() - due.timestamp()) // 3600)
        return f"{hours // 24}d" if hours >= 24 else f"{max(hours, 0)}h"
    days_ahead = (due.in_timezone(zone).date() - now.in_timezone(zone).date()).days
    if days_ahead <= 0:
        return "today"
    if days_ahead == 1:
        return "tomorrow"
    return f"{days_ahead}d"


def reference_lateness(due: DateTime, now: DateTime, zone: Timezone) -> str:
    """``lateness`` written with pendulum's conversions and formats throughout."""
    if due <= now:
        hours = int((now.timestamp() - due.timestamp()) // 3600)
        if hours < 24:
            return "late today" if hours < 1 else f"{hours} hour{'s' if hours != 1 else ''} late"
        days = hours // 24
        return f"{days} day{'s' if days != 1 else ''} late"
    days_ahead = (due.in_timezone(zone).date() - now.in_timezone(zone).date()).days
    if days_ahead == 0:
        return f"today {due.in_timezone(zone).format('HH:mm')}"
    if days_ahead == 1:
        return "tomorrow"
    if days_ahead < 7:
        return f"{due.in_timezone(zone).format('dddd')} (in {days_ahead} days)"
    return f"in {days_ahead} days"


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        pytest.param(NOW, "late today", id="now"),
        pytest.param(NOW.subtract(hours=3), "3 hours late", id="hours-late"),
        pytest.param(NOW.subtract(days=2), "2 days late", id="days-late"),
        pytest.param(at(BERLIN, 2026, 11, 28, 18, 5), "today 18:05", id="later-today"),
        pytest.param(at(BERLIN, 2026, 11, 29, 9), "tomorrow", id="tomorrow"),
        pytest.param(at(BERLIN, 2026, 12, 1, 9), "Tuesday (in 3 days)", id="this-week"),
        pytest.param(at(BERLIN, 2026, 12, 5, 9), "in 7 days", id="next-week"),
    ],
)
def test_lateness(due: DateTime, expected: str) -> None:
    assert lateness(due, NOW, tz(BERLIN)) == expected


def test_today_is_the_local_day_and_time() -> None:
    # 23:30 in New York is already tomorrow in UTC: the local clock decides.
    now = at(NEW_YORK, 2026, 11, 27, 9)
    due = pendulum.datetime(2026, 11, 28, 4, 30, tz="UTC")
    assert lateness(due, now, tz(NEW_YORK)) == "today 23:30"


def test_weekday_names_are_pendulums() -> None:
    monday = date(2026, 11, 30)
    days = [monday + timedelta(days=offset) for offset in range(7)]
    expected = [pendulum.date(day.year, day.month, day.day).format("dddd") for day in days]
    assert [day_name(day) for day in days] == expected
    assert expected[0] == "Monday"
    assert day_name(pendulum.date(2026, 11, 30)) == "Monday"


instants = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 11, 30)).map(
    lambda naive: pendulum.instance(naive.replace(microsecond=0), tz="UTC")
)


@PROPERTY
@given(
    now=instants,
    offset=st.integers(min_value=-40 * 24 * 3600, max_value=10 * 24 * 3600),
    zone=st.sampled_from(PROPERTY_ZONES),
)
def test_property_lateness_reads_as_pendulum_would_word_it(
    now: DateTime, offset: int, zone: str
) -> None:
    # The due may come from the store (UTC) or from the rules (local); now is local.
    local_now = now.in_timezone(zone)
    due = now.add(seconds=offset)
    for source in (due, due.in_timezone(zone)):
        assert lateness(source, local_now, tz(zone)) == reference_lateness(
            source, local_now, tz(zone)
        )
        assert short_delta(source, local_now, tz(zone)) == reference_short_delta(
            source, local_now, tz(zone)
        )


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
@PROPERTY
def test_long_dates_are_pendulums(day: date) -> None:
    pendulum_day = pendulum.date(day.year, day.month, day.day)
    assert long_date(day) == pendulum_day.format("dddd D MMMM YYYY")
    assert day_and_month(day) == pendulum_day.format("dddd D MMMM")


def test_no_module_types_out_day_or_month_names() -> None:
    """Day and month names come from the standard library's formatting (issue 16, issue 19:
    never hand-write what a dependency does): no string in the package is one of them."""
    import ast
    import calendar
    from pathlib import Path

    import postinterview_tui

    english = {calendar.day_name[n] for n in range(7)} | {
        calendar.month_name[n] for n in range(1, 13)
    }
    english |= {name[:3] for name in english}
    root = Path(postinterview_tui.__file__).parent
    typed = [
        f"{path.relative_to(root)}:{node.lineno} {node.value!r}"
        for path in sorted(root.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.strip() in english
    ]
    assert typed == []
