"""Converting instants to and from the text stored in the database (UTC, whole seconds)."""

from __future__ import annotations

from datetime import date, datetime

import pendulum
from pendulum import DateTime

_UTC = pendulum.UTC


def to_text(moment: DateTime) -> str:
    """An instant as stored: UTC, RFC 3339, whole seconds."""
    utc = moment.in_timezone(_UTC)
    return (
        f"{utc.year:04}-{utc.month:02}-{utc.day:02}"
        f"T{utc.hour:02}:{utc.minute:02}:{utc.second:02}+00:00"
    )


def optional_to_text(moment: DateTime | None) -> str | None:
    """Like :func:`to_text`, passing ``None`` through."""
    return None if moment is None else to_text(moment)


def from_text(text: str) -> DateTime:
    """Read a stored instant (fast: this runs for every row the board loads)."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is not None and parsed.utcoffset():
        return pendulum.instance(parsed).in_timezone(_UTC)
    return DateTime(
        parsed.year,
        parsed.month,
        parsed.day,
        parsed.hour,
        parsed.minute,
        parsed.second,
        tzinfo=_UTC,
    )


def optional_from_text(text: str | None) -> DateTime | None:
    """Like :func:`from_text`, passing ``None`` through."""
    return None if text is None else from_text(text)


def optional_date(text: str | None) -> date | None:
    """Read a stored ``YYYY-MM-DD`` date."""
    return None if text is None else date.fromisoformat(text)


def truncate(moment: DateTime) -> DateTime:
    """Drop sub-second precision, which is never stored."""
    return moment.replace(microsecond=0)
