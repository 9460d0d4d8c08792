"""The key bar (issue 19): one widget draws every key of a screen, redraws its one line only
when what it shows changes, looks like Textual's footer, fits 80 columns keeping help, and a
click on a key runs it."""

from __future__ import annotations

from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from postinterview_tui.tui.screens.help import HelpScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.widgets.key_bar import KeyBar
from tests.ui.board_pilot import BoardPilots
from tests.ui.key_bar_view import shown_keys, shown_text


@pytest.fixture
def restyled(monkeypatch: pytest.MonkeyPatch) -> list[DOMNode]:
    """Every node whose styles Textual works out again, in order."""
    nodes: list[DOMNode] = []
    original = Stylesheet.apply

    def recorded(self: Stylesheet, node: DOMNode, *args: Any, **kwargs: Any) -> None:
        nodes.append(node)
        original(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", recorded)
    return nodes


async def test_the_detail_and_the_review_mount_one_widget_for_their_keys(
    board_pilot: BoardPilots,
) -> None:
    """Textual's Footer mounts a widget per key (15 or more here), each styled, laid out and
    drawn as the screen opens; the bar is one widget with no children."""
    async with board_pilot() as ui:
        await ui.open_card("Lumen Health", "enter")
        assert isinstance(ui.screen, DetailScreen)
        assert len(shown_keys(ui.screen)) >= 6
        assert len(list(ui.screen.walk_children())) == 2, "the page and the key bar"
        await ui.press("escape", "r")
        assert isinstance(ui.screen, ReviewScreen)
        assert len(shown_keys(ui.screen)) >= 6
        bar = ui.screen.query_one(KeyBar)
        assert list(bar.walk_children()) == []
        assert len(list(ui.screen.walk_children())) <= 5, "header, list, empty state, hint, bar"


async def test_moving_between_columns_redraws_the_bar_but_restyles_nothing_of_it(
    board_pilot: BoardPilots, restyled: list[DOMNode]
) -> None:
    """h/l enables "back" (off in the first column): its key is drawn again in full colour,
    a redraw of one line; no widget has its styles worked out again (Textual's Footer
    restyled the key widget)."""
    async with board_pilot(size=(160, 40)) as ui:
        ui.column(Stage.INTERVIEWED).focus()
        await ui.settle()
        bar = ui.board().query_one(KeyBar)
        line = bar.render_line(0)
        assert [key.dimmed for key in shown_keys(ui.board()) if key.action == "move_previous"] == [
            True
        ]
        restyled.clear()
        await ui.press("l")
        assert ui.column(Stage.THANKED).has_focus
        assert [key.dimmed for key in shown_keys(ui.board()) if key.action == "move_previous"] == [
            False
        ]
        assert bar.render_line(0) is not line, "the line was drawn again"
        assert restyled == [], "no widget had its styles worked out again"


async def test_a_disabled_key_is_drawn_dim_in_the_footer_colours(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=(160, 40)) as ui:
        ui.column(Stage.INTERVIEWED).focus()
        await ui.settle()
        bar = ui.board().query_one(KeyBar)
        spans = {span.key.action: span for span in bar.drawn()}
        line = bar.render_line(0)
        back, new = spans["move_previous"], spans["new_application"]
        back_styles = {seg.style for seg in line.crop(back.start, back.end) if seg.text.strip()}
        new_styles = {seg.style for seg in line.crop(new.start, new.end) if seg.text.strip()}
        assert all(style is not None and style.dim for style in back_styles)
        assert not any(style is not None and style.dim for style in new_styles)
        variables = ui.app.get_css_variables()
        key_colour = variables["footer-key-foreground"].lower()
        assert any(
            style is not None and style.color is not None and style.color.name == key_colour
            for style in new_styles
        ), new_styles


@pytest.mark.parametrize("keys", [(), ("enter",), ("r",)])
async def test_at_80_columns_whole_keys_fit_and_help_stays(
    board_pilot: BoardPilots, keys: tuple[str, ...]
) -> None:
    """An 80x24 terminal cannot show every key: keys are drawn closer, then left out from the
    end, whole, never cut; the help key (which lists them all) and the palette stay."""
    async with board_pilot(size=(80, 24), focus="Lumen Health") as ui:
        for key in keys:
            await ui.press(key)
        text = shown_text(ui.screen)
        assert len(text) == 80
        shown = shown_keys(ui.screen)
        assert "app.show_help" in [key.action for key in shown]
        assert text.rstrip().endswith("^p palette")
        for key in shown:
            drawn = text[key.x :]
            assert drawn.startswith(f"{key.display} {key.description}") or drawn.startswith(
                f" {key.display} {key.description} "
            ), (key, text)


async def test_a_click_on_a_key_runs_it(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        help_key = next(key for key in shown_keys(ui.board()) if key.action == "app.show_help")
        await ui.pilot.click(KeyBar, offset=(help_key.x + 1, 0))
        await ui.settle()
        assert isinstance(ui.screen, HelpScreen)
        await ui.press("escape")
        new = next(key for key in shown_keys(ui.board()) if key.action == "new_application")
        await ui.pilot.click(KeyBar, offset=(new.x, 0))
        await ui.settle()
        assert isinstance(ui.screen, ApplicationFormScreen)


async def test_hovering_a_key_lights_it_and_tells_what_it_does(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        bar = ui.board().query_one(KeyBar)
        help_key = next(span for span in bar.drawn() if span.key.action == "app.show_help")
        before = bar.render_line(0)
        await ui.pilot.hover(KeyBar, offset=(help_key.start, 0))
        await ui.pilot.pause()
        assert bar.tooltip == help_key.key.tooltip and bar.tooltip
        lit = bar.render_line(0)
        assert lit.crop(help_key.start, help_key.end) != before.crop(help_key.start, help_key.end)
        assert lit.crop(0, help_key.start) == before.crop(0, help_key.start)


async def test_user_text_in_key_words_is_drawn_as_written(board_pilot: BoardPilots) -> None:
    """Descriptions are data: a bracket is a bracket, never markup."""
    async with board_pilot(size=(200, 30)) as ui:
        bar = ui.board().query_one(KeyBar)
        ui.app.bind("z", "app.bell", description="[b]Ring[/b] $x")
        ui.board().refresh_bindings()
        await ui.settle()
        assert "z [b]Ring[/b] $x" in bar.render_line(0).text


async def test_every_component_class_of_the_bar_is_styled(board_pilot: BoardPilots) -> None:
    """Each component class costs a pass over every style rule as a screen opens: the bar
    declares only ones a rule styles (its words use its own colours)."""
    async with board_pilot() as ui:
        styled = {name for rule in ui.app.stylesheet.rules for name in rule.selector_names}
        assert {f".{name}" for name in KeyBar.COMPONENT_CLASSES} <= styled
        assert len(KeyBar.COMPONENT_CLASSES) <= 4


async def test_a_new_theme_redraws_the_bar_in_its_colours(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        bar = ui.board().query_one(KeyBar)
        before = bar.render_line(0)
        ui.app.theme = "textual-light"
        await ui.settle()
        key = ui.app.get_css_variables()["footer-key-foreground"].lower()
        line = bar.render_line(0)
        assert line is not before
        colours = {seg.style.color.name for seg in line if seg.style and seg.style.color}
        assert key in colours, (key, colours)
