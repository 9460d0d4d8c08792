"""Hostile text stays text: markup is shown literally, control characters never reach the
terminal, and nothing a user types becomes a style, a link or an action."""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime, Timezone
from textual.content import Content

from postinterview_tui.cli.output import agenda_lines, list_lines
from postinterview_tui.cli.show import detail_lines
from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.rules import next_action
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.text import safe_line
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.widgets.card_face import CardFace, clean_face, fit_cells
from tests.ui.helpers import board, make_app, settle

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = (
    "[bold]Acme[/bold]",
    "ACME [/]",
    "Unclosed [b",
    "[@click=app.quit]Quit Ltd",
    "[link=https://evil.example]Link Co[/link]",
    "\x1b[2J\x1b]0;pwned\x07Esc Corp",
    "\x9b31mC1 Corp\x9d",
    "\u202eevil\u202c Bidi",
    "Zero\u200bwidth e\u0301 👩‍💻",
)
ZONE = pendulum.timezone("Europe/London")
NOW = pendulum.datetime(2026, 11, 25, 10, tz=ZONE)
PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(text=st.text())
def test_safe_line_has_no_control_characters_and_renders_literally(text: str) -> None:
    cleaned = safe_line(text)
    assert not UNSAFE.search(cleaned)
    content = Content(cleaned)
    assert content.plain == cleaned  # no markup was read out of it
    segments = list(content.render_segments())
    assert "".join(segment.text for segment in segments) == cleaned
    assert all(segment.style is None or not segment.style.link for segment in segments)


@PROPERTY
@given(title=st.text(), status=st.text(), width=st.integers(min_value=1, max_value=40))
def test_card_lines_never_overflow_or_carry_control_characters(
    title: str, status: str, width: int
) -> None:
    face = clean_face(CardFace(title, title, status, "overdue", "!"))
    for line in (face.title, face.subtitle, face.status):
        fitted = fit_cells(line, width)
        assert not UNSAFE.search(fitted)
        from rich.cells import cell_len

        assert cell_len(fitted) == width


def _seeded(tmp_path: Path, company: str) -> Repository:
    repository = Repository.open(tmp_path / "h.db", zone=ZONE, create=True)
    assert repository is not None
    repository.add_application(
        NewApplication(
            company,
            company,
            NewInterview(
                NOW.subtract(days=2), notes=company, interviewers=(NewInterviewer(company),)
            ),
            notes=company,
        ),
        NOW,
    )
    repository.add_note(1, company, NOW)
    return repository


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(company=st.text(min_size=1, max_size=40).filter(lambda text: text.strip()))
def test_cli_text_output_never_carries_control_characters(tmp_path_factory, company: str) -> None:  # type: ignore[no-untyped-def]
    # One line with no NUL, as the domain's validation requires of a company (every line break
    # Python knows counts); every other control character stays, to be made safe on output.
    company = " ".join(company.replace("\x00", "").splitlines())
    company = "".join(char for char in company if not "\ud800" <= char <= "\udfff")
    if not company.strip():
        company = "x"
    repository = _seeded(tmp_path_factory.mktemp("h"), company.strip())
    summaries = repository.summaries()
    rows = [(item, next_action(item.progress, Settings(), ZONE)) for item in summaries]
    lines = list_lines(rows, NOW, ZONE)
    lines += agenda_lines(build_agenda(summaries, Settings(), NOW, ZONE), NOW, ZONE)
    lines += detail_lines(repository.detail(1), rows[0][1], NOW, ZONE)
    repository.close()
    for line in lines:
        assert not UNSAFE.search(line), repr(line)


async def test_every_screen_shows_hostile_text_literally(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    for name in HOSTILE:
        new_id = repository.add_application(
            NewApplication(
                name,
                name,
                NewInterview(
                    now.subtract(days=1), notes=name, interviewers=(NewInterviewer(name),)
                ),
                notes=name,
                location=name,
            ),
            now,
        )
        repository.add_note(new_id, name, now)
    repository.close()
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=(220, 60), notifications=True) as pilot:
        await settle(pilot)
        screen = board(app)
        assert screen.board is not None
        first = min(screen.board.by_id)
        # The detail screen with every field and the history.
        app.open_detail(first)
        await settle(pilot)
        shown = app.export_screenshot()
        assert "\x1b" not in shown and "\x9b" not in shown and "\u202e" not in shown
        await pilot.press("escape")
        await settle(pilot)
        # The filter box accepts markup-like text and finds the card.
        await pilot.press("slash", *"[/]")
        await settle(pilot)
        assert app.is_running
        await pilot.press("escape")
        # Notifications carry user text (the delete confirmation and undo).
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        # Clicking everything: no markup action ran (the app is still running).
        for y in range(2, 40, 2):
            await pilot.click(offset=(10, y))
        await settle(pilot)
        assert app.is_running
        assert app.return_code is None


async def test_multi_line_paste_into_a_one_line_field_is_joined_and_said(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    from textual import events

    from postinterview_tui.tui.screens.form import ApplicationFormScreen

    app = make_app(db_path, now, zone)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationFormScreen)
        field = form.query_one("#field-company")
        field.post_message(events.Paste("Acme\nEngineering\nLtd"))
        await settle(pilot)
        assert field.value == "Acme Engineering Ltd"  # type: ignore[attr-defined]
        note = str(form.query_one("#error-company").render())
        assert "3 lines" in note
