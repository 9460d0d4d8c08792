"""The current time and zone, read from the environment once per command.

``POSTINTERVIEW_NOW`` (RFC 3339) fixes "now" for demos and tests; ``TZ`` picks the zone in any
form the C library reads: a zone name (``Europe/Berlin``, ``:Europe/Berlin``), a zone file
(``/etc/localtime``, ``:/etc/localtime``) or a POSIX rule (``UTC0``,
``CET-1CEST,M3.5.0,M10.5.0/3``).
A ``TZ`` that cannot be read falls back to the system zone with a warning: a wrong zone shifts
times shown, while refusing to start would lock the user out of their data.
"""

from __future__ import annotations

import io
import os
import struct
import zoneinfo
from collections.abc import Callable
from pathlib import Path

import pendulum
from pendulum import DateTime, Timezone

NOW_ENV = "POSTINTERVIEW_NOW"

Clock = Callable[[], DateTime]


class ClockError(ValueError):
    """``POSTINTERVIEW_NOW`` cannot be read or is outside the years the app accepts."""


def local_zone() -> Timezone:
    """The zone ``TZ`` names, else the system zone (see :func:`read_zone` for the warning)."""
    return read_zone()[0]


def read_zone() -> tuple[Timezone, str | None]:
    """The zone ``TZ`` names, and a warning for the user when ``TZ`` had to be ignored.

    Returns:
        The zone, and ``None`` or one line saying which ``TZ`` was ignored.
    """
    raw = os.environ.get("TZ", "")
    text = raw.strip()
    if not text:
        return system_zone(), None
    zone = zone_from_tz(text)
    if zone is not None:
        return zone, None
    shown = text if len(text) <= 60 else f"{text[:60]}… ({len(text)} characters)"
    fallback = system_zone()
    return fallback, f"TZ={shown!r} is not a time zone; using the system zone ({fallback.name})"


def zone_from_tz(text: str) -> Timezone | None:
    """Read a ``TZ`` value: a zone name, a zone file's path or a POSIX rule (``None``: unusable)."""
    name = text[1:] if text.startswith(":") else text
    if not name or "\x00" in name:
        return None
    if name.startswith("/"):
        return _zone_from_file(Path(name))
    try:
        return pendulum.timezone(name)
    except Exception:  # pendulum raises several kinds for names it cannot find
        pass
    if text.startswith(":"):
        return None
    return _zone_from_rule(name)


def system_zone() -> Timezone:
    """The system's zone, ignoring ``TZ`` (UTC if the system names none)."""
    saved = os.environ.pop("TZ", None)
    try:
        zone = _zone_from_file(Path("/etc/localtime"))
        if zone is None:
            from pendulum.tz.local_timezone import get_local_timezone

            found = get_local_timezone()
            zone = found if isinstance(found, Timezone) else pendulum.UTC
    except Exception:
        zone = pendulum.UTC
    finally:
        if saved is not None:
            os.environ["TZ"] = saved
    return zone


def _zone_from_file(path: Path) -> Timezone | None:
    """A zone file: its name when it links into the zone database, else its own rules."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    for root in zoneinfo.TZPATH:
        try:
            key = resolved.relative_to(Path(root).resolve()).as_posix()
        except (ValueError, OSError):
            continue
        try:
            return pendulum.timezone(key)
        except Exception:
            break
    try:
        with resolved.open("rb") as handle:
            return Timezone.from_file(handle, key=str(path))
    except (OSError, ValueError):
        return None


def _zone_from_rule(rule: str) -> Timezone | None:
    """A POSIX ``TZ`` rule read by the standard library's ``zoneinfo``.

    zoneinfo reads such a rule as the footer of a zone file (RFC 8536); a file holding nothing
    but that footer gives the rule's own zone.
    """
    if not rule.isascii() or not rule.isprintable() or len(rule) > 100:
        return None
    header = b"TZif2" + b"\x00" * 15 + struct.pack(">6l", 0, 0, 0, 0, 1, 4)
    block = header + struct.pack(">lbb", 0, 0, 0) + b"UTC\x00"
    data = block + block + b"\n" + rule.encode("ascii") + b"\n"
    try:
        return Timezone.from_file(io.BytesIO(data), key=rule)
    except Exception:  # zoneinfo refuses a malformed rule with ValueError (or worse)
        return None


def make_clock(zone: Timezone) -> Clock:
    """A clock in ``zone``: frozen at ``POSTINTERVIEW_NOW`` when that is set, else the real time.

    Raises:
        ClockError: ``POSTINTERVIEW_NOW`` is unreadable or outside the years the app accepts.
    """
    from postinterview_tui.domain.validation import FieldError, check_moment

    fixed = os.environ.get(NOW_ENV, "").strip()
    if not fixed:
        return lambda: pendulum.now(zone)
    shown = fixed if len(fixed) <= 60 else f"{fixed[:60]}… ({len(fixed)} characters)"
    try:
        parsed = pendulum.parse(fixed)
    except Exception:
        raise ClockError(f"{NOW_ENV}={shown!r} is not an RFC 3339 time") from None
    if not isinstance(parsed, DateTime):
        raise ClockError(f"{NOW_ENV}={shown!r} is not an RFC 3339 time")
    try:
        check_moment(NOW_ENV, parsed)
    except FieldError as error:
        raise ClockError(str(error)) from None
    frozen = parsed.in_timezone(zone)
    return lambda: frozen
