"""The kept search texts find what reading every piece of every application finds.

The board's filter tests each application's stored, folded text (``search_texts``) instead of
folding its company, role, recruiter, notes, rounds, interviewers and added notes on every
read. Random histories are written through the real repository on a real file: applications
added (with hostile and non-ASCII text), edited, noted, given rounds, rounds corrected
(interviewers renamed, removed, added), deleted, undone, purged, and an export imported. After
every step, for needles taken from the text written and a few that match nothing, the
applications the kept texts match are exactly those the reference matches: the per-row
condition the board used before, folding with Python's ``casefold`` in SQL.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import Timezone

from postinterview_tui.domain.entries import InterviewChange, InterviewerChange
from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.records import (
    ApplicationEdit,
    Contact,
    NewApplication,
    NewInterview,
    NewInterviewer,
)
from postinterview_tui.domain.stages import EventKind, InterviewKind
from postinterview_tui.storage.errors import NotFound, NothingToUndo
from postinterview_tui.storage.files.export import export_data
from postinterview_tui.storage.files.importing import import_export
from postinterview_tui.storage.interview_edits import edit_interview
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.search_texts import match_condition

START = pendulum.datetime(2026, 11, 20, 9, 30, tz="UTC")
WORDS = ("Straße", "STRASSE", "Kölner", "ÖL", "zoë", "Ana", "[b]x[/b]", "on-call", "ﬁle", "Σίσυφος")

_word = st.sampled_from(WORDS)
_steps = st.one_of(
    st.tuples(st.just("add"), _word, _word, _word),
    st.tuples(st.just("edit"), st.integers(0, 20), _word),
    st.tuples(st.just("note"), st.integers(0, 20), _word),
    st.tuples(st.just("round"), st.integers(0, 20), _word),
    st.tuples(st.just("correct"), st.integers(0, 20), _word, st.booleans()),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("purge")),
    st.tuples(st.just("import")),
)


def _reference(db: Any, needle: str) -> set[int]:
    """The applications the board matched before the texts were kept: every piece folded in
    SQL, on every read."""
    db.create_function("ref_fold", 1, lambda text: text.casefold() if isinstance(text, str) else "")
    folded = needle.casefold()
    rows = db.execute(
        "SELECT a.id FROM applications AS a WHERE "
        "(instr(ref_fold(a.company || char(10) || a.role || char(10) || a.recruiter_name "
        "|| char(10) || a.recruiter_email || char(10) || a.notes || char(10) || a.offer_notes"
        "), ?) > 0"
        " OR EXISTS (SELECT 1 FROM interviews AS i WHERE i.application_id = a.id"
        " AND instr(ref_fold(i.notes), ?) > 0)"
        " OR EXISTS (SELECT 1 FROM interviews AS i JOIN interviewers AS p"
        " ON p.interview_id = i.id WHERE i.application_id = a.id"
        " AND instr(ref_fold(p.name || char(10) || p.email || char(10) || p.title), ?) > 0)"
        " OR EXISTS (SELECT 1 FROM events AS e WHERE e.application_id = a.id AND e.kind = ?"
        " AND instr(ref_fold(json_extract(e.data, '$.text')), ?) > 0))",
        [folded, folded, folded, EventKind.NOTE_ADDED.value, folded],
    )
    return {row[0] for row in rows}


def _kept(db: Any, needle: str) -> set[int]:
    condition, params = match_condition(needle)
    return {
        row[0]
        for row in db.execute(f"SELECT a.id FROM applications AS a WHERE {condition}", params)
    }


def _new(company: str, role: str, person: str) -> NewApplication:
    return NewApplication(
        company=company,
        role=role,
        recruiter=Contact(f"{person} R", "r@example.com"),
        notes=f"met {person}",
        interview=NewInterview(
            START.subtract(days=1),
            kind=InterviewKind.VIDEO,
            notes=f"talked {role}",
            interviewers=(NewInterviewer(person, f"{person.lower()}@example.com", "Lead"),),
        ),
    )


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An export of another file, to import (its rows are inserted as they are)."""
    zone: Timezone = pendulum.timezone("Europe/London")  # type: ignore[assignment]
    source = Repository.open(tmp_path_factory.mktemp("src") / "s.db", zone=zone, create=True)
    assert source is not None
    try:
        first = source.add_application(_new("Imported Straße", "Analyst", "Kölner"), START)
        source.add_note(first, "asked about the ﬁle format", START)
        with source.transactions.read() as db:
            return export_data(db, START)
    finally:
        source.close()


def _apply(repo: Repository, step: tuple[Any, ...], ids: list[int], data: dict[str, Any]) -> None:
    kind, now = step[0], START
    if kind == "add":
        ids.append(repo.add_application(_new(*step[1:]), now))
        return
    if kind == "undo":
        with contextlib.suppress(NothingToUndo):
            repo.undo(now)
        return
    if kind == "purge":
        repo.purge(now)
        return
    if kind == "import":
        import_export(repo, data, now)
        ids.extend(row[0] for row in repo.db.execute("SELECT id FROM applications"))
        return
    if not ids:
        return
    application_id = ids[step[1] % len(ids)]
    try:
        if kind == "edit":
            repo.edit(application_id, ApplicationEdit(company=step[2], notes=step[2]), now)
        elif kind == "note":
            repo.add_note(application_id, f"note {step[2]}", now)
        elif kind == "round":
            round_ = NewInterview(now, notes=step[2], interviewers=(NewInterviewer(step[2]),))
            repo.add_interview(application_id, round_, now)
        elif kind == "correct":
            latest = repo.detail(application_id).latest_interview
            if latest is None:
                return
            keep = latest.interviewers[:1] if step[3] else ()
            people = tuple(InterviewerChange(p.id, step[2], p.email) for p in keep)
            change = InterviewChange(
                latest.id,
                latest.held_at,
                latest.kind,
                f"corrected {step[2]}",
                latest.decision_by,
                (*people, InterviewerChange(None, f"New {step[2]}")),
            )
            edit_interview(repo, change, now)
        elif kind == "delete":
            repo.delete(application_id, now)
    except (RuleRefusal, NotFound, ValueError):
        pass  # refused, or the application is gone: nothing was written


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(_steps, min_size=3, max_size=20))
def test_kept_texts_match_what_folding_every_piece_matches(
    tmp_path_factory: pytest.TempPathFactory, export: dict[str, Any], steps: list[tuple[Any, ...]]
) -> None:
    zone: Timezone = pendulum.timezone("Europe/London")  # type: ignore[assignment]
    path: Path = tmp_path_factory.mktemp("search") / "postinterview.db"
    repo = Repository.open(path, zone=zone, create=True)
    assert repo is not None
    needles = [*WORDS, "strasse", "ss", "new", "corrected", "note", "lead", "nothing-like-it"]
    try:
        ids: list[int] = []
        for step in steps:
            _apply(repo, step, ids, export)
            with repo.transactions.read() as db:
                for needle in needles:
                    assert _kept(db, needle) == _reference(db, needle), (step, needle)
    finally:
        repo.close()


def test_an_older_file_gets_its_texts_on_first_open(tmp_path: Path, zone: Timezone) -> None:
    import shutil

    from ._support import V1_FIXTURE

    copy = tmp_path / "old.db"
    shutil.copyfile(V1_FIXTURE, copy)
    repository = Repository.open(copy, zone=zone, create=False)
    assert repository is not None
    try:
        with repository.transactions.read() as db:
            for needle in ("acme", "ANA", "vibes", "queue", "🎉"):
                assert _kept(db, needle) == _reference(db, needle) != set(), needle
    finally:
        repository.close()


def test_a_filtered_page_calls_no_function_of_ours_per_row(
    repo: Repository, statements: list[str]
) -> None:
    """The filter's condition is SQLite's own instr on one stored string: no Python callback,
    whatever the file holds (folding every piece in Python cost 3-10 s at 100,000)."""
    from postinterview_tui.domain.stages import Stage
    from postinterview_tui.storage.board_pages import column_page

    repo.add_application(_new("Acme", "Engineer", "Ana"), START)
    calls: list[str] = []
    repo.db.create_function("pi_casefold", 1, lambda text: calls.append(text) or text)
    statements.clear()
    with repo.transactions.read() as db:
        page = column_page(db, Stage.INTERVIEWED, after=None, limit=10, needle="ACME")
    assert len(page.items) == 1
    (query,) = [sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert "search_texts" in query and "casefold" not in query
    assert calls == []
