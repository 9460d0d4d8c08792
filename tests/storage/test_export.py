"""Export and import: complete, exact, never overwriting, and refusing what it cannot read."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.demo import write_demo_database
from postinterview_tui.domain.records import (
    ApplicationEdit,
    Contact,
    NewApplication,
    NewInterview,
    NewInterviewer,
)
from postinterview_tui.domain.stages import CloseReason, ConditionKind, InterviewKind, Stage
from postinterview_tui.storage.files.export import (
    export_csv,
    export_json,
    exported_tables,
    spreadsheet_cell,
)
from postinterview_tui.storage.files.importing import (
    ImportFileError,
    import_export,
    read_export,
)
from postinterview_tui.storage.repository import Repository

from ._support import sample_application

# Text that breaks careless exports: formulas, terminal escapes, markup, bidi, quotes, SQL.
HOSTILE_LINES = (
    '=HYPERLINK("https://evil.example","Click")',
    "+SUM(1,2)",
    "-2+3",
    "@import",
    "\x1b[2J\x1b]0;pwn\x07 [bold]ACME[/] [@click=app.quit]q[/] x [b",
    "\u202eevil\u202c 👩\u200d💻 مرحبا Zürich \x9b31m",
    "\"quoted\", 'single'; DROP TABLE applications; --",
)
HOSTILE_TEXT = "line one\nline two\r\n\t=cmd|' /C calc'!A0\n\x1b[6n\u202e [link='x']y[/link]"


def open_repo(path: Path, zone: Timezone) -> Repository:
    repository = Repository.open(path, zone=zone, create=True)
    assert repository is not None
    return repository


@pytest.fixture
def repository_at(zone: Timezone) -> Iterator[Callable[[Path], Repository]]:
    """Open repositories on any path; all are closed after the test."""
    opened: list[Repository] = []

    def opener(path: Path) -> Repository:
        opened.append(open_repo(path, zone))
        return opened[-1]

    yield opener
    for repository in opened:
        repository.close()


def seed_rich_database(path: Path, now: DateTime, zone: Timezone) -> None:
    """The demo data plus every kind of record, with hostile text in every text field."""
    write_demo_database(path, now=now, zone=zone)
    repo = open_repo(path, zone)
    try:
        step = iter(range(1, 1000))

        def later() -> DateTime:
            return now.add(minutes=next(step))

        ids = []
        for index, text in enumerate(HOSTILE_LINES):
            new = NewApplication(
                company=text,
                role=f"Role {index} {text}",
                location=text,
                link=text,
                recruiter=Contact(text, "r@example.com"),
                notes=HOSTILE_TEXT,
                interview=NewInterview(
                    held_at=now.subtract(days=index + 1),
                    kind=InterviewKind.PANEL,
                    notes=HOSTILE_TEXT,
                    decision_by=now.date().add(days=index),
                    interviewers=(NewInterviewer(text, "i@example.com", text),),
                ),
            )
            ids.append(repo.add_application(new, later()))
        first, second, third, fourth, fifth, sixth, seventh = ids
        repo.add_note(first, HOSTILE_TEXT, later())
        repo.record_reply(second, when=later(), decision_by=now.date().add(days=3), now=later())
        repo.record_offer(
            third,
            deadline=now.add(days=5),
            conditions=[(ConditionKind.REFERENCES, HOSTILE_LINES[0]), (ConditionKind.OTHER, "")],
            notes=HOSTILE_TEXT,
            now=later(),
        )
        condition = repo.summary(third).progress.conditions[0]
        repo.set_condition_status(third, condition.id, cleared=False, now=later())
        repo.move(fourth, Stage.THANKED, when=later(), now=later(), force=True)
        repo.move(
            fourth,
            Stage.CLOSED,
            when=later(),
            now=later(),
            reason=CloseReason.OTHER,
            reflection=HOSTILE_TEXT,
        )
        repo.snooze(fifth, now.add(days=2), later())
        repo.edit(fifth, ApplicationEdit(notes=HOSTILE_TEXT + " edited"), later())
        repo.move(sixth, Stage.THANKED, when=later(), now=later())
        repo.undo(later())  # leaves an "undone" event behind
        repo.delete(seventh, later())
        repo.set_setting("user.signature", HOSTILE_TEXT, later())
        # Drafts and template overrides (tables of migration 0003).
        repo.db.execute(
            "INSERT INTO drafts (uid, application_id, interview_id, interviewer_id, template, "
            "subject, body, created_at, updated_at, sent_at) "
            "SELECT 'draft-1', application_id, id, NULL, 'thank-you-email', ?, ?, created_at, "
            "created_at, NULL FROM interviews WHERE application_id = ?",
            [HOSTILE_LINES[4], HOSTILE_TEXT, first],
        )
        repo.db.execute(
            "INSERT INTO templates (id, subject, body, updated_at) VALUES (?, ?, ?, ?)",
            ["thank-you-email", HOSTILE_LINES[0], HOSTILE_TEXT, "2026-11-25T10:00:00+00:00"],
        )
    finally:
        repo.close()


@pytest.fixture(scope="module")
def rich_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rich database, built once per module (the tests get copies of the closed file)."""
    # The same moment and zone as the ``now`` and ``zone`` fixtures (which are per test).
    zone = pendulum.timezone("Europe/London")
    moment = pendulum.parse("2026-11-25T10:00:00+00:00")
    assert isinstance(moment, DateTime) and isinstance(zone, Timezone)
    path = tmp_path_factory.mktemp("rich") / "postinterview.db"
    seed_rich_database(path, moment.in_timezone(zone), zone)
    return path


@pytest.fixture
def rich_db(rich_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "rich" / "postinterview.db"
    path.parent.mkdir()
    shutil.copyfile(rich_template, path)
    return path


def export_of(repository: Repository, now: DateTime) -> str:
    with repository.transactions.read() as db:
        return export_json(db, now)


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every exported table's rows in key order, read on a separate connection."""
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if row[0] not in ("actions", "_sqlite_migrations", "sqlite_sequence")
        ]
        return {name: conn.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall() for name in names}
    finally:
        conn.close()


def by_uid(path: Path) -> dict[str, set[tuple[object, ...]]]:
    """Every record without its local id, references written as the uid they point at."""
    conn = sqlite3.connect(path)
    try:
        result: dict[str, set[tuple[object, ...]]] = {}
        for table in (
            "applications",
            "interviews",
            "interviewers",
            "events",
            "conditions",
            "drafts",
        ):
            links = {row[3]: row[2] for row in conn.execute(f"PRAGMA foreign_key_list({table})")}
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [column[0] for column in cursor.description]
            records = set()
            for row in cursor.fetchall():
                values = []
                for name, value in zip(names, row, strict=True):
                    if name in links and value is not None:
                        value = conn.execute(
                            f"SELECT uid FROM {links[name]} WHERE id = ?", [value]
                        ).fetchone()[0]
                    if name != "id":
                        values.append((name, value))
                records.add(tuple(values))
            result[table] = records
        for table in ("settings", "templates"):
            result[table] = {tuple(row) for row in conn.execute(f"SELECT * FROM {table}")}
        return result
    finally:
        conn.close()


# -- the round trip ----------------------------------------------------------------------------


def test_round_trip_into_an_empty_database_is_exact(
    rich_db: Path,
    tmp_path: Path,
    now: DateTime,
    repository_at: Callable[[Path], Repository],
) -> None:
    first = export_of(repository_at(rich_db), now)
    data = json.loads(first)
    # Every table is exercised, so "identical" below means something.
    for table in ("applications", "interviews", "interviewers", "events"):
        assert len(data[table]) > 10, table
    for table in ("conditions", "settings", "drafts", "templates"):
        assert data[table], table
    assert {"undone", "note-added", "condition-failed", "closed", "snoozed"} <= {
        event["kind"] for event in data["events"]
    }

    target = repository_at(tmp_path / "copy" / "postinterview.db")
    plan = import_export(target, read_export(first), now.add(hours=1))
    assert plan.skipped == 0 and not any(table.renumbered for table in plan.tables)

    second = export_of(target, now.add(days=1))
    first_lines, second_lines = first.splitlines(), second.splitlines()
    differing = [(a, b) for a, b in zip(first_lines, second_lines, strict=True) if a != b]
    assert differing == [
        (
            '  "exported_at": "2026-11-25T10:00:00+00:00",',
            '  "exported_at": "2026-11-26T10:00:00+00:00",',
        )
    ]
    assert table_rows(target.path) == table_rows(rich_db)


def test_export_is_complete_sorted_ascii_and_leaves_out_the_undo_history(
    rich_db: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    text = export_of(repository_at(rich_db), now)
    assert text.isascii()
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert {key: data[key] for key in ("format", "version", "exported_at")} == {
        "format": "postinterview",
        "version": 1,
        "exported_at": "2026-11-25T10:00:00+00:00",
    }
    assert set(data) == {
        "format",
        "version",
        "exported_at",
        "schema_version",
        "applications",
        "interviews",
        "interviewers",
        "events",
        "conditions",
        "settings",
        "drafts",
        "templates",
        "sent_messages",
        "inbox_messages",
    }
    for table in ("applications", "interviews", "interviewers", "events", "conditions", "drafts"):
        assert all(isinstance(record["uid"], str) and record["uid"] for record in data[table])
        ids = [record["id"] for record in data[table]]
        assert ids == sorted(ids)
    hostile = next(r for r in data["applications"] if r["company"] == HOSTILE_LINES[1])
    assert hostile["notes"] == HOSTILE_TEXT  # text kept byte for byte


def test_an_imported_database_never_reuses_ids(
    rich_db: Path,
    tmp_path: Path,
    now: DateTime,
    repository_at: Callable[[Path], Repository],
) -> None:
    data = read_export(export_of(repository_at(rich_db), now))
    target = repository_at(tmp_path / "copy.db")
    import_export(target, data, now)
    highest = max(record["id"] for record in data["applications"])
    assert target.add_application(sample_application(now), now) == highest + 1


# -- importing alongside existing data --------------------------------------------------------


def test_import_into_a_database_with_its_own_data_adds_and_renumbers(
    rich_db: Path,
    tmp_path: Path,
    now: DateTime,
    repository_at: Callable[[Path], Repository],
) -> None:
    data = read_export(export_of(repository_at(rich_db), now))
    target = repository_at(tmp_path / "mine.db")
    own = [target.add_application(sample_application(now, company=f"Own {n}"), now) for n in "ab"]
    own_before = {table: rows for table, rows in by_uid(target.path).items()}

    plan = import_export(target, data, now)

    counts = {item.table: (item.added, item.skipped) for item in plan.tables}
    assert counts["applications"] == (len(data["applications"]), 0)
    assert counts["settings"] == (len(data["settings"]), 0)
    applications = next(item for item in plan.tables if item.table == "applications")
    highest = max(record["id"] for record in data["applications"])
    assert applications.renumbered == {1: highest + 1, 2: highest + 2}
    after = by_uid(target.path)
    source = by_uid(rich_db)
    for table, records in source.items():
        assert records <= after[table], table  # every record, linked to the same parents
        assert own_before[table] <= after[table], table  # and nothing of ours changed
    assert [target.summary(i).company for i in own] == ["Own a", "Own b"]


def test_a_second_import_of_the_same_file_changes_nothing(
    rich_db: Path,
    tmp_path: Path,
    now: DateTime,
    repository_at: Callable[[Path], Repository],
) -> None:
    data = read_export(export_of(repository_at(rich_db), now))
    target = repository_at(tmp_path / "mine.db")
    target.add_application(sample_application(now), now)
    import_export(target, data, now)
    before = target.path.read_bytes()

    plan = import_export(target, data, now.add(hours=1))

    assert plan.added == 0
    assert plan.skipped == sum(len(data[t.table]) for t in plan.tables)
    assert target.path.read_bytes() == before


def test_a_newer_export_adds_only_what_is_new_to_the_records_already_there(
    rich_db: Path,
    tmp_path: Path,
    now: DateTime,
    repository_at: Callable[[Path], Repository],
) -> None:
    source = repository_at(rich_db)
    target = repository_at(tmp_path / "laptop.db")
    import_export(target, read_export(export_of(source, now)), now)
    source.add_note(2, "a note written later", now.add(days=1))
    new_id = source.add_application(sample_application(now, company="Later Ltd"), now.add(days=1))

    plan = import_export(target, read_export(export_of(source, now.add(days=1))), now.add(days=1))

    counts = {item.table: item.added for item in plan.tables}
    assert counts["applications"] == 1
    assert counts["interviews"] == 1
    assert counts["events"] == 1 + 2  # the note; the new application's created + interview-held
    after, wanted = by_uid(target.path), by_uid(rich_db)
    assert {t: r for t, r in after.items() if t != "applications"} == {
        t: r for t, r in wanted.items() if t != "applications"
    }
    # Application 2 itself is never overwritten: only its row's version and time stay behind.
    (stale,) = after["applications"] - wanted["applications"]
    (fresh,) = wanted["applications"] - after["applications"]
    differing = {
        name for (name, value), (_, other) in zip(stale, fresh, strict=True) if value != other
    }
    assert differing == {"version", "updated_at"}
    assert target.summary(new_id).company == "Later Ltd"
    notes = [e for e in target.detail(2).events if e.data.get("text") == "a note written later"]
    assert len(notes) == 1  # attached to the application already there


def test_dry_run_plans_the_same_and_writes_nothing(
    rich_db: Path,
    tmp_path: Path,
    now: DateTime,
    repository_at: Callable[[Path], Repository],
) -> None:
    data = read_export(export_of(repository_at(rich_db), now))
    target = repository_at(tmp_path / "mine.db")
    target.add_application(sample_application(now), now)
    before = target.path.read_bytes()

    preview = import_export(target, data, now, dry_run=True)

    assert target.path.read_bytes() == before
    real = import_export(target, data, now)
    assert [(t.table, t.added, t.skipped, t.renumbered) for t in preview.tables] == [
        (t.table, t.added, t.skipped, t.renumbered) for t in real.tables
    ]


# -- files that are not (our) exports ----------------------------------------------------------


def _mutated(change: Callable[[dict[str, Any]], object]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data)

    return apply


def _first(table: str, field: str, value: object) -> Callable[[dict[str, Any]], object]:
    return lambda data: data[table][0].__setitem__(field, value)


MALFORMED: dict[str, tuple[Callable[[str], str], str]] = {
    "not JSON": (lambda text: text[: len(text) // 2], "not JSON"),
    "a CSV file": (lambda _: "company,role\nAcme,Engineer\n", "this looks like CSV: add --csv"),
    "a JSON list": (lambda _: "[1, 2]", "expected a JSON object"),
    "NaN": (lambda text: text.replace('"version": 1', '"version": NaN'), "NaN"),
    "foreign format": (_mutated(lambda d: d.update(format="jobtracker")), "jobtracker"),
    "no format": (_mutated(lambda d: d.pop("format")), "format"),
    "newer version": (_mutated(lambda d: d.update(version=2)), "newer version"),
    "version as text": (_mutated(lambda d: d.update(version="1")), "version"),
    "version true": (_mutated(lambda d: d.update(version=True)), "version"),
    "no exported_at": (_mutated(lambda d: d.pop("exported_at")), "exported_at"),
    "no applications": (_mutated(lambda d: d.pop("applications")), "applications"),
    "applications not a list": (
        _mutated(lambda d: d.update(applications={"a": 1})),
        "list of records",
    ),
    "unknown table": (_mutated(lambda d: d.update(contacts=[])), "contacts"),
    "record without uid": (_mutated(lambda d: d["applications"][0].pop("uid")), "'uid'"),
    "record without company": (
        _mutated(lambda d: d["applications"][0].pop("company")),
        "'company'",
    ),
    "unknown field": (_mutated(_first("interviews", "mood", "happy")), "'mood'"),
    "id as text": (_mutated(_first("applications", "id", "1")), "whole number"),
    "huge id": (_mutated(_first("applications", "id", 2**70)), "too large"),
    "company as number": (_mutated(_first("applications", "company", 7)), "must be text"),
    "null company": (_mutated(_first("applications", "company", None)), "null"),
    "unknown stage": (_mutated(_first("applications", "stage", "hired")), "'hired'"),
    "bad timestamp": (_mutated(_first("events", "at", "last tuesday")), "last tuesday"),
    "bad decision date": (_mutated(_first("interviews", "decision_by", "2026-02-30")), "02-30"),
    "event data not an object": (_mutated(_first("events", "data", "[1]")), "events[0].data"),
    "dangling reference": (
        _mutated(_first("interviews", "application_id", 999_999)),
        "not in the file",
    ),
    "repeated uid": (
        _mutated(lambda d: d["conditions"][1].update(uid=d["conditions"][0]["uid"])),
        "repeats",
    ),
    "lone surrogate": (
        lambda text: text.replace('"role": "', '"role": "\\ud800', 1),
        "surrogate",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
@pytest.mark.parametrize("target_kind", ["empty", "populated"])
def test_a_malformed_or_foreign_file_is_refused_and_nothing_is_written(
    case: str,
    target_kind: str,
    rich_db: Path,
    tmp_path: Path,
    now: DateTime,
    repository_at: Callable[[Path], Repository],
) -> None:
    mutate, expected = MALFORMED[case]
    text = mutate(export_of(repository_at(rich_db), now))
    target = repository_at(tmp_path / "target.db")
    if target_kind == "populated":
        target.add_application(sample_application(now), now)
    before = target.path.read_bytes()

    with pytest.raises(ImportFileError) as raised:
        import_export(target, read_export(text), now)

    assert expected in raised.value.message
    assert "\n" not in raised.value.message
    assert target.path.read_bytes() == before


def test_an_export_from_an_older_schema_still_imports(
    rich_db: Path,
    tmp_path: Path,
    now: DateTime,
    repository_at: Callable[[Path], Repository],
) -> None:
    """Fields a later migration added (with defaults) and its tables may be absent."""
    data = json.loads(export_of(repository_at(rich_db), now))
    for table in ("drafts", "templates"):
        data.pop(table)
    for record in data["applications"]:
        record.pop("offer_notes")
    target = repository_at(tmp_path / "target.db")
    plan = import_export(target, read_export(json.dumps(data)), now)
    assert plan.added == sum(len(v) for k, v in data.items() if isinstance(v, list))
    assert {
        target.detail(r["id"]).offer_notes for r in data["applications"] if not r["deleted_at"]
    } == {""}


# -- tables a later migration adds -------------------------------------------------------------


def test_a_table_added_later_is_exported_and_imported_with_no_change_to_the_code(
    tmp_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    ddl = (
        "CREATE TABLE contacts (id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, "
        "application_id INTEGER NOT NULL REFERENCES applications (id), name TEXT NOT NULL)"
    )
    source = repository_at(tmp_path / "a.db")
    source.db.execute(ddl)
    app = source.add_application(sample_application(now), now)
    source.db.execute("INSERT INTO contacts VALUES (1, 'c-1', ?, 'Ana')", [app])
    target = repository_at(tmp_path / "b.db")
    target.db.execute(ddl)
    target.add_application(sample_application(now, company="Taken"), now)  # id 1 is taken

    assert [t.name for t in exported_tables(target.db)][:3] == [
        "applications",
        "interviews",
        "interviewers",
    ]
    import_export(target, read_export(export_of(source, now)), now)

    rows = target.db.execute(
        "SELECT contacts.name, applications.company FROM contacts "
        "JOIN applications ON applications.id = contacts.application_id"
    ).fetchall()
    assert rows == [("Ana", "Acme Ltd")]


# -- CSV for spreadsheets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("Acme", "Acme"),
        ("=1+2", "'=1+2"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("a=1", "a=1"),
        ("\x1b=1", "'=1"),  # the ESC goes, and what is left is still neutralised
        ("\x1b[2J", "[2J"),
        ("2026-11-02", "2026-11-02"),
        (None, ""),
        (7, "7"),
    ],
)
def test_spreadsheet_cells_never_run_as_formulas(value: object, cell: str) -> None:
    assert spreadsheet_cell(value) == cell


def test_csv_export_has_one_row_per_application_with_its_history(
    tmp_path: Path, now: DateTime, zone: Timezone, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(tmp_path / "csv.db")
    day = pendulum.datetime(2026, 11, 2, 12, tz=zone)
    app = repo.add_application(
        NewApplication('=HYPERLINK("x")', "+Engineer", NewInterview(day)), day
    )
    repo.move(app, Stage.THANKED, when=day.add(days=1), now=day.add(days=1))
    repo.move(app, Stage.FOLLOWED_UP, when=day.add(days=8), now=day.add(days=8))
    repo.move(app, Stage.OFFER, when=day.add(days=9), now=day.add(days=9))
    repo.undo(day.add(days=9))  # the offer was a mistake: it is not history
    repo.move(
        app,
        Stage.CLOSED,
        when=day.add(days=18),
        now=day.add(days=18),
        reason=CloseReason.NOT_SELECTED,
    )
    gone = repo.add_application(sample_application(now, company="Deleted Co"), now)
    repo.delete(gone, now)

    with repo.transactions.read() as db:
        rows = list(csv.DictReader(io.StringIO(export_csv(db, zone), newline="")))

    assert len(rows) == 1
    row = rows[0]
    assert row["company"] == '\'=HYPERLINK("x")'
    assert row["role"] == "'+Engineer"
    assert (row["stage"], row["close reason"], row["interview date"]) == (
        "closed",
        "not-selected",
        "2026-11-02 12:00",
    )
    assert row["history"] == (
        "interviewed 2026-11-02; thanked 2026-11-03; followed-up 2026-11-10; closed 2026-11-20"
    )


def test_csv_export_of_hostile_text_has_no_formula_and_no_control_character(
    rich_db: Path, zone: Timezone, repository_at: Callable[[Path], Repository]
) -> None:
    with repository_at(rich_db).transactions.read() as db:
        text = export_csv(db, zone)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) > len(HOSTILE_LINES)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not [cell for cell in cells if any(ord(c) < 32 and c not in "\t\n" for c in cell)]
    assert not [cell for cell in cells if "\x9b" in cell or "\u202e" in cell]
