"""Business days in the user's zone: the clock time is kept; weekends and skip dates are skipped."""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.calendar import (
    add_business_days,
    add_business_days_to_date,
    end_of_local_day,
    is_working_day,
    latest,
)
from postinterview_tui.domain.settings import Settings

from ._support import BERLIN, NEW_YORK, PROPERTY, PROPERTY_ZONES, UTC, at, local_iso, tz

DEFAULT = Settings()
XMAS = Settings(skip_dates=(date(2026, 12, 24), date(2026, 12, 25)))
FRI_SAT_WEEKEND = Settings(weekend_days=(4, 5))
NO_WEEKEND = Settings(weekend_days=())


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "day", "count", "expected"),
    [
        pytest.param(DEFAULT, date(2026, 11, 27), 1, date(2026, 11, 30), id="fri+1=mon"),
        pytest.param(DEFAULT, date(2026, 11, 28), 1, date(2026, 11, 30), id="sat+1=mon"),
        pytest.param(DEFAULT, date(2026, 11, 29), 1, date(2026, 11, 30), id="sun+1=mon"),
        pytest.param(DEFAULT, date(2026, 11, 30), 1, date(2026, 12, 1), id="mon+1=tue"),
        pytest.param(DEFAULT, date(2026, 11, 26), 2, date(2026, 11, 30), id="thu+2=mon"),
        pytest.param(DEFAULT, date(2026, 11, 25), 5, date(2026, 12, 2), id="wed+5=wed"),
        pytest.param(DEFAULT, date(2026, 11, 27), 5, date(2026, 12, 4), id="fri+5=fri"),
        pytest.param(DEFAULT, date(2026, 11, 28), 5, date(2026, 12, 4), id="sat+5=fri"),
        pytest.param(DEFAULT, date(2026, 11, 28), 0, date(2026, 11, 28), id="zero-is-same-day"),
        pytest.param(DEFAULT, date(2026, 12, 31), 1, date(2027, 1, 1), id="year-end"),
        pytest.param(DEFAULT, date(2026, 12, 31), 2, date(2027, 1, 4), id="year-end+2"),
        pytest.param(DEFAULT, date(2028, 2, 28), 1, date(2028, 2, 29), id="leap-day"),
        pytest.param(XMAS, date(2026, 12, 23), 1, date(2026, 12, 28), id="skip-thu-fri"),
        pytest.param(XMAS, date(2026, 12, 23), 3, date(2026, 12, 30), id="skip+3"),
        pytest.param(XMAS, date(2026, 12, 24), 1, date(2026, 12, 28), id="from-skipped-day"),
        pytest.param(
            Settings(skip_dates=(date(2026, 12, 26),)),
            date(2026, 12, 25),
            1,
            date(2026, 12, 28),
            id="skip-on-weekend-counts-once",
        ),
        pytest.param(FRI_SAT_WEEKEND, date(2026, 11, 26), 1, date(2026, 11, 29), id="thu+1=sun"),
        pytest.param(FRI_SAT_WEEKEND, date(2026, 11, 27), 1, date(2026, 11, 29), id="fri+1=sun"),
        pytest.param(NO_WEEKEND, date(2026, 11, 27), 1, date(2026, 11, 28), id="no-weekend"),
        pytest.param(
            Settings(weekend_days=(0, 1, 2, 3, 4, 5)),
            date(2026, 11, 23),
            2,
            date(2026, 12, 6),
            id="only-sundays",
        ),
    ],
)
def test_add_business_days_to_date(
    settings: Settings, day: date, count: int, expected: date
) -> None:
    assert add_business_days_to_date(day, count, settings) == expected


def test_add_business_days_to_date_without_any_working_day_raises() -> None:
    every_day = Settings(weekend_days=(0, 1, 2, 3, 4, 5, 6))
    with pytest.raises(ValueError, match="no working days"):
        add_business_days_to_date(date(2026, 11, 27), 1, every_day)


def test_add_business_days_to_date_when_skip_dates_block_a_long_stretch_raises() -> None:
    year = tuple(date(2027, 1, 1) + timedelta(days=offset) for offset in range(800))
    blocked = Settings(skip_dates=year)
    with pytest.raises(ValueError, match="no working days"):
        add_business_days_to_date(date(2026, 12, 31), 1, blocked)


@pytest.mark.parametrize(
    ("day", "settings", "expected"),
    [
        (date(2026, 11, 30), DEFAULT, True),
        (date(2026, 11, 27), DEFAULT, True),
        (date(2026, 11, 28), DEFAULT, False),
        (date(2026, 11, 29), DEFAULT, False),
        (date(2026, 12, 24), XMAS, False),
        (date(2026, 12, 23), XMAS, True),
        (date(2026, 11, 27), FRI_SAT_WEEKEND, False),
        (date(2026, 11, 29), FRI_SAT_WEEKEND, True),
        (date(2026, 11, 28), NO_WEEKEND, True),
    ],
)
def test_is_working_day(day: date, settings: Settings, expected: bool) -> None:
    assert is_working_day(day, settings) is expected


# --- instants -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "moment", "count", "expected"),
    [
        pytest.param(
            BERLIN, at(BERLIN, 2026, 11, 27, 15, 30), 1, "2026-11-30T15:30:00+01:00", id="fri"
        ),
        pytest.param(
            NEW_YORK, at(NEW_YORK, 2026, 11, 28, 9), 1, "2026-11-30T09:00:00-05:00", id="sat"
        ),
        pytest.param(
            UTC, at(UTC, 2026, 11, 25, 23, 59, 59), 5, "2026-12-02T23:59:59+00:00", id="utc"
        ),
        # Friday 21:00 in New York is already Saturday in UTC: the local date decides.
        pytest.param(
            NEW_YORK,
            at(NEW_YORK, 2026, 11, 27, 21),
            1,
            "2026-11-30T21:00:00-05:00",
            id="ny-fri-eve",
        ),
        pytest.param(
            UTC, at(NEW_YORK, 2026, 11, 27, 21), 1, "2026-11-30T02:00:00+00:00", id="same-in-utc"
        ),
        # DST: the local clock time stays, so the elapsed time is not a whole number of days.
        pytest.param(
            BERLIN, at(BERLIN, 2026, 3, 27, 10), 1, "2026-03-30T10:00:00+02:00", id="berlin-spring"
        ),
        pytest.param(
            BERLIN, at(BERLIN, 2026, 10, 23, 10), 1, "2026-10-26T10:00:00+01:00", id="berlin-autumn"
        ),
        pytest.param(
            NEW_YORK, at(NEW_YORK, 2026, 3, 6, 9), 1, "2026-03-09T09:00:00-04:00", id="ny-spring"
        ),
        pytest.param(
            NEW_YORK, at(NEW_YORK, 2026, 10, 30, 9), 1, "2026-11-02T09:00:00-05:00", id="ny-autumn"
        ),
    ],
)
def test_add_business_days_keeps_local_clock_time(
    zone: str, moment: pendulum.DateTime, count: int, expected: str
) -> None:
    result = add_business_days(moment, count, DEFAULT, tz(zone))
    assert local_iso(result, zone) == expected


def test_add_business_days_across_spring_forward_is_one_hour_short_of_whole_days() -> None:
    start = at(BERLIN, 2026, 3, 27, 10)
    result = add_business_days(start, 1, DEFAULT, tz(BERLIN))
    assert result - start == timedelta(hours=71)


def test_add_business_days_moves_a_time_in_a_dst_gap_forward_past_the_gap() -> None:
    # With no weekend, Saturday 02:30 + 1 lands on Sunday 2026-03-29 02:30, which Berlin skips.
    result = add_business_days(at(BERLIN, 2026, 3, 28, 2, 30), 1, NO_WEEKEND, tz(BERLIN))
    assert local_iso(result, BERLIN) == "2026-03-29T03:30:00+02:00"


def test_add_business_days_skips_skip_dates_in_local_time() -> None:
    result = add_business_days(at(BERLIN, 2026, 12, 23, 9), 1, XMAS, tz(BERLIN))
    assert local_iso(result, BERLIN) == "2026-12-28T09:00:00+01:00"


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        (BERLIN, date(2026, 11, 30), "2026-11-30T23:59:59+01:00"),
        (BERLIN, date(2026, 3, 29), "2026-03-29T23:59:59+02:00"),
        (NEW_YORK, date(2026, 11, 1), "2026-11-01T23:59:59-05:00"),
        (NEW_YORK, date(2026, 3, 8), "2026-03-08T23:59:59-04:00"),
        (UTC, date(2099, 12, 31), "2099-12-31T23:59:59+00:00"),
    ],
)
def test_end_of_local_day(zone: str, day: date, expected: str) -> None:
    assert local_iso(end_of_local_day(day, tz(zone)), zone) == expected


def test_latest_compares_instants_and_ignores_none() -> None:
    utc_midnight = at(UTC, 2026, 11, 1)
    berlin_half_past = at(BERLIN, 2026, 11, 1, 0, 30)  # 2026-10-31 23:30 UTC: the earlier one
    assert latest([None, berlin_half_past, None, utc_midnight]) == utc_midnight
    assert latest([berlin_half_past, None]) == berlin_half_past
    assert latest([None, None]) is None
    assert latest([]) is None


# --- DST gaps that cross local midnight: the result must stay on a working day --------------------

SUNDAY_ONLY_WEEKEND = Settings(weekend_days=(6,))


@pytest.mark.parametrize(
    ("zone", "moment", "settings"),
    [
        # Greenland skips the last Saturday of March 23:00-24:00 (every year since 2024);
        # with only Sunday as weekend, Fri 23:30 + 1 = Sat 23:30, which becomes Sun 00:30.
        pytest.param(
            "America/Nuuk",
            at("America/Nuuk", 2026, 3, 27, 23, 30),
            SUNDAY_ONLY_WEEKEND,
            id="nuuk-2026-saturday-evening-gap",
        ),
        # Bangladesh skipped Friday 2009-06-19 23:00-24:00: Thu 23:30 + 1 became Sat 00:30.
        pytest.param("Asia/Dhaka", at("Asia/Dhaka", 2009, 6, 18, 23, 30), DEFAULT, id="dhaka-2009"),
        # Samoa skipped Friday 2011-12-30 entirely: Thu 10:00 + 1 became Sat 10:00.
        pytest.param("Pacific/Apia", at("Pacific/Apia", 2011, 12, 29, 10), DEFAULT, id="apia-2011"),
    ],
)
def test_add_business_days_never_lands_on_a_weekend_when_the_evening_is_skipped(
    zone: str, moment: pendulum.DateTime, settings: Settings
) -> None:
    result = add_business_days(moment, 1, settings, tz(zone)).in_timezone(zone)
    assert result.date() > moment.in_timezone(zone).date()
    assert result.weekday() not in settings.weekend_days


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        pytest.param("America/Nuuk", date(2026, 3, 28), id="nuuk-2026"),
        pytest.param("Asia/Dhaka", date(2009, 6, 19), id="dhaka-2009"),
    ],
)
def test_end_of_local_day_stays_on_its_day_when_the_evening_is_skipped(
    zone: str, day: date
) -> None:
    result = end_of_local_day(day, tz(zone)).in_timezone(zone)
    assert result.date() == day


# --- properties -----------------------------------------------------------------------------------

instants = st.datetimes(
    min_value=pendulum.datetime(2000, 1, 2).naive(),
    max_value=pendulum.datetime(2099, 11, 30).naive(),
).map(lambda naive: pendulum.instance(naive, tz="UTC"))
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 11, 30))
weekend_sets = st.sets(st.integers(min_value=0, max_value=6), max_size=5).map(
    lambda days_: tuple(sorted(days_))
)
skip_date_sets = st.lists(days, max_size=20).map(lambda items: tuple(sorted(set(items))))


@PROPERTY
@given(day=days, count=st.integers(min_value=1, max_value=30), weekend=weekend_sets, data=st.data())
def test_property_add_business_days_to_date_counts_exactly_the_working_days(
    day: date, count: int, weekend: tuple[int, ...], data: st.DataObject
) -> None:
    near = st.dates(min_value=day, max_value=day + timedelta(days=60))
    skips = tuple(sorted(set(data.draw(st.lists(near, max_size=15)))))
    settings = Settings(weekend_days=weekend, skip_dates=skips)
    result = add_business_days_to_date(day, count, settings)
    assert result > day
    assert result.weekday() not in weekend
    assert result not in skips
    between = [day + timedelta(days=n) for n in range(1, (result - day).days + 1)]
    working = [d for d in between if d.weekday() not in weekend and d not in skips]
    assert len(working) == count
    assert working[-1] == result


@PROPERTY
@given(
    moment=instants,
    zone=st.sampled_from(PROPERTY_ZONES),
    count=st.integers(min_value=1, max_value=20),
    skip_dates=skip_date_sets,
)
def test_property_add_business_days_lands_on_a_later_local_working_day(
    moment: pendulum.DateTime, zone: str, count: int, skip_dates: tuple[date, ...]
) -> None:
    settings = Settings(skip_dates=skip_dates)
    local = moment.in_timezone(zone)
    result = add_business_days(moment, count, settings, tz(zone)).in_timezone(zone)
    assert result.date() > local.date()
    assert result.weekday() not in (5, 6)
    assert result.date() not in skip_dates
    expected_day = local.date()
    remaining = count
    while remaining:
        expected_day += timedelta(days=1)
        if expected_day.weekday() < 5 and expected_day not in skip_dates:
            remaining -= 1
    assert result.date() == expected_day
    wall = pendulum.datetime(
        expected_day.year,
        expected_day.month,
        expected_day.day,
        local.hour,
        local.minute,
        local.second,
        tz=zone,
    )
    if (wall.hour, wall.minute, wall.second) == (local.hour, local.minute, local.second):
        # The clock time exists on that day: it is kept exactly.
        assert (result.hour, result.minute, result.second) == (
            local.hour,
            local.minute,
            local.second,
        )


@PROPERTY
@given(day=days, zone=st.sampled_from(PROPERTY_ZONES))
def test_property_end_of_local_day_is_on_that_day(day: date, zone: str) -> None:
    result = end_of_local_day(day, tz(zone)).in_timezone(zone)
    assert result.date() == day
    assert (result + timedelta(seconds=1)).in_timezone(zone).date() > day
