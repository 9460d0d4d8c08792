"""Business-day arithmetic in the user's local time zone.

pendulum has no business days, so this small module adds them: "N business days after T" is the
same local clock time on the Nth working date after T's local date.

The agenda computes a few thousand due dates at a time, so the walk over the calendar is cached:
it depends only on its arguments (the date, the count, the weekend days, the skip dates and the
public holidays' code), so a changed setting is a different key and can never be served a stale
answer. Public holidays come from ``public_holidays``, which imports its package only when
``rules.holidays`` is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

import pendulum
from pendulum import DateTime, Timezone

from postinterview_tui.domain.public_holidays import is_public_holiday
from postinterview_tui.domain.settings import Settings

END_OF_DAY = (23, 59, 59)


def is_working_day(day: date, settings: Settings) -> bool:
    """True when ``day`` is neither a weekend day, a skipped date nor a public holiday."""
    return _is_working(day, settings.weekend_days, settings.skip_dates, settings.holidays)


def _is_working(
    day: date,
    weekend_days: tuple[int, ...],
    skip_dates: tuple[date, ...] | frozenset[date],
    holidays: str,
) -> bool:
    return (
        day.weekday() not in weekend_days
        and day not in skip_dates
        and not is_public_holiday(day, holidays)
    )


def add_business_days_to_date(day: date, count: int, settings: Settings) -> date:
    """The ``count``-th working date after ``day`` (``day`` itself if ``count`` is 0).

    Raises:
        ValueError: the settings leave no working day in a long stretch after ``day``.
    """
    # Only the fields the walk reads are part of the key: changing the theme or the user's
    # name keeps the cache, changing the weekend, the skip dates or the holidays' country cannot
    # reuse an old answer.
    # A plain date: pendulum's Date does its arithmetic in Python, many times slower.
    return _working_date_after(
        date(day.year, day.month, day.day),
        count,
        settings.weekend_days,
        settings.skip_dates,
        settings.holidays,
    )


@lru_cache(maxsize=4096)
def _working_date_after(
    day: date,
    count: int,
    weekend_days: tuple[int, ...],
    skip_dates: tuple[date, ...],
    holidays: str,
) -> date:
    current = day
    remaining = count
    skipped = frozenset(skip_dates)
    # A guard against settings that leave no working day at all in a long stretch.
    for _ in range(count * 7 + 400):
        if remaining <= 0:
            return current
        current += timedelta(days=1)
        if _is_working(current, weekend_days, skipped, holidays):
            remaining -= 1
    raise ValueError(
        "no working days found: check rules.weekend_days, rules.skip_dates and rules.holidays"
    )


def local_datetime(day: date, hour: int, minute: int, second: int, zone: Timezone) -> DateTime:
    """The instant at a local wall-clock time; a time in a DST gap moves forward past the gap,
    but never onto the next day (then it is the last instant of ``day``)."""
    moment = pendulum.datetime(day.year, day.month, day.day, hour, minute, second, tz=zone)
    if _plain_date(moment) != day:
        following = day + timedelta(days=1)
        start = pendulum.datetime(following.year, following.month, following.day, tz=zone)
        return start.subtract(seconds=1)
    return moment


def add_business_days(moment: DateTime, count: int, settings: Settings, zone: Timezone) -> DateTime:
    """The same local clock time as ``moment`` on the ``count``-th working date after it."""
    local = moment.in_timezone(zone)
    day = add_business_days_to_date(local.date(), count, settings)
    result = local_datetime(day, local.hour, local.minute, local.second, zone)
    if _plain_date(result) == day:
        return result
    while not day_exists(day, zone):
        # A date the zone skipped entirely (Samoa, 30 December 2011) is not a working day.
        day = add_business_days_to_date(day, 1, settings)
    return local_datetime(day, local.hour, local.minute, local.second, zone)


def _plain_date(moment: datetime) -> date:
    # The standard library's date(): pendulum's builds a pendulum Date, several times slower.
    return datetime.date(moment)


def day_exists(day: date, zone: Timezone) -> bool:
    """False for a local date that the zone skipped entirely."""
    for hour in (0, 12, 23):
        if pendulum.datetime(day.year, day.month, day.day, hour, tz=zone).date() == day:
            return True
    return False


def end_of_local_day(day: date, zone: Timezone) -> DateTime:
    """23:59:59 local on ``day``: when a due date given only as a date falls."""
    return local_datetime(day, *END_OF_DAY, zone)


def latest(moments: Iterable[DateTime | None]) -> DateTime | None:
    """The latest of the given instants, ignoring ``None``."""
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None
