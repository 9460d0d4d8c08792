"""The daily review, driven through the real app on the demo data with a fixed clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from pendulum import DateTime, Timezone
from textual.widgets import Input, Static

from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.review import ItemKey, grouped, item_key
from postinterview_tui.domain.rules import ActionKind, DueStatus
from postinterview_tui.domain.stages import CloseReason, ConditionStatus, Stage
from postinterview_tui.tui.app import PostInterviewApp, build_app
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.dialogs import CloseReasonScreen, ConfirmScreen
from postinterview_tui.tui.screens.drafting import DraftingScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.screens.review_dialogs import OfferDecisionScreen, SnoozeScreen
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import make_app, open_repository, settle
from tests.ui.key_bar_view import shown_keys

SIZE = (120, 40)
T, F = ActionKind.THANK_YOU, ActionKind.FOLLOW_UP


def _ids(db_path: Path, zone: Timezone) -> dict[str, int]:
    repository = open_repository(db_path, zone)
    try:
        return {item.company.split()[0]: item.id for item in repository.summaries()}
    finally:
        repository.close()


def _read(db_path: Path, zone: Timezone, work: Any) -> Any:
    repository = open_repository(db_path, zone)
    try:
        return work(repository)
    finally:
        repository.close()


def _review(app: PostInterviewApp) -> ReviewScreen:
    """The review screen (under any dialog)."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, ReviewScreen):
            return screen
    raise AssertionError(f"no review screen in {app.screen_stack}")


def _list(app: PostInterviewApp) -> AgendaList:
    return _review(app).query_one("#review-list", AgendaList)


def _keys(app: PostInterviewApp) -> list[ItemKey]:
    """The rows on screen, top to bottom."""
    rows = _list(app)
    if not rows.display:
        return []
    return [cast(ItemKey, key) for key in rows.keys]


def _highlighted(app: PostInterviewApp) -> ItemKey | None:
    return _review(app).current_key()


def _highlight(app: PostInterviewApp, key: ItemKey) -> None:
    assert _list(app).select_key(key)


def _text(app: PostInterviewApp) -> str:
    """Every heading and row of the list (drawn or not), then the empty-review text."""
    screen = _review(app)
    rows = _list(app)
    lines = []
    for group in rows.groups:
        lines.append(group.heading.plain)
        lines.extend(rows.row_content(key).plain for key in group.keys)
    # The empty-review text is mounted only once the review has nothing to list.
    empty = [str(line.render()) for line in screen.query("#review-empty").results(Static)]
    return "\n".join([*lines, *empty]) + ("" if empty else "\n")


def _drawn(app: PostInterviewApp) -> list[str]:
    """The lines the list draws right now, as text."""
    rows = _list(app)
    return [rows.render_line(y).text for y in range(rows.scrollable_content_region.height)]


async def _open(app: PostInterviewApp, pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    assert isinstance(app.screen, ReviewScreen), app.screen


async def test_review_is_grouped_exactly_like_today(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_demo()
    expected = _read(
        db_path,
        zone,
        lambda repo: build_agenda(repo.open_summaries(), repo.settings(), now, zone),
    )
    async with board_pilot(size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        # In the groups ``today`` prints (group_agenda), each in due order.
        assert _keys(ui.app) == [item_key(item) for _, items in grouped(expected) for item in items]
        text = _text(ui.app)
        headings = ["Overdue (3)", "Due soon (1)", "Gone quiet (1)", "Upcoming (6)"]
        assert all(heading in text for heading in headings)
        assert [text.index(heading) for heading in headings] == sorted(
            text.index(heading) for heading in headings
        )
        # Harbor & Pine's panel is tomorrow: the round is listed, and its thank-you after it.
        assert "interview · tomorrow 10:00" in text
        assert "send a thank-you note · Friday (in 2 days) · 0 of 3 interviewers thanked" in text
        # Cobalt's move-on is advice, apart from what is late, and never "late".
        assert (
            "~ Cobalt Robotics — Embedded developer\n   no reply since Wed 11 Nov: close it?\n"
            in (text + "\n")
        )
        assert "send a thank-you note · tomorrow · 0 of 2 interviewers thanked" in text
        assert "check in on a condition · Friday (in 2 days) · background check" in text
        # The most overdue comes first, and is highlighted.
        ids = _ids(db_path, zone)
        assert _highlighted(ui.app) == ItemKey(ids["Bright"], F, None)
        header = str(ui.screen.query_one("#review-counts", Static).render())
        assert "3 overdue · 1 due soon · 1 gone quiet · 6 upcoming" in header
        assert "d marks the follow-up sent" in str(ui.screen.query_one("#review-hint").render())
        # j/k move like up/down, skipping the group headings.
        await ui.pilot.press("j")
        assert _highlighted(ui.app) == ItemKey(ids["Quillstone"], F, None)
        await ui.pilot.press("j", "j")
        assert _highlighted(ui.app) == ItemKey(ids["Northwind"], T, None)
        await ui.pilot.press("j")
        assert _highlighted(ui.app) == ItemKey(ids["Cobalt"], ActionKind.MOVE_ON, None)
        assert "d closes it (no response)" in str(ui.screen.query_one("#review-hint").render())
        await ui.pilot.press("k", "up", "up", "up")
        assert _highlighted(ui.app) == ItemKey(ids["Bright"], F, None)


async def test_a_seeded_review_is_cleared_from_the_keyboard(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_demo()
    ids = _ids(db_path, zone)

    def summary(name: str) -> Any:
        return _read(db_path, zone, lambda repo: repo.summary(ids[name]))

    async with board_pilot(size=SIZE, notifications=True) as ui:
        await _open(ui.app, ui.pilot)
        assert len(_keys(ui.app)) == 11

        # 1. Bright Ledger: the second follow-up -> d records it.
        await ui.press("d")
        bright = summary("Bright")
        assert (bright.stage, bright.progress.follow_ups) == (Stage.FOLLOWED_UP, 2)
        assert bright.progress.last_follow_up_at == now
        assert _highlighted(ui.app) == ItemKey(ids["Quillstone"], F, None)
        assert len(_keys(ui.app)) == 10

        # 2. Quillstone: s, then "3 days".
        await ui.press("s")
        assert isinstance(ui.screen, SnoozeScreen)
        await ui.press("down", "enter")
        assert summary("Quillstone").progress.snoozed_until == now.add(days=3)
        assert _highlighted(ui.app) == ItemKey(ids["Lumen"], T, None)

        # 3. Lumen Health: the thank-you went out.
        await ui.press("d")
        lumen = summary("Lumen")
        assert lumen.stage is Stage.THANKED
        assert lumen.progress.interviewers_thanked == lumen.progress.interviewers_total == 1
        # Lumen's first follow-up is now upcoming, but it is for another day.
        assert all(key.application_id != ids["Lumen"] for key in _keys(ui.app))
        assert _highlighted(ui.app) == ItemKey(ids["Northwind"], T, None)

        # 4. Northwind: c closes it with a reason (the second one: "I withdrew").
        await ui.press("c")
        assert isinstance(ui.screen, CloseReasonScreen)
        await ui.press("down", "enter")
        northwind = summary("Northwind")
        assert (northwind.stage, northwind.close_reason) == (Stage.CLOSED, CloseReason.WITHDREW)

        # 5. Cobalt has gone quiet (no reply after 2 follow-ups): d closes it as "no response".
        assert _highlighted(ui.app) == ItemKey(ids["Cobalt"], ActionKind.MOVE_ON, None)
        await ui.press("d")
        cobalt = summary("Cobalt")
        assert (cobalt.stage, cobalt.close_reason) == (Stage.CLOSED, CloseReason.NO_RESPONSE)

        # 5b. Harbor & Pine's panel is tomorrow: d on the round has nothing to mark, and d on
        # its thank-you is refused (nothing can answer a round not yet held); c closes it.
        harbor = ids["Harbor"]
        assert _highlighted(ui.app) == ItemKey(harbor, ActionKind.INTERVIEW, None)
        hint = str(ui.screen.query_one("#review-hint").render())
        assert "nothing to mark until the interview is over" in hint
        await ui.press("d")
        assert any("nothing to mark" in text for text in ui.toasts())
        assert _highlighted(ui.app) == ItemKey(harbor, ActionKind.INTERVIEW, None)
        await ui.press("j", "d")
        assert any("has not happened yet" in text for text in ui.toasts())
        assert summary("Harbor").stage is Stage.INTERVIEWED
        assert _highlighted(ui.app) == ItemKey(harbor, T, None)
        await ui.press("c")
        await ui.press("down", "enter")
        assert summary("Harbor").stage is Stage.CLOSED

        # 6. Tidewater, first pending condition: d records a check-in.
        tidewater = ids["Tidewater"]
        highlighted = _highlighted(ui.app)
        assert highlighted is not None
        assert highlighted[:2] == (tidewater, ActionKind.OFFER_CONDITION)
        await ui.press("d")
        conditions = {item.id: item for item in summary("Tidewater").progress.conditions}
        checked = conditions[highlighted.condition_id or 0]
        assert checked.last_check_in_at == now
        assert checked.status is ConditionStatus.PENDING

        # 7. Tidewater, the other condition: s, then a typed date.
        await ui.press("s")
        await ui.pilot.press("tab")
        await ui.press(*"2026-12-01", "enter")
        assert summary("Tidewater").progress.snoozed_until == now.in_timezone(zone).replace(
            day=1, month=12, hour=12
        )

        # 8. Orbital Freight: a follow-up now is "too soon"; the review asks, y goes ahead.
        assert _highlighted(ui.app) == ItemKey(ids["Orbital"], F, None)
        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        assert summary("Orbital").stage is Stage.THANKED
        await ui.press("y")
        orbital = summary("Orbital")
        assert (orbital.stage, orbital.progress.follow_ups) == (Stage.FOLLOWED_UP, 1)

        # 9. Tidewater's offer: d asks accept or decline; decline closes it.
        assert _highlighted(ui.app) == ItemKey(tidewater, ActionKind.OFFER_DEADLINE, None)
        await ui.press("d")
        assert isinstance(ui.screen, OfferDecisionScreen)
        await ui.press("down", "enter")
        offer = summary("Tidewater")
        assert (offer.stage, offer.close_reason) == (Stage.CLOSED, CloseReason.DECLINED_OFFER)

        # Nothing left: the review says so, with what comes next.
        assert _keys(ui.app) == []
        empty = str(ui.screen.query_one("#review-empty", Static).render())
        assert "All done for now" in empty
        assert "Next up: Orbital Freight — SRE" not in empty
        assert "Next up: Quillstone — Platform engineer · follow up" in empty
        # Keys that need a row are greyed out rather than failing.
        await ui.press("d", "s", "c")
        assert isinstance(ui.screen, ReviewScreen)

        # Leaving the review reloads the board.
        await ui.press("escape")
        screen = ui.board()
        assert ui.screen is screen
        assert screen.board is not None
        assert screen.board.stage_of(ids["Cobalt"]) is Stage.CLOSED


async def test_accepting_an_offer_with_pending_conditions_asks_first(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    tidewater = _ids(db_path, zone)["Tidewater"]
    async with board_pilot(size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        await ui.pilot.press("end")
        assert _highlighted(ui.app) == ItemKey(tidewater, ActionKind.OFFER_DEADLINE, None)
        await ui.press("d")
        await ui.press("enter")  # "I accepted it"
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("y")
        stage = _read(db_path, zone, lambda repo: repo.summary(tidewater).stage)
        assert stage is Stage.ACCEPTED
        # The offer is answered; its conditions still pending keep their check-ins.
        left = [key.action for key in _keys(ui.app) if key.application_id == tidewater]
        assert left == [ActionKind.OFFER_CONDITION, ActionKind.OFFER_CONDITION]


async def test_saying_no_to_a_confirmation_puts_the_row_back(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    orbital = _ids(db_path, zone)["Orbital"]
    async with board_pilot(size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        before = _keys(ui.app)
        _highlight(ui.app, ItemKey(orbital, F, None))
        assert _highlighted(ui.app) == ItemKey(orbital, F, None)
        await ui.press("d")
        assert isinstance(ui.screen, ConfirmScreen)
        assert ItemKey(orbital, F, None) not in _keys(ui.app)
        await ui.press("n")
        assert _keys(ui.app) == before
        assert _highlighted(ui.app) == ItemKey(orbital, F, None)
        assert _read(db_path, zone, lambda repo: repo.summary(orbital).stage) is Stage.THANKED


async def test_escape_on_a_dialog_changes_nothing(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    async with board_pilot(size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        before = _keys(ui.app)
        state = _read(db_path, zone, lambda repo: [s.version for s in repo.summaries()])
        for key in ("s", "c"):
            await ui.press(key)
            assert not isinstance(ui.screen, ReviewScreen)
            await ui.press("escape")
            assert _keys(ui.app) == before
        await ui.press("end", "d")
        assert isinstance(ui.screen, OfferDecisionScreen)
        await ui.press("escape")
        assert _keys(ui.app) == before
        assert _read(db_path, zone, lambda repo: [s.version for s in repo.summaries()]) == state


async def test_a_typed_snooze_date_that_cannot_be_read_says_why(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        await ui.press("s")
        await ui.press("tab", *"yesterday", "enter")
        assert isinstance(ui.screen, SnoozeScreen)
        error = str(ui.screen.query_one("#snooze-error").render())
        assert "future" in error
        assert ui.screen.query_one("#snooze-date", Input).value == "yesterday"


async def test_a_snooze_moves_an_item_out_of_today_and_back_when_it_ends(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    quillstone = _ids(db_path, zone)["Quillstone"]
    key = ItemKey(quillstone, F, None)

    def agenda_at(moment: DateTime) -> dict[ItemKey, DueStatus]:
        items = _read(
            db_path,
            zone,
            lambda repo: build_agenda(repo.open_summaries(), repo.settings(), moment, zone),
        )
        return {item_key(item): item.status for item in items}

    assert agenda_at(now)[key] is DueStatus.OVERDUE
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        await pilot.press("down")
        assert _highlighted(app) == key
        await pilot.press("s", "down", "enter")  # 3 days
        await settle(pilot)
        assert key not in _keys(app)
    # Out of today: upcoming, not overdue or due.
    assert agenda_at(now)[key] is DueStatus.UPCOMING
    assert agenda_at(now.add(days=2))[key] is DueStatus.DUE
    # When the snooze ends it is back, overdue, in a new review.
    later = now.add(days=3, hours=1)
    second = build_app(db_path, zone=zone, clock=lambda: later)
    async with second.run_test(size=SIZE) as pilot:
        await _open(second, pilot)
        assert key in _keys(second)
        screen = _review(second)
        item = screen._items[key]
        assert item.status is DueStatus.OVERDUE
        assert "1 hour late" in _text(second)


async def test_enter_opens_the_application_and_escape_comes_back(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    bright = _ids(db_path, zone)["Bright"]
    async with board_pilot(size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        await ui.press("enter")
        assert isinstance(ui.screen, DetailScreen)
        assert ui.screen.application_id == bright
        await ui.press("escape")
        assert _highlighted(ui.app) == ItemKey(bright, F, None)


async def test_t_and_f_open_the_drafting_panel_for_the_highlighted_row(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE) as ui:
        cobalt = ui.id_of("Cobalt Robotics")
        await _open(ui.app, ui.pilot)
        _highlight(ui.app, ItemKey(cobalt, ActionKind.MOVE_ON, None))  # in Gone quiet
        await ui.pilot.pause()
        subjects = []
        for key in ("t", "f"):
            await ui.press(key)
            panel = ui.screen
            assert isinstance(panel, DraftingScreen), key
            assert "Cobalt Robotics" in str(panel.query_one("#draft-head", Static).render())
            subjects.append(panel.query_one("#draft-subject", Input).value)
            await ui.press("escape")  # nothing typed: the panel closes at once
            assert isinstance(ui.screen, ReviewScreen)
        # t: Cobalt's interviewers were all thanked (no copy kept): the record, not a new note.
        assert subjects[0] == "", subjects
        assert subjects[1].startswith("Checking in"), subjects  # f: the follow-up
        assert len(_keys(ui.app)) == 11  # drafting is not doing: the row stays


async def test_an_empty_review_names_the_next_thing(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_empty()
    repository = open_repository(db_path, zone)
    new_id = repository.add_application(
        NewApplication(
            "Kestrel <b>Labs</b>",
            "[red]Analyst[/red]",
            NewInterview(now.subtract(days=1), decision_by=now.add(days=20).date()),
        ),
        now,
    )
    repository.move(new_id, Stage.THANKED, when=now, now=now)
    repository.close()
    async with board_pilot(demo=False, size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        assert _keys(ui.app) == []
        empty = str(ui.screen.query_one("#review-empty", Static).render())
        assert "Nothing to do in the next 7 days." in empty
        assert "Next up: Kestrel <b>Labs</b> — [red]Analyst[/red] · follow up" in empty


async def test_a_review_with_nothing_at_all(board_pilot: BoardPilots) -> None:
    async with board_pilot(demo=False, size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        empty = str(ui.screen.query_one("#review-empty", Static).render())
        assert "Nothing to do in the next 7 days." in empty
        assert "Nothing else is waiting on you." in empty


async def test_the_palette_offers_the_review_and_the_timeline_everywhere(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE) as ui:
        titles = {command.title for command in ui.app.get_system_commands(ui.screen)}
        assert {"Daily review", "Timeline of all applications"} <= titles
        await ui.press("enter")
        assert isinstance(ui.screen, DetailScreen)
        titles = {command.title for command in ui.app.get_system_commands(ui.screen)}
        assert {"Daily review", "Timeline of all applications"} <= titles
        ui.app.open_review()
        await ui.settle()
        titles = {command.title for command in ui.app.get_system_commands(ui.screen)}
        assert {"Mark the action done", "Snooze", "Close with a reason"} <= titles
        # The palette entry runs the same action as the key.
        done = next(
            command
            for command in ui.app.get_system_commands(ui.screen)
            if command.title == "Mark the action done"
        )
        done.callback()
        await ui.settle()
        assert len(_keys(ui.app)) == 10


async def test_user_text_is_shown_literally_never_as_markup(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_empty()
    repository = open_repository(db_path, zone)
    repository.add_application(
        NewApplication(
            "[bold]x[/bold] \x1b[31mCorp",
            "[red]Analyst[/red] $error",
            NewInterview(now.subtract(hours=30)),
        ),
        now,
    )
    repository.close()
    async with board_pilot(demo=False, size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        assert len(_keys(ui.app)) == 1
        drawn = "\n".join(_drawn(ui.app))
        assert "[bold]x[/bold] [31mCorp — [red]Analyst[/red] $error" in drawn
        assert "\x1b" not in drawn
        rows = _list(ui.app)
        company = next(iter(rows.render_line(1)))
        assert company.text.startswith("!")  # the overdue symbol comes first, then the company


async def test_keys_move_over_rows_only_and_the_hint_follows(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    ids = _ids(db_path, zone)
    first = ItemKey(ids["Bright"], F, None)
    last = ItemKey(ids["Tidewater"], ActionKind.OFFER_DEADLINE, None)

    def hint() -> str:
        return str(app.screen.query_one("#review-hint", Static).render())

    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        keys = _keys(app)
        assert "follow-up sent" in hint()
        await pilot.press("down", "down", "down", "down")
        assert _highlighted(app) == keys[4] == ItemKey(ids["Cobalt"], ActionKind.MOVE_ON, None)
        assert "closes it" in hint()
        await pilot.press("end")
        assert _highlighted(app) == last
        assert "accept or decline" in hint()
        # As with the OptionList before it, j past the last row comes back to the first.
        await pilot.press("j")
        assert _highlighted(app) == first
        await pilot.press("k")
        assert _highlighted(app) == last
        await pilot.press("home")
        assert _highlighted(app) == first
        await pilot.press("pagedown")
        assert _highlighted(app) in keys[1:]
        await pilot.press("pageup")
        assert _highlighted(app) == first


async def test_a_click_on_a_row_opens_it_and_a_click_on_a_heading_does_not(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    ids = _ids(db_path, zone)
    async with board_pilot(size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        # Lines: "Overdue (3)", Bright (2 lines), Quillstone (2 lines)...; x=1 is the padding.
        await ui.pilot.click("#review-list", offset=(4, 0))
        await ui.settle()
        assert isinstance(ui.screen, ReviewScreen)
        assert _highlighted(ui.app) == ItemKey(ids["Bright"], F, None)
        await ui.pilot.click("#review-list", offset=(4, 4))
        await ui.settle()
        assert isinstance(ui.screen, DetailScreen)
        assert ui.screen.application_id == ids["Quillstone"]
        await ui.press("escape")
        assert _highlighted(ui.app) == ItemKey(ids["Quillstone"], F, None)


async def test_only_the_rows_on_screen_are_described(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: Any
) -> None:
    from postinterview_tui.tui.screens import review

    described: list[int] = []
    original = review._row_content

    def counting(item: Any, *rest: Any) -> Any:
        described.append(item.application_id)
        return original(item, *rest)

    monkeypatch.setattr(review, "_row_content", counting)
    app = make_app(db_path, now, zone)
    async with app.run_test(size=(120, 12)) as pilot:
        await _open(app, pilot)
        rows = _list(app)
        height = rows.scrollable_content_region.height
        assert len(_keys(app)) == 11 and height < 11 * 2
        assert 0 < len(described) <= height // 2
        assert set(described) <= {key.application_id for key in _keys(app)[: height // 2]}
        await pilot.press("end")
        await pilot.pause()
        assert _keys(app)[-1].application_id in described
        assert len(described) < 9 + 1


async def test_the_cursor_stays_on_the_next_row_after_an_action(board_pilot: BoardPilots) -> None:
    async with board_pilot(size=SIZE) as ui:
        await _open(ui.app, ui.pilot)
        keys = _keys(ui.app)
        # The last overdue row: the next row is the first of the Due group, past its heading.
        _highlight(ui.app, keys[3])
        await ui.pilot.press("d")
        await ui.pilot.pause()  # before the write and the reload
        assert _highlighted(ui.app) == keys[4]
        await ui.settle()  # and after them
        assert _highlighted(ui.app) == keys[4]
        assert _keys(ui.app) == keys[:3] + keys[4:]
        assert "Overdue (3)" in _text(ui.app)


async def test_the_footer_offers_the_row_keys_once_a_slow_read_arrives(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: Any
) -> None:
    import time

    from postinterview_tui.storage.repository import Repository

    original = Repository.agenda_rows

    def slow(self: Repository, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)  # a slow disk: the footer is drawn before the rows
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Repository, "agenda_rows", slow)
    app = make_app(db_path, now, zone)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot)
        assert len(_keys(app)) == 11
        keys = {key.key: key for key in shown_keys(app.screen)}
        assert {"d", "s", "c"} <= set(keys)
        assert not any(keys[name].dimmed for name in ("d", "s", "c"))
