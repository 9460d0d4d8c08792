"""The daily review's keys on an agenda row: done, snooze, close, open, draft. Each write goes
through the one write path (``writes.run``): the row leaves the list at once, comes back if the
write is refused or fails, and the review reads again once it is saved."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from pendulum import DateTime

from postinterview_tui.domain.agenda import AgendaItem
from postinterview_tui.domain.review import (
    ItemKey,
    ReviewSession,
    ReviewStep,
    StepKind,
    close_step,
    done_step,
    item_key,
    offer_step,
    snooze_step,
)
from postinterview_tui.domain.rules import ActionKind
from postinterview_tui.domain.stages import CloseReason
from postinterview_tui.tui.screens.dialogs import CloseReasonScreen
from postinterview_tui.tui.screens.review_dialogs import OfferDecisionScreen, SnoozeScreen
from postinterview_tui.tui.screens.services import UsesServices
from postinterview_tui.tui.screens.writes import WriteContext

if TYPE_CHECKING:
    from textual.dom import DOMNode

log = logging.getLogger(__name__)


class ReviewRowActions(UsesServices):
    """The review's agenda-row keys (mixed into the review screen, which shows the rows)."""

    if TYPE_CHECKING:
        session: ReviewSession

        def current_item(self) -> AgendaItem | None: ...
        def load(self) -> None: ...
        def _show(self, *, keep: ItemKey | None = None, acted: ItemKey | None = None) -> None: ...

    def action_mark_done(self) -> None:
        """Record what the highlighted action means (asking first for an offer)."""
        item = self.current_item()
        if item is None:
            return
        step = done_step(item.action, item.condition_id)
        if step.kind is StepKind.NOT_YET:
            self.pi_app.notify(step.done, markup=False)
            return
        if step.kind is not StepKind.DECIDE_OFFER:
            self.act(item, step)
            return

        def decided(accept: bool | None) -> None:
            if accept is not None:
                self.act(item, offer_step(accept))

        self.pi_app.push_screen(OfferDecisionScreen(_title(item)), decided)

    def action_snooze(self) -> None:
        """Snooze the highlighted application's actions."""
        item = self.current_item()
        if item is None:
            return
        zone = self.pi_app.zone

        def chosen(until: DateTime | None) -> None:
            if until is not None:
                self.act(item, snooze_step(until, zone))

        self.pi_app.push_screen(SnoozeScreen(_title(item), self.pi_app.clock(), zone), chosen)

    def action_close_application(self) -> None:
        """Close the highlighted application, asking for a reason."""
        item = self.current_item()
        if item is None:
            return

        def closed(answer: tuple[CloseReason, str] | None) -> None:
            if answer is not None:
                self.act(item, close_step(answer[0], answer[1]))

        self.pi_app.push_screen(CloseReasonScreen(_title(item)), closed)

    def action_open_application(self) -> None:
        """Open the highlighted application's details."""
        item = self.current_item()
        if item is not None:
            self.pi_app.open_detail(item.application_id)

    def action_draft(self, kind: str) -> None:
        """Draft a thank-you or follow-up note for the highlighted application."""
        item = self.current_item()
        if item is None:
            return
        self.pi_app.open_drafting(item.application_id, str(ActionKind(kind)))

    # -- writing -----------------------------------------------------------------------------

    def act(self, item: AgendaItem, step: ReviewStep, *, force: bool = False) -> None:
        """Take ``item`` off the list, focus the next row, and write ``step`` off the loop."""
        key = item_key(item)
        self.session = self.session.handling(item)
        self._show(acted=key)
        self._write(item, step, force)
        log.debug("review: %s on %s", step.kind, key)

    def _write(self, item: AgendaItem, step: ReviewStep, force: bool) -> None:
        application_id = item.application_id

        def write_step(write: WriteContext) -> None:
            repository, now = write.repository, write.now
            if step.kind is StepKind.MOVE and step.stage is not None:
                repository.move(
                    application_id,
                    step.stage,
                    when=now,
                    now=now,
                    reason=step.reason,
                    force=write.force,
                    reflection=step.note,
                )
            elif step.kind is StepKind.CHECK_IN and step.condition_id is not None:
                repository.check_in_condition(application_id, step.condition_id, now)
            elif step.kind is StepKind.SNOOZE and step.until is not None:
                repository.snooze(application_id, step.until, now)
            else:
                raise ValueError(f"the review cannot write {step!r}")

        self.pi_app.writes.run(
            cast("DOMNode", self),
            write_step,
            about=application_id,
            force=force,
            say=f"{item.company}: {step.done}",
            done=lambda _: self.load(),
            undone=lambda _why: self._restore(item),
        )

    def _restore(self, item: AgendaItem) -> None:
        self.session = self.session.restoring(item)
        self._show(keep=item_key(item))


def _title(item: AgendaItem) -> str:
    return f"{item.company} — {item.role}"
