"""Sending from the drafting panel, through the real app on a real file and a sendmail-like
script: the confirmation, "Sending…" while it goes, the card moving, and failures that mark
nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static, TextArea

from postinterview_tui.demo import write_demo_database
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.sent_messages import application_for_message_id
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.drafting import DraftingScreen
from postinterview_tui.tui.screens.send_now import SendConfirmScreen
from tests.mailserver import messages_in, sendmail_command
from tests.ui import detail_page
from tests.ui.helpers import build_app, focus_card, open_repository, settle, toasts

SIZE = (140, 40)


def _app(
    db_path: Path, now: DateTime, zone: Timezone, settings: dict[str, str]
) -> tuple[PostInterviewApp, dict[str, int]]:
    write_demo_database(db_path, now=now, zone=zone)
    repository = open_repository(db_path, zone)
    try:
        for key, value in settings.items():
            repository.set_setting(key, value, now)
        ids = {item.company: item.id for item in repository.summaries()}
    finally:
        repository.close()
    return build_app(db_path, zone=zone, clock=lambda: now), ids


def _stage(db_path: Path, zone: Timezone, application_id: int) -> Stage:
    repository = open_repository(db_path, zone)
    try:
        return repository.summary(application_id).stage
    finally:
        repository.close()


def _messages(app: PostInterviewApp) -> list[str]:
    return toasts(app)


def _dialog_lines(app: PostInterviewApp) -> list[str]:
    assert isinstance(app.screen, SendConfirmScreen), app.screen
    lines = [str(label.render()) for label in app.screen.query(Label)]
    return [*lines, "To field: " + app.screen.query_one("#send-to", Input).value]


def _status(app: PostInterviewApp) -> str:
    assert isinstance(app.screen, DraftingScreen), app.screen
    return str(app.screen.query_one("#draft-status", Static).render())


async def _open_thank_you(pilot: Pilot[Any], app: PostInterviewApp, application_id: int) -> None:
    await settle(pilot)
    focus_card(app, application_id)
    await pilot.press("t")
    await settle(pilot)
    assert isinstance(app.screen, DraftingScreen)


def _settings(command: str) -> dict[str, str]:
    return {"user.email": "alex@example.org", "mail.send_command": command}


async def test_send_now_confirms_sends_and_moves_the_card(
    db_path: Path, now: DateTime, zone: Timezone, tmp_path: Path
) -> None:
    command, outbox = sendmail_command(tmp_path)
    app, ids = _app(db_path, now, zone, _settings(command))
    lumen = ids["Lumen Health"]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open_thank_you(pilot, app, lumen)
        await pilot.press("ctrl+r")
        await settle(pilot)
        lines = _dialog_lines(app)
        assert "From     Alex Morgan <alex@example.org>" in lines
        assert "Subject  Thank you: Backend developer interview" in lines
        assert "To field: Grace Okafor <grace.okafor@lumen.example>" in lines
        assert messages_in(outbox) == []  # nothing leaves before the answer
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "Sent to Grace Okafor. Next: follow up in 7d (Wed 2 Dec)." in _messages(app)
        assert not isinstance(app.screen, DraftingScreen)  # the only interviewer: it closed
        # The card moved to Thank-you sent; its timeline names who the note went to.
        focus_card(app, lumen)
        await pilot.press("enter")
        await settle(pilot)
        timeline = detail_page.timeline(app.screen)
        assert "Thank-you note sent to Grace Okafor <grace.okafor@lumen.example>" in timeline
    (message,) = messages_in(outbox)
    assert str(message["To"]) == "Grace Okafor <grace.okafor@lumen.example>"
    assert "event-driven services" in message.get_content()
    assert _stage(db_path, zone, lumen) is Stage.THANKED
    repository = open_repository(db_path, zone)
    try:
        assert application_for_message_id(repository, message["Message-ID"]) == lumen
    finally:
        repository.close()


async def test_sending_shows_progress_and_the_panel_stays_usable(
    db_path: Path, now: DateTime, zone: Timezone, tmp_path: Path
) -> None:
    release = tmp_path / "release"
    command, outbox = sendmail_command(tmp_path, wait_for=release)
    app, ids = _app(db_path, now, zone, _settings(command))
    lumen = ids["Lumen Health"]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open_thank_you(pilot, app, lumen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        assert _status(app) == "Sending to Grace Okafor <grace.okafor@lumen.example>…"
        # The event loop is free while the command runs: keys still reach the editor.
        editor = app.screen.query_one("#draft-text", TextArea)
        editor.focus()
        await pilot.press("ctrl+home", "X")
        await pilot.pause()
        assert editor.text.startswith("X")
        assert _stage(db_path, zone, lumen) is Stage.INTERVIEWED
        release.touch()
        await settle(pilot)
        assert "Sent to Grace Okafor. Next: follow up in 7d (Wed 2 Dec)." in _messages(app)
    assert len(messages_in(outbox)) == 1
    assert _stage(db_path, zone, lumen) is Stage.THANKED


async def test_a_failed_delivery_marks_nothing_and_says_why(
    db_path: Path, now: DateTime, zone: Timezone, tmp_path: Path
) -> None:
    command, _ = sendmail_command(tmp_path, fail=True)
    app, ids = _app(db_path, now, zone, _settings(command))
    lumen = ids["Lumen Health"]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open_thank_you(pilot, app, lumen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, DraftingScreen)  # still there, text and all
        assert _status(app).startswith("Not sent: ")
        assert any("msmtp: server said no" in text for text in _messages(app))
    assert _stage(db_path, zone, lumen) is Stage.INTERVIEWED


async def test_a_placeholder_refuses_before_asking(
    db_path: Path, now: DateTime, zone: Timezone, tmp_path: Path
) -> None:
    command, outbox = sendmail_command(tmp_path)
    app, ids = _app(db_path, now, zone, _settings(command))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open_thank_you(pilot, app, ids["Northwind Analytics"])
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, DraftingScreen)
        assert any("[something you talked about]" in text for text in _messages(app))
    assert messages_in(outbox) == []


async def test_two_interviewers_the_second_address_typed_in_the_dialog(
    db_path: Path, now: DateTime, zone: Timezone, tmp_path: Path
) -> None:
    command, outbox = sendmail_command(tmp_path)
    app, ids = _app(db_path, now, zone, _settings(command))
    northwind = ids["Northwind Analytics"]
    async with app.run_test(size=SIZE) as pilot:
        await _open_thank_you(pilot, app, northwind)
        for _ in range(2):
            editor = app.screen.query_one("#draft-text", TextArea)
            editor.load_text(editor.text.replace("[something you talked about]", "dbt"))
            await pilot.pause()
            await pilot.press("ctrl+r")
            await settle(pilot)
            if "To field: " in _dialog_lines(app):  # Tom Becker: no address on record
                await pilot.press(*"tom@northwind.example", "enter")
            else:
                await pilot.press("ctrl+r")
            await settle(pilot)
            if not isinstance(app.screen, DraftingScreen):
                break
            # After Priya's note the panel moved on to Tom's.
            assert app.screen.query_one("#draft-text", TextArea).text.startswith("Dear Tom,")
        assert not isinstance(app.screen, DraftingScreen)
    priya, tom = messages_in(outbox)
    assert str(priya["To"]) == "Priya Natarajan <priya@northwind.example>"
    assert str(tom["To"]) == "Tom Becker <tom@northwind.example>"
    assert _stage(db_path, zone, northwind) is Stage.THANKED
