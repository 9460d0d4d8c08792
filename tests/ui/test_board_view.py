"""Pilot tests for BoardView: laziness at 10,000 cards, cursors, wheel, clicks, fold row,
hostile text, the focused look, the scroll thumb and resizing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import TypeVar

from rich.cells import cell_len
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from postinterview_tui.tui.widgets.board_column import ColumnView
from postinterview_tui.tui.widgets.board_messages import ColumnMessage
from postinterview_tui.tui.widgets.board_view import BoardView
from postinterview_tui.tui.widgets.card_face import CardFace

M = TypeVar("M", bound=ColumnMessage)
H = BoardView.CARD_HEIGHT
TOP = BoardView.HEADING_HEIGHT
SIZE = (60, 20)  # three columns of 20 cells (19 of card, 1 of separator); 16 body lines
HEADINGS = ("Applied", "Interview", "Offer")


def plain_face(app_id: int, title: str | None = None) -> CardFace:
    tone = ("overdue", "due", "upcoming", "calm", "done")[app_id % 5]
    symbol = "!" if tone == "overdue" else ""
    title = f"Company {app_id}" if title is None else title
    return CardFace(title, f"Role {app_id}", f"status {app_id}", tone, symbol)


class Other(Widget, can_focus=True):
    DEFAULT_CSS = "Other { height: 2; }"  # something else to hold the focus


class BoardApp(App[None]):
    """A board view of three columns over most of the screen; ``#other`` has the focus.

    Column i gets ``columns[i]`` as ids (the first one ``folded_more``); ``describe`` records
    the ids it is asked for in ``calls``.
    """

    CSS = "#board { height: 1fr; }"
    BINDINGS = [Binding("down", "app_down", "Down")]

    def __init__(
        self,
        *columns: Sequence[int],
        folded_more: int = 0,
        face: Callable[[int], CardFace] = plain_face,
    ) -> None:
        super().__init__()
        self.column_ids, self.folded_more, self.face = columns, folded_more, face
        self.calls: list[int] = []
        self.messages: list[ColumnMessage] = []
        self.app_downs = 0

    def compose(self) -> ComposeResult:
        columns = [(name.lower(), name) for name in HEADINGS]
        yield BoardView(columns, id="board", empty_text="Nothing here")
        yield Other(id="other")

    def on_mount(self) -> None:
        for column, ids in zip(self.view.columns, self.column_ids, strict=False):
            folded = self.folded_more if column.index == 0 else 0
            column.set_cards(ids, self.describe, folded_more=folded)
        self.query_one("#other").focus()

    def describe(self, app_id: int) -> CardFace:
        self.calls.append(app_id)
        return self.face(app_id)

    @on(BoardView.CardHighlighted, "#board")  # the selectors test ``control``
    @on(BoardView.CardClicked, "#board")
    @on(BoardView.ExpandRequested, "#board")
    @on(BoardView.CurrentChanged, "#board")
    def record(self, message: ColumnMessage) -> None:
        self.messages.append(message)

    def action_app_down(self) -> None:
        self.app_downs += 1

    @property
    def view(self) -> BoardView:
        return self.query_one("#board", BoardView)

    def of_type(self, kind: type[M], column: int | None = None) -> list[M]:
        """Messages of one kind (about one column, if given)."""
        return [
            m for m in self.messages if isinstance(m, kind) and column in (None, m.column.index)
        ]

    def highlighted(self, column: int | None = None) -> list[int | None]:
        return [m.app_id for m in self.of_type(BoardView.CardHighlighted, column)]


@asynccontextmanager
async def run(app: BoardApp, size: tuple[int, int] = SIZE) -> AsyncIterator[Pilot]:
    """Run the app until its first frame is drawn."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield pilot


def piece(view: BoardView, column: ColumnView, y: int, *, separator: bool = False) -> Strip:
    """What the widget draws for ``column`` on widget line ``y`` (card area, or separator)."""
    x, width = view.span(column.index)
    start = x + width - 1 if separator else x
    return view.render_line(y).crop(start, x + width if separator else x + width - 1)


def body_text(view: BoardView, column: ColumnView, *, separator: bool = False) -> list[str]:
    """The text of the column's card area (or separator) on every body line, as drawn now."""
    lines = range(TOP, view.size.height)
    return [piece(view, column, y, separator=separator).text for y in lines]


def row_line(view: BoardView, column: ColumnView, row: int, line: int = 0) -> Strip:
    """Line ``line`` of ``row`` of the column, as drawn now (the row must be on screen)."""
    y = TOP + column.row_span(row)[0] + line - column.scroll_y
    assert TOP <= y < view.size.height, "row is not on screen"
    return piece(view, column, y)


def cursor_visible(view: BoardView, column: ColumnView) -> bool:
    """Is the whole cursor row (with its spacer) inside the body?"""
    top, height = column.row_span(column.cursor)
    return column.scroll_y <= top and top + height <= column.scroll_y + view.body_height


async def wheel(pilot: Pilot, view: BoardView, x: int, times: int) -> None:
    """Turn the mouse wheel ``times`` notches (down if positive) over x of the view's body."""
    kind = events.MouseScrollDown if times > 0 else events.MouseScrollUp
    sx, sy = view.content_region.x + x, view.content_region.y + 2
    for _ in range(abs(times)):
        view.post_message(kind(view, sx, sy, 0, 1, 0, False, False, False, sx, sy))
    await pilot.pause()


async def test_ten_thousand_cards_describes_only_visible_ones() -> None:
    app = BoardApp(range(10_000), [10_001, 10_002])
    async with run(app) as pilot:
        view = app.view
        column = view.columns[0]
        assert column.card_count == 10_000
        assert column.virtual_height == 10_000 * H
        visible_cards = -(-view.body_height // H)
        assert set(app.calls) == {*range(visible_cards), 10_001, 10_002}
        view.refresh()  # drawing again does not ask again: faces are cached per id
        await pilot.pause()
        assert len(app.calls) == len(set(app.calls))

        assert column.select_id(9_999)
        await pilot.pause()
        assert 9_999 in app.calls and len(app.calls) < 2 * visible_cards + 4
        assert any("Company 9999" in line for line in body_text(view, column))
        assert column.scroll_y == column.virtual_height - view.body_height

        column.set_cards(range(10_000), app.describe, folded_more=12)
        assert column.virtual_height == 10_000 * H + BoardView.FOLD_HEIGHT
        assert view.columns[2].virtual_height == 1  # empty: one line of empty text


async def test_move_cursor_scrolls_clamps_and_posts_highlight() -> None:
    app = BoardApp(range(100, 200), [7])
    async with run(app) as pilot:
        view = app.view
        column = view.columns[0]
        assert (app.highlighted(0), app.highlighted(1), app.highlighted(2)) == ([100], [7], [])

        column.move_cursor(7)
        await pilot.pause()
        assert (column.cursor, column.highlighted_id) == (7, 107)
        assert column.scroll_y > 0 and cursor_visible(view, column)
        assert app.highlighted(0)[-1] == 107
        assert "Company 107" in row_line(view, column, 7).text
        assert view.columns[1].scroll_y == 0  # other columns do not move

        column.move_cursor(-1_000)
        await pilot.pause()
        assert (column.cursor, column.highlighted_id, column.scroll_y) == (0, 100, 0)

        column.move_cursor(1_000)
        await pilot.pause()
        assert column.highlighted_id == 199 and cursor_visible(view, column)
        posted = len(app.messages)
        column.move_cursor(1)  # already at the end: nothing changes, nothing is posted
        await pilot.pause()
        assert len(app.messages) == posted

        scroll = column.scroll_y
        assert not column.select_id(12_345)
        await pilot.pause()
        assert (column.cursor, column.scroll_y, len(app.messages)) == (99, scroll, posted)

        assert column.select_id(150)
        await pilot.pause()
        assert column.highlighted_id == 150 and cursor_visible(view, column)
        assert app.highlighted(0)[-1] == 150

        column.scroll_to(0)  # as the wheel does: the cursor card goes out of view
        await pilot.pause()
        assert column.scroll_y == 0 and not cursor_visible(view, column)
        column.move_cursor(1)
        await pilot.pause()
        assert column.cursor == 51 and cursor_visible(view, column)
        assert "Company 151" in row_line(view, column, 51).text


async def test_mouse_wheel_scrolls_the_column_under_it_only() -> None:
    app = BoardApp(range(1_000), range(1_000, 2_000), range(2_000, 3_000))
    async with run(app) as pilot:
        view = app.view
        middle = view.columns[1]
        posted = len(app.messages)
        x, width = view.span(1)
        await wheel(pilot, view, x + 3, 10)
        assert [c.scroll_y for c in view.columns] == [0, 10 * BoardView.WHEEL_LINES, 0]
        assert middle.cursor == 0 and not cursor_visible(view, middle)
        assert len(app.messages) == posted  # the cursor did not move: nothing to report
        assert len([i for i in app.calls if 1_000 <= i < 2_000]) < 20
        top_card = 1_000 + middle.scroll_y // H
        assert any(f"Company {top_card + 1}" in text for text in body_text(view, middle))

        await wheel(pilot, view, x + width - 1, -2)  # over its separator
        assert middle.scroll_y == 8 * BoardView.WHEEL_LINES
        await wheel(pilot, view, x, -20)  # clamped at the top
        assert middle.scroll_y == 0
        await wheel(pilot, view, 0, 1)  # the first column this time
        assert [c.scroll_y for c in view.columns] == [BoardView.WHEEL_LINES, 0, 0]


async def test_clicks_on_a_card_below_the_cards_and_on_a_heading() -> None:
    app = BoardApp([1], range(500, 600))
    async with run(app) as pilot:
        view = app.view
        column = view.columns[1]
        assert not view.has_focus and view.current == 0
        column.scroll_to(10 * H)
        await pilot.pause()
        x, _ = view.span(1)
        # Third visible card = row 12; click its subtitle line.
        await pilot.click("#board", offset=(x + 5, TOP + 2 * H + 1))
        assert view.has_focus and view.current == 1
        assert (column.cursor, column.highlighted_id) == (12, 512)
        assert [m.app_id for m in app.of_type(BoardView.CardClicked)] == [512]
        assert app.highlighted(1)[-1] == 512
        assert [m.column.index for m in app.of_type(BoardView.CurrentChanged)] == [1]

        # Below the last card of the first column: it becomes current, nothing is clicked.
        await pilot.click("#board", offset=(4, TOP + 3 * H))
        assert view.current == 0 and view.columns[0].cursor == 0
        assert len(app.of_type(BoardView.CardClicked)) == 1

        # A heading: its column becomes current, no cursor moves, no card is clicked.
        before = [(c.cursor, c.scroll_y) for c in view.columns]
        posted = len(app.messages)
        await pilot.click("#board", offset=(x + 2, 0))
        assert view.current == 1
        assert [(c.cursor, c.scroll_y) for c in view.columns] == before
        assert [type(m) for m in app.messages[posted:]] == [BoardView.CurrentChanged]


async def test_fold_row_and_empty_text() -> None:
    app = BoardApp([1, 2, 3], [], folded_more=1_234)
    async with run(app) as pilot:
        view = app.view
        column, empty, _ = view.columns
        lines = body_text(view, empty)
        assert lines[0].strip() == "Nothing here" and not any(s.strip() for s in lines[1:])
        assert empty.highlighted_id is None and not empty.cursor_on_fold
        assert app.highlighted(1) == [None]
        assert "Nothing here" not in "".join(body_text(view, column))

        assert body_text(view, column)[3 * H].strip() == "+ 1,234 more"
        await pilot.click("#board", offset=(4, TOP + 3 * H))
        assert column.cursor_on_fold and column.highlighted_id is None
        assert len(app.of_type(BoardView.ExpandRequested)) == 1
        assert app.highlighted(0)[-1] is None
        assert not app.of_type(BoardView.CardClicked)
        assert row_line(view, column, 3).text.startswith("▌ + 1,234 more")

        column.move_cursor(-1)
        assert column.highlighted_id == 3
        column.move_cursor(10)
        assert column.cursor_on_fold


async def test_a_fold_row_of_cards_not_counted_says_more_without_a_number() -> None:
    app = BoardApp([1, 2, 3], [])
    async with run(app):
        view = app.view
        column = view.columns[0]
        column.set_cards([1, 2, 3], app.describe, folded_more=1, more_counted=False)
        await app.workers.wait_for_complete()
        assert body_text(view, column)[3 * H].strip() == "+ more"
        column.set_cards([1, 2, 3], app.describe, folded_more=7)
        assert body_text(view, column)[3 * H].strip() == "+ 7 more"


HOSTILE = {  # title: how it must be drawn
    "[bold]Acme[/bold]": "[bold]Acme[/bold]",
    "ACME [/]": "ACME [/]",
    "[@click=app.quit]x": "[@click=app.quit]x",
    "\x1b[2Jevil\x1b]0;t\x07": "[2Jevil]0;t",
    "مرحبا\u202eabc": "مرحباabc",
    "👩‍💻 emoji": "👩‍💻 emoji",
    "漢字漢字漢字漢字": "漢字漢字漢字漢字",
    "漢字" * 30: "漢字" * 6 + " …",  # cut to 26 cells, between two characters
}
TITLES = list(HOSTILE)


def assert_every_line_fits(view: BoardView) -> None:
    for y in range(view.size.height):
        strip = view.render_line(y)
        assert strip.cell_length == cell_len(strip.text) == view.size.width, y
        assert "\x1b" not in strip.text and "\x07" not in strip.text


async def test_hostile_text_is_drawn_literally_and_fits() -> None:
    ids = range(len(HOSTILE))
    app = BoardApp(ids, ids, ids, face=lambda i: plain_face(i, TITLES[i]))
    async with run(app, (90, 20)) as pilot:  # 26 cells of text per card
        view = app.view
        column = view.columns[1]
        for app_id, title in enumerate(TITLES):
            column.select_id(app_id)
            await pilot.pause()
            assert_every_line_fits(view)
            assert row_line(view, column, app_id).text.strip(" │") == HOSTILE[title]

        # Clicking the "[@click=app.quit]" card must not run an action.
        column.select_id(2)
        await pilot.pause()
        y = TOP + 2 * H - column.scroll_y
        await pilot.click("#board", offset=(view.span(1)[0] + 4, y))
        assert app.is_running and column.highlighted_id == 2
        assert "\x1b" not in app.export_screenshot()


async def test_narrow_columns_never_overflow() -> None:
    wide = CardFace("漢字漢字漢字", "👩‍💻👩‍💻👩‍💻👩‍💻", "overdue " * 10, "overdue", "!")
    app = BoardApp(range(3), range(3), range(3), folded_more=9, face=lambda _: wide)
    async with run(app) as pilot:
        for width in (23, 13, 8, 5, 3, 2):  # at 2, one column has no cell at all
            await pilot.resize_terminal(width, 12)
            assert app.view.size.width == width
            assert_every_line_fits(app.view)


async def test_cursor_look_follows_focus_and_current_column() -> None:
    app = BoardApp(range(10), range(10), range(10))
    async with run(app) as pilot:
        view = app.view
        first, second, _ = view.columns
        blurred = row_line(view, first, 0)
        assert blurred.text.startswith("│")
        assert row_line(view, first, 1).text.startswith(" ")  # not the cursor: no bar

        view.focus()
        await pilot.pause()
        focused = row_line(view, first, 0)
        assert focused.text.startswith("▌")
        assert list(focused)[1].style != list(blurred)[1].style
        assert row_line(view, second, 0).text.startswith("│")  # not the current column
        assert row_line(view, first, 0, line=2).text.startswith("▌ ! status 0")

        view.step(1)
        await pilot.pause()
        assert view.current == 1 and view.current_column is second
        assert row_line(view, first, 0).text.startswith("│")
        assert row_line(view, second, 0).text.startswith("▌")
        view.step(5)  # clamped to the last column
        await pilot.pause()
        assert view.current == 2
        view.step(1)  # already the last: nothing changes, nothing is posted
        view.current = 99
        await pilot.pause()
        assert view.current == 2
        view.step(-10)
        await pilot.pause()
        assert view.current == 0
        assert [m.column.index for m in app.of_type(BoardView.CurrentChanged)] == [1, 2, 0]

        app.query_one("#other").focus()
        await pilot.pause()
        assert row_line(view, first, 0).text.startswith("│")


async def test_headings_show_text_and_mark_the_current_column_when_focused() -> None:
    app = BoardApp([1])
    async with run(app) as pilot:
        view = app.view
        spans = [view.span(index) for index in range(len(HEADINGS))]
        line = view.render_line(0)
        assert [line.crop(x, x + w).text.strip(" ▕") for x, w in spans] == list(HEADINGS)

        def backgrounds() -> list[object]:
            line = view.render_line(0)
            return [list(line.crop(x, x + 2))[0].style.bgcolor for x, _ in spans]

        plain = backgrounds()
        assert plain[0] == plain[1] == plain[2]
        view.focus()
        await pilot.pause()
        current = backgrounds()[0]
        assert current != plain[0] and backgrounds() == [current, plain[1], plain[2]]
        view.current = 2
        await pilot.pause()
        assert backgrounds() == [plain[0], plain[1], current]


async def test_scroll_thumb_shows_where_a_long_column_is() -> None:
    app = BoardApp(range(100), [1, 2])
    async with run(app) as pilot:
        view = app.view
        long, short, empty = view.columns

        def thumb(column: ColumnView) -> str:
            return "".join(body_text(view, column, separator=True))

        assert thumb(long).startswith("▐") and thumb(long).endswith("▕")
        assert thumb(short) == thumb(empty) == "▕" * view.body_height
        long.select_id(99)
        await pilot.pause()
        assert thumb(long).startswith("▕") and thumb(long).endswith("▐")
        long.scroll_to(long.virtual_height // 2 - view.body_height // 2)
        await pilot.pause()
        assert thumb(long)[0] == thumb(long)[-1] == "▕" and "▐" in thumb(long)


async def test_resizing_keeps_every_cursor_visible() -> None:
    app = BoardApp(range(200), range(200), range(200))
    async with run(app, (60, 40)) as pilot:
        view = app.view
        for column, app_id in zip(view.columns, (30, 199, 2), strict=True):
            column.select_id(app_id)
        await pilot.pause()
        for height in (12, 8, 40):
            await pilot.resize_terminal(60, height)
            assert view.body_height == height - 2 - TOP
            assert [c.highlighted_id for c in view.columns] == [30, 199, 2]
            for column in view.columns:
                assert cursor_visible(view, column), (height, column.index)
                assert column.scroll_y <= column.virtual_height - view.body_height
                title = row_line(view, column, column.cursor).text
                assert f"Company {column.highlighted_id}" in title


async def test_set_cards_keeps_the_cursor_on_an_id_or_clamps() -> None:
    app = BoardApp(range(100))
    async with run(app) as pilot:
        view = app.view
        column = view.columns[0]
        column.select_id(50)
        await pilot.pause()
        posted = len(app.highlighted())
        app.calls.clear()
        column.set_cards(list(reversed(range(100))), app.describe, keep_id=50)
        await pilot.pause()
        assert column.highlighted_id == 50 and column.cursor == 49
        assert cursor_visible(view, column)
        assert len(app.highlighted()) == posted  # same id: no message
        assert 50 in app.calls  # the old faces were dropped

        column.set_cards(range(10), app.describe, keep_id=50)
        await pilot.pause()
        assert column.cursor == 9 and column.highlighted_id == 9 and cursor_visible(view, column)
        assert column.scroll_y == column.virtual_height - view.body_height
        assert app.highlighted()[-1] == 9


async def test_widget_binds_no_keys() -> None:
    app = BoardApp(range(100), range(100))
    async with run(app) as pilot:
        app.view.focus()
        await pilot.pause()
        await pilot.press("down", "right", "pagedown", "end")
        assert app.app_downs == 1  # the key reached the app's binding
        assert app.view.current == 0
        assert [(c.cursor, c.scroll_y) for c in app.view.columns] == [(0, 0)] * 3
