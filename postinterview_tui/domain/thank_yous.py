"""A second thank-you to the same person: allowed, but only when the user means it.

Marking a note sent twice by a slip would show two thank-yous in the history and count
nothing new, so every way of recording one (the drafting panel, sending by e-mail, the board)
asks first.
"""

from __future__ import annotations

from collections.abc import Sequence

from pendulum import DateTime, Timezone

from postinterview_tui.domain.moves import RuleRefusal

SECOND_THANK_YOU_QUESTION = "Record another thank-you anyway?"


def check_not_thanked_yet(
    name: str, thanked_at: DateTime | None, zone: Timezone, *, force: bool
) -> None:
    """Ask before recording a thank-you to someone already thanked for the latest round.

    Args:
        name: who the note is to ("" when the round names no one).
        thanked_at: when they were thanked for the latest round, or None.
        zone: the user's zone, for the date in the message.
        force: the user already said yes.

    Raises:
        RuleRefusal: (confirmable) they were thanked already.
    """
    if force or thanked_at is None:
        return
    day = thanked_at.in_timezone(zone).format("ddd D MMM")
    who = name.strip()
    message = (
        f"{who} was already thanked for this round on {day}"
        if who
        else f"a thank-you for this round was already recorded on {day}"
    )
    raise RuleRefusal(message, confirmable=True, question=SECOND_THANK_YOU_QUESTION)


def everyone_thanked_at(thanked: Sequence[DateTime | None]) -> DateTime | None:
    """When the last of a round's interviewers was thanked (None while anyone is not, or the
    round names no one)."""
    if not thanked or any(when is None for when in thanked):
        return None
    return max(when for when in thanked if when is not None)
