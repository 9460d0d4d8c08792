"""The detail page draws only what is on screen, each line once (issue 19): its lines are
wrapped once per width and each is drawn when it is first shown, not the whole text again on
every repaint. And what it draws is what was typed, however hostile: markup-like text, words
longer than the screen, right-to-left scripts and emoji wrap at the width and stay as typed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone
from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Offset
from textual.screen import Screen
from textual.selection import Selection
from textual.style import Style
from textual.widget import Widget

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.stages import InterviewKind
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.detail import DetailScreen
from tests.ui import detail_page
from tests.ui.board_pilot import BoardPilots

HOSTILE_NOTES = (
    "[bold]x[/] and [link=https://evil.example]click[/link] stay as typed\n"
    + "a" * 300
    + "\nمرحبا بالعالم שלום עולם 🎉👩‍💻 done"
)
"""Markup-like text, a word longer than any screen, Arabic and Hebrew, emoji (one joined)."""


def _application(
    db_path: Path, now: DateTime, zone: Timezone, *, replies: int = 0, notes: str = ""
) -> int:
    """An application interviewed a month ago, with ``replies`` replies since."""
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    try:
        interview = NewInterview(now.subtract(days=30), InterviewKind.VIDEO, "")
        acme = repository.add_application(
            NewApplication("Acme", "Data engineer", interview, notes=notes), now.subtract(days=30)
        )
        for day in range(replies, 0, -1):
            repository.record_reply(
                acme, when=now.subtract(days=day), decision_by=None, now=now, note=f"day {day}"
            )
        return acme
    finally:
        repository.close()


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each text was rendered into segments (Content.render, the step that
    turns a line of text into what the terminal shows)."""
    counts: Counter[str] = Counter()
    original = Content.render

    def counted(self: Content, *args: Any, **kwargs: Any) -> Iterable[tuple[str, Style]]:
        counts[self.plain] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Content, "render", counted)
    return counts


def _page(screen: Any) -> Widget:
    return screen.query_one("#detail-page")


def _drawn(screen: Any) -> list[str]:
    """Every line of the page as drawn, on screen or not."""
    page = _page(screen)
    return [page.render_line(y).text for y in range(page.size.height)]


async def test_opening_a_long_detail_draws_the_lines_on_screen_once(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone, rendered: Counter[str]
) -> None:
    acme = _application(db_path, now, zone, replies=40)
    async with board_pilot(demo=False, size=(80, 24), focus=acme) as ui:
        rendered.clear()
        await ui.press("enter")
        screen = ui.screen
        assert isinstance(screen, DetailScreen)
        page = _page(screen)
        lines = set(detail_page.page_lines(screen))  # none of them is wrapped at 80 columns
        assert len(lines) > 40 and page.size.height > 40  # the screen scrolls the page
        # 24 rows less the footer and the blank row above the page; each line once, though
        # Textual draws a long page twice (its first frame has no scrollbar yet; the second
        # is 2 columns narrower, where these lines read the same).
        drawn = {text: count for text, count in rendered.items() if text in lines}
        assert 0 < len(drawn) <= 22, sorted(drawn)
        assert set(drawn.values()) == {1}, drawn
        # A repaint (a write elsewhere, the mouse passing over) draws no line again...
        rendered.clear()
        page.refresh()
        await ui.settle()
        assert not lines & set(rendered), rendered
        # ... and scrolling one row down draws the one line that comes into view.
        await ui.press("j")
        assert screen.scroll_y == 1
        assert len(lines & set(rendered)) == 1, rendered


async def test_a_resize_wraps_the_page_again_at_its_new_width(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    acme = _application(db_path, now, zone, notes=HOSTILE_NOTES)
    async with board_pilot(demo=False, size=(100, 30), focus=acme) as ui:
        await ui.press("enter")
        screen = ui.screen
        wide = _drawn(screen)
        await ui.pilot.resize_terminal(60, 24)
        await ui.settle()
        narrow = _drawn(screen)
        lines = detail_page.page_lines(screen)
    assert len(narrow) > len(wide)
    for drawn, width in ((wide, 100 - 4), (narrow, 60 - 4)):
        assert all(cell_len(line) <= width for line in drawn)
        # Nothing lost or changed: the lines drawn read as the page's lines, spaces aside.
        assert "".join("".join(drawn).split()) == "".join("".join(lines).split())
    assert "Notes: [bold]x[/] and [link=https://evil.example]click[/link] stay as typed" in lines
    assert "a" * 300 in lines
    assert "مرحبا بالعالم שלום עולם 🎉👩‍💻 done" in lines
    assert "a" * 56 in narrow


async def test_text_selected_on_the_page_is_the_text_shown(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """Selecting with the mouse (Textual's own text selection) copies what the page shows,
    and the selection is drawn on the page."""
    acme = _application(db_path, now, zone)
    async with board_pilot(demo=False, size=(80, 24), focus=acme) as ui:
        await ui.press("enter")
        screen = ui.screen
        page = _page(screen)
        before = page.render_line(2)
        screen.selections = {page: Selection(Offset(7, 0), Offset(5, 2))}
        await ui.settle()
        assert screen.get_selected_text() == "Data engineer\n\nStage"
        assert page.render_line(2).text == before.text
        assert page.render_line(2) != before, "the selected part is drawn as selected"


async def test_a_frame_of_the_page_works_out_the_selections_style_once(
    board_pilot: BoardPilots,
    db_path: Path,
    now: DateTime,
    zone: Timezone,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While text is selected (the page is drawn again as the mouse drags), a frame asks the
    screen for the selection's style once, not once for each line it draws."""
    acme = _application(db_path, now, zone, replies=40)
    async with board_pilot(demo=False, size=(80, 24), focus=acme) as ui:
        await ui.press("enter")
        screen = ui.screen
        page = _page(screen)
        screen.selections = {page: Selection(Offset(0, 0), Offset(5, 30))}
        await ui.settle()
        asked: list[str] = []
        original = Screen.get_component_styles

        def counted(self: Screen[Any], *names: str) -> Any:
            asked.extend(names)
            return original(self, *names)

        monkeypatch.setattr(Screen, "get_component_styles", counted)
        page.refresh()
        await ui.settle()
        assert asked.count("screen--selection") == 1, asked
