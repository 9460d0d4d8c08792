"""The drafting panel, driven through the real app on a real temp database."""

from __future__ import annotations

import os
import stat
import webbrowser
from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from postinterview_tui.domain.cards import card_status
from postinterview_tui.domain.models import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import EventKind, Stage
from postinterview_tui.domain.templates import DEFAULT_TEMPLATES, TemplateId
from postinterview_tui.storage.drafts import DraftStore
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.app import PostInterviewApp, build_app
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.drafting import AUTOSAVE_SECONDS, DraftingScreen
from postinterview_tui.tui.screens.templates import (
    LinkScreen,
    NameScreen,
    TemplatePickerScreen,
    TemplatesScreen,
)
from tests.ui.helpers import (
    board,
    column,
    focus_card,
    make_app,
    open_repository,
    settle,
)

SIZE = (140, 40)


def _id_of(db_path: Path, zone: Timezone, company: str) -> int:
    repository = open_repository(db_path, zone)
    try:
        return next(item.id for item in repository.summaries() if item.company == company)
    finally:
        repository.close()


def _read(db_path: Path, zone: Timezone) -> Repository:
    """A second connection, as another window would have (close it after use)."""
    return open_repository(db_path, zone)


def _panel(app: PostInterviewApp) -> DraftingScreen:
    assert isinstance(app.screen, DraftingScreen), app.screen
    return app.screen


def _body(app: PostInterviewApp) -> str:
    return _panel(app).query_one("#draft-text", TextArea).text


def _messages(app: PostInterviewApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def _warning(app: PostInterviewApp) -> str | None:
    widget = _panel(app).query_one("#draft-warning", Static)
    return str(widget.render()) if widget.has_class("-shown") else None


async def _open(pilot: Pilot[Any], app: PostInterviewApp, application_id: int, key: str) -> None:
    """Highlight an application's card and press ``key`` (t or f) on it."""
    await settle(pilot)
    focus_card(app, application_id)
    await pilot.press(key)
    await settle(pilot)


async def test_t_opens_one_thank_you_per_interviewer(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    northwind = _id_of(db_path, zone, "Northwind Analytics")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, northwind, "t")
        panel = _panel(app)
        people = panel.query_one("#draft-people", OptionList)
        prompts = [str(people.get_option_at_index(i).prompt) for i in range(people.option_count)]
        assert prompts == ["Priya Natarajan  · not sent", "Tom Becker  · not sent"]
        assert "thank-you 0/2 sent" in str(panel.query_one("#draft-head", Static).render())
        subject = panel.query_one("#draft-subject", Input).value
        assert subject == "Thank you: Senior data engineer interview"
        assert _body(app).startswith("Dear Priya,\n\nThank you for speaking with me on Wednesday")
        assert "[something you talked about]" in _body(app)  # no notes for this interview
        assert _body(app).endswith("Alex Morgan")
        assert app.focused is panel.query_one("#draft-text", TextArea)
        people.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert _body(app).startswith("Dear Tom,")


async def test_typing_is_saved_within_a_second(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "t")
        await pilot.press("end", "P", "S")
        await pilot.pause(AUTOSAVE_SECONDS + 0.3)
        await settle(pilot)
        repository = _read(db_path, zone)
        try:
            (draft,) = DraftStore(repository).drafts_for(lumen)
        finally:
            repository.close()
        assert draft.body == _body(app)
        assert draft.body.startswith("Dear Grace,PS\n")
        assert "their move from a monolith to event-driven services" in draft.body
        assert draft.template == "thank-you-email" and draft.sent_at is None
        assert "Saved" in str(_panel(app).query_one("#draft-status", Static).render())


async def test_a_draft_survives_quitting_and_reopening(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    northwind = _id_of(db_path, zone, "Northwind Analytics")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, northwind, "t")
        _panel(app).query_one("#draft-subject", Input).focus()
        await pilot.press("end", "!", "!")
        await pilot.press("tab", "end", "X")
        body = _body(app)
        # Quit at once, before the autosave timer fires.
    assert body.startswith("Dear Priya,X\n")
    again = make_app(db_path, now, zone, demo=False)
    async with again.run_test(size=SIZE) as pilot:
        await _open(pilot, again, northwind, "t")
        panel = _panel(again)
        assert panel.query_one("#draft-subject", Input).value.endswith("interview!!")
        assert _body(again) == body
        history = panel.query_one("#draft-history", OptionList)
        assert history.option_count == 1
        assert "Thank-you (email) · Priya Natarajan" in str(history.get_option_at_index(0).prompt)


async def test_escape_closes_and_keeps_the_draft(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "t")
        await pilot.press("X")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DraftingScreen)
        await pilot.press("t")
        await settle(pilot)
        assert _body(app).startswith("XDear Grace,")


async def test_copy_puts_the_note_on_the_clipboard(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "t")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert app.clipboard == _body(app)
        assert app.clipboard.startswith("Dear Grace,\n\n")
        assert any("Copied the note" in message for message in _messages(app))


async def test_mark_sent_moves_the_card_and_records_the_event(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "t")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)  # nothing left to fill in
        assert "Marked sent: Thank-you (email) to Grace Okafor." in _messages(app)
        history = _panel(app).query_one("#draft-history", OptionList)
        assert str(history.get_option_at_index(0).prompt).endswith("· sent")
        await pilot.press("escape")
        await settle(pilot)
        screen = board(app)
        assert screen.board is not None and screen.board.stage_of(lumen) is Stage.THANKED
        assert column(app, Stage.THANKED).highlighted_id == lumen
    repository = _read(db_path, zone)
    try:
        detail = repository.detail(lumen)
        assert detail.summary.stage is Stage.THANKED
        assert detail.summary.progress.thanked_at == now
        kinds = [event.kind for event in detail.events if event.at == now]
        assert kinds == [EventKind.THANK_YOU_SENT, EventKind.STAGE_MOVED]
        (draft,) = DraftStore(repository).drafts_for(lumen)
        assert draft.sent_at == now
    finally:
        repository.close()


async def test_each_interviewer_is_thanked_in_turn(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    northwind = _id_of(db_path, zone, "Northwind Analytics")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, northwind, "t")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # "[something you talked about]" left
        assert "[something you talked about]" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        panel = _panel(app)
        assert "thank-you 1/2 sent" in str(panel.query_one("#draft-head", Static).render())
        assert _body(app).startswith("Dear Tom,")  # on to the next one
        await pilot.press("escape")
        await settle(pilot)
        assert column(app, Stage.INTERVIEWED).highlighted_id == northwind
        data = board(app).board
        assert data is not None
        face = card_status(data.by_id[northwind], data.settings, now, zone)
        assert face.text.startswith("thank-you (1/2 sent)")
    repository = _read(db_path, zone)
    try:
        latest = repository.detail(northwind).latest_interview
        assert latest is not None
        assert [person.thanked_at is not None for person in latest.interviewers] == [True, False]
        assert repository.summary(northwind).stage is Stage.INTERVIEWED
    finally:
        repository.close()


def _thank_now(db_path: Path, zone: Timezone, application_id: int, now: DateTime) -> None:
    repository = _read(db_path, zone)
    try:
        DraftStore(repository).mark_thank_you_sent(application_id, None, now, now)
    finally:
        repository.close()


async def test_a_follow_up_right_after_the_thank_you_is_gently_warned(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    _thank_now(db_path, zone, lumen, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "f")
        warning = _warning(app)
        assert warning is not None
        assert "a little early" in warning and "Monday 30 November" in warning
        assert any("a little early" in message for message in _messages(app))
        assert _panel(app).query_one("#draft-subject", Input).value.startswith("Following up")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "too soon" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert _stage(db_path, zone, lumen) is Stage.THANKED
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert _stage(db_path, zone, lumen) is Stage.FOLLOWED_UP


async def test_a_follow_up_that_is_due_has_no_warning(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    quillstone = _id_of(db_path, zone, "Quillstone")  # thanked 8.8 days ago
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, quillstone, "f")
        assert _warning(app) is None
        assert not any("early" in message for message in _messages(app))
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert _stage(db_path, zone, quillstone) is Stage.FOLLOWED_UP


async def test_a_third_follow_up_is_warned_about(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    cobalt = _id_of(db_path, zone, "Cobalt Robotics")  # two follow-ups, no reply
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, cobalt, "f")
        warning = _warning(app)
        assert warning is not None and "2 times" in warning
        assert _panel(app).query_one("#draft-subject", Input).value.startswith("Checking in")


async def test_a_long_follow_up_gets_a_hint(db_path: Path, now: DateTime, zone: Timezone) -> None:
    app = make_app(db_path, now, zone)
    quillstone = _id_of(db_path, zone, "Quillstone")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, quillstone, "f")
        status = _panel(app).query_one("#draft-status", Static)
        assert not status.has_class("-long")
        _panel(app).query_one("#draft-text", TextArea).insert("more words " * 60)
        await settle(pilot)
        assert status.has_class("-long")
        assert "words. Under 150" in str(status.render())


def _stage(db_path: Path, zone: Timezone, application_id: int) -> Stage:
    repository = _read(db_path, zone)
    try:
        return repository.summary(application_id).stage
    finally:
        repository.close()


async def test_the_name_is_asked_for_once_and_used(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone, demo=False)
    repository = app.repository
    application_id = repository.add_application(
        NewApplication(
            "Acme",
            "Dev",
            NewInterview(now.subtract(hours=3), interviewers=(NewInterviewer("Ana Ruiz"),)),
        ),
        now,
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.reload(application_id)  # type: ignore[attr-defined]
        await _open(pilot, app, application_id, "t")
        assert isinstance(app.screen, NameScreen)
        await pilot.press(*"Zoë O'Brien", "enter")
        await settle(pilot)
        assert _body(app).endswith("With thanks,\nZoë O'Brien")
        assert repository.settings().user_name == "Zoë O'Brien"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, DraftingScreen)  # not asked again


async def test_editor_says_when_the_terminal_cannot_be_handed_over(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "t")
        before = _body(app)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert any("cannot be handed to an editor" in message for message in _messages(app))
        assert _body(app) == before


@pytest.mark.parametrize("demo", [False, True], ids=["own-database", "demo"])
async def test_save_to_file_is_private_and_beside_the_database(
    db_path: Path,
    now: DateTime,
    zone: Timezone,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    demo: bool,
) -> None:
    # Not in a global folder: Documents and the data directory are pointed at places that
    # must stay empty.
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("HOME", str(elsewhere))
    monkeypatch.setenv("XDG_DATA_HOME", str(elsewhere / "data"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(elsewhere / "Documents"))
    os.umask(0o022)
    make_app(db_path, now, zone)
    # --demo runs the same app on a copy in a temporary folder (here: the test's folder)
    app = build_app(db_path, zone=zone, clock=lambda: now, demo=demo)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "t")
        await pilot.press("ctrl+s")
        await settle(pilot)
        folder = db_path.parent / "drafts"
        (saved,) = folder.iterdir()
        assert saved.read_text(encoding="utf-8").startswith(
            "Subject: Thank you: Backend developer interview\n\nDear Grace,"
        )
        assert f"Saved to {saved}" in _messages(app)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert not elsewhere.exists()


async def test_mail_link_opens_or_is_shown(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    app = make_app(db_path, now, zone)
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    monkeypatch.setattr(webbrowser, "get", lambda *_: object())
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "t")
        await pilot.press("ctrl+l")
        await settle(pilot)
        (link,) = opened
        assert link.startswith("mailto:grace.okafor@lumen.example?subject=Thank%20you%3A%20")
        assert "body=Dear%20Grace%2C%0D%0A%0D%0AThank%20you" in link

        def nothing(*_: object) -> object:
            raise webbrowser.Error("no browser")

        monkeypatch.setattr(webbrowser, "get", nothing)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LinkScreen)
        assert app.screen.query_one(TextArea).text == link
        await pilot.press("ctrl+g")
        assert app.clipboard == link
        assert len(opened) == 1


async def test_another_template_starts_a_new_draft_and_keeps_the_old(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "t")
        await pilot.press("Y")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TemplatePickerScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert _body(app).startswith("Hi Grace, thank you for the conversation")
        assert _panel(app).query_one("#draft-subject", Input).value == ""
        history = _panel(app).query_one("#draft-history", OptionList)
        assert "Thank-you (email)" in str(history.get_option_at_index(0).prompt)


async def test_templates_can_be_edited_from_the_palette_and_reset(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Edit note templates")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TemplatesScreen)
        subject = app.screen.query_one("#template-subject", Input)
        subject.value = "Thanks, $first_name {literally}"
        await pilot.press("ctrl+s")
        await settle(pilot)
        store = DraftStore(app.repository)
        assert store.template(TemplateId.THANK_YOU_EMAIL).subject == subject.value
        await pilot.press("escape")
        await settle(pilot)
        focus_card(app, lumen)
        await pilot.press("t")
        await settle(pilot)
        assert _panel(app).query_one("#draft-subject", Input).value == "Thanks, Grace {literally}"
        await pilot.press("escape")
        await settle(pilot)
        app.action_open_templates()
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert (
            store.template(TemplateId.THANK_YOU_EMAIL)
            == (DEFAULT_TEMPLATES[TemplateId.THANK_YOU_EMAIL])
        )
        # Closing saves what was typed, too.
        assert isinstance(app.screen, TemplatesScreen)
        app.screen.query_one("#template-text", TextArea).load_text("Hi $first_name!")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TemplatesScreen)
        assert store.template(TemplateId.THANK_YOU_EMAIL).body == "Hi $first_name!"


async def test_draft_from_the_detail_screen_and_the_palette(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, lumen, "enter")
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("t")
        await settle(pilot)
        assert _body(app).startswith("Dear Grace,")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("f")
        await settle(pilot)
        assert _panel(app).query_one("#draft-subject", Input).value.startswith("Following up")
        await pilot.press("escape", "escape")
        await settle(pilot)
        focus_card(app, lumen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Draft thank-you note")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert _body(app).startswith("Dear Grace,")
