"""Business-day arithmetic in the user's local time zone.

pendulum has no business days, so this small module adds them: "N business days after T" is the
same local clock time on the Nth working date after T's local date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import pendulum
from pendulum import DateTime, Timezone

from postinterview_tui.domain.settings import Settings

END_OF_DAY = (23, 59, 59)


def is_working_day(day: date, settings: Settings) -> bool:
    """True when ``day`` is neither a weekend day nor a skipped date."""
    return day.weekday() not in settings.weekend_days and day not in settings.skip_dates


def add_business_days_to_date(day: date, count: int, settings: Settings) -> date:
    """The ``count``-th working date after ``day`` (``day`` itself if ``count`` is 0)."""
    # A plain date: pendulum's Date does its arithmetic in Python, many times slower.
    current = date(day.year, day.month, day.day)
    remaining = count
    # A guard against settings that leave no working day at all in a long stretch.
    for _ in range(count * 7 + 400):
        if remaining <= 0:
            return current
        current += timedelta(days=1)
        if is_working_day(current, settings):
            remaining -= 1
    raise ValueError("no working days found: check rules.weekend_days and rules.skip_dates")


def local_datetime(day: date, hour: int, minute: int, second: int, zone: Timezone) -> DateTime:
    """The instant at a local wall-clock time; a time in a DST gap moves forward past the gap,
    but never onto the next day (then it is the last instant of ``day``)."""
    moment = pendulum.datetime(day.year, day.month, day.day, hour, minute, second, tz=zone)
    if moment.date() != day:
        following = day + timedelta(days=1)
        start = pendulum.datetime(following.year, following.month, following.day, tz=zone)
        return start.subtract(seconds=1)
    return moment


def add_business_days(moment: DateTime, count: int, settings: Settings, zone: Timezone) -> DateTime:
    """The same local clock time as ``moment`` on the ``count``-th working date after it."""
    local = moment.in_timezone(zone)
    day = add_business_days_to_date(local.date(), count, settings)
    result = local_datetime(day, local.hour, local.minute, local.second, zone)
    if result.date() == day:
        return result
    while not day_exists(day, zone):
        # A date the zone skipped entirely (Samoa, 30 December 2011) is not a working day.
        day = add_business_days_to_date(day, 1, settings)
    return local_datetime(day, local.hour, local.minute, local.second, zone)


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
