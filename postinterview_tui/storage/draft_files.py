"""Saving a note to a text file of its own, private to the user, beside the database."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pendulum import DateTime

from postinterview_tui.domain.templates import plain_text
from postinterview_tui.storage.files.private import write_private_file

_UNSAFE_FILENAME = re.compile(r"[^\w.-]+")

DRAFTS_FOLDER = "drafts"


def export_dir(db_path: Path) -> Path:
    """Where drafts are saved as files: a private ``drafts`` folder beside the database.

    Beside the database rather than in one global place, so that each database (a demo's
    temporary one too) keeps its notes with it. Computed when asked; nothing is created here.
    """
    return db_path.parent / DRAFTS_FOLDER


def export_draft(subject: str, body: str, *, stem: str, now: DateTime, directory: Path) -> Path:
    """Write a draft to a new text file only its owner can read; return its path.

    The folder is created (or tightened) to owner-only: a note names the company and the
    people the user met. An existing file is never overwritten.

    Args:
        subject: the subject line (left out of the file when empty).
        body: the note.
        stem: words for the file name, e.g. "Acme thank-you"; unsafe characters go.
        now: the time, for the file name.
        directory: where to write (see :func:`export_dir`).

    Raises:
        OSError: the file cannot be written.
    """
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    slug = _UNSAFE_FILENAME.sub("-", stem).strip("-.")[:60] or "draft"
    base = f"{now.format('YYYY-MM-DD-HHmm')}-{slug}"
    data = plain_text(subject, body).encode("utf-8")
    for number in range(1, 1000):
        path = directory / (f"{base}.txt" if number == 1 else f"{base}-{number}.txt")
        try:
            write_private_file(path, data, replace=False)
        except FileExistsError:
            continue
        return path
    raise OSError(f"too many drafts named {base} in {directory}")
