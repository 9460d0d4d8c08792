"""The daily loop's keys, shared by the board and the detail screen: record a reply, add an
interview round, correct a round. The screens say which application is meant; the forms write
through the one write path, whose announcement tells every screen showing it to read again."""

from __future__ import annotations

from textual.screen import Screen

from postinterview_tui.tui.screens.services import UsesServices


class LoopActions(UsesServices, Screen[None]):
    """Actions ``record_reply`` and ``add_round`` for a screen that shows applications."""

    BINDINGS = []  # the keys come from each screen's own command table

    def loop_target(self) -> tuple[int, str] | None:
        """The application the keys act on, and its "Company — Role" title."""
        raise NotImplementedError

    def action_record_reply(self) -> None:
        """Record a reply from the employer (it restarts the follow-up count)."""
        from postinterview_tui.tui.screens.loop_forms import ReplyFormScreen

        target = self.loop_target()
        if target is not None:
            self.open_entry_form(ReplyFormScreen(*target))

    def action_add_round(self) -> None:
        """Add an interview round, held or scheduled."""
        from postinterview_tui.tui.screens.loop_forms import RoundFormScreen

        target = self.loop_target()
        if target is not None:
            self.open_entry_form(RoundFormScreen(*target))

    def open_entry_form(self, form: Screen[bool]) -> None:
        """Open a form about an application. Nothing to do once it saved: its write is
        announced, and the board (highlighting the card) and the detail read again."""
        self.app.push_screen(form)
