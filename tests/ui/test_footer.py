"""The footer keeps its keys while they stay the same, and shows new ones when they change."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.widgets._footer import FooterKey

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.widgets.steady_footer import SteadyFooter
from tests.ui.helpers import board, column, make_app, settle

SIZE = (160, 40)


def _footer_keys(app: object) -> list[FooterKey]:
    screen = board(app)  # type: ignore[arg-type]
    return list(screen.query_one(SteadyFooter).query(FooterKey))


def _disabled(app: object, action: str) -> list[bool]:
    """Whether each footer key of ``action`` is shown disabled."""
    return [key.has_class("-disabled") for key in _footer_keys(app) if key.action == action]


async def test_moving_between_columns_keeps_the_footer_keys(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        column(app, Stage.THANKED).focus()
        await settle(pilot)
        before = _footer_keys(app)
        assert before, "the footer shows keys"
        await pilot.press("l")
        await settle(pilot)
        assert column(app, Stage.FOLLOWED_UP).has_focus
        after = _footer_keys(app)
        assert [id(key) for key in after] == [id(key) for key in before]


async def test_footer_follows_keys_that_come_and_go(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        column(app, Stage.OFFER).focus()
        await settle(pilot)
        assert _disabled(app, "move_next") == [False]
        column(app, Stage.CLOSED).focus()
        await settle(pilot)
        assert _disabled(app, "move_next") == [True], "nothing comes after Closed"
        column(app, Stage.INTERVIEWED).focus()
        await settle(pilot)
        assert _disabled(app, "move_next") == [False]
        assert _disabled(app, "move_previous") == [True]


async def test_a_key_enabled_or_disabled_is_restyled_in_place(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        column(app, Stage.INTERVIEWED).focus()
        await settle(pilot)
        before = _footer_keys(app)
        assert _disabled(app, "move_previous") == [True], "nothing comes before Interviewed"
        await pilot.press("l")
        await settle(pilot)
        assert _disabled(app, "move_previous") == [False]
        assert [id(key) for key in _footer_keys(app)] == [id(key) for key in before]
        back = next(key for key in _footer_keys(app) if key.action == "move_previous")
        assert not back._disabled  # noqa: SLF001  (a click on it acts, not rings the bell)
        await pilot.press("h")
        await settle(pilot)
        assert _disabled(app, "move_previous") == [True]
        assert back._disabled  # noqa: SLF001
