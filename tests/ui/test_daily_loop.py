"""The daily loop in the TUI (issue 20): replies, rounds, corrected rounds, topics, and moves
that ask what they mean. The real app on a real temp database, through the pilot."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone
from textual.widgets import Input, OptionList, SelectionList, TextArea

from postinterview_tui.domain.cards import card_status
from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import EventKind, InterviewKind, Stage
from postinterview_tui.storage.drafts import DraftStore
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.dialogs import CloseReasonScreen
from postinterview_tui.tui.screens.drafting import DraftingScreen
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from postinterview_tui.tui.screens.interview_form import InterviewFormScreen, RoundPickerScreen
from postinterview_tui.tui.screens.loop_forms import ReplyFormScreen, RoundFormScreen
from postinterview_tui.tui.screens.move_questions import ChoiceScreen, ThankedWhoScreen
from postinterview_tui.tui.screens.templates import NameScreen
from tests.ui import detail_page
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import column, column_text, focus_card, make_app, settle


def _seed(
    db_path: Path, now: DateTime, zone: Timezone, *people: str, days_ago: int = 2
) -> tuple[Repository, int]:
    """One application interviewed ``days_ago`` days ago by ``people`` (a repository stays open:
    close it)."""
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    interview = NewInterview(
        now.subtract(days=days_ago),
        InterviewKind.VIDEO,
        "",
        None,
        tuple(NewInterviewer(name, f"{name.split()[0].lower()}@acme.example") for name in people),
    )
    new_id = repository.add_application(
        NewApplication("Acme", "Data engineer", interview), now.subtract(days=days_ago)
    )
    return repository, new_id


def _fill(app: PostInterviewApp, **values: str) -> None:
    for name, value in values.items():
        widget = app.screen.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            assert isinstance(widget, Input)
            widget.value = value


async def _choose(pilot: Any, app: PostInterviewApp, option_id: str) -> None:
    options = app.screen.query_one(OptionList)
    options.highlighted = options.get_option_index(option_id)
    await pilot.press("enter")
    await settle(pilot)


def _titles(app: PostInterviewApp) -> set[str]:
    return {command.title for command in app.get_system_commands(app.screen)}


# -- What you talked about ------------------------------------------------------------------


async def test_topics_typed_in_the_add_form_fill_the_thank_you_draft(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(demo=False) as ui:
        await ui.press("n")
        assert isinstance(ui.screen, ApplicationFormScreen)
        _fill(
            ui.app,
            company="Zephyr Labs",
            role="QA lead",
            interviewers="Ana Ruiz <ana@zephyr.example>, Tom Lee",
            interview_notes="their move to contract testing",
        )
        await ui.press("ctrl+s")
        screen = ui.board()
        assert screen.board is not None
        (summary,) = screen.board.columns[Stage.INTERVIEWED]
        await ui.open_card(summary.id, "t")
        if isinstance(ui.screen, NameScreen):  # asks for your name the first time
            await ui.press("escape")
        assert isinstance(ui.screen, DraftingScreen)
        body = ui.screen.query_one("#draft-text", TextArea).text
        assert "their move to contract testing" in body
        assert "[something you talked about]" not in body


# -- Record a reply -------------------------------------------------------------------------


async def test_reply_key_records_a_reply_that_restarts_the_follow_up_count(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz", days_ago=12)
    repository.move(acme, Stage.THANKED, when=now.subtract(days=12), now=now)
    repository.move(acme, Stage.FOLLOWED_UP, when=now.subtract(days=3), now=now, force=True)
    assert repository.summary(acme).progress.follow_ups == 1
    async with board_pilot(demo=False, focus=acme) as ui:
        assert "Record a reply…" in _titles(ui.app)
        await ui.press("y")
        assert isinstance(ui.screen, ReplyFormScreen)
        _fill(ui.app, decision_by="2026-12-04", note="The team decides on Friday")
        await ui.press("ctrl+s")
        assert not isinstance(ui.screen, ReplyFormScreen)
        detail = repository.detail(acme)
        progress = detail.summary.progress
        assert progress.follow_ups == 0
        assert progress.last_reply_at == now.replace(second=0, microsecond=0)
        assert progress.decision_by == date(2026, 12, 4)
        reply = [event for event in detail.events if event.kind is EventKind.REPLY_RECEIVED]
        assert reply and reply[-1].data.get("note") == "The team decides on Friday"
        # The card shows the waiting that starts again, not a late follow-up.
        assert "late" not in column_text(ui.column(Stage.FOLLOWED_UP))
    repository.close()


async def test_a_reply_from_the_future_is_refused_beside_its_field(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz")
    async with board_pilot(demo=False) as ui:
        await ui.open_card(acme, "y")
        _fill(ui.app, when="+1d")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, ReplyFormScreen)
        error = ui.screen.query_one("#error-when")
        assert error.has_class("-shown")
        assert "future" in str(error.render())
        assert repository.summary(acme).progress.last_reply_at is None
    repository.close()


# -- Add an interview round -----------------------------------------------------------------


async def test_round_key_schedules_a_future_round_shown_on_the_card(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz")
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=(160, 40)) as pilot:  # wide enough for the card's full line
        await settle(pilot)
        focus_card(app, acme)
        assert "Add an interview round…" in _titles(app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, RoundFormScreen)
        _fill(
            app,
            interviewed="2026-11-27 14:00",
            interviewers="Sam Lee <sam@acme.example>, Kim Park",
            decision_by="2026-12-08",
            interview_notes="the on-call rota",
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        detail = repository.detail(acme)
        latest = detail.latest_interview
        assert latest is not None and len(detail.interviews) == 2
        assert latest.held_at > now
        assert latest.notes == "the on-call rota"
        assert [person.name for person in latest.interviewers] == ["Sam Lee", "Kim Park"]
        assert detail.summary.progress.decision_by == date(2026, 12, 8)
        # Wednesday 25 November: the round is on Friday.
        assert "interview Fri 14:00" in column_text(column(app, Stage.INTERVIEWED))
    repository.close()


async def test_detail_screen_records_a_reply_and_a_round_and_shows_them(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz")
    async with board_pilot(demo=False) as ui:
        await ui.open_card(acme, "enter")
        assert isinstance(ui.screen, DetailScreen)
        assert {"Record a reply…", "Add an interview round…", "Edit an interview…"} <= _titles(
            ui.app
        )
        await ui.press("y")
        assert isinstance(ui.screen, ReplyFormScreen)
        await ui.press("ctrl+s")
        await ui.press("a")
        assert isinstance(ui.screen, RoundFormScreen)
        _fill(ui.app, interviewed="2026-12-01 09:30", interview_notes="system design")
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, DetailScreen)
        timeline = detail_page.timeline(ui.screen)
        assert "Reply received" in timeline
        after_today = timeline.split("── today")[1]
        assert "Tue 1 Dec 2026 09:30" in after_today
        facts = detail_page.facts(ui.screen)
        assert "To talk about: system design" in facts  # a round still ahead
    summary = repository.summary(acme)
    assert summary.progress.last_interview_at is not None
    assert summary.progress.last_interview_at > now
    repository.close()


# -- Edit an interview ----------------------------------------------------------------------


async def test_editing_a_round_keeps_a_thank_you_with_its_renamed_interviewer(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz", "Tom Lee")
    detail = repository.detail(acme)
    ana, tom = detail.interviews[0].interviewers
    DraftStore(repository).mark_thank_you_sent(acme, ana.id, now.subtract(hours=2), now)
    assert repository.summary(acme).stage is Stage.INTERVIEWED
    async with board_pilot(demo=False) as ui:
        await ui.open_card(acme, "enter")
        await ui.press("i")
        assert isinstance(ui.screen, InterviewFormScreen)
        _fill(
            ui.app,
            **{
                f"person-{ana.id}": "Ana Ruiz-Diaz <ana.ruiz@acme.example>",
                f"person-{tom.id}": "",  # Tom was never there
                "notes": "data contracts",
            },
        )
        await ui.press("ctrl+s")
        assert isinstance(ui.screen, DetailScreen)
    detail = repository.detail(acme)
    (person,) = detail.interviews[0].interviewers
    assert (person.id, person.name, person.email) == (
        ana.id,
        "Ana Ruiz-Diaz",
        "ana.ruiz@acme.example",
    )
    assert person.thanked_at is not None
    assert detail.interviews[0].notes == "data contracts"
    # Everyone left was thanked: the card moves on, as thanking Tom would have moved it.
    assert detail.summary.stage is Stage.THANKED
    assert (
        detail.summary.progress.interviewers_thanked,
        detail.summary.progress.interviewers_total,
    ) == (1, 1)
    # One undo puts Tom back.
    repository.undo(now)
    assert len(repository.detail(acme).interviews[0].interviewers) == 2
    assert repository.summary(acme).stage is Stage.INTERVIEWED
    repository.close()


async def test_editing_asks_which_round_when_there_are_several(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz", days_ago=5)
    repository.add_interview(
        acme, NewInterview(now.add(days=2), InterviewKind.ONSITE, "", None, ()), now
    )
    first = repository.detail(acme).interviews[0]
    async with board_pilot(demo=False) as ui:
        await ui.open_card(acme, "enter")
        await ui.press("i")
        assert isinstance(ui.screen, RoundPickerScreen)
        await _choose(ui.pilot, ui.app, str(first.id))
        assert isinstance(ui.screen, InterviewFormScreen)
        _fill(
            ui.app,
            interviewed=first.held_at.in_timezone(zone)
            .subtract(hours=1)
            .format("YYYY-MM-DD HH:mm"),
        )
        await ui.press("ctrl+s")
    assert repository.detail(acme).interviews[0].held_at == first.held_at.subtract(hours=1)
    repository.close()


# -- Moves that mean what they say ----------------------------------------------------------


def _offer_after_thank_you(db_path: Path, now: DateTime, zone: Timezone) -> tuple[Repository, int]:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz", days_ago=20)
    repository.move(acme, Stage.THANKED, when=now.subtract(days=19), now=now)
    repository.record_offer(acme, deadline=None, conditions=(), notes="", now=now.subtract(days=1))
    assert repository.summary(acme).stage is Stage.OFFER
    return repository, acme


async def test_back_from_offer_asks_and_a_slip_goes_back_where_it_came_from(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _offer_after_thank_you(db_path, now, zone)
    async with board_pilot(demo=False) as ui:
        await ui.open_card(acme, "less_than_sign")
        assert isinstance(ui.screen, ChoiceScreen)
        assert repository.summary(acme).stage is Stage.OFFER  # nothing yet
        await _choose(ui.pilot, ui.app, "mistake")
    summary = repository.summary(acme)
    # It came from Thank-you sent: not to Followed up, where no follow-up was ever sent.
    assert summary.stage is Stage.THANKED
    assert summary.progress.follow_ups == 0
    events = repository.detail(acme).events
    assert not any(event.kind is EventKind.FOLLOW_UP_SENT for event in events)
    repository.close()


async def test_an_offer_that_fell_through_waits_again_with_nothing_late(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _offer_after_thank_you(db_path, now, zone)
    async with board_pilot(demo=False) as ui:
        await ui.open_card(acme, "less_than_sign")
        await _choose(ui.pilot, ui.app, "fell-through-wait")
        summary = repository.summary(acme)
        assert summary.stage is Stage.THANKED
        status = card_status(summary, repository.settings(), now, zone)
        assert status.tone != "overdue", status
        assert "late" not in column_text(ui.column(Stage.THANKED))
    repository.close()


async def test_an_offer_that_fell_through_can_close_the_application(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _offer_after_thank_you(db_path, now, zone)
    async with board_pilot(demo=False) as ui:
        await ui.open_card(acme, "3")
        await _choose(ui.pilot, ui.app, "fell-through-close")
        assert isinstance(ui.screen, CloseReasonScreen)
        await _choose(ui.pilot, ui.app, "other")
    assert repository.summary(acme).stage is Stage.CLOSED
    repository.close()


async def test_thank_you_sent_with_several_interviewers_asks_who(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository, acme = _seed(db_path, now, zone, "Ana Ruiz", "Tom Lee", "Kim Park")
    kim = repository.detail(acme).interviews[0].interviewers[2]
    async with board_pilot(demo=False) as ui:
        await ui.open_card(acme, "greater_than_sign")
        assert isinstance(ui.screen, ChoiceScreen)
        await _choose(ui.pilot, ui.app, "choose")
        assert isinstance(ui.screen, ThankedWhoScreen)
        ui.screen.query_one(SelectionList).select(kim.id)
        await ui.press("ctrl+s")
        summary = repository.summary(acme)
        assert summary.stage is Stage.INTERVIEWED
        assert summary.progress.interviewers_thanked == 1
        assert "thank-you (1/3 sent)" in card_status(summary, repository.settings(), now, zone).text
        # Then everyone: the card moves on.
        await ui.focus_card(acme)
        await ui.press("greater_than_sign")
        await _choose(ui.pilot, ui.app, "all")
    summary = repository.summary(acme)
    assert summary.stage is Stage.THANKED
    assert summary.progress.interviewers_thanked == 3
    repository.close()
