"""The footer keeps its keys while they stay the same, and shows new ones when they change."""

from __future__ import annotations

from textual.widget import Widget

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.widgets.steady_footer import SteadyFooter
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import board

SIZE = (160, 40)


def _footer_keys(app: object) -> list[Widget]:
    """The keys the board's footer shows (Textual's FooterKey widgets, found by their name)."""
    screen = board(app)  # type: ignore[arg-type]
    return list(screen.query_one(SteadyFooter).query("FooterKey"))


def _disabled(app: object, action: str) -> list[bool]:
    """Whether each footer key of ``action`` is shown disabled."""
    return [key.has_class("-disabled") for key in _footer_keys(app) if key.action == action]


async def test_moving_between_columns_keeps_the_footer_keys(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        ui.column(Stage.THANKED).focus()
        await ui.settle()
        before = _footer_keys(ui.app)
        assert before, "the footer shows keys"
        await ui.press("l")
        assert ui.column(Stage.FOLLOWED_UP).has_focus
        after = _footer_keys(ui.app)
        assert [id(key) for key in after] == [id(key) for key in before]


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


async def test_a_key_enabled_or_disabled_is_restyled_in_place(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        ui.column(Stage.INTERVIEWED).focus()
        await ui.settle()
        before = _footer_keys(ui.app)
        assert _disabled(ui.app, "move_previous") == [True], "nothing comes before Interviewed"
        back = next(key for key in before if key.action == "move_previous")  # type: ignore[attr-defined]
        first = ui.column(Stage.INTERVIEWED).highlighted_id
        assert first is not None
        await ui.pilot.click(back)  # a disabled key rings the bell: nothing moves
        await ui.settle()
        assert ui.screen is ui.board() and ui.stage_of(first) is Stage.INTERVIEWED
        await ui.press("l")
        assert _disabled(ui.app, "move_previous") == [False]
        assert [id(key) for key in _footer_keys(ui.app)] == [id(key) for key in before]
        thanked = ui.column(Stage.THANKED).highlighted_id
        assert thanked is not None
        await ui.pilot.click(back)  # the same key, enabled in place: a click acts
        await ui.settle()
        assert ui.screen is not ui.board() or ui.stage_of(thanked) is Stage.INTERVIEWED
        await ui.press("escape")  # a question about the move back, if one was asked
        ui.column(Stage.THANKED).focus()
        await ui.settle()
        await ui.press("h")
        assert _disabled(ui.app, "move_previous") == [True]
