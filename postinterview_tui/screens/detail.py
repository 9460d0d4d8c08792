"""An application's details: facts, interviews, and its timeline with what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from postinterview_tui.commands import DETAIL_COMMANDS, bindings
from postinterview_tui.domain.models import ApplicationDetail
from postinterview_tui.domain.text import safe_line, safe_text
from postinterview_tui.screens.timeline import detail_timeline
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:
    from postinterview_tui.app import PostInterviewApp


class DetailScreen(Screen[None]):
    """Everything about one application."""

    COMMAND_TABLE = DETAIL_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id

    @property
    def pi_app(self) -> PostInterviewApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static("Loading…", id="detail-head")
            yield Static("", id="detail-facts")
            yield Static("Timeline", classes="section-title")
            yield Static("", id="detail-timeline")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        """Read the application off the event loop."""
        app = self.pi_app
        try:
            detail = app.repository.detail(self.application_id)
            settings = app.repository.settings()
        except StoreError as error:
            app.call_from_thread(app.report_store_error, error)
            app.call_from_thread(self.dismiss)
            return
        app.call_from_thread(self._show, detail, settings)

    def _show(self, detail: ApplicationDetail, settings: object) -> None:
        from postinterview_tui.domain.settings import Settings

        assert isinstance(settings, Settings)
        app = self.pi_app
        now, zone = app.clock(), app.zone
        summary = detail.summary
        head = Content.assemble(
            (safe_line(summary.company), "bold"), " — ", safe_line(summary.role)
        )
        self.query_one("#detail-head", Static).update(head)
        facts = [f"Stage: {summary.stage.label}"]
        if summary.close_reason:
            facts[0] += f" ({summary.close_reason.label})"
        for label, value in (("Location", detail.location), ("Link", detail.link)):
            if value:
                facts.append(f"{label}: {safe_line(value)}")
        if detail.recruiter:
            facts.append(f"Recruiter: {safe_line(detail.recruiter.formatted())}")
        for interview in detail.interviews:
            people = ", ".join(
                safe_line(person.name or person.email) + (" ✓" if person.thanked_at else "")
                for person in interview.interviewers
            )
            when = interview.held_at.in_timezone(zone).format("ddd D MMM YYYY HH:mm")
            facts.append(f"Interview {when} ({interview.kind})" + (f": {people}" if people else ""))
            if interview.notes:
                facts.append(f"  Talked about: {safe_line(interview.notes)}")
            if interview.decision_by:
                facts.append(f"  They expect to decide by {interview.decision_by.isoformat()}")
        if detail.notes:
            facts.append("Notes: " + safe_text(detail.notes))
        self.query_one("#detail-facts", Static).update(Content("\n".join(facts)))
        lines = detail_timeline(detail, settings, now, zone)
        self.query_one("#detail-timeline", Static).update(Content("\n").join(lines))

    def action_edit_application(self) -> None:
        """Edit this application."""
        self.pi_app.open_edit_form(self.application_id, lambda _saved: self.load())

    def action_draft_thank_you(self) -> None:
        """Draft thank-you notes for this application's latest interview."""
        self.pi_app.open_drafting(self.application_id, "thank-you", lambda _: self.load())

    def action_draft_follow_up(self) -> None:
        """Draft a follow-up for this application."""
        self.pi_app.open_drafting(self.application_id, "follow-up", lambda _: self.load())

    def action_open_offer(self) -> None:
        """Open the offer panel: conditions, deadline, accept or decline."""
        self.pi_app.open_offer(self.application_id)
