"""Board moves that ask what they mean before recording anything: a move back (a slip, or an
offer that fell through) and a move to Thank-you sent when several people interviewed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from postinterview_tui.domain.refusals import RuleRefusal
from postinterview_tui.domain.stages import CloseReason, Stage
from postinterview_tui.tui.screens.loop_actions import LoopActions
from postinterview_tui.tui.screens.writes import WriteContext

if TYPE_CHECKING:
    from postinterview_tui.domain.backward import BackwardMeaning
    from postinterview_tui.domain.records import Interviewer
    from postinterview_tui.tui.state.board_data import BoardData


class BoardMoveQuestions(LoopActions):
    """The board's questions before a move, and the loop keys on the highlighted card."""

    if TYPE_CHECKING:
        board: BoardData | None

        def current_id(self) -> int | None: ...
        def reload(self, focus_id: int | None = None, *, only_if_changed: bool = False) -> Any: ...
        def request_move(
            self,
            application_id: int,
            target: Stage,
            *,
            reason: CloseReason | None = None,
            note: str = "",
            force: bool = False,
        ) -> None: ...

    # -- the loop keys -----------------------------------------------------------------------

    def loop_target(self) -> tuple[int, str] | None:
        """The highlighted card."""
        application_id = self.current_id()
        board = self.board
        if application_id is None or board is None or application_id not in board.by_id:
            return None
        summary = board.by_id[application_id]
        return application_id, f"{summary.company} — {summary.role}"

    # -- questions -----------------------------------------------------------------------

    def ask_what_move_means(self, application_id: int, target: Stage) -> bool:
        """Ask first when a move could record something untrue; True when a question was
        asked (its answer makes the move, or not)."""
        board = self.board
        if board is None or application_id not in board.by_id:
            return False
        summary = board.by_id[application_id]
        title = f"{summary.company} — {summary.role}"
        progress = summary.progress
        # The move rules load with the first move asked about, not with the board.
        from postinterview_tui.domain.backward import OFFER_STAGES, is_backward

        if is_backward(summary.stage, target) and summary.stage in OFFER_STAGES:
            # Anywhere else a move back has one meaning, a slip: it goes ahead as a correction.
            from postinterview_tui.tui.screens.move_questions import (
                backward_question,
                parse_meaning,
            )

            def answered(answer: str | None) -> None:
                meaning = parse_meaning(answer)
                if meaning is not None:
                    self._go_back(application_id, title, meaning)

            self.app.push_screen(backward_question(title, summary.stage), answered)
            return True
        several = progress.interviewers_total > 1
        if target is Stage.THANKED and summary.stage is Stage.INTERVIEWED and several:
            from postinterview_tui.tui.screens.move_questions import CHOOSE_WHO, thanked_question

            def thanked(answer: str | None) -> None:
                if answer == CHOOSE_WHO:
                    self._choose_who_worker(application_id, title)
                elif answer is not None:
                    self.request_move(application_id, Stage.THANKED)

            self.app.push_screen(
                thanked_question(title, progress.interviewers_total, progress.interviewers_thanked),
                thanked,
            )
            return True
        return False

    def _go_back(self, application_id: int, title: str, meaning: BackwardMeaning) -> None:
        from postinterview_tui.domain.backward import BackwardMeaning

        if meaning is BackwardMeaning.FELL_THROUGH_CLOSE:
            from postinterview_tui.tui.screens.dialogs import CloseReasonScreen

            def closed(answer: tuple[CloseReason, str] | None) -> None:
                if answer is not None:
                    self.request_move(
                        application_id, Stage.CLOSED, reason=answer[0], note=answer[1]
                    )

            self.app.push_screen(CloseReasonScreen(title), closed)
            return
        self._write_go_back(application_id, meaning)

    def _write_go_back(self, application_id: int, meaning: BackwardMeaning) -> None:
        from postinterview_tui.domain.backward import BackwardMeaning
        from postinterview_tui.storage.stage_corrections import offer_fell_through, undo_slip

        def go_back(write: WriteContext) -> str:
            try:
                if meaning is BackwardMeaning.MISTAKE:
                    stage = undo_slip(write.repository, application_id, write.now).stage
                    return f"Back in {stage.label}, as before."
                stage = offer_fell_through(write.repository, application_id, write.now)
            except RuleRefusal as refusal:  # said as a sentence, as the board says its own
                raise RuleRefusal(refusal.message[:1].upper() + refusal.message[1:]) from None
            return f"Waiting for news again, in {stage.label}."

        self.pi_app.writes.run(
            self,
            go_back,
            about=application_id,
            say=lambda said: said,
            done=lambda _said: self.reload(application_id),
        )

    def _choose_who_worker(self, application_id: int, title: str) -> None:
        app = self.pi_app

        def read() -> tuple[Interviewer, ...]:
            latest = app.repository.detail(application_id).latest_interview
            return latest.interviewers if latest else ()

        app.reads.run(
            self, read, lambda people: self._ask_who(application_id, title, people), group="write"
        )

    def _ask_who(self, application_id: int, title: str, people: tuple[Interviewer, ...]) -> None:
        from postinterview_tui.tui.screens.move_questions import ThankedWhoScreen

        def chosen(ids: list[int] | None) -> None:
            if ids:
                self._record_thanks(application_id, ids)

        self.app.push_screen(ThankedWhoScreen(title, people), chosen)

    def _record_thanks(self, application_id: int, people: list[int]) -> None:
        from postinterview_tui.storage.drafts import DraftStore

        def thank(write: WriteContext) -> int:
            store = DraftStore(write.repository)
            for person_id in people:
                store.mark_thank_you_sent(
                    application_id, person_id, write.now, write.now, force=write.force
                )
            return len(people)

        def said(count: int) -> str:
            return f"Thank-you recorded for {count} interviewer{'s' if count != 1 else ''}."

        self.pi_app.writes.run(
            self,
            thank,
            about=application_id,
            say=said,
            done=lambda _count: self.reload(application_id),
        )
