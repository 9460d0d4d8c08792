"""Each screen's styles load with the screen (issue 19): the board's start parses only the
styles it draws with (app.tcss), and a screen opened later brings its own file and shows
styled by it."""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget

from postinterview_tui.tui.screens.help import HelpScreen
from tests.ui.board_pilot import BoardPilots

SIZE = (120, 40)


def _style_files(app: object) -> set[str]:
    """The .tcss files the app's stylesheet has read so far."""
    sources = app.stylesheet.source  # type: ignore[attr-defined]
    return {Path(path).name for path, _class_var in sources if str(path).endswith(".tcss")}


OTHER_SCREENS_IDS = ("#help", "#form", "#draft-body", "#templates-list", "#settings-fields")
"""Ids only the help, form, drafting, templates and settings screens have."""


async def test_the_board_starts_with_its_own_styles_only(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        assert _style_files(ui.app) == {"app.tcss"}
        parsed = {rule.selectors for rule in ui.app.stylesheet.rules}
        assert not [
            selector
            for selector in parsed
            if any(screen_id in selector.split() for screen_id in OTHER_SCREENS_IDS)
        ]


async def test_a_screen_opened_later_brings_its_styles(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        await ui.press("question_mark")
        assert isinstance(ui.screen, HelpScreen)
        assert "help.tcss" in _style_files(ui.app)
        box = ui.screen.query_one("#help", Widget)
        assert box.outer_size.width == 90  # the width help.tcss gives the help box
