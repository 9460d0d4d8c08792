"""The agenda's shortcuts give exactly what the plain pendulum computation gives.

The calendar caches its business-day walk (dues are computed for every open application when a
rule setting changes). The cached walk is checked here against the straightforward computation
it replaces: across DST gaps and repeated hours, skipped dates, zones that skipped whole days,
and changed settings. (The hand-made copies of pendulum's ``datetime`` and ``in_timezone`` are
gone, issue 19: with dues stored, they saved under 2 ms of a ``today`` run.)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.calendar import (
    add_business_days,
    add_business_days_to_date,
    end_of_local_day,
    local_datetime,
)
from postinterview_tui.domain.models import ApplicationSummary, Progress
from postinterview_tui.domain.rules import classify_due, due_limits, due_status
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import Stage

from ._support import BERLIN, NEW_YORK, PROPERTY, PROPERTY_ZONES, at, tz

# Zones with unusual transitions: half-hour DST (Lord Howe), whole skipped days (Apia), gaps
# across midnight (Nuuk, Dhaka), a negative DST (Dublin), no DST at all.
AWKWARD_ZONES = (
    BERLIN,
    NEW_YORK,
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "America/Nuuk",
    "Asia/Dhaka",
    "America/St_Johns",
    "Asia/Kolkata",
)


def reference_walk(day: date, count: int, settings: Settings) -> date:
    """The business-day walk written the obvious way, with no cache."""
    current = date(day.year, day.month, day.day)
    remaining = count
    for _ in range(count * 7 + 400):
        if remaining <= 0:
            return current
        current += timedelta(days=1)
        if current.weekday() not in settings.weekend_days and current not in settings.skip_dates:
            remaining -= 1
    raise ValueError("no working days found")


def reference_local_datetime(
    day: date, hour: int, minute: int, second: int, zone: Timezone
) -> DateTime:
    """``local_datetime`` using pendulum only (as it was before the shortcut)."""
    moment = pendulum.datetime(day.year, day.month, day.day, hour, minute, second, tz=zone)
    if moment.date() != day:
        following = day + timedelta(days=1)
        start = pendulum.datetime(following.year, following.month, following.day, tz=zone)
        return start.subtract(seconds=1)
    return moment


def reference_add_business_days(
    moment: DateTime, count: int, settings: Settings, zone: Timezone
) -> DateTime:
    """``add_business_days`` using pendulum only, with no cache."""
    local = moment.in_timezone(zone)
    day = reference_walk(local.date(), count, settings)
    result = reference_local_datetime(day, local.hour, local.minute, local.second, zone)
    if result.date() == day:
        return result
    while not any(
        pendulum.datetime(day.year, day.month, day.day, hour, tz=zone).date() == day
        for hour in (0, 12, 23)
    ):
        day = reference_walk(day, 1, settings)
    return reference_local_datetime(day, local.hour, local.minute, local.second, zone)


def assert_same_datetime(actual: datetime, expected: datetime) -> None:
    """Equal in every visible way: class, wall clock, fold, zone and instant."""
    assert type(actual) is type(expected)
    assert actual.replace(tzinfo=None) == expected.replace(tzinfo=None)
    assert actual.fold == expected.fold
    assert actual.tzinfo == expected.tzinfo
    assert actual.isoformat() == expected.isoformat()
    assert actual.timestamp() == expected.timestamp()


instants = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 11, 30)).map(
    lambda naive: pendulum.instance(naive.replace(microsecond=0), tz="UTC")
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 11, 30))
clock_times = st.tuples(
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=59),
    st.integers(min_value=0, max_value=59),
)
weekend_sets = st.sets(st.integers(min_value=0, max_value=6), max_size=5).map(
    lambda found: tuple(sorted(found))
)


# --- local instants -------------------------------------------------------------------------------


@PROPERTY
@given(day=days, zone=st.sampled_from(AWKWARD_ZONES), data=st.data())
def test_property_local_datetime_is_unchanged_near_transitions(
    day: date, zone: str, data: st.DataObject
) -> None:
    # Times near a transition are the interesting ones: try the hours around midnight and 02:00.
    hour = data.draw(st.sampled_from([0, 1, 2, 3, 22, 23]))
    minute = data.draw(st.sampled_from([0, 15, 30, 45, 59]))
    actual = local_datetime(day, hour, minute, 0, tz(zone))
    assert_same_datetime(actual, reference_local_datetime(day, hour, minute, 0, tz(zone)))


def test_end_of_local_day_is_unchanged_on_a_skipped_evening() -> None:
    for zone, day in (("America/Nuuk", date(2026, 3, 28)), ("Asia/Dhaka", date(2009, 6, 19))):
        expected = reference_local_datetime(day, 23, 59, 59, tz(zone))
        assert_same_datetime(end_of_local_day(day, tz(zone)), expected)


# --- wall clock -----------------------------------------------------------------------------------


@PROPERTY
@given(
    day=days,
    count=st.integers(min_value=0, max_value=30),
    weekend=weekend_sets,
    data=st.data(),
)
def test_property_cached_walk_equals_the_uncached_walk(
    day: date, count: int, weekend: tuple[int, ...], data: st.DataObject
) -> None:
    near = st.dates(min_value=day, max_value=day + timedelta(days=60))
    skips = tuple(sorted(set(data.draw(st.lists(near, max_size=15)))))
    settings = Settings(weekend_days=weekend, skip_dates=skips)
    # Twice: the second answer comes from the cache and must be the same.
    assert add_business_days_to_date(day, count, settings) == reference_walk(day, count, settings)
    assert add_business_days_to_date(day, count, settings) == reference_walk(day, count, settings)


def test_changed_settings_are_never_served_a_stale_walk() -> None:
    day = date(2026, 12, 23)  # a Wednesday
    plain = Settings()
    assert add_business_days_to_date(day, 1, plain) == date(2026, 12, 24)
    christmas_eve_off = Settings(skip_dates=(date(2026, 12, 24),))
    assert add_business_days_to_date(day, 1, christmas_eve_off) == date(2026, 12, 25)
    thursday_weekend = Settings(weekend_days=(3, 5, 6))
    assert add_business_days_to_date(day, 1, thursday_weekend) == date(2026, 12, 25)
    # Settings the walk does not read share its answers; they cannot change them.
    renamed = Settings(user_name="Someone else", theme="nord")
    assert add_business_days_to_date(day, 1, renamed) == date(2026, 12, 24)
    assert add_business_days_to_date(day, 1, plain) == date(2026, 12, 24)


def test_a_pendulum_date_and_a_plain_date_give_the_same_plain_answer() -> None:
    result = add_business_days_to_date(pendulum.date(2026, 11, 27), 1, Settings())
    assert result == date(2026, 11, 30)
    assert type(result) is date
    assert type(add_business_days_to_date(date(2026, 11, 27), 0, Settings())) is date


def test_a_walk_with_no_working_day_still_raises_every_time() -> None:
    every_day = Settings(weekend_days=(0, 1, 2, 3, 4, 5, 6))
    for _ in range(2):  # errors are not cached as answers
        with pytest.raises(ValueError, match="no working days"):
            add_business_days_to_date(date(2026, 11, 27), 1, every_day)


# --- business days end to end ---------------------------------------------------------------------


@PROPERTY
@given(
    moment=instants,
    zone=st.sampled_from(AWKWARD_ZONES),
    count=st.integers(min_value=0, max_value=20),
    weekend=weekend_sets,
    data=st.data(),
)
def test_property_add_business_days_equals_the_uncached_pendulum_computation(
    moment: DateTime, zone: str, count: int, weekend: tuple[int, ...], data: st.DataObject
) -> None:
    start = moment.in_timezone(zone).date()
    near = st.dates(min_value=start, max_value=start + timedelta(days=40))
    settings = Settings(
        weekend_days=weekend, skip_dates=tuple(sorted(set(data.draw(st.lists(near, max_size=8)))))
    )
    for source in (moment, moment.in_timezone(zone)):
        expected = reference_add_business_days(source, count, settings, tz(zone))
        assert_same_datetime(add_business_days(source, count, settings, tz(zone)), expected)


@pytest.mark.parametrize(
    ("zone", "moment", "weekend"),
    [
        pytest.param(BERLIN, at(BERLIN, 2026, 3, 28, 2, 30), (), id="berlin-gap"),
        pytest.param(BERLIN, at(BERLIN, 2026, 10, 24, 2, 30), (), id="berlin-repeated-hour"),
        pytest.param("Pacific/Apia", at("Pacific/Apia", 2011, 12, 29, 10), (5, 6), id="apia"),
        pytest.param("America/Nuuk", at("America/Nuuk", 2026, 3, 27, 23, 30), (6,), id="nuuk"),
        pytest.param("Asia/Dhaka", at("Asia/Dhaka", 2009, 6, 18, 23, 30), (5, 6), id="dhaka"),
    ],
)
def test_add_business_days_is_unchanged_where_the_clock_jumps(
    zone: str, moment: DateTime, weekend: tuple[int, ...]
) -> None:
    settings = Settings(weekend_days=weekend)
    for count in range(4):
        expected = reference_add_business_days(moment, count, settings, tz(zone))
        assert_same_datetime(add_business_days(moment, count, settings, tz(zone)), expected)


# --- the agenda's due limits and order ------------------------------------------------------------


@PROPERTY
@given(
    due=instants,
    offset=st.integers(min_value=-3 * 24 * 3600, max_value=40 * 24 * 3600),
    window_days=st.integers(min_value=0, max_value=30),
    zone=st.sampled_from(PROPERTY_ZONES),
)
def test_property_limits_built_once_classify_as_due_status_does(
    due: DateTime, offset: int, window_days: int, zone: str
) -> None:
    now = due.subtract(seconds=offset).in_timezone(zone)
    limits = due_limits(now, window_days, tz(zone))
    assert classify_due(due, now, limits) is due_status(due, now, window_days, tz(zone))


@PROPERTY
@given(
    progresses=st.lists(
        st.tuples(
            st.sampled_from([Stage.INTERVIEWED, Stage.THANKED, Stage.FOLLOWED_UP]),
            instants,
            st.integers(min_value=0, max_value=3),
        ),
        min_size=1,
        max_size=25,
    ),
    zone=st.sampled_from(AWKWARD_ZONES),
    window_days=st.integers(min_value=0, max_value=30),
)
def test_property_the_agenda_is_in_due_order_then_id(
    progresses: list[tuple[Stage, DateTime, int]], zone: str, window_days: int
) -> None:
    now = pendulum.datetime(2050, 6, 1, 12, tz=zone)
    summaries = []
    for number, (stage, moment, follow_ups) in enumerate(progresses, start=1):
        progress = Progress(
            stage,
            last_interview_at=moment,
            thanked_at=moment if stage is not Stage.INTERVIEWED else None,
            follow_ups=follow_ups if stage is Stage.FOLLOWED_UP else 0,
            last_follow_up_at=moment if stage is Stage.FOLLOWED_UP and follow_ups else None,
        )
        summaries.append(ApplicationSummary(number, "Acme", "Dev", stage, moment, moment, progress))
    items = build_agenda(summaries, Settings(), now, tz(zone), window_days)
    for before, after in zip(items, items[1:], strict=False):
        assert not after.due < before.due  # the order datetimes themselves give
        if before.due == after.due:
            assert before.application_id < after.application_id
