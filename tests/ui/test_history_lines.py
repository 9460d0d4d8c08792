"""How an application's history reads on the detail screen: whom a thank-you went to, in the
order things were done. The real app on a real temp database, through the pilot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pendulum import DateTime, Timezone
from textual.widgets import OptionList

from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.stages import InterviewKind, Stage
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.move_questions import ChoiceScreen
from tests.ui import detail_page
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import open_repository


def _seed(db_path: Path, now: DateTime, zone: Timezone, *people: str, notes: str = "") -> int:
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    try:
        interview = NewInterview(
            now.subtract(days=1),
            InterviewKind.VIDEO,
            notes,
            interviewers=tuple(NewInterviewer(name) for name in people),
        )
        return repository.add_application(
            NewApplication("Acme", "Data engineer", interview), now.subtract(days=1)
        )
    finally:
        repository.close()


async def test_a_thank_you_moved_on_the_board_names_the_interviewers_thanked(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    acme = _seed(db_path, now, zone, "Tom Becker", "Ana Ruiz")
    async with board_pilot(demo=False) as ui:
        await ui.open_card(acme, "greater_than_sign")
        assert isinstance(ui.screen, ChoiceScreen)
        options = ui.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("all")
        await ui.press("enter")
        await ui.focus_card(acme)
        await ui.press("enter")
        assert isinstance(ui.screen, DetailScreen)
        timeline = detail_page.timeline(ui.screen)
    assert "Thank-you note sent to Tom Becker, Ana Ruiz" in timeline
    repository = open_repository(db_path, zone)
    try:
        assert repository.summary(acme).stage is Stage.THANKED
    finally:
        repository.close()


async def test_a_long_history_line_continues_under_its_text_at_80_columns(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    acme = _seed(db_path, now, zone, "Tom Becker")
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    note = "They liked the system design answer and will decide after the panel next week"
    repository.record_reply(acme, when=now, decision_by=None, now=now, note=note)
    repository.close()
    async with board_pilot(demo=False, size=(80, 24), focus=acme) as ui:
        await ui.press("enter")
        lines = detail_page.drawn_timeline(ui.screen)
    reply = next(n for n, line in enumerate(lines) if "Reply received" in line)
    # The wrapped part starts where the text after the date starts, not at the edge.
    indent = lines[reply].index("Reply received")
    continued = lines[reply + 1]
    assert continued.startswith(" " * indent) and continued[indent] != " ", lines
    assert " ".join(" ".join(lines[reply : reply + 2]).split()).endswith(note)


async def test_a_held_rounds_topics_are_labelled_talked_about(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    acme = _seed(db_path, now, zone, "Tom Becker", notes="their data platform migration")
    async with board_pilot(demo=False, focus=acme) as ui:
        await ui.press("enter")
        facts = detail_page.facts(ui.screen)
    assert "  Talked about: their data platform migration" in facts.splitlines()
    assert "Notes:" not in facts


async def test_a_reply_with_a_new_decision_date_replaces_the_rounds_one_on_the_detail(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    interview = NewInterview(now.subtract(days=1), InterviewKind.VIDEO, "", date(2026, 12, 11))
    acme = repository.add_application(
        NewApplication("Acme", "Data engineer", interview), now.subtract(days=1)
    )
    repository.record_reply(acme, when=now, decision_by=date(2026, 12, 18), now=now)
    repository.close()
    async with board_pilot(demo=False, focus=acme) as ui:
        await ui.press("enter")
        facts = detail_page.facts(ui.screen).splitlines()
    assert "  They expect to decide by 2026-12-11" not in facts
    assert "  They said they would decide by 2026-12-11 (since replaced)" in facts
    assert "Decision expected by 2026-12-18 (from their reply)" in facts
