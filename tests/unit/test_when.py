"""Reading typed dates and times: local wall-clock times, relative forms, and what is refused."""

from __future__ import annotations

import zoneinfo
from datetime import UTC as STDLIB_UTC
from datetime import date, datetime, timedelta

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from postinterview_tui.domain.when import WhenError, parse_day, parse_when

from ._support import BERLIN, NEW_YORK, PROPERTY, UTC, at, local_iso, tz

B, N, U = BERLIN, NEW_YORK, UTC
# Saturday 28 November 2026, 10:00 local in each zone.
NOW_B = at(B, 2026, 11, 28, 10)
NOW_N = at(N, 2026, 11, 28, 10)
NOW_U = at(U, 2026, 11, 28, 10)


@pytest.mark.parametrize(
    ("zone", "now", "text", "expected"),
    [
        # dates and local times
        pytest.param(B, NOW_B, "2026-03-02", "2026-03-02T12:00:00+01:00", id="date-noon-winter"),
        pytest.param(B, NOW_B, "2026-07-02", "2026-07-02T12:00:00+02:00", id="date-noon-summer"),
        pytest.param(N, NOW_N, "2026-03-02 09:15", "2026-03-02T09:15:00-05:00", id="space"),
        pytest.param(B, NOW_B, "2026-03-02T09:15", "2026-03-02T09:15:00+01:00", id="iso-local"),
        pytest.param(B, NOW_B, "2026-03-02T09:15:30", "2026-03-02T09:15:30+01:00", id="seconds"),
        pytest.param(B, NOW_B, " 2026-03-02 09:15 ", "2026-03-02T09:15:00+01:00", id="padded"),
        pytest.param(B, NOW_B, "2026-03-29", "2026-03-29T12:00:00+02:00", id="dst-day-noon"),
        pytest.param(B, NOW_B, "2026-03-29 03:00", "2026-03-29T03:00:00+02:00", id="after-gap"),
        pytest.param(B, NOW_B, "2026-03-29 01:59", "2026-03-29T01:59:00+01:00", id="before-gap"),
        pytest.param(N, NOW_N, "2026-03-08 03:30", "2026-03-08T03:30:00-04:00", id="ny-after-gap"),
        pytest.param(B, NOW_B, "2028-02-29", "2028-02-29T12:00:00+01:00", id="leap-day"),
        pytest.param(U, NOW_U, "2000-01-01 00:00", "2000-01-01T00:00:00+00:00", id="first-year"),
        pytest.param(U, NOW_U, "2099-12-31 23:59", "2099-12-31T23:59:00+00:00", id="last-year"),
        # ISO 8601 with an offset: an exact instant, shown in the user's zone
        pytest.param(U, NOW_U, "2026-03-02T09:15Z", "2026-03-02T09:15:00+00:00", id="z-utc"),
        pytest.param(B, NOW_B, "2026-03-02T09:15Z", "2026-03-02T10:15:00+01:00", id="z-berlin"),
        pytest.param(
            N, NOW_N, "2026-03-02T09:15+01:00", "2026-03-02T03:15:00-05:00", id="offset-to-ny"
        ),
        pytest.param(
            B, NOW_B, "2026-03-02T09:15:00-0330", "2026-03-02T13:45:00+01:00", id="offset-no-colon"
        ),
        pytest.param(
            B, NOW_B, "2026-03-29T02:30+01:00", "2026-03-29T03:30:00+02:00", id="offset-in-gap-ok"
        ),
        # words
        pytest.param(B, NOW_B, "now", "2026-11-28T10:00:00+01:00", id="now"),
        pytest.param(B, NOW_B, "NOW", "2026-11-28T10:00:00+01:00", id="now-upper"),
        # a bare "today" before noon is now: noon would be in the future
        pytest.param(B, NOW_B, "today", "2026-11-28T10:00:00+01:00", id="today"),
        pytest.param(B, NOW_B, "2026-11-28", "2026-11-28T10:00:00+01:00", id="today-as-date"),
        pytest.param(
            B, at(B, 2026, 11, 28, 15), "today", "2026-11-28T12:00:00+01:00", id="today-afternoon"
        ),
        pytest.param(B, NOW_B, "yesterday", "2026-11-27T12:00:00+01:00", id="yesterday"),
        pytest.param(B, NOW_B, "  Tomorrow ", "2026-11-29T12:00:00+01:00", id="tomorrow"),
        # "today" is the user's local date, not UTC's: Sat 02:00 UTC is still Friday in New York
        pytest.param(
            N, at(U, 2026, 11, 28, 2), "today", "2026-11-27T12:00:00-05:00", id="today-ny"
        ),
        pytest.param(
            U, at(U, 2026, 11, 28, 2), "today", "2026-11-28T02:00:00+00:00", id="today-utc"
        ),
        # relative
        pytest.param(B, NOW_B, "+2h", "2026-11-28T12:00:00+01:00", id="+2h"),
        pytest.param(B, NOW_B, "-2d", "2026-11-26T10:00:00+01:00", id="-2d"),
        pytest.param(B, NOW_B, "3d", "2026-12-01T10:00:00+01:00", id="3d-unsigned"),
        pytest.param(B, NOW_B, "+1w", "2026-12-05T10:00:00+01:00", id="+1w"),
        pytest.param(B, NOW_B, "-0h", "2026-11-28T10:00:00+01:00", id="-0h"),
        pytest.param(B, NOW_B, "+2 D", "2026-11-30T10:00:00+01:00", id="space-and-case"),
        # relative across DST: hours are elapsed time, days keep the clock time
        pytest.param(
            B, at(B, 2026, 3, 28, 10), "+24h", "2026-03-29T11:00:00+02:00", id="+24h-across-dst"
        ),
        pytest.param(
            B, at(B, 2026, 3, 28, 10), "+1d", "2026-03-29T10:00:00+02:00", id="+1d-across-dst"
        ),
        pytest.param(
            N, at(N, 2026, 10, 31, 10), "+24h", "2026-11-01T09:00:00-05:00", id="+24h-fall-back"
        ),
    ],
)
def test_parse_when_accepts(zone: str, now: pendulum.DateTime, text: str, expected: str) -> None:
    result = parse_when(text, now, tz(zone))
    assert local_iso(result, zone) == expected
    assert result.timezone_name == zone  # the result is in the user's zone


@pytest.mark.parametrize(
    ("zone", "text", "fragment"),
    [
        pytest.param(B, "", "empty", id="empty"),
        pytest.param(B, "   ", "empty", id="blank"),
        pytest.param(B, "2025-02-30", "not a real date", id="feb-30"),
        pytest.param(B, "2026-02-29", "not a real date", id="feb-29-non-leap"),
        pytest.param(B, "2026-13-01", "not a real date", id="month-13"),
        pytest.param(B, "2026-00-10", "not a real date", id="month-0"),
        pytest.param(B, "2026-04-31 10:00", "not a real date", id="april-31"),
        pytest.param(B, "2026-03-29 02:30", "daylight saving", id="berlin-gap"),
        pytest.param(B, "2026-03-29 02:00", "daylight saving", id="berlin-gap-start"),
        pytest.param(B, "2026-03-29T02:59:59", "daylight saving", id="berlin-gap-end"),
        pytest.param(N, "2026-03-08 02:30", "daylight saving", id="ny-gap"),
        pytest.param(N, "2026-03-08T02:00", "daylight saving", id="ny-gap-iso"),
        pytest.param(B, "1999-12-31", "2000", id="year-1999"),
        pytest.param(B, "1999-12-31 23:59", "2000", id="year-1999-time"),
        pytest.param(B, "2100-01-01", "2099", id="year-2100"),
        pytest.param(B, "0000-01-01", "2000", id="year-0"),
        pytest.param(B, "+9999w", "2099", id="relative-past-2099"),
        pytest.param(B, "-9999w", "2000", id="relative-before-2000"),
        pytest.param(B, "2026-03-02 24:00", "not a valid time", id="hour-24"),
        pytest.param(B, "2026-03-02 12:60", "not a valid time", id="minute-60"),
        pytest.param(B, "2026-03-02T12:00:60", "not a valid time", id="second-60"),
        pytest.param(B, "2026-03-02Z", "without a time", id="date-with-z"),
        pytest.param(B, "2026-03-02+01:00", "without a time", id="date-with-offset"),
        pytest.param(B, "2026-03-02T10:00+25:00", "offset", id="offset-25h"),
        pytest.param(B, "next tuesday", "cannot read", id="words"),
        pytest.param(B, "garbage", "cannot read", id="garbage"),
        pytest.param(B, "2026/03/02", "cannot read", id="slashes"),
        pytest.param(B, "02.03.2026", "cannot read", id="dotted"),
        pytest.param(B, "2026-3-2", "cannot read", id="single-digits"),
        pytest.param(B, "26-03-02", "cannot read", id="two-digit-year"),
        pytest.param(B, "+5x", "cannot read", id="unknown-unit"),
        pytest.param(B, "+10000d", "cannot read", id="five-digit-count"),
        pytest.param(B, "+d", "cannot read", id="no-count"),
        pytest.param(B, "now!", "cannot read", id="now-bang"),
        pytest.param(B, "tomorrow 10:00", "cannot read", id="word-and-time"),
        pytest.param(B, "2026-03-02 10:00 Europe/Paris", "cannot read", id="zone-name"),
        pytest.param(B, "2026-03-02\x0010:00", "cannot read", id="nul"),
    ],
)
def test_parse_when_refuses(zone: str, text: str, fragment: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, at(zone, 2026, 11, 28, 10), tz(zone))
    assert fragment in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_when_error_is_a_value_error() -> None:
    assert issubclass(WhenError, ValueError)


def test_gap_message_names_the_zone() -> None:
    with pytest.raises(WhenError, match="Europe/Berlin"):
        parse_when("2026-03-29 02:30", NOW_B, tz(B))


@pytest.mark.parametrize(
    ("zone", "text"),
    [(B, "2026-10-25 02:30"), (N, "2026-11-01 01:30"), (N, "2026-11-01T01:00:00")],
)
def test_parse_when_accepts_an_ambiguous_fall_back_time_at_that_wall_clock(
    zone: str, text: str
) -> None:
    result = parse_when(text, NOW_B, tz(zone)).in_timezone(zone)
    assert result.strftime("%Y-%m-%d %H:%M") == text.replace("T", " ")[:16]


@pytest.mark.parametrize(
    ("zone", "now", "text", "expected"),
    [
        pytest.param(B, NOW_B, "2026-12-04", date(2026, 12, 4), id="date"),
        pytest.param(B, NOW_B, "2026-12-04 23:30", date(2026, 12, 4), id="date-time"),
        pytest.param(B, NOW_B, "tomorrow", date(2026, 11, 29), id="tomorrow"),
        pytest.param(B, NOW_B, "today", date(2026, 11, 28), id="today"),
        pytest.param(B, NOW_B, "+1w", date(2026, 12, 5), id="+1w"),
        pytest.param(B, NOW_B, "+14h", date(2026, 11, 29), id="+14h-next-day"),
        # an instant elsewhere is read as the user's local date
        pytest.param(
            B, NOW_B, "2026-12-04T23:30-05:00", date(2026, 12, 5), id="offset-next-day-local"
        ),
        pytest.param(N, at(U, 2026, 11, 28, 2), "today", date(2026, 11, 27), id="today-ny"),
    ],
)
def test_parse_day(zone: str, now: pendulum.DateTime, text: str, expected: date) -> None:
    assert parse_day(text, now, tz(zone)) == expected


@pytest.mark.parametrize("text", ["2025-02-30", "2026-03-29 02:30", "1999-01-01", "soon", ""])
def test_parse_day_refuses_what_parse_when_refuses(text: str) -> None:
    with pytest.raises(WhenError):
        parse_day(text, NOW_B, tz(B))


# --- properties ----------------------------------------------------------------------------------

PARSE_ZONES = (B, N, U, "Europe/London", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Tehran")


def _in_gap(day: date, hour: int, minute: int, zone: str) -> bool:
    """True when the wall time does not exist in ``zone`` (independent check via zoneinfo)."""
    wall = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))
    back = wall.astimezone(STDLIB_UTC).astimezone(zoneinfo.ZoneInfo(zone))
    return back.replace(tzinfo=None) != wall.replace(tzinfo=None)


@PROPERTY
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    zone=st.sampled_from(PARSE_ZONES),
    separator=st.sampled_from([" ", "T"]),
)
def test_property_local_date_time_round_trips_or_is_refused_in_a_gap(
    day: date, hour: int, minute: int, zone: str, separator: str
) -> None:
    text = f"{day.isoformat()}{separator}{hour:02}:{minute:02}"
    if _in_gap(day, hour, minute, zone):
        with pytest.raises(WhenError):
            parse_when(text, NOW_U, tz(zone))
        return
    result = parse_when(text, NOW_U, tz(zone)).in_timezone(zone)
    assert (result.date(), result.hour, result.minute, result.second) == (day, hour, minute, 0)


@PROPERTY
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    zone=st.sampled_from(PARSE_ZONES),
)
@example(day=date(2026, 11, 28), zone="Europe/Berlin")  # today, before noon there
def test_property_date_only_is_local_noon(day: date, zone: str) -> None:
    # Noon, except today while noon is still to come: then now (never a time in the future).
    result = parse_when(day.isoformat(), NOW_U, tz(zone)).in_timezone(zone)
    local_now = NOW_U.in_timezone(zone)
    if day == local_now.date() and local_now.hour < 12:
        assert result == local_now
    else:
        assert (result.date(), result.hour, result.minute) == (day, 12, 0)
    assert parse_day(day.isoformat(), NOW_U, tz(zone)) == day


@PROPERTY
@given(
    amount=st.integers(min_value=-500, max_value=500),
    unit=st.sampled_from(["h", "d", "w"]),
    zone=st.sampled_from(PARSE_ZONES),
)
def test_property_relative_hours_are_elapsed_and_days_keep_the_clock(
    amount: int, unit: str, zone: str
) -> None:
    now = at(zone, 2026, 6, 15, 9, 30)
    result = parse_when(f"{amount:+d}{unit}", now, tz(zone))
    if unit == "h":
        assert result - now == timedelta(hours=amount)
    else:
        days = amount * (7 if unit == "w" else 1)
        local = result.in_timezone(zone)
        assert local.date() == date(2026, 6, 15) + timedelta(days=days)
        if not _in_gap(local.date(), 9, 30, zone):
            assert (local.hour, local.minute) == (9, 30)
