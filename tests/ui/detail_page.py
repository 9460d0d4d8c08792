"""Reading the detail screen as a user does: one page, its heading on top, then the facts,
then the timeline under its own "Timeline" heading, a blank line between them.

The page is one widget (issue 19: each widget costs the first frame), so the tests that read a
part of it find the part by what the page shows, not by a widget of its own.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Static

TIMELINE = "Timeline"
"""The timeline's heading: the line the timeline starts at."""


def _page(screen: Screen[Any]) -> Static:
    return screen.query_one("#detail-page", Static)


def page_lines(screen: Screen[Any]) -> list[str]:
    """The page's lines as written, before they are wrapped to the screen."""
    return str(_page(screen).render()).splitlines()


def _timeline_at(lines: list[str]) -> int:
    """Where the timeline's heading is: the last line that reads "Timeline" (notes above it
    could have a line of their own saying so; no timeline entry is that word alone)."""
    return len(lines) - 1 - lines[::-1].index(TIMELINE)


def _parts(screen: Screen[Any]) -> tuple[list[str], int]:
    """The page's lines and where its timeline starts, checked: a blank line after the
    heading and before the timeline."""
    lines = page_lines(screen)
    at = _timeline_at(lines)
    assert lines[1] == "" and lines[at - 1] == "", lines
    return lines, at


def heading(screen: Screen[Any]) -> str:
    """The page's heading: the company and the role (or "Loading…")."""
    return page_lines(screen)[0]


def facts(screen: Screen[Any]) -> str:
    """The facts under the heading, one a line (notes keep their own line breaks)."""
    lines, at = _parts(screen)
    return "\n".join(lines[2 : at - 1])


def timeline(screen: Screen[Any]) -> str:
    """The timeline, from its "Timeline" heading to the end of the page."""
    lines, at = _parts(screen)
    return "\n".join(lines[at:])


def drawn_timeline(screen: Screen[Any]) -> list[str]:
    """The timeline's lines as drawn (wrapped to the page's width), from its heading on."""
    page = _page(screen)
    lines = [page.render_line(y).text.rstrip() for y in range(page.size.height)]
    return lines[_timeline_at(lines) :]
