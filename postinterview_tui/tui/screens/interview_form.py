"""Correcting an interview round: its time, kind, interviewers and what you talked about.
Each interviewer has a field of their own, so a renamed one keeps their thank-you."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from postinterview_tui.domain.entries import InterviewChange, parse_interview_change
from postinterview_tui.domain.records import Interview
from postinterview_tui.domain.text import safe_line
from postinterview_tui.tui.commands.table import dialog_bindings
from postinterview_tui.tui.screens.entry_form import KIND_FIELD, EntryFormScreen, Field
from postinterview_tui.tui.screens.loop_forms import TOPICS_HINT, WHEN_FORMAT
from postinterview_tui.tui.screens.writes import WriteContext


def _person_label(interview: Interview, person_id: int, zone: Any) -> str:
    person = next(item for item in interview.interviewers if item.id == person_id)
    if person.thanked_at is None:
        return "Interviewer"
    return f"Interviewer (thanked {person.thanked_at.in_timezone(zone).format('ddd D MMM')})"


class InterviewFormScreen(EntryFormScreen):
    """Correct one round. Emptying an interviewer's field removes them."""

    def __init__(self, application_id: int, interview: Interview, title: str, zone: Any) -> None:
        fields = [
            Field("interviewed", "Date and time", "YYYY-MM-DD HH:MM"),
            KIND_FIELD,
            *(
                Field(
                    f"person-{person.id}",
                    _person_label(interview, person.id, zone),
                    "empty: remove (someone who was not there)",
                )
                for person in interview.interviewers
            ),
            Field("added", "Add interviewers", "Ana Ruiz <ana@acme.example>, Tom Lee"),
            Field("decision_by", "They expect to decide by", "YYYY-MM-DD (optional)"),
            Field("notes", "What you talked about", "optional", "text", TOPICS_HINT),
        ]
        super().__init__(f"Edit interview — {title}", fields, application_id)
        self.interview = interview
        self.zone = zone

    def initial_values(self) -> dict[str, str]:
        """The round as stored."""
        interview = self.interview
        values = {
            "interviewed": interview.held_at.in_timezone(self.zone).format(WHEN_FORMAT),
            "kind": str(interview.kind),
            "decision_by": interview.decision_by.isoformat() if interview.decision_by else "",
            "notes": interview.notes,
        }
        for person in interview.interviewers:
            text = f"{person.name} <{person.email}>" if person.name and person.email else ""
            values[f"person-{person.id}"] = text or person.name or person.email
        return values

    def parse(self, values: dict[str, str]) -> InterviewChange:
        """The corrected round, checked."""
        people = [
            (person.id, values.get(f"person-{person.id}", ""))
            for person in self.interview.interviewers
        ]
        app = self.pi_app
        return parse_interview_change(
            self.interview.id, values, people, values.get("added", ""), app.clock(), app.zone
        )

    def write(self, payload: Any, write: WriteContext) -> str:
        """Store the corrected round."""
        from postinterview_tui.storage.interview_edits import edit_interview

        assert isinstance(payload, InterviewChange)
        edit_interview(write.repository, payload, write.now)
        return "Interview updated."


class RoundPickerScreen(ModalScreen[int | None]):
    """Which round to correct, when there are several (the latest is highlighted)."""

    BINDINGS = dialog_bindings("round-picker.cancel")

    def __init__(self, interviews: tuple[Interview, ...], zone: Any) -> None:
        super().__init__()
        self.interviews = interviews
        self.zone = zone

    def compose(self) -> ComposeResult:
        options = []
        for interview in self.interviews:
            when = interview.held_at.in_timezone(self.zone).format("ddd D MMM YYYY HH:mm")
            people = ", ".join(person.name or person.email for person in interview.interviewers)
            text = f"{when} · {interview.kind}" + (f" · {people}" if people else "")
            options.append(Option(Content(safe_line(text)), id=str(interview.id)))
        with Vertical(id="dialog"):
            yield Label("Which interview round?", id="question")
            yield OptionList(*options, id="rounds")
            yield Label("enter picks it · escape cancels", classes="hint")

    def on_mount(self) -> None:
        rounds = self.query_one(OptionList)
        rounds.highlighted = len(self.interviews) - 1
        rounds.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
