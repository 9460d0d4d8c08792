"""An application's details: facts, interviews, and its timeline with what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from postinterview_tui.domain.records import ApplicationDetail
from postinterview_tui.domain.text import safe_line, safe_text
from postinterview_tui.tui.commands.table import DETAIL_COMMANDS, bindings
from postinterview_tui.tui.screens.loop_actions import LoopActions
from postinterview_tui.tui.screens.timeline import detail_timeline_rows
from postinterview_tui.tui.screens.writes import StoreChange
from postinterview_tui.tui.widgets.hanging_lines import HangingLines
from postinterview_tui.tui.widgets.steady_footer import SteadyFooter

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


class DetailScreen(LoopActions):
    """Everything about one application.

    Opening it builds three texts and the footer, nothing more: the screen scrolls itself
    (its keys are in the command table), so no scrolling container is built around them, and
    the timeline's heading is the first line of the timeline. Each widget costs Textual its
    styles, layout and drawing on the first frame.
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
        head, facts, timeline = (
            self._texts(*self._data)
            if self._data
            else (Content("Loading…"), Content(), HangingLines(()))
        )
        yield Static(head, id="detail-head")
        yield Static(facts, id="detail-facts")
        yield Static(timeline, id="detail-timeline")
        yield SteadyFooter()

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
        head, facts, timeline = self._texts(*data)
        self.query_one("#detail-head", Static).update(head)
        self.query_one("#detail-facts", Static).update(facts)
        self.query_one("#detail-timeline", Static).update(timeline)

    def _texts(
        self, detail: ApplicationDetail, settings: Settings
    ) -> tuple[Content, Content, HangingLines]:
        """The heading, the facts and the timeline, as shown (a long line of the timeline
        continues under its text)."""
        app = self.pi_app
        now, zone = app.clock(), app.zone
        summary = detail.summary
        head = Content.assemble(
            (safe_line(summary.company), "bold"), " — ", safe_line(summary.role)
        )
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
        timeline = HangingLines([(TIMELINE_HEADING, 0), *rows])
        return head, Content("\n".join(facts)), timeline

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
