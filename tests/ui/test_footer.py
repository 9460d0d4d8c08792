"""The key bar keeps its line while its keys stay the same, and redraws it when they change."""

from __future__ import annotations

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.widgets.key_bar import KeyBar
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import board
from tests.ui.key_bar_view import ShownKey, shown_keys

SIZE = (160, 40)


def _footer_keys(app: object) -> list[ShownKey]:
    """The keys the board's bar shows."""
    return shown_keys(board(app))  # type: ignore[arg-type]


def _disabled(app: object, action: str) -> list[bool]:
    """Whether each key of ``action`` on the bar is drawn disabled (dimmed)."""
    return [key.dimmed for key in _footer_keys(app) if key.action == action]


async def test_moving_between_columns_keeps_the_footer_keys(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        ui.column(Stage.THANKED).focus()
        await ui.settle()
        bar = ui.board().query_one(KeyBar)
        before = _footer_keys(ui.app)
        line = bar.render_line(0)
        assert before, "the footer shows keys"
        await ui.press("l")
        assert ui.column(Stage.FOLLOWED_UP).has_focus
        assert _footer_keys(ui.app) == before
        assert bar.render_line(0) is line, "the same keys: the line is not drawn again"


async def test_footer_follows_keys_that_come_and_go(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        ui.column(Stage.OFFER).focus()
        await ui.settle()
        assert _disabled(ui.app, "move_next") == [False]
        ui.column(Stage.CLOSED).focus()
        await ui.settle()
        assert _disabled(ui.app, "move_next") == [True], "nothing comes after Closed"
        ui.column(Stage.INTERVIEWED).focus()
        await ui.settle()
        assert _disabled(ui.app, "move_next") == [False]
        assert _disabled(ui.app, "move_previous") == [True]


async def test_a_key_enabled_or_disabled_is_redrawn_in_place(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        ui.column(Stage.INTERVIEWED).focus()
        await ui.settle()
        bar = ui.board().query_one(KeyBar)
        before = _footer_keys(ui.app)
        assert _disabled(ui.app, "move_previous") == [True], "nothing comes before Interviewed"
        back = next(key for key in before if key.action == "move_previous")
        first = ui.column(Stage.INTERVIEWED).highlighted_id
        assert first is not None
        await ui.pilot.click(KeyBar, offset=(back.x, 0))  # disabled: the bell, nothing moves
        await ui.settle()
        assert ui.screen is ui.board() and ui.stage_of(first) is Stage.INTERVIEWED
        await ui.press("l")
        assert _disabled(ui.app, "move_previous") == [False]
        assert ui.board().query_one(KeyBar) is bar and not bar.children
        assert [key._replace(dimmed=False) for key in _footer_keys(ui.app)] == [
            key._replace(dimmed=False) for key in before
        ], "the same keys in the same places"
        thanked = ui.column(Stage.THANKED).highlighted_id
        assert thanked is not None
        await ui.pilot.click(KeyBar, offset=(back.x, 0))  # the same key, enabled: a click acts
        await ui.settle()
        assert ui.screen is not ui.board() or ui.stage_of(thanked) is Stage.INTERVIEWED
        await ui.press("escape")  # a question about the move back, if one was asked
        ui.column(Stage.THANKED).focus()
        await ui.settle()
        await ui.press("h")
        assert _disabled(ui.app, "move_previous") == [True]
