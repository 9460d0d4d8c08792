"""Names of days and months, and the short date a card or a row shows ("Tue 24 Nov").

Apart from :mod:`.wording` so that the rules can word a date into an item's detail (wording
imports the rules' action kinds)."""

from __future__ import annotations

from datetime import date

DAY_NAMES = tuple(date(2001, 1, day).strftime("%A") for day in range(1, 8))
"""Monday to Sunday, as the standard library formats them (1 January 2001 was a Monday).

The standard library's ``strftime``, not pendulum's ``format``: the first ``format`` call
loads pendulum's locale files, measured at 8-86 ms on the 2-core benchmark machine
(2026-12-05), paid by the board's first frame and by every ``postinterview today``;
``strftime`` costs 0.02 ms, once, here. The names are the C library's for its time locale,
which Python leaves at "C" (English, like every other phrase here): nothing in the app or
its libraries calls ``locale.setlocale``."""

MONTH_NAMES = tuple(date(2001, month, 1).strftime("%B") for month in range(1, 13))
"""January to December, as the standard library formats them (see :data:`DAY_NAMES`)."""


def short_date(day: date) -> str:
    """A date in the fewest words that still say the day: "Tue 24 Nov"."""
    return f"{DAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_NAMES[day.month - 1][:3]}"
