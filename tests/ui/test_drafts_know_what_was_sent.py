"""Issue 15, section 3: the drafting panel knows what was sent. A thank-you already sent is
shown as it went, read-only, with "w" to write another anyway (which asks before it is marked
sent); once nobody is left to write to, the panel closes and says what is next; undoing a
thank-you makes its draft a draft again. The real app, on a real temp database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from postinterview_tui.domain.stages import EventKind, Stage
from postinterview_tui.storage.drafts import DraftStore
from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.drafting import DraftingScreen
from postinterview_tui.tui.screens.review import ReviewScreen
from tests.ui.helpers import focus_card, make_app, open_repository, settle, toasts

SIZE = (140, 40)


def _id_of(db_path: Path, zone: Timezone, company: str) -> int:
    repository = open_repository(db_path, zone)
    try:
        return next(item.id for item in repository.summaries() if item.company == company)
    finally:
        repository.close()


def _panel(app: PostInterviewApp) -> DraftingScreen:
    assert isinstance(app.screen, DraftingScreen), app.screen
    return app.screen


def _text(app: PostInterviewApp, selector: str) -> str:
    widget = _panel(app).query_one(selector, Static)
    return str(widget.render()) if widget.display and widget.has_class("-shown") else ""


def _history(app: PostInterviewApp) -> list[str]:
    history = _panel(app).query_one("#draft-history", OptionList)
    return [str(history.get_option_at_index(i).prompt) for i in range(history.option_count)]


def _messages(app: PostInterviewApp) -> list[str]:
    """The notifications on screen, each as its message reads (after its title, if any)."""
    return [text.split("\n", 1)[-1] if "\n" in text else text for text in toasts(app)]


def _thank_yous(db_path: Path, zone: Timezone, application_id: int) -> list[str]:
    """Who each recorded thank-you went to, oldest first."""
    repository = open_repository(db_path, zone)
    try:
        events = repository.detail(application_id).events
        return [
            str(event.data.get("interviewer", ""))
            for event in events
            if event.kind is EventKind.THANK_YOU_SENT
        ]
    finally:
        repository.close()


async def _press_on_card(pilot: Pilot[Any], app: PostInterviewApp, card: int, key: str) -> None:
    await settle(pilot)
    focus_card(app, card)
    await pilot.press(key)
    await settle(pilot)


async def test_when_everyone_is_thanked_t_shows_the_sent_notes_read_only(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    northwind = _id_of(db_path, zone, "Northwind Analytics")  # Priya and Tom
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _press_on_card(pilot, app, northwind, "t")
        for _ in range(2):  # Priya, then Tom (each note still has a placeholder: yes)
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
        assert not isinstance(app.screen, DraftingScreen)  # both thanked: the panel closed
        sent_to_tom = _thank_yous(db_path, zone, northwind)
        assert sent_to_tom == ["Priya Natarajan", "Tom Becker"]

        await _press_on_card(pilot, app, northwind, "t")
        panel = _panel(app)
        assert "Sent to Priya Natarajan on Wed 25 Nov" in _text(app, "#draft-record")
        assert "w to write another anyway" in _text(app, "#draft-record")
        editor = panel.query_one("#draft-text", TextArea)
        assert editor.read_only and editor.text.startswith("Dear Priya,")
        assert panel.query_one("#draft-subject", Input).disabled
        assert "Sent · read-only" in str(panel.query_one("#draft-status", Static).render())
        # Typing does not change it; marking it sent again does nothing.
        await pilot.press("x", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, DraftingScreen) and editor.text.startswith("Dear Priya,")
        people = panel.query_one("#draft-people", OptionList)
        people.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "Sent to Tom Becker on Wed 25 Nov" in _text(app, "#draft-record")
        assert sum("Tom Becker · sent" in line for line in _history(app)) == 1
    assert _thank_yous(db_path, zone, northwind) == ["Priya Natarajan", "Tom Becker"]


async def test_writing_another_anyway_asks_before_it_is_marked_sent(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")  # one interviewer, Grace
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _press_on_card(pilot, app, lumen, "t")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert not isinstance(app.screen, DraftingScreen)
        await _press_on_card(pilot, app, lumen, "t")
        panel = _panel(app)
        assert _text(app, "#draft-record").startswith("Sent to Grace Okafor on Wed 25 Nov")
        await pilot.press("w")
        await settle(pilot)
        editor = panel.query_one("#draft-text", TextArea)
        assert not editor.read_only and _text(app, "#draft-record") == ""
        assert editor.text.startswith("Dear Grace,")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == (
            "Grace Okafor was already thanked for this round on Wed 25 Nov. "
            "Record another thank-you anyway?"
        )
        await pilot.press("n")
        await settle(pilot)
        assert _thank_yous(db_path, zone, lumen) == ["Grace Okafor"]
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, DraftingScreen)
    assert _thank_yous(db_path, zone, lumen) == ["Grace Okafor", "Grace Okafor"]


async def test_a_thanked_person_without_a_kept_note_says_so(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    repository = open_repository(db_path, zone)
    try:
        DraftStore(repository).mark_thank_you_sent(lumen, None, now, now)  # e.g. from `d`
    finally:
        repository.close()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _press_on_card(pilot, app, lumen, "t")
        assert "Grace Okafor was thanked on Wed 25 Nov" in _text(app, "#draft-record")
        assert _panel(app).query_one("#draft-text", TextArea).text == ""


async def test_a_follow_up_marked_sent_closes_the_panel_and_says_what_is_next(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    quillstone = _id_of(db_path, zone, "Quillstone")  # a follow-up is due
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _press_on_card(pilot, app, quillstone, "f")
        assert not any("early" in message for message in _messages(app))
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert not isinstance(app.screen, DraftingScreen)
        said = [message for message in _messages(app) if message.startswith("Marked sent")]
        assert len(said) == 1 and "Next: follow up again in " in said[0]
        # The warning about the next note never shows for the one just sent.
        assert not any("early" in message for message in _messages(app))


async def test_a_follow_up_marked_sent_from_the_review_goes_back_to_the_review(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    quillstone = _id_of(db_path, zone, "Quillstone")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        while (item := review.current_item()) is not None and item.application_id != quillstone:
            await pilot.press("j")
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen is review
        assert not any("early" in message for message in _messages(app))


async def test_undoing_a_thank_you_makes_its_draft_a_draft_again_in_the_panel(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    lumen = _id_of(db_path, zone, "Lumen Health")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _press_on_card(pilot, app, lumen, "t")
        await pilot.press("end", "!")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("u")  # the board's undo (this window's last change)
        await settle(pilot)
        assert any(
            message.startswith("Undid: the thank-you to Lumen") for message in _messages(app)
        )
        await _press_on_card(pilot, app, lumen, "t")
        panel = _panel(app)
        assert _text(app, "#draft-record") == ""
        assert not panel.query_one("#draft-text", TextArea).read_only
        assert panel.query_one("#draft-text", TextArea).text.startswith("Dear Grace,!")
        assert not any(line.endswith("· sent") for line in _history(app))
    repository = open_repository(db_path, zone)
    try:
        assert repository.summary(lumen).stage is Stage.INTERVIEWED
        assert [draft.sent_at for draft in DraftStore(repository).drafts_for(lumen)] == [None]
    finally:
        repository.close()
