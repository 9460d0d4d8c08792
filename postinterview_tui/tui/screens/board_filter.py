"""The board's ``/`` filter box text, and how many closed cards the Closed column shows.

The filter matches company, role, recruiter, interviewers and every note: the store finds the
matching cards (``storage.board_pages``), a page at a time like every column.
"""

from __future__ import annotations

FILTER_PLACEHOLDER = "Filter by company, role, people or notes (escape clears)"


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
