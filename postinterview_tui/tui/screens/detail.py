"""An application's details: facts, interviews, and its timeline with what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content

from postinterview_tui.domain.records import ApplicationDetail
from postinterview_tui.domain.text import safe_line, safe_text
from postinterview_tui.tui.commands.table import DETAIL_COMMANDS, bindings
from postinterview_tui.tui.screens.loop_actions import LoopActions
from postinterview_tui.tui.screens.timeline import detail_timeline_rows
from postinterview_tui.tui.screens.writes import StoreChange
from postinterview_tui.tui.widgets.hanging_lines import HangingLine, HangingLines
from postinterview_tui.tui.widgets.hanging_page import HangingPage
from postinterview_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from postinterview_tui.domain.settings import Settings
    from postinterview_tui.storage.repository import Repository


DetailData = tuple[ApplicationDetail, "Settings"]
"""What the detail screen shows: the application and the rules its dates follow."""


def read_detail(repository: Repository, application_id: int) -> DetailData:
    """Read what the detail screen shows (off the event loop: call it from a worker).

    Raises:
        StoreError: the application cannot be read.
    """
    return repository.detail(application_id), repository.settings()


TIMELINE_HEADING = Content.styled("Timeline", "bold underline")
"""The timeline section's heading, its first line."""

HEADING_STYLE = "bold $accent"
"""The page's heading: the company and the role (or "Loading…" until they are read)."""

_BLANK: HangingLine = (Content(), 0)


class DetailScreen(LoopActions):
    """Everything about one application.

    Opening it builds one text, the whole page (heading, facts, timeline), and the footer,
    nothing more: the screen scrolls itself (its keys are in the command table), so no
    scrolling container is built around it. Each widget costs Textual its styles, layout and
    drawing on the first frame; the page's parts are lines of one text, wrapped once per
    width, and only the lines on screen are drawn (widgets/hanging_page.py).
    """

    COMMAND_TABLE = DETAIL_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, application_id: int, data: DetailData | None = None) -> None:
        """``data``: read already (the screen opens showing it); else it is read on mount."""
        super().__init__()
        self.application_id = application_id
        self._data = data
        self._shown: ApplicationDetail | None = data[0] if data else None

    def compose(self) -> ComposeResult:
        page = (
            self._page(*self._data)
            if self._data
            else HangingLines([(Content.styled("Loading…", HEADING_STYLE), 0)])
        )
        yield HangingPage(page, id="detail-page")
        yield KeyBar()

    def on_mount(self) -> None:
        if self._data is None:
            self.load()
        self._data = None  # later reads replace it; no need to keep it
        # A write from any screen on top (the form, drafting, the offer panel) shows here.
        self.pi_app.writes.follow(self._store_changed)

    def _store_changed(self, change: StoreChange) -> None:
        if change.application_id in (None, self.application_id):
            self.load()

    def load(self) -> None:
        """Read the application off the event loop."""
        app = self.pi_app
        app.reads.run(
            self,
            lambda: read_detail(app.repository, self.application_id),
            self._show,
            exclusive=True,
            failed=lambda _error: self.dismiss(),
        )

    def _show(self, data: DetailData) -> None:
        self._shown = data[0]
        self.query_one("#detail-page", HangingPage).update(self._page(*data))

    def _page(self, detail: ApplicationDetail, settings: Settings) -> HangingLines:
        """The page as shown: the heading, the facts, and the timeline under its own heading,
        a blank line between them (a long line of the timeline continues under its text)."""
        app = self.pi_app
        now, zone = app.clock(), app.zone
        summary = detail.summary
        head = Content.assemble(
            (safe_line(summary.company), "bold"), " — ", safe_line(summary.role)
        ).stylize_before(HEADING_STYLE)
        facts = [f"Stage: {summary.stage.label}"]
        if summary.close_reason:
            facts[0] += f" ({summary.close_reason.label})"
        for label, value in (("Location", detail.location), ("Link", detail.link)):
            if value:
                facts.append(f"{label}: {safe_line(value)}")
        if detail.recruiter:
            facts.append(f"Recruiter: {safe_line(detail.recruiter.formatted())}")
        expected = summary.progress.decision_by
        for interview in detail.interviews:
            people = ", ".join(
                safe_line(person.name or person.email) + (" ✓" if person.thanked_at else "")
                for person in interview.interviewers
            )
            when = interview.held_at.in_timezone(zone).format("ddd D MMM YYYY HH:mm")
            ahead = interview.held_at > now
            label = "Scheduled interview" if ahead else "Interview"
            facts.append(f"{label} {when} ({interview.kind})" + (f": {people}" if people else ""))
            if interview.notes:
                # What the add form asks for as "What you talked about" (or will talk about);
                # words that begin with the label already ("Talked about their...") stand alone.
                topics = "To talk about" if ahead else "Talked about"
                notes = safe_line(interview.notes)
                if notes.casefold().startswith(topics.casefold()):
                    facts.append(f"  {notes}")
                else:
                    facts.append(f"  {topics}: {notes}")
            said = interview.decision_by
            if said and said == expected:
                facts.append(f"  They expect to decide by {said.isoformat()}")
            elif said:
                # A reply since then gave another date (or none): this one no longer holds.
                facts.append(
                    f"  They said they would decide by {said.isoformat()} (since replaced)"
                )
        if expected and all(item.decision_by != expected for item in detail.interviews):
            facts.append(f"Decision expected by {expected.isoformat()} (from their reply)")
        if detail.notes:
            facts.append("Notes: " + safe_text(detail.notes))
        rows = detail_timeline_rows(detail, settings, now, zone)
        # Notes keep their own line breaks: each of their lines is a line of the page, its tabs
        # as wide as Textual draws them (8), so that it wraps at the width it is drawn at.
        fact_lines = [
            (Content(line.expandtabs(8)), 0) for fact in facts for line in fact.split("\n")
        ]
        return HangingLines([(head, 0), _BLANK, *fact_lines, _BLANK, (TIMELINE_HEADING, 0), *rows])

    def action_edit_application(self) -> None:
        """Edit this application."""
        self.pi_app.open_edit_form(self.application_id)

    def action_draft_thank_you(self) -> None:
        """Draft thank-you notes for this application's latest interview."""
        self.pi_app.open_drafting(self.application_id, "thank-you")

    def action_draft_follow_up(self) -> None:
        """Draft a follow-up for this application."""
        self.pi_app.open_drafting(self.application_id, "follow-up")

    def action_open_offer(self) -> None:
        """Open the offer panel: conditions, deadline, accept or decline."""
        self.pi_app.open_offer(self.application_id)

    # -- the daily loop ----------------------------------------------------------------------

    def loop_target(self) -> tuple[int, str] | None:
        """This application, once read."""
        shown = self._shown
        if shown is None:
            return None
        return self.application_id, f"{shown.summary.company} — {shown.summary.role}"

    def action_edit_interview(self) -> None:
        """Correct an interview round (asks which one when there are several)."""
        shown = self._shown
        target = self.loop_target()
        if shown is None or target is None or not shown.interviews:
            return
        interviews = shown.interviews
        if len(interviews) == 1:
            self._edit_round(interviews[0].id)
            return
        from postinterview_tui.tui.screens.interview_form import RoundPickerScreen

        def picked(interview_id: int | None) -> None:
            if interview_id is not None:
                self._edit_round(interview_id)

        self.app.push_screen(RoundPickerScreen(interviews, self.pi_app.zone), picked)

    def _edit_round(self, interview_id: int) -> None:
        from postinterview_tui.tui.screens.interview_form import InterviewFormScreen

        shown = self._shown
        target = self.loop_target()
        if shown is None or target is None:
            return
        interview = next(item for item in shown.interviews if item.id == interview_id)
        form = InterviewFormScreen(target[0], interview, target[1], self.pi_app.zone)
        self.open_entry_form(form)
