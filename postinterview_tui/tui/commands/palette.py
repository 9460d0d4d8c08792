"""The command palette: "Go to application…" searches the board's cards, and each screen's
entries come from the command table."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import ModalScreen, Screen

from postinterview_tui.domain.text import safe_line


class GoToApplication(Provider):
    """Find an application by company or role and jump to its card."""

    def _candidates(self) -> list[tuple[int, str, str]]:
        from postinterview_tui.tui.screens.board import BoardScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, BoardScreen) and screen.board is not None:
                return [
                    (
                        summary.id,
                        safe_line(f"{summary.company} — {summary.role}"),
                        summary.stage.label,
                    )
                    for summary in screen.board.by_id.values()
                ]
        return []

    def _jump(self, application_id: int) -> None:
        from postinterview_tui.tui.screens.board import BoardScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, BoardScreen):
                board = screen
                while self.app.screen is not board:
                    self.app.pop_screen()
                board.reload(application_id)
                return

    async def discover(self) -> Hits:
        for application_id, title, stage in self._candidates()[:20]:
            yield DiscoveryHit(
                Content(f"Go to {title}"), partial(self._jump, application_id), help=stage
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for application_id, title, stage in self._candidates():
            score = matcher.match(f"Go to {title}")
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(f"Go to {title}"),
                    partial(self._jump, application_id),
                    help=stage,
                )


def system_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The current screen's palette entries (from the same table as its keys, running the same
    actions), then the screens that can be opened from anywhere (not from a dialog)."""
    from postinterview_tui.tui.commands.table import OPENERS, Command

    table: tuple[Command, ...] = getattr(screen, "COMMAND_TABLE", ())
    titles = set()
    for command in table:
        if not command.palette:
            continue
        titles.add(command.title)

        def run(action: str = command.action, target: Screen[Any] = screen) -> None:
            app.call_later(target.run_action, action)

        yield SystemCommand(command.title, command.help or command.title, run)
    if isinstance(screen, ModalScreen):
        return
    for title, help_text, method, screen_name in OPENERS:
        if title not in titles and type(screen).__name__ != screen_name:
            yield SystemCommand(title, help_text, getattr(app, method))
