"""Insights: applications per stage, how long replies took, follow-ups, and outcomes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from postinterview_tui.domain.insights import Insights, bar, compute_insights
from postinterview_tui.tui.commands.table import INSIGHTS_COMMANDS, bindings
from postinterview_tui.tui.screens.services import services
from postinterview_tui.tui.widgets.key_bar import KeyBar
from postinterview_tui.tui.widgets.pending_read import PendingRead

BAR_WIDTH = 30


class InsightsScreen(Screen[None]):
    """A few honest numbers about the search so far."""

    COMMAND_TABLE = INSIGHTS_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="insights"):
            yield Static("Insights", id="insights-title")
            yield PendingRead("Reading your history…", id="insights-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        """Read and summarise off the event loop."""
        from postinterview_tui.storage.insights_queries import close_reasons, history_points

        app = services(self)

        def read() -> Insights:
            return compute_insights(
                app.repository.stage_counts(),
                close_reasons(app.repository),
                history_points(app.repository),
            )

        app.reads.run(self, read, self._show, exclusive=True)

    def _show(self, insights: Insights) -> None:
        lines: list[Content] = [Content.styled("Applications per stage", "bold")]
        largest = max((count for _, count in insights.per_stage), default=0)
        for stage, count in insights.per_stage:
            lines.append(
                Content.assemble(
                    f"  {stage.label:<15} {count:>5}  ", (bar(count, largest, BAR_WIDTH), "$accent")
                )
            )
        lines.append(Content(""))
        lines.append(Content.styled("Waiting for replies", "bold"))
        if insights.median_reply_days is None:
            lines.append(Content("  No replies recorded yet."))
        else:
            lines.append(
                Content(
                    f"  Median time from an interview to a reply: "
                    f"{insights.median_reply_days:.1f} days ({len(insights.reply_days)} replies)"
                )
            )
        if insights.median_follow_ups is not None:
            lines.append(
                Content(
                    f"  Median follow-ups before an answer: {insights.median_follow_ups:g} "
                    f"({len(insights.follow_ups_before_answer)} answers)"
                )
            )
        lines.append(Content(""))
        lines.append(Content.styled("Outcomes", "bold"))
        lines.append(Content(f"  Offers accepted: {insights.accepted}"))
        largest = max((count for _, count in insights.outcomes), default=0)
        for reason, count in insights.outcomes:
            lines.append(
                Content.assemble(
                    f"  {reason.label:<22} {count:>5}  ",
                    (bar(count, largest, BAR_WIDTH), "$warning"),
                )
            )
        if not insights.outcomes:
            lines.append(Content("  Nothing closed yet."))
        self.query_one("#insights-body", Static).update(Content("\n").join(lines))
