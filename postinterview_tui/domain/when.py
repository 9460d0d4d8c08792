"""Reading the dates and times people type: ``2026-03-02``, ``tomorrow``, ``-2d``, ISO 8601.

pendulum reads naive ISO strings as UTC and silently moves times that fall in a DST gap, so
this small grammar reads local wall-clock times itself and refuses what does not exist.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pendulum
from pendulum import DateTime, Timezone

from postinterview_tui.domain.text import quoted
from postinterview_tui.domain.validation import EARLIEST_YEAR as MIN_YEAR
from postinterview_tui.domain.validation import LATEST_YEAR as MAX_YEAR

DATE_ONLY_HOUR = 12

_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d{1,9})?)?)?"
    r"\s*(?P<tz>Z|z|[+-]\d{2}(?::?\d{2})?)?$",
    re.ASCII,
)
_RELATIVE = re.compile(r"^(?P<sign>[+-]?)(?P<n>\d{1,4})\s*(?P<unit>[hdw])$", re.ASCII)
_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1}
FORMATS_HELP = (
    "use YYYY-MM-DD, YYYY-MM-DD HH:MM, ISO 8601, now, today, yesterday, tomorrow or ±N{h,d,w}"
)


class WhenError(ValueError):
    """Text that is not a usable date or time; the message is meant for the user."""


def parse_when(text: str, now: DateTime, zone: Timezone) -> DateTime:
    """Read an event time.

    A date without a time means 12:00 local on that date (or now, if that is today and noon
    has not come yet); a time without an offset is local.

    Args:
        text: what the user typed.
        now: the current instant (for ``now``, ``tomorrow``, ``-2d``...).
        zone: the user's time zone.

    Returns:
        The instant, in ``zone``.

    Raises:
        WhenError: unreadable, impossible (``2025-02-30``), in a DST gap, or outside 2000-2099.
    """
    cleaned = text.strip().lower()
    if not cleaned:
        raise WhenError(f"empty date; {FORMATS_HELP}")
    local_now = now.in_timezone(zone)
    if cleaned == "now":
        return local_now
    if cleaned in _WORDS:
        word_day: date = local_now.date() + timedelta(days=_WORDS[cleaned])
        return _bare_date(word_day, local_now, zone, text)
    relative = _RELATIVE.match(cleaned)
    if relative:
        amount = int(relative["n"]) * (-1 if relative["sign"] == "-" else 1)
        unit = relative["unit"]
        if unit == "h":
            result = local_now.add(hours=amount)
        elif unit == "d":
            result = local_now.add(days=amount)
        else:
            result = local_now.add(weeks=amount)
        _check_year(result.year, text)
        return result
    match = _ISO.match(text.strip())
    if not match:
        raise WhenError(f"cannot read {quoted(text)} as a date; {FORMATS_HELP}")
    day = _checked_date(int(match["y"]), int(match["m"]), int(match["d"]), text)
    if match["H"] is None:
        if match["tz"]:
            raise WhenError(f"{quoted(text)}: a date without a time cannot carry an offset")
        return _bare_date(day, local_now, zone, text)
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise WhenError(f"{quoted(text)} is not a valid time of day")
    if match["tz"]:
        offset = match["tz"].upper()
        tz_text = "+00:00" if offset == "Z" else offset
        try:
            moment = pendulum.parse(f"{day.isoformat()}T{hour:02}:{minute:02}:{second:02}{tz_text}")
        except (ValueError, pendulum.parsing.exceptions.ParserError):
            raise WhenError(f"{quoted(text)} has an offset that cannot be read") from None
        assert isinstance(moment, DateTime)
        local = moment.in_timezone(zone)
        _check_year(local.year, text)
        return local
    return _checked_local(day, hour, minute, second, zone, text)


def parse_day(text: str, now: DateTime, zone: Timezone) -> date:
    """Read a date (for decision dates): any WHEN form, keeping only its local date.

    Raises:
        WhenError: as :func:`parse_when`.
    """
    return parse_when(text, now, zone).in_timezone(zone).date()


def _bare_date(day: date, local_now: DateTime, zone: Timezone, text: str) -> DateTime:
    """A date typed without a time: noon, or now when it is today and noon is still to come.

    "Interviewed today" typed at 08:00 is a past interview; recording it at noon would put
    it in the future and make every due date after it start late.
    """
    moment = _checked_local(day, DATE_ONLY_HOUR, 0, 0, zone, text)
    if day == local_now.date() and moment > local_now:
        return local_now
    return moment


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise WhenError(f"{quoted(text)}: the year must be between {MIN_YEAR} and {MAX_YEAR}")


def _checked_date(year: int, month: int, day: int, text: str) -> date:
    _check_year(year, text)
    try:
        return date(year, month, day)
    except ValueError:
        raise WhenError(f"{quoted(text)} is not a real date") from None


def _checked_local(
    day: date, hour: int, minute: int, second: int, zone: Timezone, text: str
) -> DateTime:
    moment = pendulum.datetime(day.year, day.month, day.day, hour, minute, second, tz=zone)
    wall = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    if wall != (day.year, day.month, day.day, hour, minute, second):
        raise WhenError(
            f"{quoted(text)} does not exist in {zone.name}: "
            "the clocks skip that hour (daylight saving)"
        )
    return moment
