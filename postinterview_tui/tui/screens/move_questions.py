"""Questions a move asks so that it records what really happened: what a backward move
means, and whether every interviewer was thanked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from postinterview_tui.domain.backward import BackwardMeaning, meanings
from postinterview_tui.domain.records import Interviewer
from postinterview_tui.domain.stages import Stage
from postinterview_tui.domain.text import safe_line
from postinterview_tui.tui.commands.table import dialog_bindings


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few answers; enter picks one, escape cancels."""

    BINDINGS = dialog_bindings("choice.cancel")

    def __init__(self, question: str, answers: tuple[tuple[str, str], ...]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(safe_line(self.question)), id="question")
            yield OptionList(
                *(Option(Content(text), id=key) for key, text in self.answers), id="answers"
            )
            yield Label("enter picks an answer · escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without answering."""
        self.dismiss(None)


def backward_question(title: str, current: Stage) -> ChoiceScreen:
    """What does moving this card back mean?"""
    answers = tuple((str(meaning), text) for meaning, text in meanings(current))
    return ChoiceScreen(f"Move {title} back: what happened?", answers)


def parse_meaning(answer: str | None) -> BackwardMeaning | None:
    """The answer of :func:`backward_question`."""
    return None if answer is None else BackwardMeaning(answer)


ALL_THANKED = "all"
CHOOSE_WHO = "choose"


def thanked_question(title: str, total: int, thanked: int) -> ChoiceScreen:
    """Were all the interviewers thanked?"""
    already = f" ({thanked} already recorded)" if thanked else ""
    everyone = "both" if total == 2 else f"all {total}"
    return ChoiceScreen(
        f"{title}: did {everyone} interviewers get a thank-you?{already}",
        (
            (ALL_THANKED, f"Yes, {everyone} were thanked"),
            (CHOOSE_WHO, "Only some: choose who…"),
        ),
    )


class ThankedWhoScreen(ModalScreen[list[int] | None]):
    """Tick the interviewers who were thanked; enter records them."""

    BINDINGS = dialog_bindings("thanked-who.cancel", "thanked-who.save")

    def __init__(self, title: str, people: tuple[Interviewer, ...]) -> None:
        super().__init__()
        self.title_text = title
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(f"Who got a thank-you? {safe_line(self.title_text)}"))
            yield SelectionList[int](
                *(
                    Selection(
                        Content(safe_line(person.name or person.email)),
                        person.id,
                        person.thanked_at is not None,
                        disabled=person.thanked_at is not None,
                    )
                    for person in self.people
                ),
                id="people",
            )
            yield Label("space ticks · ctrl+s records · escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_save(self) -> None:
        """Record the ticked interviewers (those thanked before stay thanked)."""
        already = {person.id for person in self.people if person.thanked_at is not None}
        chosen = self.query_one("#people", SelectionList).selected
        self.dismiss([person_id for person_id in chosen if person_id not in already])

    def action_cancel(self) -> None:
        """Close without recording anything."""
        self.dismiss(None)
