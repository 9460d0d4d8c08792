"""Offers: recording one (deadline, conditions, notes) and the offer panel with its conditions."""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import DateTime, Timezone
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from postinterview_tui.domain.models import Condition
from postinterview_tui.domain.records import ApplicationDetail
from postinterview_tui.domain.stages import CloseReason, ConditionKind, ConditionStatus, Stage
from postinterview_tui.domain.text import safe_line
from postinterview_tui.domain.when import WhenError, parse_when
from postinterview_tui.tui.commands.table import OFFER_COMMANDS, OFFER_FORM_COMMANDS, bindings
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.services import UsesServices
from postinterview_tui.tui.screens.writes import StoreChange, WriteContext
from postinterview_tui.tui.widgets.key_bar import KeyBar

CONDITION_LABELS: dict[ConditionKind, str] = {
    ConditionKind.REFERENCES: "Reference checks",
    ConditionKind.BACKGROUND: "Background check",
    ConditionKind.MEDICAL: "Medical exam",
    ConditionKind.RIGHT_TO_WORK: "Right-to-work documents",
}


@dataclass(frozen=True)
class OfferDetails:
    """What the offer form returns."""

    deadline: DateTime | None
    conditions: tuple[tuple[ConditionKind, str], ...]
    notes: str


class OfferFormScreen(ModalScreen[OfferDetails | None]):
    """Record an offer: an optional reply deadline, its conditions, and notes."""

    CSS_PATH = "../styles/form.tcss"

    COMMAND_TABLE = OFFER_FORM_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, title: str, now: DateTime, zone: Timezone) -> None:
        super().__init__()
        self.title_text = title
        self.now = now
        self.zone = zone

    def compose(self) -> ComposeResult:
        # Scrollable, so every field stays reachable in a short terminal.
        with VerticalScroll(id="dialog"):
            yield Label(Content(f"Offer from {safe_line(self.title_text)}"), id="question")
            yield Label("Reply by (optional)", classes="field-label")
            yield Input(placeholder="YYYY-MM-DD, +5d…", id="offer-deadline")
            yield Static("", id="error-deadline", classes="field-error")
            yield Label("Conditions still to clear", classes="field-label")
            for kind, label in CONDITION_LABELS.items():
                yield Checkbox(label, id=f"condition-{kind.value}", compact=True)
            yield Input(placeholder="Another condition (optional)", id="offer-other")
            yield Label("Notes (salary, start date…)", classes="field-label")
            yield Input(id="offer-notes")
            yield Label("ctrl+s saves · escape cancels", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#offer-deadline", Input).focus()

    def action_save(self) -> None:
        """Check and return the offer."""
        deadline_text = self.query_one("#offer-deadline", Input).value.strip()
        deadline = None
        error = self.query_one("#error-deadline", Static)
        if deadline_text:
            try:
                deadline = parse_when(deadline_text, self.now, self.zone)
            except WhenError as problem:
                error.update(Content(safe_line(str(problem))))
                error.add_class("-shown")
                return
        conditions = [
            (kind, label)
            for kind, label in CONDITION_LABELS.items()
            if self.query_one(f"#condition-{kind.value}", Checkbox).value
        ]
        other = self.query_one("#offer-other", Input).value.strip()
        if other:
            conditions.append((ConditionKind.OTHER, other[:200]))
        notes = self.query_one("#offer-notes", Input).value.strip()[:2000]
        self.dismiss(OfferDetails(deadline, tuple(conditions), notes))

    def action_cancel(self) -> None:
        """Close without recording the offer."""
        self.dismiss(None)


class OfferScreen(UsesServices, Screen[None]):
    """The offer panel: each condition with its status, and the way to accept or decline."""

    COMMAND_TABLE = OFFER_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id
        self.conditions: tuple[Condition, ...] = ()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="offer"):
            yield Static("", id="offer-head")
            yield Static("", id="offer-state")
            yield OptionList(id="offer-conditions")
            yield Static("", id="offer-notes-text")
            yield Static(
                "c cleared · x failed · a accept · d decline · escape back", classes="hint"
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()
        self.pi_app.writes.follow(self._store_changed)

    def _store_changed(self, change: StoreChange) -> None:
        if change.application_id in (None, self.application_id):
            self.load()

    def load(self) -> None:
        """Read the application off the event loop."""
        app = self.pi_app
        app.reads.run(
            self,
            lambda: app.repository.detail(self.application_id),
            self._show,
            group="offer-load",
            exclusive=True,
        )

    def _show(self, detail: ApplicationDetail) -> None:
        zone = self.pi_app.zone
        summary = detail.summary
        progress = summary.progress
        self.conditions = progress.conditions
        self.query_one("#offer-head", Static).update(
            Content.assemble(
                ("Offer: ", "bold"), safe_line(summary.company), " — ", safe_line(summary.role)
            )
        )
        pending = [c for c in self.conditions if c.status is ConditionStatus.PENDING]
        failed = [c for c in self.conditions if c.status is ConditionStatus.FAILED]
        cleared = len(self.conditions) - len(pending) - len(failed)
        if failed and summary.stage is Stage.ACCEPTED:
            state = f"A condition failed ({len(failed)}): talk to them about it."
        elif failed:
            state = f"A condition failed ({len(failed)}): talk to them before deciding."
        elif pending:
            state = f"Conditional: {cleared} of {len(self.conditions)} conditions cleared."
        else:
            state = "Final: every condition is cleared." if self.conditions else "Final."
        # The reply date matters only while the offer waits for an answer.
        if progress.offer_deadline is not None and summary.stage is Stage.OFFER:
            due = progress.offer_deadline.in_timezone(zone).format("ddd D MMM YYYY HH:mm")
            state += f"  Reply by {due}."
        if summary.stage is not Stage.OFFER:
            state += f"  (Now: {summary.stage.label})"
        self.query_one("#offer-state", Static).update(Content(state))
        options = self.query_one("#offer-conditions", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for condition in self.conditions:
            mark = {"pending": "…", "cleared": "✓", "failed": "✗"}[condition.status.value]
            started = condition.started_at.in_timezone(zone).format("D MMM")
            text = f"{mark} {safe_line(condition.label or condition.kind.value)}"
            text += f"  ({condition.status.value}, since {started}"
            if condition.resolved_at is not None:
                text += f", {condition.resolved_at.in_timezone(zone).format('D MMM')}"
            options.add_option(Option(Content(text + ")"), id=str(condition.id)))
        if self.conditions:
            options.highlighted = min(highlighted or 0, len(self.conditions) - 1)
            options.focus()
        notes = safe_line(detail.offer_notes)
        self.query_one("#offer-notes-text", Static).update(
            Content(f"Notes: {notes}" if notes else "")
        )

    def _selected(self) -> Condition | None:
        index = self.query_one("#offer-conditions", OptionList).highlighted
        if index is None or not 0 <= index < len(self.conditions):
            return None
        return self.conditions[index]

    def action_clear_condition(self) -> None:
        """Mark the highlighted condition cleared."""
        self._set_status(cleared=True)

    def action_fail_condition(self) -> None:
        """Mark the highlighted condition failed."""
        self._set_status(cleared=False)

    def _set_status(self, cleared: bool) -> None:
        condition = self._selected()
        if condition is None:
            return
        application_id = self.application_id
        self.pi_app.writes.run(
            self,
            lambda write: write.repository.set_condition_status(
                application_id, condition.id, cleared=cleared, now=write.now
            ),
            about=application_id,
        )

    def action_accept(self) -> None:
        """Accept the offer (asks first while conditions are pending)."""
        self._move(Stage.ACCEPTED, None, force=False)

    def action_decline(self) -> None:
        """Decline the offer, after asking."""

        def answered(yes: bool | None) -> None:
            if yes:
                self._move(Stage.CLOSED, CloseReason.DECLINED_OFFER, force=True)

        self.app.push_screen(ConfirmScreen("Decline this offer?"), answered)

    def _move(self, target: Stage, reason: CloseReason | None, force: bool) -> None:
        application_id = self.application_id

        def move(write: WriteContext) -> None:
            write.repository.move(
                application_id,
                target,
                when=write.now,
                now=write.now,
                reason=reason,
                force=write.force,
            )

        word = "Accepted" if target is Stage.ACCEPTED else "Declined"
        self.pi_app.writes.run(
            self, move, about=application_id, force=force, say=f"{word}. The board is up to date."
        )

    @on(OptionList.OptionSelected)
    def _toggle(self) -> None:
        self.action_clear_condition()
