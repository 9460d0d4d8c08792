"""What the board's ``/`` filter matches, and how many closed cards the Closed column shows.

The filter matches company and role at once; recruiter, interviewers and every note are read
from the file in a worker when filtering starts (most sessions never filter, so the board's
first read stays small) and matched as soon as they arrive.
"""

from __future__ import annotations

from postinterview_tui.domain.models import ApplicationSummary

FILTER_PLACEHOLDER = "Filter by company, role, people or notes (escape clears)"


class SearchTexts:
    """The extra text of every application, as read for one state of the file."""

    def __init__(self) -> None:
        self.marker: object = ()
        """The board's ``marker`` the texts were read at (``()``: never read)."""
        self.texts: dict[int, str] = {}

    def stale_for(self, marker: object) -> bool:
        """True when the texts were not read for this state of the file."""
        return self.marker != marker

    def matches(self, summary: ApplicationSummary, needle: str) -> bool:
        """True when the case-folded ``needle`` is in any of the application's texts."""
        if needle in f"{summary.company}\n{summary.role}".casefold():
            return True
        return needle in self.texts.get(summary.id, "")


def closed_cards_that_fit(total: int, body_height: int, card_height: int, fold_height: int) -> int:
    """How many closed cards to show so the column is full but never scrolls for them.

    All of them when they fit; otherwise as many as fit above the "+ N more" row. Before the
    board is laid out (height 0) a small number, until the first layout says more.
    """
    if body_height <= 0:
        return min(total, 5)
    if total * card_height <= body_height:
        return total
    return max(1, (body_height - fold_height) // card_height)
