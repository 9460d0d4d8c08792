"""The App: wiring, global keys and the command palette. No business rules live here."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from pendulum import Timezone
from rich.text import Text
from textual.app import App, SystemCommand
from textual.screen import Screen

from postinterview_tui.board_data import BoardData, load_board
from postinterview_tui.clock import Clock
from postinterview_tui.commands import APP_COMMANDS, BOARD_COMMANDS, Command, bindings
from postinterview_tui.domain.text import safe_line
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.storage.repository import Repository

log = logging.getLogger(__name__)


class PostInterviewApp(App[int]):
    """postinterview's full-screen app."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "postinterview"
    BINDINGS = bindings(APP_COMMANDS)
    COMMAND_PALETTE_BINDING = "ctrl+p"

    def __init__(
        self,
        repository: Repository,
        *,
        zone: Timezone,
        clock: Clock,
        demo: bool = False,
        initial_board: BoardData | None = None,
    ) -> None:
        super().__init__()
        self.repository = repository
        self.zone = zone
        self.clock = clock
        self.demo = demo
        self._initial_board = initial_board
        from postinterview_tui.commands_palette import GoToApplication

        self.COMMANDS = App.COMMANDS | {GoToApplication}

    def on_mount(self) -> None:
        from postinterview_tui.screens.board import BoardScreen

        theme = self._initial_board.settings.theme if self._initial_board else "textual-dark"
        if theme in self.available_themes:
            self.theme = theme
        self.push_screen(BoardScreen(self._initial_board))
        self._initial_board = None

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted and self.screen_stack:
            self.run_worker(lambda: self._save_theme(theme), thread=True, exit_on_error=False)

    def _save_theme(self, theme: str) -> None:
        try:
            if self.repository.settings().theme != theme:
                self.repository.set_setting("ui.theme", theme, self.clock())
        except (StoreError, ValueError):
            log.warning("could not save the theme", exc_info=True)

    # -- screens -----------------------------------------------------------------------------

    def action_show_help(self) -> None:
        """Show every key, grouped by screen."""
        from postinterview_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_new_application_form(self, done: Callable[[int | None], None]) -> None:
        """Open the new-application form; ``done`` gets the new id (or ``None``)."""
        from postinterview_tui.screens.form import ApplicationFormScreen

        self.push_screen(ApplicationFormScreen(self.repository, self.clock, self.zone), done)

    def open_edit_form(self, application_id: int, done: Callable[[int | None], None]) -> None:
        """Open the edit form for an application."""
        from postinterview_tui.screens.form import ApplicationFormScreen

        self.push_screen(
            ApplicationFormScreen(self.repository, self.clock, self.zone, application_id), done
        )

    def open_detail(self, application_id: int) -> None:
        """Open an application's detail screen."""
        from postinterview_tui.screens.detail import DetailScreen

        self.push_screen(DetailScreen(application_id))

    def report_store_error(self, error: Exception) -> None:
        """Tell the user a change could not be saved (nothing is lost: it was rolled back)."""
        message = getattr(error, "message", None) or str(error)
        self.notify(safe_line(message), title="Could not save", severity="error", markup=False)

    # -- palette -----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands: list[Command] = []
        from postinterview_tui.screens.board import BoardScreen

        if isinstance(screen, BoardScreen):
            commands.extend(BOARD_COMMANDS)
        for command in commands:
            if not command.palette:
                continue
            action = command.action

            def run(action: str = action, target: Screen[object] = screen) -> None:
                self.call_later(target.run_action, action)

            yield SystemCommand(command.title, command.help or command.title, run)

    # -- errors ------------------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        log.error("unexpected error in the app", exc_info=error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        from postinterview_tui.logs import log_file

        self.bell()
        self._exit_renderables.append(
            Text(
                f"postinterview: error: something unexpected went wrong; details are in "
                f"{log_file()}"
            )
        )
        self._close_messages_no_wait()


def build_app(
    db_path: Path, *, zone: Timezone, clock: Clock, demo: bool = False
) -> PostInterviewApp:
    """Open the store and build the app (the first board is read before the app starts).

    Raises:
        StoreUnusable: the file cannot be used.
    """
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    return PostInterviewApp(
        repository, zone=zone, clock=clock, demo=demo, initial_board=load_board(repository)
    )
