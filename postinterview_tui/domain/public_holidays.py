"""Public holidays of the user's country (``rules.holidays``), from the ``holidays`` package.

The package is plain Python (no I/O), so the domain may call it; but importing it costs about
60 ms and building the first country about 55 ms more. Nothing here imports it at module level:
it is imported only when a non-empty code is read or asked about, so a user who never set
``rules.holidays`` never pays for it (``postinterview today`` included).
"""

from __future__ import annotations

from datetime import date
from functools import cache

EXAMPLES = "like US, DE-BY or GB-SCT"


def parse_holidays_code(key: str, text: str) -> str:
    """The setting's text as a country code with an optional subdivision (``"DE-BY"``).

    Empty text means no public holidays and is accepted without importing the package. Any
    other value must be a country, and subdivision, in the package's own list.

    Raises:
        ValueError: an unknown country or subdivision, in one line saying what is accepted.
    """
    code = text.strip().upper()
    if not code:
        return ""
    country, dash, subdivision = code.partition("-")
    supported = _supported()
    if country not in supported or (dash and not subdivision):
        raise ValueError(f"{key}: {text.strip()!r} is not a country code it knows ({EXAMPLES})")
    if not subdivision:
        return country
    known = supported[country]
    # The package's names are mostly upper-case codes, a few are words ("Augsburg").
    by_upper = {name.upper(): name for name in known}
    if subdivision not in by_upper:
        if not known:
            raise ValueError(f"{key}: {country} has no subdivisions; use {country} alone")
        raise ValueError(
            f"{key}: {subdivision!r} is not a subdivision of {country} "
            f"(known: {', '.join(sorted(known))})"
        )
    return f"{country}-{by_upper[subdivision]}"


def is_public_holiday(day: date, code: str) -> bool:
    """True when ``day`` is a public holiday for a code :func:`parse_holidays_code` accepted.

    An empty code has no holidays and imports nothing.
    """
    return bool(code) and day in _year(code, day.year)


def holidays_data_version() -> str:
    """The ``holidays`` package's version: which holidays it knows (imports it; call it only
    when a code is set)."""
    import holidays

    return str(getattr(holidays, "__version__", "unknown"))


@cache
def _year(code: str, year: int) -> frozenset[date]:
    # One frozen set per year: nothing shared is filled in lazily, so threads may ask at once.
    import holidays

    country, _, subdivision = code.partition("-")
    found = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    return frozenset(found.keys())


@cache
def _supported() -> dict[str, list[str]]:
    import holidays

    supported: dict[str, list[str]] = holidays.list_supported_countries()
    return supported
