"""The App: wiring, global keys and the command palette. No business rules live here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pendulum import Timezone
from textual.app import App, SystemCommand
from textual.screen import Screen

from postinterview_tui.clock import Clock
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.commands.table import APP_COMMANDS, bindings
from postinterview_tui.tui.screens.reads import StoreReads
from postinterview_tui.tui.screens.writes import StoreWrites, report_store_error
from postinterview_tui.tui.startup import apply_settings, save_theme, start_housekeeping
from postinterview_tui.tui.state.board_data import BoardData, open_board
from postinterview_tui.tui.workarounds import LoggedCrashes

if TYPE_CHECKING:
    from textual.command import Provider

    from postinterview_tui.tui.screens.detail import DetailData


def go_to_application() -> type[Provider]:
    """The palette's "Go to application…" provider (imported when the palette opens)."""
    from postinterview_tui.tui.commands.palette import GoToApplication

    return GoToApplication


class PostInterviewApp(LoggedCrashes):
    """postinterview's full-screen app."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "postinterview"
    BINDINGS = bindings(APP_COMMANDS)
    COMMAND_PALETTE_BINDING = "ctrl+p"
    COMMANDS = App.COMMANDS | {go_to_application}

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
        self.writes = StoreWrites(self, repository, clock)
        """The one way screens write; the board listens to its announcements."""
        self.reads = StoreReads(self)
        """The one way screens read: a thread worker, a failed read reported once."""
        self.zone = zone
        self.clock = clock
        self.demo = demo
        self._initial_board = initial_board
        self._settings_at_start = initial_board.settings if initial_board else None

    def get_default_screen(self) -> Screen[None]:
        """The board, as the bottom screen: composed in the same batch as the app, so the
        first frame drawn is the board's (no empty screen first, no frame thrown away)."""
        from postinterview_tui.tui.screens.board import BoardScreen

        board = BoardScreen(self._initial_board)
        self._initial_board = None
        return board

    def on_mount(self) -> None:
        apply_settings(self, self._settings_at_start)
        if not self.demo:
            start_housekeeping(self, self.repository, self.clock)

    def watch_theme(self, theme: str) -> None:
        if self.screen_stack:  # not the theme set while starting
            save_theme(self, self.repository, self.clock, theme)

    # -- screens -----------------------------------------------------------------------------

    def action_show_help(self) -> None:
        """Show every key, grouped by screen."""
        from postinterview_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_new_application_form(self, done: Callable[[int | None], None] | None = None) -> None:
        """Open the new-application form; ``done`` gets the new id (or ``None``)."""
        from postinterview_tui.tui.screens.form import ApplicationFormScreen

        self.push_screen(ApplicationFormScreen(), done)

    def open_edit_form(
        self, application_id: int, done: Callable[[int | None], None] | None = None
    ) -> None:
        """Open the edit form for an application."""
        from postinterview_tui.tui.screens.form import ApplicationFormScreen

        self.push_screen(ApplicationFormScreen(application_id), done)

    def open_detail(self, application_id: int) -> None:
        """Open an application's detail screen, once what it shows has been read: its first
        frame shows the application, not "Loading…"."""
        from postinterview_tui.tui.screens.detail import DetailScreen, read_detail

        def push(data: DetailData) -> None:
            shown = self.screen
            if not (isinstance(shown, DetailScreen) and shown.application_id == application_id):
                self.push_screen(DetailScreen(application_id, data))

        # Asking again (a double key press) cancels the read before: the later read opens it.
        self.reads.run(
            self,
            lambda: read_detail(self.repository, application_id),
            push,
            group="open-detail",
            exclusive=True,
        )

    def open_review(self) -> None:
        """Open the daily review once its agenda is built, so its first frame shows it."""
        from postinterview_tui.domain.review import ReviewSession
        from postinterview_tui.tui.screens.review import ReviewScreen
        from postinterview_tui.tui.state.review_data import ReviewData, read_review

        if isinstance(self.screen, ReviewScreen):
            return
        board = self.board_snapshot()

        def read() -> ReviewData:
            return read_review(self.repository, board, ReviewSession(), self.clock(), self.zone)

        def push(data: ReviewData) -> None:
            if not isinstance(self.screen, ReviewScreen):
                self.push_screen(ReviewScreen(data))

        self.reads.run(self, read, push, group="open-review", exclusive=True)

    def board_snapshot(self) -> BoardData | None:
        """The board's latest data, if the board has loaded it."""
        from postinterview_tui.tui.screens.board import BoardScreen

        for screen in self.screen_stack:
            if isinstance(screen, BoardScreen):
                return screen.board
        return None

    def open_insights(self) -> None:
        """Open the insights screen."""
        from postinterview_tui.tui.screens.insights import InsightsScreen

        if not isinstance(self.screen, InsightsScreen):
            self.push_screen(InsightsScreen())

    def open_settings(self) -> None:
        """Open the settings (saving them reloads the board: day counts move due dates)."""
        from postinterview_tui.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def open_unmatched(self) -> None:
        """Open the list of ingested messages tied to no application (to link them)."""
        from postinterview_tui.tui.screens.inbox import UnmatchedScreen

        if not isinstance(self.screen, UnmatchedScreen):
            self.push_screen(UnmatchedScreen())

    def action_open_unmatched(self) -> None:
        """The review's key for the unmatched mail."""
        self.open_unmatched()

    def open_offer(self, application_id: int) -> None:
        """Open the offer panel of an application."""
        from postinterview_tui.tui.screens.offer import OfferScreen

        self.push_screen(OfferScreen(application_id))

    def open_timeline(self) -> None:
        """Open the timeline of every application."""
        from postinterview_tui.tui.screens.timeline import TimelineScreen

        if not isinstance(self.screen, TimelineScreen):
            self.push_screen(TimelineScreen())

    def open_drafting(
        self, application_id: int, kind: str, done: Callable[[bool | None], None] | None = None
    ) -> None:
        """Open the drafting panel (``kind``: thank-you, follow-up or other) for an application's
        latest interview; ``done`` gets whether a note was marked sent."""
        from postinterview_tui.domain.templates import NoteKind
        from postinterview_tui.tui.screens.drafting import DraftingScreen

        self.push_screen(DraftingScreen(application_id, NoteKind(str(kind))), done)

    def action_open_templates(self) -> None:
        """Open the note templates, to change their text."""
        from postinterview_tui.tui.screens.templates import TemplatesScreen

        if not isinstance(self.screen, TemplatesScreen):
            self.push_screen(TemplatesScreen())

    def report_store_error(self, error: Exception) -> None:
        """Tell the user a change could not be saved (nothing is lost: it was rolled back)."""
        report_store_error(self, error)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own entries, then the current screen's and the screens to open."""
        from postinterview_tui.tui.commands.palette import system_commands

        yield from super().get_system_commands(screen)
        yield from system_commands(self, screen)


def build_app(
    db_path: Path, *, zone: Timezone, clock: Clock, demo: bool = False
) -> PostInterviewApp:
    """Open the store and build the app (the first board is read before the app starts).

    Raises:
        StoreUnusable: the file cannot be used.
    """
    repository, board = open_board(db_path, zone=zone, now=clock())
    return PostInterviewApp(repository, zone=zone, clock=clock, demo=demo, initial_board=board)
