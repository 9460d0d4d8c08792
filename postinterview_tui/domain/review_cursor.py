"""Where the review's highlight goes after an action: one rule for every action.

After the user acts on a row (marks it done, snoozes, closes, or writes about its application
from a screen opened on it: a note marked sent, an offer answered...), the row either is still
the same row (same group, same due: say a thank-you still owed to a second interviewer) and
the highlight stays on it, or it is done with (gone, or moved to another group or another
day: the follow-up that went out is now the next one, in Upcoming) and the highlight moves on
to the next row in the same group, else the first row of the next group (else the row above,
when it was the last one).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence

from pendulum import DateTime


def still_the_same(before: tuple[str, DateTime] | None, after: tuple[str, DateTime] | None) -> bool:
    """True when a row's (group title, due) is unchanged: it is still the same row."""
    return before is not None and before == after


def next_place(
    order: Sequence[Hashable], acted: Hashable, shown: Collection[Hashable]
) -> Hashable | None:
    """The row to highlight once ``acted`` is done with.

    Args:
        order: the rows as they were shown when the user acted, top to bottom (groups in
            order, so the row after the last of a group is the first of the next).
        acted: the row acted on.
        shown: the rows shown now.

    Returns:
        The first row after ``acted`` (in ``order``) still shown, else the nearest one above
        it still shown, else the first row shown now (None when nothing is).
    """
    position = next((index for index, key in enumerate(order) if key == acted), len(order))
    for key in order[position + 1 :]:
        if key in shown and key != acted:
            return key
    for key in reversed(order[:position]):
        if key in shown:
            return key
    return next(iter(shown), None)
