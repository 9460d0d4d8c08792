"""Pilot tests for CardColumn: laziness at 10,000 cards, cursor, mouse, fold row, hostile text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message

from postinterview_tui.widgets.card_column import CardColumn, CardFace

M = TypeVar("M", bound=Message)
H = CardColumn.CARD_HEIGHT
SIZE = (40, 20)


class Describer:
    """A describe() that counts its calls and can be given hostile titles."""

    def __init__(self, titles: dict[int, str] | None = None) -> None:
        self.calls: list[int] = []
        self.titles = titles or {}

    def __call__(self, app_id: int) -> CardFace:
        self.calls.append(app_id)
        tone = ("overdue", "due", "upcoming", "calm", "done")[app_id % 5]
        return CardFace(
            title=self.titles.get(app_id, f"Company {app_id}"),
            subtitle=f"Role {app_id}",
            status=f"status {app_id}",
            tone=tone,
            symbol="!" if tone == "overdue" else "",
        )


class ColumnApp(App[None]):
    """A column filling most of the screen, and a second, short column to take focus."""

    CSS = """
    #col { height: 1fr; }
    #other { height: 4; }
    """
    BINDINGS = [Binding("down", "app_down", "Down")]

    def __init__(self, setup: Callable[[CardColumn], None] | None = None) -> None:
        super().__init__()
        self.setup = setup
        self.messages: list[Message] = []
        self.app_downs = 0

    def compose(self) -> ComposeResult:
        column = CardColumn(id="col", empty_text="No applications yet")
        if self.setup is not None:
            self.setup(column)
        yield column
        yield CardColumn(id="other")

    def on_mount(self) -> None:
        self.query_one("#other").focus()

    def on_card_column_card_highlighted(self, message: CardColumn.CardHighlighted) -> None:
        self.messages.append(message)

    def on_card_column_card_clicked(self, message: CardColumn.CardClicked) -> None:
        self.messages.append(message)

    def on_card_column_expand_requested(self, message: CardColumn.ExpandRequested) -> None:
        self.messages.append(message)

    def action_app_down(self) -> None:
        self.app_downs += 1

    @property
    def column(self) -> CardColumn:
        return self.query_one("#col", CardColumn)

    def of_type(self, kind: type[M]) -> list[M]:
        """Messages of one kind that came from #col."""
        column = self.column
        return [m for m in self.messages if isinstance(m, kind) and m.control is column]


def screen_lines(column: CardColumn) -> list[str]:
    """The text of every line of the column as it would be drawn now."""
    return [column.render_line(y).text for y in range(column.scrollable_content_region.height)]


def cursor_visible(column: CardColumn) -> bool:
    """Is the whole cursor card (including its spacer) inside the view?"""
    top = column.cursor * H
    view_top = column.scroll_offset.y
    return view_top <= top and top + H <= view_top + column.scrollable_content_region.height


async def test_ten_thousand_cards_describes_only_visible_ones() -> None:
    describe = Describer()
    app = ColumnApp(lambda c: c.set_cards(range(10_000), describe))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        assert column.card_count == 10_000
        assert column.virtual_size.height == 10_000 * H
        visible_cards = -(-column.scrollable_content_region.height // H)
        assert 0 < len(describe.calls) < 20
        assert set(describe.calls) <= set(range(visible_cards))
        # Redrawing does not ask again: faces are cached per id.
        column.refresh()
        await pilot.pause()
        assert len(describe.calls) == len(set(describe.calls))

        column.select_id(9_999)
        await pilot.pause()
        assert len(describe.calls) < 40
        assert 9_999 in describe.calls
        assert any("Company 9999" in line for line in screen_lines(column))


async def test_virtual_height_counts_the_fold_row() -> None:
    app = ColumnApp(lambda c: c.set_cards(range(10_000), Describer(), folded_more=12))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.column.virtual_size.height == 10_000 * H + CardColumn.FOLD_HEIGHT


async def test_move_cursor_scrolls_and_posts_highlight() -> None:
    app = ColumnApp(lambda c: c.set_cards(range(100, 200), Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        first = app.of_type(CardColumn.CardHighlighted)
        assert [m.app_id for m in first] == [100]

        column.move_cursor(7)
        await pilot.pause()
        assert column.cursor == 7
        assert column.highlighted_id == 107
        assert cursor_visible(column)
        assert column.scroll_offset.y > 0
        assert app.of_type(CardColumn.CardHighlighted)[-1].app_id == 107
        assert any("Company 107" in line for line in screen_lines(column))

        column.move_cursor(-1_000)
        await pilot.pause()
        assert (column.cursor, column.highlighted_id, column.scroll_offset.y) == (0, 100, 0)

        column.move_cursor(1_000)
        await pilot.pause()
        assert column.highlighted_id == 199
        assert cursor_visible(column)
        count = len(app.of_type(CardColumn.CardHighlighted))
        column.move_cursor(1)  # already at the end: nothing changes, nothing is posted
        await pilot.pause()
        assert len(app.of_type(CardColumn.CardHighlighted)) == count


async def test_select_id_scrolls_to_the_card() -> None:
    app = ColumnApp(lambda c: c.set_cards(range(10_000), Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        assert column.select_id(5_000)
        await pilot.pause()
        assert column.highlighted_id == 5_000
        assert cursor_visible(column)
        assert app.of_type(CardColumn.CardHighlighted)[-1].app_id == 5_000
        assert not column.select_id(-1)
        assert column.highlighted_id == 5_000


async def test_move_cursor_brings_back_a_card_scrolled_away_by_the_wheel() -> None:
    app = ColumnApp(lambda c: c.set_cards(range(1_000), Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        column.scroll_to(y=400, animate=False, immediate=True)
        await pilot.pause()
        column.move_cursor(1)
        await pilot.pause()
        assert column.cursor == 1
        assert cursor_visible(column)


async def test_mouse_wheel_scrolls_without_moving_the_cursor() -> None:
    describe = Describer()
    app = ColumnApp(lambda c: c.set_cards(range(1_000), describe))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        for _ in range(10):
            column.post_message(events.MouseScrollDown(column, 2, 2, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert column.scroll_offset.y > 0
        assert column.cursor == 0
        assert len(describe.calls) < 20


async def test_click_third_visible_card_focuses_and_highlights_it() -> None:
    app = ColumnApp(lambda c: c.set_cards(range(500, 600), Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        assert not column.has_focus
        column.scroll_to(y=10 * H, animate=False, immediate=True)
        await pilot.pause()
        # Third visible card = row 12; click its subtitle line.
        await pilot.click("#col", offset=(5, 2 * H + 1))
        await pilot.pause()
        assert column.has_focus
        assert column.cursor == 12
        assert column.highlighted_id == 512
        clicks = app.of_type(CardColumn.CardClicked)
        assert [m.app_id for m in clicks] == [512]
        assert app.of_type(CardColumn.CardHighlighted)[-1].app_id == 512


async def test_fold_row_shows_count_and_click_requests_expand() -> None:
    app = ColumnApp(lambda c: c.set_cards([1, 2, 3], Describer(), folded_more=5))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        lines = screen_lines(column)
        assert "+ 5 more" in lines[3 * H]
        await pilot.click("#col", offset=(4, 3 * H))
        await pilot.pause()
        assert column.cursor_on_fold
        assert column.highlighted_id is None
        assert len(app.of_type(CardColumn.ExpandRequested)) == 1
        assert app.of_type(CardColumn.CardHighlighted)[-1].app_id is None
        assert not app.of_type(CardColumn.CardClicked)

        column.move_cursor(-1)
        assert column.highlighted_id == 3
        column.move_cursor(10)
        assert column.cursor_on_fold


async def test_click_below_the_last_card_does_nothing() -> None:
    app = ColumnApp(lambda c: c.set_cards([1], Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#col", offset=(4, 3 * H))
        await pilot.pause()
        assert not app.of_type(CardColumn.CardClicked)
        assert not app.of_type(CardColumn.ExpandRequested)


HOSTILE = {
    0: "[bold]Acme[/bold]",
    1: "ACME [/]",
    2: "[@click=app.quit]x",
    3: "\x1b[2Jevil\x1b]0;t\x07",
    4: "مرحبا\u202eabc",
    5: "👩‍💻 emoji",
    6: "漢字漢字漢字漢字漢字漢字漢字漢字",
    7: "漢字" * 30,
}


async def test_hostile_text_is_drawn_literally_and_fits() -> None:
    describe = Describer(HOSTILE)
    app = ColumnApp(lambda c: c.set_cards(range(len(HOSTILE)), describe))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        width = column.scrollable_content_region.width
        titles: list[str] = []
        for app_id in HOSTILE:
            column.select_id(app_id)
            await pilot.pause()
            y = app_id * H - column.scroll_offset.y
            strip = column.render_line(y)
            assert strip.cell_length == width
            assert cell_len(strip.text) <= width
            assert "\x1b" not in strip.text and "\x07" not in strip.text
            titles.append(strip.text.strip(" ▌│"))

        assert titles[0] == "[bold]Acme[/bold]"
        assert titles[1] == "ACME [/]"
        assert titles[2] == "[@click=app.quit]x"
        assert titles[3] == "[2Jevil]0;t"
        assert titles[4] == "مرحباabc"
        assert titles[5] == "👩‍💻 emoji"
        assert titles[6] == "漢字漢字漢字漢字漢字漢字漢字漢字"
        assert titles[7].startswith("漢字漢字") and titles[7].endswith("…")

        # Clicking the "[@click=app.quit]" card must not run an action.
        column.select_id(2)
        await pilot.pause()
        await pilot.click("#col", offset=(4, 2 * H - column.scroll_offset.y))
        await pilot.pause()
        assert app.is_running
        svg = app.export_screenshot()
        assert "\x1b" not in svg


async def test_narrow_column_never_overflows() -> None:
    long = CardFace("漢字漢字漢字", "👩‍💻👩‍💻👩‍💻👩‍💻", "overdue " * 10, "overdue", "!")

    class Narrow(ColumnApp):
        CSS = "#col { width: 7; } #other { height: 4; }"

    app = Narrow(lambda c: c.set_cards(range(3), lambda _id: long))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        width = column.scrollable_content_region.width
        for y in range(column.scrollable_content_region.height):
            strip = column.render_line(y)
            assert strip.cell_length == width
            assert cell_len(strip.text) == width


async def test_empty_column_shows_empty_text() -> None:
    app = ColumnApp(lambda c: c.set_cards([], Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        assert "No applications yet" in screen_lines(column)[0]
        assert column.highlighted_id is None and column.card_count == 0
        assert not column.cursor_on_fold
        assert [m.app_id for m in app.of_type(CardColumn.CardHighlighted)] == [None]


async def test_set_cards_keeps_the_cursor_on_an_id_or_clamps() -> None:
    first = Describer()
    app = ColumnApp(lambda c: c.set_cards(range(100), first))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        column.select_id(50)
        await pilot.pause()
        posted = len(app.of_type(CardColumn.CardHighlighted))

        second = Describer()
        column.set_cards(list(reversed(range(100))), second, keep_id=50)
        await pilot.pause()
        assert column.highlighted_id == 50 and column.cursor == 49
        assert cursor_visible(column)
        assert len(app.of_type(CardColumn.CardHighlighted)) == posted  # same id: no message
        assert second.calls and 50 in second.calls  # the old faces were dropped

        column.set_cards(range(10), Describer(), keep_id=50)
        await pilot.pause()
        assert column.cursor == 9 and column.highlighted_id == 9
        assert app.of_type(CardColumn.CardHighlighted)[-1].app_id == 9


async def test_widget_binds_no_keys() -> None:
    app = ColumnApp(lambda c: c.set_cards(range(100), Describer()))
    async with app.run_test(size=SIZE) as pilot:
        app.column.focus()
        await pilot.pause()
        await pilot.press("down", "pagedown", "end")
        await pilot.pause()
        assert app.app_downs == 1  # the key reached the app binding
        assert app.column.cursor == 0
        assert app.column.scroll_offset.y == 0


async def test_cursor_style_follows_focus_and_theme() -> None:
    app = ColumnApp(lambda c: c.set_cards(range(10), Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        blurred = column.render_line(0)
        assert blurred.text.startswith("│")
        assert column.render_line(H).text.startswith(" ")  # not the cursor: no bar

        column.focus()
        await pilot.pause()
        focused = column.render_line(0)
        assert focused.text.startswith("▌")
        assert list(blurred)[1].style != list(focused)[1].style

        overdue_before = list(column.render_line(2))[2].style  # card 0 is "overdue"
        app.theme = "textual-light"
        await pilot.pause()
        overdue_after = list(column.render_line(2))[2].style
        assert overdue_before != overdue_after
        assert column.render_line(2).text.startswith("▌ ! status 0")


async def test_focus_repaints_the_cursor_card_only() -> None:
    app = ColumnApp(lambda c: c.set_cards(range(50), Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        column.select_id(2)
        await pilot.pause()
        repaints: list[object] = []
        real_refresh = column.refresh

        def spy(*regions: Any, **kwargs: Any) -> Any:
            repaints.append(regions or "whole widget")
            return real_refresh(*regions, **kwargs)

        column.refresh = spy  # type: ignore[method-assign]
        # As the board moves focus (Widget.focus() itself always repaints the whole widget).
        app.screen.set_focus(column)
        await pilot.pause()
        assert column.render_line(2 * H - column.scroll_offset.y).text.startswith("▌")
        app.screen.set_focus(app.query_one("#other"))
        await pilot.pause()
        assert column.render_line(2 * H - column.scroll_offset.y).text.startswith("│")
        assert repaints, "focus and blur repaint the cursor card"
        assert "whole widget" not in repaints
        for regions in repaints:
            assert all(region.height <= H for region in regions)  # type: ignore[union-attr]


async def test_more_cards_in_a_scrolling_column_still_scroll_to_the_last() -> None:
    app = ColumnApp(lambda c: c.set_cards(range(50), Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = app.column
        assert column.virtual_size.height == 50 * H
        column.set_cards(range(60), Describer())  # the scrollbar stays: no layout pass
        await pilot.pause()
        assert column.virtual_size.height == 60 * H
        assert column.select_id(59)
        await pilot.pause()
        assert column.max_scroll_y == 60 * H - column.scrollable_content_region.height
        top = column.scroll_offset.y
        assert top <= 59 * H < top + column.scrollable_content_region.height
        column.set_cards(range(2), Describer())  # the scrollbar goes
        await pilot.pause()
        assert column.virtual_size.height == 2 * H
        assert column.scroll_offset.y == 0
        assert not column.show_vertical_scrollbar
        # The lines are laid out again for the width the scrollbar gave back.
        assert column.scrollable_content_region.width == column.size.width
        assert cell_len(column.render_line(0).text) == column.size.width
