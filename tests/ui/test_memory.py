"""Screens opened and closed leave nothing behind (Textual keeps drawn lines; see
``tui/workarounds.py``)."""

from __future__ import annotations

import gc

from textual._styles_cache import StylesCache
from textual.pilot import Pilot

from postinterview_tui.domain.stages import Stage
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import settle

SIZE = (120, 40)


def _live_line_caches() -> int:
    gc.collect()
    return sum(isinstance(item, StylesCache) for item in gc.get_objects())


async def _open_and_close(pilot: Pilot[object], times: int) -> None:
    for _ in range(times):
        for key in ("enter", "r"):  # the detail screen, then the daily review
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)


async def test_opening_and_closing_screens_does_not_pile_up_drawn_lines(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE) as ui:
        screen = ui.board()
        assert screen.board is not None
        await ui.focus_card(screen.board.columns[Stage.INTERVIEWED][0].id)
        await _open_and_close(ui.pilot, 2)  # first openings load modules and styles
        before = _live_line_caches()
        await _open_and_close(ui.pilot, 5)
        after = _live_line_caches()
        # Each screen has a dozen widgets, each with a line cache: without the workaround,
        # five rounds leave over a hundred behind.
        assert after - before <= 3, (before, after)
