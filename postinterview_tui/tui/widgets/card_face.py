"""What a card on the board shows, made safe to draw on one terminal line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from rich.cells import cell_len, set_cell_size

from postinterview_tui.domain.text import safe_line

TONES: Final[frozenset[str]] = frozenset({"overdue", "due", "upcoming", "quiet", "calm", "done"})
"""The tones a card can take; anything else is drawn as ``calm``."""


@dataclass(frozen=True, slots=True)
class CardFace:
    """What one card shows. All strings are plain user text, never markup."""

    title: str  # first line, usually the company
    subtitle: str  # second line, usually the role
    status: str  # third line: "thank-you overdue 2d", "follow up in 3d", "interview tomorrow"
    tone: str  # one of TONES; picks the colour of the status line
    symbol: str = ""  # before the status ("!" overdue, "•" due) so it reads without colour
    short_status: str = ""  # used instead of ``status`` when that does not fit ("2d late")
    shortest_status: str = ""  # used when ``short_status`` does not fit either ("round Thu")


def fit_cells(text: str, width: int) -> str:
    """Cut or pad ``text`` to exactly ``width`` terminal cells, ending with "…" when cut.

    Works in cells, not characters, so wide CJK and emoji can never overflow the column.
    """
    if width <= 0:
        return ""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    # set_cell_size pads with a space when the cut falls inside a wide character.
    return set_cell_size(text, width - 1) + "…"


def clean_face(face: CardFace) -> CardFace:
    """Return ``face`` with every string made safe to draw on one terminal line."""
    return CardFace(
        title=safe_line(face.title),
        subtitle=safe_line(face.subtitle),
        status=safe_line(face.status),
        tone=face.tone if face.tone in TONES else "calm",
        symbol=safe_line(face.symbol),
        short_status=safe_line(face.short_status),
        shortest_status=safe_line(face.shortest_status),
    )


def no_face(app_id: int) -> CardFace:
    """The ``describe`` used before the first ``set_cards`` (never called: there are no ids)."""
    return CardFace(title=str(app_id), subtitle="", status="", tone="calm")
