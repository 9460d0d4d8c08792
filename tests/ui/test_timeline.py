"""Timelines: the query behind the global one, the global timeline screen, and the detail
screen's timeline with its "today" marker and overdue items."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone
from textual.content import Content
from textual.widgets import Input, OptionList

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.stages import EventKind, Stage
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.timeline_queries import recent_events
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.timeline import TimelineScreen, detail_timeline
from tests.ui import detail_page
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import make_app, open_repository

SIZE = (120, 40)


def _ids(db_path: Path, zone: Timezone) -> dict[str, int]:
    repository = open_repository(db_path, zone)
    try:
        return {item.company.split()[0]: item.id for item in repository.summaries()}
    finally:
        repository.close()


def _add(repository: Repository, company: str, held_at: DateTime) -> int:
    new = NewApplication(company, "Role", NewInterview(held_at))
    return repository.add_application(new, held_at)


# -- the query --------------------------------------------------------------------------------


def test_recent_events_are_the_span_oldest_first_across_applications(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    old = _add(repository, "Old Co", now.subtract(days=40))
    first = _add(repository, "First Co", now.subtract(days=10))
    second = _add(repository, "Second Co", now.subtract(days=3))
    repository.move(first, Stage.THANKED, when=now.subtract(days=2), now=now)
    future = _add(repository, "Future Co", now.add(days=2))
    gone = _add(repository, "Gone Co", now.subtract(days=1))
    repository.delete(gone, now)

    entries = recent_events(repository, since=now.subtract(days=30), until=now)
    companies = [entry.company for entry in entries]
    assert "Old Co" not in companies and "Gone Co" not in companies
    assert "Future Co" not in {entry.company for entry in entries if entry.event.at <= now}
    times = [(entry.event.at, entry.event.id) for entry in entries]
    assert times == sorted(times)
    assert all(now.subtract(days=30) <= entry.event.at <= now for entry in entries)
    thanked = [entry for entry in entries if entry.event.kind is EventKind.THANK_YOU_SENT]
    assert [(entry.company, entry.role, entry.event.application_id) for entry in thanked] == [
        ("First Co", "Role", first)
    ]
    assert {entry.event.application_id for entry in entries} == {first, second}

    ahead = recent_events(repository, since=now, until=now.add(days=14))
    assert {entry.event.application_id for entry in ahead} == {future}
    assert old not in {entry.event.application_id for entry in ahead}

    # The bounds are inclusive, and a limit keeps the newest of the span.
    exact = recent_events(repository, since=now.subtract(days=2), until=now.subtract(days=2))
    assert {entry.event.kind for entry in exact} >= {EventKind.THANK_YOU_SENT}
    newest = recent_events(repository, since=now.subtract(days=30), until=now, limit=2)
    assert [entry.event.id for entry in newest] == [entry.event.id for entry in entries[-2:]]
    repository.close()


def test_recent_events_compare_the_stored_text_directly(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """The WHERE on events.at must not wrap the column in a function (an index could not
    serve it); the query plan names the column as a range, not a computed value."""
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    repository.db.execute("CREATE INDEX test_events_at ON events (at)")
    plan = " ".join(
        str(row[-1])
        for row in repository.db.execute(
            "EXPLAIN QUERY PLAN SELECT events.id FROM events JOIN applications "
            "ON applications.id = events.application_id "
            "WHERE events.at >= ? AND events.at <= ? AND applications.deleted_at IS NULL",
            ["2026-01-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00"],
        )
    )
    assert "test_events_at" in plan
    assert recent_events(repository, since=now, until=now) == ()
    repository.close()


# -- the global timeline ----------------------------------------------------------------------


def _rows(app: PostInterviewApp) -> list[str]:
    rows = app.screen.query_one("#timeline-list", OptionList)
    return [str(option.prompt) for option in rows.options]


async def test_g_opens_the_timeline_with_today_between_past_and_future(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=SIZE) as ui:
        await ui.press("g")
        assert isinstance(ui.screen, TimelineScreen)
        rows = _rows(ui.app)
        today = rows.index("── today, Wed 25 Nov ──")
        past, future = "\n".join(rows[:today]), "\n".join(rows[today + 1 :])
        # The last 30 days: Granite closed 20 days ago; Meridian's history is older.
        assert "Granite Systems — DevOps engineer · Closed: no response" in past
        assert "Meridian" not in past
        assert "Quillstone — Platform engineer · Thank-you note sent" in past
        # What comes next, in due order: Cobalt has gone quiet (advice, "~", never late),
        # overdue ones are marked; a scheduled interview in its place.
        assert future.splitlines()[0].startswith("~ Wed 18 Nov 2026 10:00  Cobalt Robotics")
        assert "no reply since Wed 11 Nov: close it?" in future
        assert "late" not in future.splitlines()[0]
        assert future.splitlines()[1].startswith("! ")
        assert "Harbor & Pine — Product designer · Interview scheduled (panel)" in future
        assert "Tidewater Bank — Data analyst · offer reply: Sunday (in 4 days)" in future
        # The first thing ahead is highlighted.
        timeline = ui.screen.query_one("#timeline-list", OptionList)
        assert timeline.highlighted == today + 1

        def styles(row: int) -> list[str]:
            prompt = timeline.options[row].prompt
            return [str(span.style) for span in prompt.spans]  # type: ignore[union-attr]

        assert "bold $error" not in styles(today + 1)  # gone quiet: calm
        assert "bold $error" in styles(today + 2)  # overdue


async def test_the_timeline_filters_by_company_and_opens_applications(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    board_pilot.write_demo()
    tidewater = _ids(db_path, zone)["Tidewater"]
    async with board_pilot(size=SIZE) as ui:
        await ui.press("g")
        await ui.press("slash", *"tide")
        rows = [row for row in _rows(ui.app) if "—" in row]
        assert rows and all("Tidewater Bank" in row for row in rows)
        await ui.press("enter")  # leaves the filter for the list
        assert isinstance(ui.app.focused, OptionList)
        await ui.press("enter")
        assert isinstance(ui.screen, DetailScreen)
        assert ui.screen.application_id == tidewater
        await ui.press("escape")
        assert isinstance(ui.screen, TimelineScreen)
        await ui.press("escape")  # clears the filter
        assert ui.screen.query_one("#timeline-filter", Input).value == ""
        assert any("Cobalt" in row for row in _rows(ui.app))
        await ui.press("slash", *"zzz")
        assert "Nothing matches the filter." in _rows(ui.app)
        await ui.press("escape", "escape")
        assert ui.screen is ui.board()


async def test_user_text_on_the_timeline_is_never_markup(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_empty()
    repository = open_repository(db_path, zone)
    _add(repository, "[bold red]Evil[/] \x1b[31mCo", now.subtract(days=1))
    repository.close()
    async with board_pilot(demo=False, size=SIZE) as ui:
        await ui.press("g")
        text = "\n".join(_rows(ui.app))
        assert "[bold red]Evil[/] [31mCo" in text
        assert "\x1b" not in text


# -- the detail screen's timeline -------------------------------------------------------------


def test_detail_timeline_puts_future_after_today_and_marks_overdue(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    make_app(db_path, now, zone)  # seeds the demo data
    ids = _ids(db_path, zone)
    repository = open_repository(db_path, zone)
    settings = repository.settings()
    cobalt = detail_timeline(repository.detail(ids["Cobalt"]), settings, now, zone)
    harbor = detail_timeline(repository.detail(ids["Harbor"]), settings, now, zone)
    tidewater = detail_timeline(repository.detail(ids["Tidewater"]), settings, now, zone)
    repository.close()

    def plain(lines: list[Content]) -> list[str]:
        return [line.plain for line in lines]

    cobalt_text = plain(cobalt)
    today = cobalt_text.index("── today, Wed 25 Nov ──")
    assert "Follow-up sent (#2)" in cobalt_text[today - 1]
    quiet = cobalt[today + 1]
    assert quiet.plain == "~ no reply since Wed 11 Nov: close it?"
    assert not any("$error" in str(span.style) for span in quiet.spans)

    harbor_text = plain(harbor)
    today = harbor_text.index("── today, Wed 25 Nov ──")
    # The panel interview is tomorrow: it sits after the marker, then the thank-you it asks.
    assert "Interview scheduled (panel)" in harbor_text[today + 1]
    assert harbor_text[today + 2].startswith("› thank-you: Friday (in 2 days)")
    assert all("Interview (panel)" not in line for line in harbor_text[:today])

    tidewater_text = plain(tidewater)
    today = tidewater_text.index("── today, Wed 25 Nov ──")
    ahead = tidewater_text[today + 1 :]
    assert [line.split(":")[0] for line in ahead] == [
        "› condition check-in",
        "› condition check-in",
        "› offer reply",
    ]


def test_an_overdue_line_says_how_late_once(db_path: Path, now: DateTime, zone: Timezone) -> None:
    make_app(db_path, now, zone)  # seeds the demo data
    lumen = _ids(db_path, zone)["Lumen"]
    repository = open_repository(db_path, zone)
    lines = detail_timeline(repository.detail(lumen), repository.settings(), now, zone)
    repository.close()
    late = [line for line in lines if line.plain.startswith("! ")]
    # "14 hours late" already says it is overdue (and "!" says it without colour): a second
    # "(overdue)" at the end only made the line wrap sooner.
    assert [line.plain for line in late] == [
        "! thank-you: 14 hours late · Tue 24 Nov 20:00 (0 of 1 interviewer thanked)"
    ]
    assert all("$error" in str(span.style) for line in late for span in line.spans)


async def test_detail_screen_shows_a_snooze(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_demo()
    quillstone = _ids(db_path, zone)["Quillstone"]
    repository = open_repository(db_path, zone)
    repository.snooze(quillstone, now.add(days=2), now)
    repository.close()
    async with board_pilot(size=SIZE, focus=quillstone) as ui:
        await ui.press("enter")
        text = detail_page.timeline(ui.screen)
        assert "snoozed until Fri 27 Nov 2026 10:00" in text
        assert "› follow up: Friday (in 2 days) · Fri 27 Nov 10:00 (first follow-up)" in text
        assert "(overdue)" not in text


def test_the_global_timeline_follows_a_round_removed_or_moved(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    """A round's entry goes with the round: none left where a removed or moved round was, one
    where the moved round is now (issue 17: cancelled and rescheduled invitations)."""
    from postinterview_tui.storage.round_changes import move_interview, remove_interview

    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    first, second, third = (now.add(days=days) for days in (2, 4, 6))
    kept = _add(repository, "Kept", now.subtract(days=1))
    for held in (first, second):
        repository.add_interview(kept, NewInterview(held), now)
    rounds = {item.held_at: item.id for item in repository.detail(kept).interviews}
    remove_interview(repository, rounds[first], now)
    move_interview(repository, rounds[second], third, now)
    ahead = recent_events(repository, since=now, until=now.add(days=14))
    held = [item.event.at for item in ahead if item.event.kind is EventKind.INTERVIEW_HELD]
    assert held == [third]
    assert len({item.event.id for item in ahead}) == len(ahead)
    repository.close()
