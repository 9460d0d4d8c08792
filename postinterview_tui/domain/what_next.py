"""What comes next for an application once a note went out, in one line for a message:
"Next: follow up again in 7d (Wed 2 Dec)." The card says the same words."""

from __future__ import annotations

from pendulum import DateTime, Timezone

from postinterview_tui.domain.cards import card_status
from postinterview_tui.domain.day_words import short_date
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import next_step
from postinterview_tui.domain.settings import Settings


def what_next(
    summary: ApplicationSummary, settings: Settings, now: DateTime, zone: Timezone
) -> str:
    """The next step and its day, or that nothing more is asked for."""
    step = next_step(summary.progress, settings, zone, now)
    if step is None:
        return "Nothing more is due for it."
    words = card_status(summary, settings, now, zone).text
    day = step.due.in_timezone(zone).date()
    return f"Next: {words} ({short_date(day)})."
