"""Names of days and months, and the short date a card or a row shows ("Tue 24 Nov").

Apart from :mod:`.wording` so that the rules can word a date into an item's detail (wording
imports the rules' action kinds)."""

from __future__ import annotations

from datetime import date

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""Weekday names as pendulum's ``format("dddd")`` writes them in English (a test checks).

The first ``format()`` call loads pendulum's locale files, a few milliseconds of every
``today`` run; like every other phrase here, these words are English."""


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names as pendulum's ``format("MMMM")`` writes them in English (a test checks)."""


def short_date(day: date) -> str:
    """A date in the fewest words that still say the day: "Tue 24 Nov"."""
    return f"{DAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_NAMES[day.month - 1][:3]}"
