"""Command palette providers: "Go to application…" searches the board's cards."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

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
                while self.app.screen is not screen:
                    self.app.pop_screen()
                screen.reload(application_id)
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
