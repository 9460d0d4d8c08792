"""The current time and zone, read from the environment once per command.

``POSTINTERVIEW_NOW`` (RFC 3339) fixes "now" for demos and tests; ``TZ`` picks the zone.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pendulum
from pendulum import DateTime, Timezone

NOW_ENV = "POSTINTERVIEW_NOW"

Clock = Callable[[], DateTime]


class ClockError(ValueError):
    """``POSTINTERVIEW_NOW`` or ``TZ`` cannot be read."""


def local_zone() -> Timezone:
    """The zone named by ``TZ`` if it is a known zone, else the system zone."""
    name = os.environ.get("TZ", "").strip().lstrip(":")
    if name:
        try:
            return pendulum.timezone(name)  # type: ignore[return-value]
        except Exception:
            raise ClockError(f"TZ={name!r} is not a known time zone") from None
    zone = pendulum.local_timezone()
    return zone if isinstance(zone, Timezone) else pendulum.UTC


def make_clock(zone: Timezone) -> Clock:
    """A clock in ``zone``: frozen at ``POSTINTERVIEW_NOW`` when that is set, else the real time."""
    fixed = os.environ.get(NOW_ENV, "").strip()
    if not fixed:
        return lambda: pendulum.now(zone)
    try:
        parsed = pendulum.parse(fixed)
    except Exception:
        raise ClockError(f"{NOW_ENV}={fixed!r} is not an RFC 3339 time") from None
    if not isinstance(parsed, DateTime):
        raise ClockError(f"{NOW_ENV}={fixed!r} is not an RFC 3339 time")
    frozen = parsed.in_timezone(zone)
    return lambda: frozen
