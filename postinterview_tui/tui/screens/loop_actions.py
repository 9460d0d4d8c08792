"""The daily loop's keys, shared by the board and the detail screen: record a reply, add an
interview round, correct a round. The screens say which application is meant and what to
refresh once something was written."""

from __future__ import annotations

from textual.screen import Screen

from postinterview_tui.tui.screens.services import UsesServices


class LoopActions(UsesServices, Screen[None]):
    """Actions ``record_reply`` and ``add_round`` for a screen that shows applications."""

    BINDINGS = []  # the keys come from each screen's own command table

    def loop_target(self) -> tuple[int, str] | None:
        """The application the keys act on, and its "Company — Role" title."""
        raise NotImplementedError

    def loop_written(self, application_id: int) -> None:
        """Something was written for ``application_id``: show it."""
        raise NotImplementedError

    def action_record_reply(self) -> None:
        """Record a reply from the employer (it restarts the follow-up count)."""
        from postinterview_tui.tui.screens.loop_forms import ReplyFormScreen

        target = self.loop_target()
        if target is not None:
            self.open_entry_form(ReplyFormScreen(*target), target[0])

    def action_add_round(self) -> None:
        """Add an interview round, held or scheduled."""
        from postinterview_tui.tui.screens.loop_forms import RoundFormScreen

        target = self.loop_target()
        if target is not None:
            self.open_entry_form(RoundFormScreen(*target), target[0])

    def open_entry_form(self, form: Screen[bool], application_id: int) -> None:
        """Open a form about ``application_id``; once it saved, :meth:`loop_written`."""

        def closed(saved: bool | None) -> None:
            if saved:
                self.loop_written(application_id)

        self.app.push_screen(form, closed)

    def refresh_board_below(self) -> None:
        """The board under this screen reads again (a write made on this connection does not
        change the file's data_version, so its poll cannot see it)."""
        from postinterview_tui.tui.screens.board import BoardScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, BoardScreen) and screen is not self:
                screen.reload(only_if_changed=True)
