"""What a screen's key bar shows, read from the line it draws."""

from __future__ import annotations

from typing import Any, NamedTuple

from textual.screen import Screen

from postinterview_tui.tui.widgets.key_bar import KeyBar


class ShownKey(NamedTuple):
    """A key as drawn on the bar."""

    key: str
    display: str
    description: str
    action: str
    dimmed: bool
    """Drawn dim (a disabled key): every visible cell of it."""
    x: int
    """Its first column on the bar, for a click."""


def shown_keys(screen: Screen[Any]) -> list[ShownKey]:
    """The keys on ``screen``'s bar, left to right, as its line draws them."""
    bar = screen.query_one(KeyBar)
    line = bar.render_line(0)
    shown = []
    for span in bar.drawn():
        cells = [seg for seg in line.crop(span.start, span.end) if seg.text.strip()]
        dimmed = bool(cells) and all(seg.style is not None and seg.style.dim for seg in cells)
        key = span.key
        shown.append(
            ShownKey(key.key, key.display, key.description, key.action, dimmed, span.start)
        )
    return shown


def shown_text(screen: Screen[Any]) -> str:
    """The bar's line as text."""
    return screen.query_one(KeyBar).render_line(0).text
