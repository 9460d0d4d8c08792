"""The forms of the daily loop: record a reply, add an interview round."""

from __future__ import annotations

from typing import Any

from postinterview_tui.domain.entries import ReplyEntry, parse_reply
from postinterview_tui.domain.forms import FormErrors, parse_interview, split_interviewers
from postinterview_tui.domain.records import NewInterview
from postinterview_tui.tui.screens.entry_form import KIND_FIELD, EntryFormScreen, Field
from postinterview_tui.tui.screens.writes import WriteContext

WHEN_FORMAT = "YYYY-MM-DD HH:mm"

TOPICS_HINT = "Fills [something you talked about] in the thank-you drafts."

REPLY_FIELDS = [
    Field("when", "When did it come?", "YYYY-MM-DD HH:MM, today, -2d… (default now)"),
    Field(
        "decision_by",
        "Their new decision date",
        "YYYY-MM-DD (optional)",
        hint="Replaces the date you were waiting for.",
    ),
    Field("note", "What they said", "optional", widget="text"),
]

ROUND_FIELDS = [
    Field(
        "interviewed",
        "Date and time",
        "YYYY-MM-DD HH:MM, +3d… (a future time schedules it)",
    ),
    KIND_FIELD,
    Field("interviewers", "Interviewers", "Ana Ruiz <ana@acme.example>, Tom Lee"),
    Field("decision_by", "They expect to decide by", "YYYY-MM-DD (optional)"),
    Field("interview_notes", "What you talked about", "optional", "text", TOPICS_HINT),
]


class ReplyFormScreen(EntryFormScreen):
    """Record a reply from the employer: it restarts the follow-up count."""

    def __init__(self, application_id: int, title: str) -> None:
        super().__init__(f"Record a reply — {title}", REPLY_FIELDS, application_id)

    def initial_values(self) -> dict[str, str]:
        """Now, as the time the reply came."""
        return {"when": _now_text(self)}

    def parse(self, values: dict[str, str]) -> ReplyEntry:
        """The reply as typed, checked."""
        return parse_reply(values, self.pi_app.clock(), self.pi_app.zone)

    def write(self, payload: Any, write: WriteContext) -> str:
        """Record the reply."""
        assert isinstance(payload, ReplyEntry)
        write.repository.record_reply(
            self.application_id,
            when=payload.when,
            decision_by=payload.decision_by,
            note=payload.note,
            now=write.now,
        )
        return "Reply recorded; the follow-up count starts again."


class RoundFormScreen(EntryFormScreen):
    """Add an interview round (a future time schedules it)."""

    def __init__(self, application_id: int, title: str) -> None:
        super().__init__(f"Add an interview round — {title}", ROUND_FIELDS, application_id)

    def initial_values(self) -> dict[str, str]:
        """Now, as the round's time (to be changed for a scheduled one)."""
        return {"interviewed": _now_text(self)}

    def parse(self, values: dict[str, str]) -> NewInterview:
        """The round as typed, checked (the same checks as ``postinterview interview``)."""
        errors: dict[str, str] = {}
        app = self.pi_app
        people = split_interviewers(values.get("interviewers", ""))
        new = parse_interview(values, people, app.clock(), app.zone, errors)
        if errors or new is None:
            raise FormErrors(errors or {"interviewed": "missing interview time"})
        return new

    def write(self, payload: Any, write: WriteContext) -> str:
        """Record the round."""
        assert isinstance(payload, NewInterview)
        now = write.now
        write.repository.add_interview(self.application_id, payload, now)
        if payload.held_at > now:
            local = payload.held_at.in_timezone(self.pi_app.zone)
            return f"Interview scheduled for {local.format('ddd D MMM HH:mm')}."
        return "Interview round recorded."


def _now_text(screen: EntryFormScreen) -> str:
    app = screen.pi_app
    return app.clock().in_timezone(app.zone).format(WHEN_FORMAT)
