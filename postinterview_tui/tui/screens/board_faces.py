"""What each card on the board says, worked out once per card rather than on every redraw.

A card's face (its status line above all: the rules, its due dates, their wording) depends on
the card's summary, the settings and the time. A move changes one card, but the two columns it
touches are drawn again, and each card they show would have its face worked out again; a
reload after a write elsewhere does the same for every column that changed. So the faces are
kept while the card, the settings and the minute stay the same (issue 19).

The board's labels already follow the clock a minute at a time (``CLOCK_SECONDS``): a face
kept for the rest of its minute says nothing older than what the board shows anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from pendulum import DateTime, Timezone

from postinterview_tui.domain.cards import card_status
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.settings import Settings
from postinterview_tui.tui.state.board_data import BoardData
from postinterview_tui.tui.widgets.card_face import CardFace


class CardFaces:
    """The faces of the cards drawn this minute, each kept with the summary it describes."""

    def __init__(self) -> None:
        self._faces: dict[int, tuple[ApplicationSummary, CardFace]] = {}
        self._basis: tuple[Settings, DateTime] | None = None

    def forget(self) -> None:
        """Work every face out again from now on (the clock moved on)."""
        self._faces.clear()
        self._basis = None

    def describer(
        self, board: BoardData, now: DateTime, zone: Timezone
    ) -> Callable[[int], CardFace]:
        """The ``describe`` a column is given: the face of a card of ``board`` at ``now``,
        worked out only when its summary differs from the one last described."""
        settings = board.settings
        basis = (settings, now.replace(second=0, microsecond=0))
        if basis != self._basis:
            self.forget()
            self._basis = basis
        faces, by_id = self._faces, board.by_id

        def describe(application_id: int) -> CardFace:
            summary = by_id[application_id]
            known = faces.get(application_id)
            # The same object when the card was not touched; an equal one after a reload.
            if known is not None and (known[0] is summary or known[0] == summary):
                return known[1]
            status = card_status(summary, settings, now, zone)
            face = CardFace(
                title=summary.company,
                subtitle=summary.role,
                status=status.text,
                tone=status.tone,
                symbol=status.symbol,
                short_status=status.short,
                shortest_status=status.shortest,
            )
            faces[application_id] = (summary, face)
            return face

        return describe
