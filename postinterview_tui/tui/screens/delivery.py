"""Getting a note out of the app: the clipboard, a text file, $EDITOR or a mail app.

Each way can fail quietly somewhere (OSC 52 copying is blocked by some terminals, headless
sessions cannot hand the terminal to an editor, some systems open no ``mailto:`` links), so
each one says what happened and offers the next way.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import webbrowser
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from postinterview_tui.clock import Clock
from postinterview_tui.domain.templates import mailto_link, plain_text, split_plain, unfilled
from postinterview_tui.domain.text import safe_line
from postinterview_tui.storage.draft_files import export_dir, export_draft
from postinterview_tui.tui.screens.templates import LinkScreen


def warn_unfilled(app: App[Any], subject: str, body: str) -> None:
    """Point out placeholders still in the note, so nothing half-filled goes out."""
    missing = unfilled(f"{subject}\n{body}")
    if missing:
        app.notify("Still to fill in: " + ", ".join(missing), severity="warning", markup=False)


def copy_note(app: App[Any], subject: str, body: str) -> None:
    """Copy the note's text (the subject goes in its own box of the mail app)."""
    app.copy_to_clipboard(body)
    app.notify(
        "Copied the note. Nothing to paste? Some terminals block copying: "
        "ctrl+s saves it to a file instead.",
        markup=False,
    )
    warn_unfilled(app, subject, body)


def save_note(
    app: App[Any], clock: Clock, db_path: Path, subject: str, body: str, stem: str
) -> None:
    """Write the note to a new private text file beside the database, off the event loop,
    then say where it is."""

    def write() -> None:
        try:
            path = export_draft(
                subject, body, stem=stem, now=clock(), directory=export_dir(db_path)
            )
        except OSError as error:
            message = f"Could not save the file: {error}"
            app.call_from_thread(app.notify, message, severity="error", markup=False)
            return
        app.call_from_thread(
            app.notify, f"Saved to {safe_line(str(path))}", markup=False, timeout=15
        )

    app.run_worker(write, thread=True, group="draft-export", exit_on_error=False)


def edit_in_editor(app: App[Any], subject: str, body: str) -> tuple[str, str] | None:
    """Hand the terminal to $VISUAL / $EDITOR on the note; the edited subject and body, or
    ``None`` (with a notification saying why) when that cannot be done here."""
    default = "notepad" if sys.platform == "win32" else "vi"
    command = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or default)
    handle, name = tempfile.mkstemp(prefix="postinterview-", suffix=".txt", text=True)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(plain_text(subject, body))
        with app.suspend():
            subprocess.run([*command, str(path)], check=False)
        return split_plain(path.read_text(encoding="utf-8"))
    except SuspendNotSupported:
        message = "This terminal cannot be handed to an editor: ctrl+s saves a file instead."
        app.notify(message, severity="warning", markup=False)
    except OSError as error:
        app.notify(f"Could not run {command[0]}: {error}", severity="error", markup=False)
    finally:
        path.unlink(missing_ok=True)
    return None


def open_mail(app: App[Any], to: str, subject: str, body: str) -> None:
    """Open a new e-mail with the note through a ``mailto:`` link, or show the link to copy
    when nothing here can open it."""
    link = mailto_link(to, subject, body)
    try:
        webbrowser.get()
    except webbrowser.Error:
        app.push_screen(LinkScreen(link))
        return
    app.open_url(link)
    app.notify("Opening a new e-mail in your mail app.", markup=False)
    warn_unfilled(app, subject, body)
