"""Issue 15.5 on the board and the detail screen: keys, the filter and words."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.screens.detail import DetailScreen
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from tests.ui.board_pilot import BoardPilots
from tests.ui.helpers import column, make_app, open_repository, pause_after_typing, settle


async def test_backspace_deletes_on_the_board_after_asking(board_pilot: BoardPilots) -> None:
    async with board_pilot(focus="Lumen Health") as ui:
        lumen = ui.id_of("Lumen Health")
        await ui.press("backspace")
        assert isinstance(ui.screen, ConfirmScreen)
        await ui.press("y")
        screen = ui.board()
        assert screen.board is not None and lumen not in screen.board.by_id


async def test_backspace_in_the_filter_box_edits_the_filter(board_pilot: BoardPilots) -> None:
    async with board_pilot() as ui:
        await ui.type_filter("slash", *"lumenx", "backspace")
        assert not isinstance(ui.screen, ConfirmScreen)
        assert ui.board().filter_text == "lumen"


async def _filtered(app: object, pilot: object, text: str) -> list[int]:
    await pilot.press("slash", *text)  # type: ignore[attr-defined]
    await pause_after_typing(pilot)  # type: ignore[arg-type]
    ids: list[int] = []
    for stage in Stage:
        ids.extend(column(app, stage).ids)  # type: ignore[arg-type]
    await pilot.press("escape")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    return ids


async def test_filter_matches_interviewers_recruiter_and_notes(
    board_pilot: BoardPilots, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    board_pilot.write_demo()
    northwind = board_pilot.id_of("Northwind Analytics")
    repository = open_repository(db_path, zone)
    repository.add_note(northwind, "Ask about the on-call rota", now)
    repository.close()
    async with board_pilot() as ui:
        lumen = ui.id_of("Lumen Health")
        assert await _filtered(ui.app, ui.pilot, "priya") == [northwind]  # an interviewer
        assert await _filtered(ui.app, ui.pilot, "ON-CALL") == [northwind]  # a note, any case
        assert await _filtered(ui.app, ui.pilot, "event-driven") == [lumen]  # interview notes
        assert await _filtered(ui.app, ui.pilot, "lumen") == [lumen]  # company, as before
        assert await _filtered(ui.app, ui.pilot, "nobody-matches-this") == []


async def test_filter_matches_the_recruiter(db_path: Path, now: DateTime, zone: Timezone) -> None:
    from postinterview_tui.domain.records import Contact, NewApplication, NewInterview

    make_app(db_path, now, zone, demo=False).repository.close()  # creates the file
    repository = open_repository(db_path, zone)
    new_id = repository.add_application(
        NewApplication(
            "Kestrel Labs",
            "Analyst",
            NewInterview(now.subtract(days=1)),
            recruiter=Contact("Dana Okoye", "dana@agency.example"),
        ),
        now,
    )
    repository.close()
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert await _filtered(app, pilot, "okoye") == [new_id]


async def test_detail_labels_interview_notes_without_repeating_them(
    board_pilot: BoardPilots,
) -> None:
    async with board_pilot(size=(120, 40), focus="Lumen Health") as ui:
        await ui.press("enter")
        assert isinstance(ui.screen, DetailScreen)
        text = "\n".join(str(widget.render()) for widget in ui.screen.query("Static"))
        assert "\n  Talked about their move from a monolith" in text
        assert "Talked about: Talked about" not in text
        assert "Notes: Talked about" not in text


async def test_board_at_80_columns_keeps_company_and_next_step_whole(
    board_pilot: BoardPilots,
) -> None:
    """At 80x24 the columns scroll (the current one always whole) rather than cut every card."""
    from postinterview_tui.domain.stages import STAGE_ORDER

    async with board_pilot(size=(80, 24)) as ui:
        screen = ui.board()
        view = screen.view
        assert screen.board is not None
        for index, stage in enumerate(STAGE_ORDER):
            first, shown = view.visible_columns()
            assert first <= index < first + shown  # the current column is on screen
            assert shown >= 3
            x, width = view.span(index)
            assert width >= 26
            lines = [view.render_line(y).text[x : x + width] for y in range(view.size.height)]
            screen_text = "\n".join(lines)
            assert "…" not in lines[0]  # the heading is whole
            for app_id in ui.column(stage).ids[:4]:
                summary = screen.board.by_id[app_id]
                assert summary.company in screen_text
            # Only an interview card's trailing word may be cut (its time comes first).
            cut = [line for line in lines if "…" in line]
            assert all(" inter…" in line for line in cut), screen_text
            await ui.press("right")
        # Off-screen columns are announced in the headings.
        headings = view.render_line(0).text
        assert headings.lstrip().startswith("‹") and "›" not in headings


async def test_drafting_side_panel_goes_below_the_note_at_80_columns(
    board_pilot: BoardPilots,
) -> None:
    from postinterview_tui.tui.screens.drafting import DraftingScreen

    async with board_pilot(size=(80, 24), focus="Lumen Health") as ui:
        await ui.press("t")
        assert isinstance(ui.screen, DraftingScreen)
        note = ui.screen.query_one("#draft-text").region
        side = ui.screen.query_one("#draft-side").region
        assert note.width >= 70  # the note has the width, not 44 of 80 cells
        assert side.y >= note.bottom  # people and history below it
        await ui.pilot.resize_terminal(140, 40)
        await ui.settle()
        note = ui.screen.query_one("#draft-text").region
        side = ui.screen.query_one("#draft-side").region
        assert side.right <= note.x  # side by side again when there is room
