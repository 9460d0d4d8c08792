"""Pilot tests for AgendaList: laziness at 10,000 rows, headings the cursor skips, keys, mouse,
messages, the cursor kept across a refill, and user text drawn literally."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from textual import on
from textual.app import App, ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

import postinterview_tui
from postinterview_tui.tui.widgets.agenda_list import AgendaGroup, AgendaList

M = TypeVar("M", bound=Message)
SIZE = (60, 20)
REVIEW_TCSS = Path(postinterview_tui.__file__).parent / "tui" / "styles" / "review.tcss"


class Describer:
    """A describe() that counts its calls and can be given other texts."""

    def __init__(self, texts: dict[Hashable, str] | None = None) -> None:
        self.calls: list[Hashable] = []
        self.texts = texts or {}

    def __call__(self, key: Hashable) -> Content:
        self.calls.append(key)
        first = self.texts.get(key, f"Company {key}")
        return Content.assemble((first, "bold"), "\n   ", f"detail {key}")


def groups_of(**members: range | list[str]) -> list[AgendaGroup]:
    """``groups_of(Overdue=range(3))``: a group per keyword, headed "Overdue (3)"."""
    return [
        AgendaGroup(Content.styled(f"{title} ({len(keys)})", "bold"), tuple(keys))
        for title, keys in members.items()
    ]


class ListApp(App[None]):
    """A list filling most of the screen above a line of text, with the review's styles."""

    CSS_PATH = REVIEW_TCSS
    CSS = "#list { height: 1fr; } #below { height: 2; }"

    def __init__(self, setup: Callable[[AgendaList], None] | None = None) -> None:
        super().__init__()
        self.setup = setup
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        agenda = AgendaList(id="list")
        if self.setup is not None:
            self.setup(agenda)
        yield agenda
        yield Static("below", id="below")

    def on_mount(self) -> None:
        self.agenda.focus()

    @on(AgendaList.RowHighlighted)
    @on(AgendaList.RowSelected)
    def _record(self, message: Message) -> None:
        self.messages.append(message)

    @property
    def agenda(self) -> AgendaList:
        return self.query_one("#list", AgendaList)

    def of_type(self, kind: type[M]) -> list[M]:
        return [m for m in self.messages if isinstance(m, kind)]


def lines(agenda: AgendaList) -> list[str]:
    """The text of every line of the list as it would be drawn now."""
    return [agenda.render_line(y).text for y in range(agenda.scrollable_content_region.height)]


def background(agenda: AgendaList, y: int) -> object:
    """The background colour of line ``y`` of the view (its first cell)."""
    first = next(iter(agenda.render_line(y)))
    return first.style.bgcolor if first.style else None


def cursor_visible(agenda: AgendaList) -> bool:
    """Are both lines of the highlighted row drawn in the view, in the cursor's colours?"""
    key = agenda.highlighted_key
    drawn = lines(agenda)
    tops = [y for y, text in enumerate(drawn) if text.split()[:2] == ["Company", str(key)]]
    if len(tops) != 1 or tops[0] + 1 >= len(drawn):
        return False
    top = tops[0]
    others = [y for y, text in enumerate(drawn) if text.startswith("Company") and y != top]
    return (
        drawn[top + 1].split() == ["detail", str(key)]
        and background(agenda, top) == background(agenda, top + 1)
        and all(background(agenda, y) != background(agenda, top) for y in others)
    )


async def test_ten_thousand_rows_describe_only_the_visible_ones() -> None:
    describe = Describer()
    groups = groups_of(Overdue=range(4_000), Due=range(4_000, 7_000), Upcoming=range(7_000, 10_000))
    app = ListApp(lambda agenda: agenda.set_groups(groups, describe))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.agenda
        assert agenda.row_count == 10_000
        # 3 headings, 2 rules between the groups, 2 lines a row: known without measuring.
        assert agenda.virtual_size.height == 3 + 2 + 10_000 * 2
        height = agenda.scrollable_content_region.height
        assert 0 < len(describe.calls) <= height // 2
        assert set(describe.calls) <= set(range(height // 2))
        # Drawing again does not ask again: rows are cached until the next set_groups.
        agenda.refresh()
        await pilot.pause()
        assert len(describe.calls) == len(set(describe.calls))

        await pilot.press("end")
        await pilot.pause()
        assert agenda.highlighted_key == 9_999
        assert cursor_visible(agenda)
        assert len(describe.calls) <= height
        assert any("Company 9999" in line for line in lines(agenda))

        assert agenda.select_key(5_000)
        await pilot.pause()
        assert cursor_visible(agenda)
        assert len(describe.calls) <= height * 2
        assert "Company 5000" in "\n".join(lines(agenda))


async def test_headings_and_rules_are_drawn_and_the_cursor_skips_them() -> None:
    app = ListApp(
        lambda agenda: agenda.set_groups(groups_of(A=["a0", "a1"], B=["b0"]), Describer())
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.agenda
        drawn = lines(agenda)
        assert drawn[0].startswith("A (2)")
        assert drawn[1].startswith("Company a0") and drawn[2].startswith("   detail a0")
        assert drawn[3].startswith("Company a1")
        assert set(drawn[5]) == {"─"} and len(drawn[5]) == agenda.size.width
        assert drawn[6].startswith("B (1)")
        assert drawn[7].startswith("Company b0")
        assert drawn[9].strip() == ""
        # The cursor row is drawn in the cursor style, the others are not.
        cursor_bg = background(agenda, 1)
        assert background(agenda, 2) == cursor_bg
        assert background(agenda, 3) != cursor_bg
        assert background(agenda, 0) != cursor_bg

        seen = []
        for key in ("down", "down", "down", "up", "up", "up"):
            await pilot.press(key)
            seen.append(agenda.highlighted_key)
        # Down from the last row wraps to the first, as an OptionList does; up wraps back.
        assert seen == ["a1", "b0", "a0", "b0", "a1", "a0"]
        assert background(agenda, 1) == cursor_bg


async def test_home_end_and_page_keys_land_on_rows() -> None:
    groups = groups_of(Overdue=range(30), Due=range(30, 60))
    app = ListApp(lambda agenda: agenda.set_groups(groups, Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.agenda
        page = agenda.scrollable_content_region.height // 2
        await pilot.press("pagedown")
        assert abs(agenda.cursor - page) <= 1
        assert cursor_visible(agenda)
        for _ in range(8):
            await pilot.press("pagedown")
            assert agenda.highlighted_key is not None
        assert agenda.highlighted_key == 59
        await pilot.press("pageup")
        assert 59 - page - 1 <= agenda.cursor < 59
        assert cursor_visible(agenda)
        await pilot.press("home")
        assert agenda.highlighted_key == 0
        assert agenda.scroll_offset.y == 0  # the first row brings its heading into view
        await pilot.press("pageup")
        assert agenda.highlighted_key == 0
        await pilot.press("end")
        assert agenda.highlighted_key == 59
        assert cursor_visible(agenda)


async def test_messages_follow_the_cursor_and_enter_selects() -> None:
    app = ListApp(
        lambda agenda: agenda.set_groups(groups_of(A=["a0", "a1"], B=["b0"]), Describer())
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [m.key for m in app.of_type(AgendaList.RowHighlighted)] == ["a0"]
        await pilot.press("down", "down")
        await pilot.pause()
        highlighted = app.of_type(AgendaList.RowHighlighted)
        assert [(m.key, m.index) for m in highlighted] == [("a0", 0), ("a1", 1), ("b0", 2)]
        assert all(m.control is app.agenda for m in highlighted)
        await pilot.press("enter")
        await pilot.pause()
        assert [(m.key, m.index) for m in app.of_type(AgendaList.RowSelected)] == [("b0", 2)]
        # The same key after a refill is not announced again.
        app.agenda.set_groups(groups_of(A=["a0"], B=["b0"]), Describer(), keep="b0")
        await pilot.pause()
        assert len(app.of_type(AgendaList.RowHighlighted)) == 3


async def test_a_click_selects_a_row_and_a_heading_click_does_nothing() -> None:
    app = ListApp(
        lambda agenda: agenda.set_groups(groups_of(A=["a0", "a1"], B=["b0"]), Describer())
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.agenda
        await pilot.click("#list", offset=(3, 0))  # the "A (2)" heading
        await pilot.click("#list", offset=(3, 5))  # the rule
        await pilot.pause()
        assert app.of_type(AgendaList.RowSelected) == []
        assert agenda.highlighted_key == "a0"
        await pilot.click("#list", offset=(3, 8))  # second line of b0
        await pilot.pause()
        assert agenda.highlighted_key == "b0"
        assert [m.key for m in app.of_type(AgendaList.RowSelected)] == ["b0"]


async def test_the_mouse_lights_up_the_row_under_it() -> None:
    app = ListApp(lambda agenda: agenda.set_groups(groups_of(A=["a0", "a1", "a2"]), Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.agenda
        plain = background(agenda, 5)
        await pilot.hover("#list", offset=(3, 3))
        await pilot.pause()
        assert background(agenda, 3) != plain
        assert background(agenda, 5) == plain
        await pilot.hover("#below")
        await pilot.pause()
        assert background(agenda, 3) == plain


async def test_a_refill_keeps_the_key_or_else_the_position() -> None:
    app = ListApp(
        lambda agenda: agenda.set_groups(groups_of(A=range(5), B=range(5, 9)), Describer())
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.agenda
        assert agenda.select_key(6)
        # Row 6 is taken off (acted on): the cursor goes to the row now in its place.
        agenda.set_groups(groups_of(A=range(5), B=[5, 7, 8]), Describer(), keep=6, position=6)
        assert agenda.highlighted_key == 7
        # A key still listed wins over the position.
        agenda.set_groups(groups_of(A=range(5), B=[5, 7, 8]), Describer(), keep=2, position=6)
        assert agenda.highlighted_key == 2
        # A position past the end is clamped to the last row; an empty list has no key.
        agenda.set_groups(groups_of(A=[0, 1]), Describer(), position=40)
        assert agenda.highlighted_key == 1
        agenda.set_groups([], Describer())
        await pilot.pause()
        assert agenda.highlighted_key is None and agenda.row_count == 0
        await pilot.press("down", "end", "pagedown", "enter")
        assert app.of_type(AgendaList.RowSelected) == []


async def test_a_far_cursor_is_scrolled_into_view_after_a_refill() -> None:
    groups = groups_of(A=range(500))
    app = ListApp(lambda agenda: agenda.set_groups(groups, Describer()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.agenda
        agenda.set_groups(groups, Describer(), keep=400)
        await pilot.pause()
        assert agenda.highlighted_key == 400
        assert cursor_visible(agenda)
        agenda.scroll_to(y=0, animate=False, immediate=True)  # the wheel took it away
        await pilot.pause()
        await pilot.press("down")
        assert agenda.highlighted_key == 401
        assert cursor_visible(agenda)


async def test_user_text_is_drawn_literally_and_cut_not_wrapped() -> None:
    hostile = "[bold]x[/bold] $error <b>y</b> " + "long " * 30
    describe = Describer({"a0": hostile})
    app = ListApp(lambda agenda: agenda.set_groups(groups_of(A=["a0", "a1"]), describe))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.agenda
        drawn = lines(agenda)
        width = agenda.scrollable_content_region.width
        assert drawn[1].startswith("[bold]x[/bold] $error <b>y</b> long")
        assert drawn[1].endswith("…") and len(drawn[1]) == width
        # Cut, not wrapped: the next row still starts two lines down.
        assert drawn[2].startswith("   detail a0")
        assert drawn[3].startswith("Company a1")
