"""The App: wiring, global keys and the command palette. No business rules live here."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pendulum import Timezone
from rich.text import Text
from textual.app import App, SystemCommand
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from postinterview_tui.clock import Clock
from postinterview_tui.domain.settings import check_settings
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.collection import resume_collection
from postinterview_tui.tui.commands.table import APP_COMMANDS, OPENERS, Command, bindings
from postinterview_tui.tui.screens.writes import StoreChange, StoreWrites, report_store_error
from postinterview_tui.tui.setting_choices import known_choices
from postinterview_tui.tui.state.board_data import BoardData, open_board

if TYPE_CHECKING:
    from postinterview_tui.tui.screens.detail import DetailData

log = logging.getLogger(__name__)
T = TypeVar("T")

AUTO_BACKUP_CHECK_SECONDS = 60.0
"""How often the app checks whether a backup is due (it makes one at most every 5 minutes)."""


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
        self.writes = StoreWrites(self, repository, clock)
        """The one way screens write; the board listens to its announcements."""
        self.zone = zone
        self.clock = clock
        self.demo = demo
        self._initial_board = initial_board
        self._settings_at_start = initial_board.settings if initial_board else None
        from postinterview_tui.tui.commands.palette import GoToApplication

        self.COMMANDS = App.COMMANDS | {GoToApplication}

    def get_default_screen(self) -> Screen[None]:
        """The board, as the bottom screen: composed in the same batch as the app, so the
        first frame drawn is the board's (no empty screen first, no frame thrown away)."""
        from postinterview_tui.tui.screens.board import BoardScreen

        board = BoardScreen(self._initial_board)
        self._initial_board = None
        return board

    def on_mount(self) -> None:
        settings = self._settings_at_start
        if settings is not None:
            # The file may have been edited by hand: the same rules as `config set` decide.
            settings, problems = check_settings(settings, known_choices())
            for problem in problems:
                self.notify(
                    problem, title="A setting was refused", severity="warning", markup=False
                )
        theme = settings.theme if settings else "textual-dark"
        if theme in self.available_themes:
            self.theme = theme
        if settings and settings.keymap:
            # Users remap keys by binding id (setting ui.keymap); footer and help follow.
            self.set_keymap(dict(settings.keymap))
        # The console script paused the collector while the program loaded (collection.py).
        self.call_after_refresh(resume_collection)
        if not self.demo:
            # After the first frame: the check imports and stats files the board does not need.
            self.call_after_refresh(
                self.run_worker, self._warn_about_sync, thread=True, exit_on_error=False
            )
            self.set_interval(AUTO_BACKUP_CHECK_SECONDS, self._auto_backup)

    def _warn_about_settings(self, problems: tuple[str, ...]) -> None:
        for problem in problems:
            # A refused keymap lists every binding id: the toast keeps the start of it.
            text = problem if len(problem) <= 240 else problem[:239] + "…"
            self.notify(
                text, title="A setting was refused", severity="warning", timeout=15, markup=False
            )

    def _auto_backup(self) -> None:
        self.run_worker(
            self._auto_backup_now, thread=True, exclusive=True, group="backup", exit_on_error=False
        )

    def _auto_backup_now(self) -> None:
        from postinterview_tui.storage.files.backup import BackupError, maybe_auto_backup

        try:
            maybe_auto_backup(self.repository, self.clock())
        except BackupError as error:
            log.warning("automatic backup failed: %s", error.message)
            self.call_from_thread(
                self.notify,
                error.message,
                title="Automatic backup failed",
                severity="warning",
                markup=False,
            )

    def _warn_about_sync(self) -> None:
        from postinterview_tui.storage.health import sync_risks

        for risk in sync_risks(self.repository.path):
            self.call_from_thread(
                self.notify,
                risk.message,
                title="Your data may be at risk",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted and self.screen_stack:
            self.run_worker(lambda: self._save_theme(theme), thread=True, exit_on_error=False)

    def _save_theme(self, theme: str) -> None:
        try:
            if self.repository.settings().theme != theme:
                self.repository.set_setting(
                    "ui.theme", theme, self.clock(), choices=known_choices()
                )
        except (StoreError, ValueError):
            log.warning("could not save the theme", exc_info=True)

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

        self._open_once_read(
            "open-detail", lambda: read_detail(self.repository, application_id), push
        )

    def open_review(self) -> None:
        """Open the daily review once its agenda is built, so its first frame shows it."""
        from postinterview_tui.domain.review import ReviewSession
        from postinterview_tui.tui.screens.review import ReviewData, ReviewScreen, read_review

        if isinstance(self.screen, ReviewScreen):
            return
        board = self.board_snapshot()

        def read() -> ReviewData:
            return read_review(self.repository, board, ReviewSession(), self.clock(), self.zone)

        def push(data: ReviewData) -> None:
            if not isinstance(self.screen, ReviewScreen):
                self.push_screen(ReviewScreen(data))

        self._open_once_read("open-review", read, push)

    def _open_once_read(self, group: str, read: Callable[[], T], push: Callable[[T], None]) -> None:
        """Run ``read`` off the event loop, then ``push`` its result on it: a screen that opens
        with its data, in one render. Asking again cancels the read before; a read that fails
        is reported, and nothing opens."""

        def read_then_push() -> None:
            try:
                data = read()
            except StoreError as error:
                self.call_from_thread(self.report_store_error, error)
                return
            if get_current_worker().is_cancelled:
                return  # asked again meanwhile (a double key press): the later read opens it
            self.call_from_thread(push, data)

        # A closure, not arguments: Textual describes a worker by the repr of its arguments,
        # and a board's repr is huge.
        self.run_worker(
            read_then_push, thread=True, group=group, exclusive=True, exit_on_error=False
        )

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
            # Its links are written outside StoreWrites.run: announce them once it closes.
            self.push_screen(
                UnmatchedScreen(), lambda _result: self.writes.announce(StoreChange(None))
            )

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

    # -- palette -----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own entries, the current screen's commands (from the same table as its
        keys, running the same actions), and the screens that can be opened from anywhere."""
        yield from super().get_system_commands(screen)
        table: tuple[Command, ...] = getattr(screen, "COMMAND_TABLE", ())
        titles = set()
        for command in table:
            if not command.palette:
                continue
            titles.add(command.title)

            def run(action: str = command.action, target: Screen[object] = screen) -> None:
                self.call_later(target.run_action, action)

            yield SystemCommand(command.title, command.help or command.title, run)
        if isinstance(screen, ModalScreen):
            return
        for title, help_text, method, screen_name in OPENERS:
            if title not in titles and type(screen).__name__ != screen_name:
                yield SystemCommand(title, help_text, getattr(self, method))

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
    repository, board = open_board(db_path, zone=zone, now=clock())
    return PostInterviewApp(repository, zone=zone, clock=clock, demo=demo, initial_board=board)
