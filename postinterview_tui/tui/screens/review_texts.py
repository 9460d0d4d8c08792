"""What the daily review's header line and its empty text say (built as Content; the screen
only places them)."""

from __future__ import annotations

from pendulum import Timezone
from textual.content import Content

from postinterview_tui.domain.review import row_text
from postinterview_tui.domain.text import safe_line
from postinterview_tui.tui.state.review_data import ReviewData


def empty_text(data: ReviewData, zone: Timezone) -> Content:
    """What an empty review says: why it is empty, then what comes next."""
    if data.any_due:
        first = "All done for now: nothing left in this review."
    else:
        first = f"Nothing to do in the next {data.settings.window_days} days."
    upcoming = data.upcoming
    if not data.upcoming_known:
        # The rows were just acted on; the read that follows each action looks it up.
        second = Content("Looking at what comes next…")
    elif upcoming is None:
        second = Content("Nothing else is waiting on you.")
    else:
        text = row_text(upcoming, data.now, zone)
        stamp = upcoming.due.in_timezone(zone).format("ddd D MMM")
        second = Content.assemble(
            "Next up: ",
            (safe_line(f"{text.company} — {text.role}"), "bold"),
            f" · {safe_line(text.action)} · {text.when} ({stamp})",
            f" · {safe_line(text.detail)}" if text.detail else "",
        )
    return Content("\n\n").join(
        [Content.styled(first, "bold"), second, Content("escape goes back")]
    )


def header(counts: str | None) -> Content:
    """The header line: the title, then the counts once read (muted: the line's colour)."""
    title = Content.styled("Daily review", "bold $accent")
    if counts is None:
        return title
    # Two cells apart, as the title and the counts stood when they were two widgets: the gap
    # is a span of its own in the title's style, drawn exactly as the title's padding was.
    return Content.assemble(title, ("  ", "bold $accent"), counts)
