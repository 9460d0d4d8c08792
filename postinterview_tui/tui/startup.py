"""What the app does around the board, not for any one screen: the settings read at start
(theme, keymap), the theme saved when changed, the sync-folder warning, automatic backups.

The app calls these; none of them decides a rule (the domain checks settings, storage backs up).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from postinterview_tui.domain.settings import check_settings
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.tui.collection import resume_collection
from postinterview_tui.tui.setting_choices import known_choices

if TYPE_CHECKING:
    from textual.app import App

    from postinterview_tui.clock import Clock
    from postinterview_tui.domain.settings import Settings
    from postinterview_tui.storage.repository import Repository

log = logging.getLogger(__name__)

AUTO_BACKUP_CHECK_SECONDS = 60.0
"""How often the app checks whether a backup is due (it makes one at most every 5 minutes)."""


def apply_settings(app: App[Any], settings: Settings | None) -> None:
    """Use the stored theme and keymap; say which stored settings were refused.

    The file may have been edited by hand: the same rules as ``config set`` decide.
    """
    if settings is not None:
        settings, problems = check_settings(settings, known_choices())
        for problem in problems:
            app.notify(problem, title="A setting was refused", severity="warning", markup=False)
    theme = settings.theme if settings else "textual-dark"
    if theme in app.available_themes:
        app.theme = theme
    if settings and settings.keymap:
        # Users remap keys by binding id (setting ui.keymap); footer and help follow.
        app.set_keymap(dict(settings.keymap))


def start_housekeeping(app: App[Any], repository: Repository, clock: Clock) -> None:
    """After the first frame: resume garbage collection, warn about a synced folder, and
    check every minute whether a backup is due."""
    # The console script paused the collector while the program loaded (collection.py).
    app.call_after_refresh(resume_collection)
    # After the first frame: the check imports and stats files the board does not need.
    app.call_after_refresh(
        app.run_worker,
        lambda: _warn_about_sync(app, repository),
        thread=True,
        exit_on_error=False,
    )
    app.set_interval(AUTO_BACKUP_CHECK_SECONDS, lambda: back_up_if_due(app, repository, clock))


def back_up_if_due(app: App[Any], repository: Repository, clock: Clock) -> None:
    """Make an automatic backup in a worker if one is due; say so if it fails."""

    def back_up() -> None:
        from postinterview_tui.storage.files.backup import BackupError, maybe_auto_backup

        try:
            maybe_auto_backup(repository, clock())
        except BackupError as error:
            log.warning("automatic backup failed: %s", error.message)
            app.call_from_thread(
                app.notify,
                error.message,
                title="Automatic backup failed",
                severity="warning",
                markup=False,
            )

    app.run_worker(back_up, thread=True, exclusive=True, group="backup", exit_on_error=False)


def _warn_about_sync(app: App[Any], repository: Repository) -> None:
    from postinterview_tui.storage.health import sync_risks

    for risk in sync_risks(repository.path):
        app.call_from_thread(
            app.notify,
            risk.message,
            title="Your data may be at risk",
            severity="warning",
            timeout=20,
            markup=False,
        )


def save_theme(app: App[Any], repository: Repository, clock: Clock, theme: str) -> None:
    """Store the theme the user picked (in a worker; a failure is only logged)."""

    def save() -> None:
        try:
            if repository.settings().theme != theme:
                repository.set_setting("ui.theme", theme, clock(), choices=known_choices())
        except (StoreError, ValueError):
            log.warning("could not save the theme", exc_info=True)

    app.run_worker(save, thread=True, exit_on_error=False)
