"""The board's actions on the highlighted card: move it (asking what the rules want asked),
reopen, open its forms and panels, delete, undo; and the keys that open other screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from postinterview_tui.domain.stages import STAGE_ORDER, CloseReason, Stage
from postinterview_tui.tui.screens.board_moves import BoardMoveQuestions
from postinterview_tui.tui.screens.writes import WriteContext
from postinterview_tui.tui.state.board_data import BoardData, is_current, with_moved_card

if TYPE_CHECKING:
    from postinterview_tui.domain.models import ApplicationSummary
    from postinterview_tui.tui.screens.offer import OfferDetails
    from postinterview_tui.tui.widgets.board_column import ColumnView


class BoardActions(BoardMoveQuestions):
    """The board screen's actions (mixed into it; the screen shows the cards)."""

    if TYPE_CHECKING:
        filter_text: str

        def current_column(self) -> ColumnView | None: ...
        def current_stage(self) -> Stage | None: ...
        def open_fold(self, stage: Stage) -> None: ...
        def _patched(self, data: BoardData, focus_id: int) -> None: ...

    # -- moves -------------------------------------------------------------------------------

    def action_move_next(self) -> None:
        """Move the highlighted card one stage right."""
        self._move_by(1)

    def action_move_previous(self) -> None:
        """Move the highlighted card one stage left."""
        self._move_by(-1)

    def _move_by(self, delta: int) -> None:
        stage = self.current_stage()
        if stage is None:
            return
        index = STAGE_ORDER.index(stage) + delta
        if 0 <= index < len(STAGE_ORDER):
            self.action_move_to(index + 1)

    def action_move_to(self, number: int) -> None:
        """Move the highlighted card to stage ``number`` (1-6)."""
        column = self.current_column()
        application_id = self.current_id()
        board = self.board
        if column is not None and column.cursor_on_fold:
            self.open_fold(Stage(str(column.key)))
            return
        if application_id is None or board is None:
            return
        target = STAGE_ORDER[number - 1]
        if target is Stage.CLOSED:
            summary = board.by_id[application_id]

            def closed(answer: tuple[CloseReason, str] | None) -> None:
                if answer is not None:
                    self.request_move(application_id, target, reason=answer[0], note=answer[1])

            from postinterview_tui.tui.screens.dialogs import CloseReasonScreen

            self.app.push_screen(CloseReasonScreen(f"{summary.company} — {summary.role}"), closed)
            return
        if self.ask_what_move_means(application_id, target):
            return
        summary = board.by_id[application_id]
        if target is Stage.OFFER and summary.stage.position < Stage.OFFER.position:
            self._ask_for_offer(application_id, f"{summary.company} — {summary.role}")
            return
        self.request_move(application_id, target)

    def _ask_for_offer(self, application_id: int, title: str) -> None:
        """Moving to Offer asks for its deadline, conditions and notes, then records it."""

        def recorded(details: OfferDetails | None) -> None:
            if details is not None:
                self._record_offer_worker(application_id, details)

        app = self.pi_app
        from postinterview_tui.tui.screens.offer import OfferFormScreen

        self.app.push_screen(OfferFormScreen(title, app.clock(), app.zone), recorded)

    def _record_offer_worker(self, application_id: int, details: OfferDetails) -> None:
        self.pi_app.writes.run(
            self,
            lambda write: write.repository.record_offer(
                application_id,
                deadline=details.deadline,
                conditions=details.conditions,
                notes=details.notes,
                now=write.now,
            ),
            about=application_id,
        )

    def request_move(
        self,
        application_id: int,
        target: Stage,
        *,
        reason: CloseReason | None = None,
        note: str = "",
        force: bool = False,
    ) -> None:
        """Move a card under the rules, asking to confirm where a rule wants that."""
        zone = self.pi_app.zone

        def move(write: WriteContext) -> BoardData | None:
            board = self.board
            repository, now = write.repository, write.now
            with repository.exclusive():  # so the markers bracket this move alone
                before = repository.change_marker()
                moved: ApplicationSummary = repository.move(
                    application_id,
                    target,
                    when=now,
                    now=now,
                    reason=reason,
                    force=write.force,
                    reflection=note,
                )
                after = repository.change_marker()
            if board is None or self.filter_text:
                return None  # read again (the announcement does it)
            # Only the moved card changed: patch it in rather than reading every card again.
            marker = after if is_current(board, before) else None
            return with_moved_card(board, moved, now, zone, marker)

        def moved(patched: BoardData | None) -> None:
            if patched is not None:
                self._patched(patched, application_id)

        self.pi_app.writes.run(self, move, about=application_id, done=moved, force=force)

    # -- other actions -----------------------------------------------------------------------

    def action_new_application(self) -> None:
        """Open the form for a new application."""
        self.pi_app.open_new_application_form()

    def action_edit_application(self) -> None:
        """Open the form to edit the highlighted application."""
        application_id = self.current_id()
        if application_id is not None:
            self.pi_app.open_edit_form(application_id)

    def action_open_detail(self) -> None:
        """Open the highlighted application's details."""
        column = self.current_column()
        if column is not None and column.cursor_on_fold:
            self.open_fold(Stage(str(column.key)))
            return
        application_id = self.current_id()
        if application_id is not None:
            self.pi_app.open_detail(application_id)

    def action_draft_thank_you(self) -> None:
        """Draft thank-you notes for the highlighted application's latest interview; on an
        offer, accepted or closed card, the note that fits (e.g. a reply to a rejection)."""
        stage = self.current_stage()
        late_stages = (Stage.OFFER, Stage.ACCEPTED, Stage.CLOSED)
        self._draft("other" if stage in late_stages else "thank-you")

    def action_draft_follow_up(self) -> None:
        """Draft a follow-up for the highlighted application."""
        self._draft("follow-up")

    def _draft(self, kind: str) -> None:
        application_id = self.current_id()
        if application_id is not None:
            self.pi_app.open_drafting(application_id, kind)

    def action_delete_application(self) -> None:
        """Delete the highlighted application, after asking."""
        application_id = self.current_id()
        board = self.board
        if application_id is None or board is None:
            return
        summary = board.by_id[application_id]

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete_worker(application_id)

        from postinterview_tui.tui.screens.dialogs import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(f"Delete {summary.company} — {summary.role}? (u undoes it)"), answered
        )

    def _delete_worker(self, application_id: int) -> None:
        self.pi_app.writes.run(
            self,
            lambda write: write.repository.delete(application_id, write.now),
            say="Deleted. Press u to undo.",
        )

    def action_undo(self) -> None:
        """Undo this window's last change (refused if a later change elsewhere touched it)."""
        self.pi_app.writes.undo(self)

    def action_daily_review(self) -> None:
        """Open the daily review."""
        self.pi_app.open_review()

    def action_timeline(self) -> None:
        """Open the timeline of every application."""
        self.pi_app.open_timeline()

    def action_insights(self) -> None:
        """Open the insights screen."""
        self.pi_app.open_insights()

    def action_settings(self) -> None:
        """Open the settings."""
        self.pi_app.open_settings()

    def action_reopen(self) -> None:
        """Reopen the highlighted closed application in the stage it was in before."""
        application_id = self.current_id()
        if application_id is not None and self.current_stage() is Stage.CLOSED:
            self._reopen_worker(application_id)

    def _reopen_worker(self, application_id: int) -> None:
        def reopen(write: WriteContext) -> Stage:
            stage = write.repository.stage_before_closing(application_id)
            write.repository.move(application_id, stage, when=write.now, now=write.now, force=True)
            return stage

        self.pi_app.writes.run(
            self, reopen, about=application_id, say=lambda stage: f"Reopened in {stage.label}."
        )
