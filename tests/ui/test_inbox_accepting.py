"""Accepting the inbox's other proposals in the app: a rejection's gracious reply, a round that
moved, a mail asking to pick a time. (The review's own inbox tests are in test_inbox.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone
from textual.widgets import TextArea

from postinterview_tui.cli.group import run
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.drafting import DraftingScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from tests.cli._mail import REJECTION, invitation_ics, message
from tests.ui.helpers import make_app, open_repository, settle

SIZE = (120, 40)
ANA = "Ana Ruiz <ana@acme.example>"
PICK_A_TIME = (
    "Thanks again for your time last week. We would like to invite you to a second interview "
    "with the team. Please pick a time that suits you from the calendar link below."
)


@pytest.fixture
def cli_now(monkeypatch: pytest.MonkeyPatch, now: DateTime) -> None:
    """The command line's clock is the app's."""
    monkeypatch.setenv("POSTINTERVIEW_NOW", now.isoformat())


def _run(db_path: Path, *args: str) -> None:
    assert run(["--db", str(db_path), *args]) == 0, args


def _acme(db_path: Path) -> None:
    _run(
        db_path,
        "add",
        "--company",
        "Acme Inc.",
        "--role",
        "Dev",
        "--interviewer",
        ANA,
        "--interviewed",
        "-2d",
    )
    _run(db_path, "config", "set", "user.name", "Sam Taylor")
    _run(db_path, "config", "set", "user.email", "sam@home.example")


def _ingest(db_path: Path, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _run(db_path, "ingest", str(path))


def _detail(db_path: Path, zone: Timezone) -> Any:
    repository = open_repository(db_path, zone)
    try:
        return repository.detail(1)
    finally:
        repository.close()


def _rows(app: PostInterviewApp) -> list[str]:
    assert isinstance(app.screen, ReviewScreen), app.screen
    rows = app.screen.query_one("#review-list", AgendaList)
    return [
        line
        for group in rows.groups
        for line in [group.heading.plain, *(rows.row_content(k).plain for k in group.keys)]
    ]


async def _open_review(app: PostInterviewApp, pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    assert isinstance(app.screen, ReviewScreen)


async def test_accepting_a_rejection_then_yes_opens_a_gracious_reply_to_them(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _acme(db_path)
    _ingest(db_path, tmp_path, "r.eml", message(body=REJECTION).as_bytes())
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(app, pilot)
        assert _rows(app)[1].startswith("✉ Acme Inc.: rejection: close it as not selected?")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DraftingScreen)
        body = app.screen.query_one("#draft-text", TextArea).text
        assert body.startswith("Dear Ana,")
        assert "Thank you for letting me know" in body and "Acme Inc." in body
        assert body.rstrip().endswith("Sam Taylor")
        assert _detail(db_path, zone).summary.stage.value == "closed"


def _rounds(db_path: Path, zone: Timezone) -> list[tuple[str, list[str]]]:
    return [
        (
            item.held_at.in_timezone("UTC").format("YYYY-MM-DD HH:mm"),
            sorted(person.email for person in item.interviewers),
        )
        for item in sorted(_detail(db_path, zone).interviews, key=lambda item: item.held_at)
    ]


async def test_accepting_a_moved_round_moves_it_with_its_people(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _acme(db_path)
    _ingest(db_path, tmp_path, "invite.ics", invitation_ics())
    _run(db_path, "inbox", "accept", "1")
    people = ["ana@acme.example", "ben@acme.example"]
    assert _rounds(db_path, zone)[-1] == ("2026-12-03 14:00", people)
    _ingest(db_path, tmp_path, "moved.ics", invitation_ics(sequence=1, start="20261204T100000Z"))
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(app, pilot)
        heading, row = _rows(app)[:2]
        assert heading == "Inbox (1)"
        assert row.startswith(
            "✉ Acme Inc.: invitation: the round of Thursday 3 December 14:00 moved to "
            "Friday 4 December 10:00: move it?\n"
        )
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "Inbox" not in " ".join(_rows(app))
    rounds = _rounds(db_path, zone)
    assert len(rounds) == 2
    assert rounds[-1] == ("2026-12-04 10:00", people)


async def test_accepting_a_request_to_pick_a_time_records_their_reply(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _acme(db_path)
    _ingest(db_path, tmp_path, "pick.eml", message(body=PICK_A_TIME).as_bytes())
    rounds_before = _rounds(db_path, zone)
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(app, pilot)
        assert _rows(app)[1].startswith("✉ Acme Inc.: invitation: they want to set a time")
        await pilot.press("a")
        await settle(pilot)
        assert "Inbox" not in " ".join(_rows(app))
    detail = _detail(db_path, zone)
    assert detail.summary.progress.last_reply_at is not None
    assert _rounds(db_path, zone) == rounds_before
