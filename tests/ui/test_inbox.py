"""The inbox in the app: the review's Inbox group, its keys, the board header, unmatched mail.

Messages are ingested by the real command line into the test's file, then the real app is
driven with the pilot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone
from textual.widgets import Input, Static

from postinterview_tui.cli.group import run
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.inbox import UnmatchedScreen
from postinterview_tui.tui.screens.inbox_dialogs import ExplainScreen, LinkPickerScreen
from postinterview_tui.tui.screens.offer import OfferScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.screens.review_inbox import InboxKey
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from tests.cli._mail import OFFER, REJECTION, REPLY, invitation_ics, message
from tests.ui.helpers import make_app, open_repository, settle

SIZE = (120, 40)
ANA = "Ana Ruiz <ana@acme.example>"
PRIYA = "Priya Shah <priya@globex.example>"


@pytest.fixture
def cli_now(monkeypatch: pytest.MonkeyPatch, now: DateTime) -> None:
    """The command line's clock is the app's."""
    monkeypatch.setenv("POSTINTERVIEW_NOW", now.isoformat())


def _run(db_path: Path, *args: str) -> None:
    assert run(["--db", str(db_path), *args]) == 0, args


def _setup(db_path: Path, tmp_path: Path, files: dict[str, bytes]) -> None:
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
    _run(
        db_path,
        "add",
        "--company",
        "Globex",
        "--role",
        "Analyst",
        "--interviewer",
        PRIYA,
        "--interviewed",
        "-3d",
    )
    _run(db_path, "config", "set", "user.email", "sam@home.example")
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    _run(db_path, "ingest", *paths)


def _summary(db_path: Path, zone: Timezone, application_id: int) -> Any:
    repository = open_repository(db_path, zone)
    try:
        return repository.detail(application_id)
    finally:
        repository.close()


def _review(app: PostInterviewApp) -> ReviewScreen:
    for screen in reversed(app.screen_stack):
        if isinstance(screen, ReviewScreen):
            return screen
    raise AssertionError(app.screen_stack)


def _rows(app: PostInterviewApp) -> list[str]:
    rows = _review(app).query_one("#review-list", AgendaList)
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


async def test_the_inbox_leads_the_review_and_the_board_counts_it(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _setup(
        db_path,
        tmp_path,
        {
            "r.eml": message(body=REJECTION).as_bytes(),
            "p.eml": message(sender=PRIYA, body=REPLY, message_id="<p@globex>").as_bytes(),
        },
    )
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        header = str(app.screen.query_one("#summary", Static).render())
        assert "2 in inbox" in header
        await _open_review(app, pilot)
        rows = _rows(app)
        assert rows[0] == "Inbox (2)"
        assert rows[1].startswith("✉ Acme Inc.: rejection: close it as not selected?")
        assert "Globex: reply: record their reply of" in rows[2]
        hint = str(app.screen.query_one("#review-hint", Static).render())
        assert "a accepts" in hint and "x dismisses" in hint
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExplainScreen)
        shown = str(app.screen.query_one("#explanation", Static).render())
        assert "rule 2, address" in shown and "decided not to move forward" in shown
        await pilot.press("escape")
        await pilot.press("a")  # accept the rejection
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # a gracious reply?
        await pilot.press("n")
        await settle(pilot)
        assert _summary(db_path, zone, 1).summary.stage.value == "closed"
        assert _rows(app)[0] == "Inbox (1)"
        await pilot.press("x")  # dismiss the reply
        await settle(pilot)
        assert _summary(db_path, zone, 2).summary.progress.last_reply_at is None
        assert "Inbox" not in " ".join(_rows(app))
        await pilot.press("escape")
        await settle(pilot)
        assert "in inbox" not in str(app.screen.query_one("#summary", Static).render())


async def test_accepting_a_reply_an_offer_and_an_invitation(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _setup(
        db_path,
        tmp_path,
        {
            "p.eml": message(body=REPLY, date="Tue, 24 Nov 2026 09:00:00 +0000").as_bytes(),
            "i.ics": invitation_ics(),
            "o.eml": message(
                sender=PRIYA,
                body=OFFER,
                message_id="<o@globex>",
                date="Tue, 24 Nov 2026 10:00:00 +0000",
            ).as_bytes(),
        },
    )
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(app, pilot)
        rows = _rows(app)
        assert rows[0] == "Inbox (3)"
        assert [row.split(":")[1].strip() for row in rows[1:4]] == ["reply", "offer", "invitation"]
        await pilot.press("a")  # the reply, with its decision date
        await settle(pilot)
        acme = _summary(db_path, zone, 1)
        assert acme.summary.progress.last_reply_at is not None
        assert str(acme.summary.progress.decision_by) == "2026-12-04"
        await pilot.press("a")  # the offer: moved, then its panel opens
        await settle(pilot)
        assert isinstance(app.screen, OfferScreen)
        assert _summary(db_path, zone, 2).summary.stage.value == "offer"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("a")  # the invitation: a round with its attendees
        await settle(pilot)
        rounds = _summary(db_path, zone, 1).interviews
        latest = max(rounds, key=lambda item: item.held_at)
        assert latest.held_at.in_timezone("UTC").format("YYYY-MM-DD HH:mm") == "2026-12-03 14:00"
        assert sorted(p.email for p in latest.interviewers) == [
            "ana@acme.example",
            "ben@acme.example",
        ]


async def test_a_proposal_is_linked_to_another_application_from_the_review(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    _setup(db_path, tmp_path, {"r.eml": message(body=REJECTION).as_bytes()})
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(app, pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinkPickerScreen)
        await pilot.press(*"glob")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert _rows(app)[1].startswith("✉ Globex: rejection")
        key = _review(app).query_one("#review-list", AgendaList).highlighted_key
        assert isinstance(key, InboxKey)


async def test_unmatched_mail_is_listed_and_linked(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    stranger = message(sender="Jobs <jobs@ats.example>", subject="Update", body=REJECTION)
    _setup(db_path, tmp_path, {"s.eml": stranger.as_bytes()})
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_review(app, pilot)
        assert "Inbox" not in " ".join(_rows(app))
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, UnmatchedScreen)
        assert len(app.screen.entries) == 1
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinkPickerScreen)
        assert app.screen.query_one("#link-filter", Input).has_focus
        await pilot.press(*"acme", "enter")
        await settle(pilot)
        assert isinstance(app.screen, UnmatchedScreen)
        assert app.screen.entries == ()
        await pilot.press("escape")
        await settle(pilot)
        assert _rows(app)[1].startswith("✉ Acme Inc.: rejection")
