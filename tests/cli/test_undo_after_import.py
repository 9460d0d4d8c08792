"""An undo that a later import has overtaken: the import (which cannot be undone) brought back
an interviewer that the change being undone had removed, under a new row. Putting the old row
back would give one interviewer two rows; the undo is refused with one line, and nothing of it
is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.entries import InterviewChange, InterviewerChange
from postinterview_tui.domain.records import Contact, NewApplication, NewInterview, NewInterviewer
from postinterview_tui.storage.files.export import export_data
from postinterview_tui.storage.files.importing import import_export
from postinterview_tui.storage.interview_edits import edit_interview
from postinterview_tui.storage.repository import Repository

from ._support import InProcessCli


def _application(company: str, person: str, now: DateTime) -> NewApplication:
    return NewApplication(
        company=company,
        role="Analyst",
        recruiter=Contact(f"{person} R", "r@example.com"),
        interview=NewInterview(now.subtract(days=1), interviewers=(NewInterviewer(person),)),
    )


def _rows(db_path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as db:
        return [
            *db.execute("SELECT id, uid, name FROM interviewers ORDER BY id"),
            *db.execute("SELECT id, label, undone_at FROM actions ORDER BY id"),
        ]


def test_an_undo_an_import_overtook_is_one_line_and_changes_nothing(
    cli: InProcessCli, db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone
) -> None:
    source = Repository.open(tmp_path / "other.db", zone=zone, create=True)
    assert source is not None
    source.add_application(_application("Imported Co", "Kim", now), now)
    with source.transactions.read() as db:
        export = export_data(db, now)
    source.close()

    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    repository.add_application(_application("Own Co", "Ann", now), now)
    import_export(repository, export, now)
    imported = repository.detail(
        next(item.id for item in repository.open_summaries() if item.company == "Imported Co")
    )
    latest = imported.latest_interview
    assert latest is not None
    # Kim is replaced by someone new (the change the user will undo) ...
    edit_interview(
        repository,
        InterviewChange(
            latest.id,
            latest.held_at,
            latest.kind,
            "",
            latest.decision_by,
            (InterviewerChange(None, "Someone new"),),
        ),
        now,
    )
    # ... then the same export is imported again: Kim comes back, as a new row.
    import_export(repository, export, now)
    repository.close()
    before = _rows(db_path)

    result = cli("undo")

    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err_lines) == 1, result
    assert "cannot undo" in result.err and "Imported Co" in result.err
    assert "nothing was changed" in result.err
    assert _rows(db_path) == before
