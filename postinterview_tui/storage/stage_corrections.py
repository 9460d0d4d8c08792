"""Backward moves that mean something: undoing a slip, or an offer that fell through."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pendulum import DateTime

from postinterview_tui.domain.backward import plan_offer_fell_through, stage_came_from
from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.timestamps import truncate

if TYPE_CHECKING:
    from postinterview_tui.domain.models import ApplicationSummary
    from postinterview_tui.storage.repository import Repository


def undo_slip(repository: Repository, application_id: int, now: DateTime) -> ApplicationSummary:
    """Put a card back in the stage it came from, as a correction (no note is recorded as
    sent, none is taken as missing).

    Raises:
        NotFound: no such application.
        RuleRefusal: the card is closed (reopen it instead).
    """
    detail = repository.detail(application_id)
    current = detail.summary.stage
    if current is Stage.CLOSED:
        raise RuleRefusal("a closed application is reopened, not moved back")
    target = stage_came_from(detail.events, current, detail.summary.progress)
    return repository.move(application_id, target, when=now, now=now, force=True)


def offer_fell_through(repository: Repository, application_id: int, now: DateTime) -> Stage:
    """The offer fell through but the application goes on: back to waiting, the news counted
    as a reply. Returns the stage it is in now.

    Raises:
        NotFound: no such application.
        RuleRefusal: the application has no offer to fall through.
    """
    with repository.transactions.action("offer fell through", now) as act:
        summary = repository.summary_in(repository.db, application_id)
        if summary.stage not in (Stage.OFFER, Stage.ACCEPTED):
            raise RuleRefusal("this application has no offer")
        plan = plan_offer_fell_through(summary.progress, truncate(now))
        repository.apply_plan(act, application_id, plan, now, None)
        return plan.progress.stage
