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
from postinterview_tui.domain.default_templates import DEFAULT_TEMPLATES
from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import EventKind, Stage
from postinterview_tui.domain.templates import TemplateId
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
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import (
    focus_card,
    make_app,
    open_repository,
    settle,
    toasts,
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
    return toasts(app)


def _warning(app: PostInterviewApp) -> str | None:
    widget = _panel(app).query_one("#draft-warning", Static)
    return str(widget.render()) if widget.has_class("-shown") else None


async def _open(pilot: Pilot[Any], app: PostInterviewApp, application_id: int, key: str) -> None:
    """Highlight an application's card and press ``key`` (t or f) on it."""
    await settle(pilot)
    focus_card(app, application_id)
    await pilot.press(key)
    await settle(pilot)


async def test_t_opens_one_thank_you_per_interviewer(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        northwind = ui.id_of("Northwind Analytics")
        await ui.open_card(northwind, "t")
        panel = _panel(ui.app)
        people = panel.query_one("#draft-people", OptionList)
        prompts = [str(people.get_option_at_index(i).prompt) for i in range(people.option_count)]
        assert prompts == ["Priya Natarajan  · not sent", "Tom Becker  · not sent"]
        assert "thank-you 0/2 sent" in str(panel.query_one("#draft-head", Static).render())
        subject = panel.query_one("#draft-subject", Input).value
        assert subject == "Thank you: Senior data engineer interview"
        assert _body(ui.app).startswith(
            "Dear Priya,\n\nThank you for speaking with me on Wednesday"
        )
        assert "[something you talked about]" in _body(ui.app)  # no notes for this interview
        assert _body(ui.app).endswith("Alex Morgan")
        assert ui.app.focused is panel.query_one("#draft-text", TextArea)
        people.focus()
        await ui.press("down", "enter")
        assert _body(ui.app).startswith("Dear Tom,")


async def test_typing_is_saved_within_a_second(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    async with board_pilot() as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.open_card(lumen, "t")
        await ui.pilot.press("end", "P", "S")
        await ui.pilot.pause(AUTOSAVE_SECONDS + 0.3)
        await ui.settle()
        repository = _read(db_path, zone)
        try:
            (draft,) = DraftStore(repository).drafts_for(lumen)
        finally:
            repository.close()
        assert draft.body == _body(ui.app)
        assert draft.body.startswith("Dear Grace,PS\n")
        assert "their move from a monolith to event-driven services" in draft.body
        assert draft.template == "thank-you-email" and draft.sent_at is None
        assert "Saved" in str(_panel(ui.app).query_one("#draft-status", Static).render())


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


async def test_escape_closes_and_keeps_the_draft(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.open_card(lumen, "t")
        await ui.pilot.press("X")
        await ui.press("escape")
        assert not isinstance(ui.screen, DraftingScreen)
        await ui.press("t")
        assert _body(ui.app).startswith("XDear Grace,")


async def test_copy_puts_the_note_on_the_clipboard(board_pilot: BoardPilots) -> None:
    async with board_pilot(notifications=True) as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.open_card(lumen, "t")
        await ui.press("ctrl+g")
        assert ui.app.clipboard == _body(ui.app)
        assert ui.app.clipboard.startswith("Dear Grace,\n\n")
        assert any("Copied the note" in message for message in _messages(ui.app))


async def test_mark_sent_moves_the_card_and_records_the_event(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    async with board_pilot(notifications=True) as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.open_card(lumen, "t")
        await ui.press("ctrl+n")
        assert not isinstance(ui.screen, ConfirmScreen)  # nothing left to fill in
        # Nobody is left to thank: the panel closes and says what comes next.
        assert not isinstance(ui.screen, DraftingScreen)
        assert (
            "Marked sent: Thank-you (email) to Grace Okafor. Next: follow up in 7d (Wed 2 Dec)."
            in _messages(ui.app)
        )
        screen = ui.board()
        assert screen.board is not None and screen.board.stage_of(lumen) is Stage.THANKED
        assert ui.column(Stage.THANKED).highlighted_id == lumen
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
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    async with board_pilot() as ui:
        northwind = ui.id_of("Northwind Analytics")
        await ui.open_card(northwind, "t")
        await ui.press("ctrl+n")
        assert isinstance(ui.screen, ConfirmScreen)  # "[something you talked about]" left
        assert "[something you talked about]" in ui.screen.question
        await ui.press("y")
        panel = _panel(ui.app)
        assert "thank-you 1/2 sent" in str(panel.query_one("#draft-head", Static).render())
        assert _body(ui.app).startswith("Dear Tom,")  # on to the next one
        await ui.press("escape")
        assert ui.column(Stage.INTERVIEWED).highlighted_id == northwind
        data = ui.board().board
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
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_demo()
    lumen = board_pilot.id_of("Lumen Health")
    _thank_now(db_path, zone, lumen, now)
    async with board_pilot(notifications=True) as ui:
        await ui.open_card(lumen, "f")
        warning = _warning(ui.app)
        assert warning is not None
        assert "a little early" in warning and "Monday 30 November" in warning
        assert any("a little early" in message for message in _messages(ui.app))
        assert _panel(ui.app).query_one("#draft-subject", Input).value.startswith("Following up")
        await ui.press("ctrl+n")
        assert isinstance(ui.screen, ConfirmScreen)
        assert "too soon" in ui.screen.question
        await ui.press("n")
        assert _stage(db_path, zone, lumen) is Stage.THANKED
        await ui.press("ctrl+n")
        await ui.press("y")
        assert _stage(db_path, zone, lumen) is Stage.FOLLOWED_UP


async def test_a_follow_up_that_is_due_has_no_warning(
    board_pilot: BoardPilots, db_path: Path, zone: Timezone
) -> None:
    async with board_pilot(notifications=True) as ui:
        quillstone = ui.id_of("Quillstone")  # thanked 8.8 days ago
        await ui.open_card(quillstone, "f")
        assert _warning(ui.app) is None
        assert not any("early" in message for message in _messages(ui.app))
        await ui.press("ctrl+n")
        assert not isinstance(ui.screen, ConfirmScreen)
        assert _stage(db_path, zone, quillstone) is Stage.FOLLOWED_UP


async def test_a_third_follow_up_is_warned_about(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        cobalt = ui.id_of("Cobalt Robotics")  # two follow-ups, no reply
        await ui.open_card(cobalt, "f")
        warning = _warning(ui.app)
        assert warning is not None and "2 times" in warning
        assert _panel(ui.app).query_one("#draft-subject", Input).value.startswith("Checking in")


async def test_a_long_follow_up_gets_a_hint(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        quillstone = ui.id_of("Quillstone")
        await ui.open_card(quillstone, "f")
        status = _panel(ui.app).query_one("#draft-status", Static)
        assert not status.has_class("-long")
        _panel(ui.app).query_one("#draft-text", TextArea).insert("more words " * 60)
        await ui.settle()
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
    async with app.run_test(size=SIZE, notifications=True) as pilot:
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
    async with app.run_test(size=SIZE, notifications=True) as pilot:
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
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot() as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.open_card(lumen, "t")
        await ui.pilot.press("Y")
        await ui.press("ctrl+t")
        assert isinstance(ui.screen, TemplatePickerScreen)
        await ui.press("down", "enter")
        assert _body(ui.app).startswith("Hi Grace, thank you for the conversation")
        assert _panel(ui.app).query_one("#draft-subject", Input).value == ""
        history = _panel(ui.app).query_one("#draft-history", OptionList)
        assert "Thank-you (email)" in str(history.get_option_at_index(0).prompt)


async def test_templates_can_be_edited_from_the_palette_and_reset(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.press("ctrl+p")
        await ui.press(*"Edit note templates")
        await ui.press("enter")
        assert isinstance(ui.screen, TemplatesScreen)
        subject = ui.screen.query_one("#template-subject", Input)
        subject.value = "Thanks, $first_name {literally}"
        await ui.press("ctrl+s")
        store = DraftStore(ui.app.repository)
        assert store.template(TemplateId.THANK_YOU_EMAIL).subject == subject.value
        await ui.press("escape")
        await ui.focus_card(lumen)
        await ui.press("t")
        assert (
            _panel(ui.app).query_one("#draft-subject", Input).value == "Thanks, Grace {literally}"
        )
        await ui.press("escape")
        ui.app.action_open_templates()
        await ui.settle()
        await ui.press("ctrl+o")
        await ui.press("y")
        assert (
            store.template(TemplateId.THANK_YOU_EMAIL)
            == (DEFAULT_TEMPLATES[TemplateId.THANK_YOU_EMAIL])
        )
        # Closing saves what was typed, too.
        assert isinstance(ui.screen, TemplatesScreen)
        ui.screen.query_one("#template-text", TextArea).load_text("Hi $first_name!")
        await ui.press("escape")
        assert not isinstance(ui.screen, TemplatesScreen)
        assert store.template(TemplateId.THANK_YOU_EMAIL).body == "Hi $first_name!"


async def test_draft_from_the_detail_screen_and_the_palette(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.open_card(lumen, "enter")
        assert isinstance(ui.screen, DetailScreen)
        await ui.press("t")
        assert _body(ui.app).startswith("Dear Grace,")
        await ui.press("escape")
        assert isinstance(ui.screen, DetailScreen)
        await ui.press("f")
        assert _panel(ui.app).query_one("#draft-subject", Input).value.startswith("Following up")
        await ui.press("escape", "escape")
        await ui.focus_card(lumen)
        await ui.press("ctrl+p")
        await ui.press(*"Draft thank-you note")
        await ui.press("enter")
        assert _body(ui.app).startswith("Dear Grace,")
