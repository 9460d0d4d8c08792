"""One validation guards every way in: the add form, the command line, JSON import, CSV import
and the store itself (which the mail inbox writes through). Each refuses the same bad values,
writes nothing, and never repeats a huge value in its message.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.domain.stages import ConditionKind
from postinterview_tui.domain.validation import FieldError
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.form import ApplicationFormScreen
from tests.ui.helpers import make_app, settle

from ._support import InProcessCli, assert_one_error_line

HUGE = 20_000
SHORT_MESSAGE = 300  # an error line stays readable, whatever was typed

# A record field, the bad value an import file holds, and a word its refusal must contain.
BAD_RECORDS = {
    "long-role": ("applications", "role", "R" * HUGE, "too long"),
    "huge-company": ("applications", "company", "C" * 300_000, "too long"),
    "newline-company": ("applications", "company", "Acme\nLtd", "single line"),
    "nul-company": ("applications", "company", "Acme\x00", "NUL"),
    "nul-notes": ("applications", "notes", "a\x00b", "NUL"),
    "far-interview": ("interviews", "held_at", "9999-12-31T12:00:00+00:00", "2099"),
    "early-interview": ("interviews", "held_at", "1969-12-31T12:00:00+00:00", "2000"),
    "far-decision": ("applications", "decision_by", "9999-12-31", "2099"),
    "long-interviewer": ("interviewers", "name", "N" * HUGE, "too long"),
}


def _export_with(cli: InProcessCli, tmp_path: Path, case: str) -> Path:
    table, column, value, _ = BAD_RECORDS[case]
    data = json.loads(cli.ok("export").out)
    data[table][0][column] = value
    path = tmp_path / f"{case}.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("case", list(BAD_RECORDS))
def test_json_import_refuses_what_add_refuses(cli: InProcessCli, tmp_path: Path, case: str) -> None:
    cli.add("Acme", "Engineer", "--interviewer", "Ana Ruiz <ana@acme.example>")
    path = _export_with(cli, tmp_path, case)
    target = tmp_path / "other" / "target.db"
    for db in (cli.db_path, target):  # alongside existing data, and into a new file
        before = cli.state() if db == cli.db_path else None
        result = cli("import", str(path), db=db)
        message = assert_one_error_line(result)
        assert BAD_RECORDS[case][3] in message, message
        assert len(message) < SHORT_MESSAGE + len(str(path)), message
        if before is not None:
            assert cli.state() == before
        else:
            assert not db.exists()


def test_a_huge_typed_date_is_refused_without_being_repeated(cli: InProcessCli) -> None:
    typed = "9" * 100_000
    message = assert_one_error_line(
        cli("add", "--company", "Acme", "--role", "R", "--interviewed", typed)
    )
    assert len(message) < SHORT_MESSAGE
    assert "100,000 characters" in message


def test_csv_import_refuses_rows_as_add_does_and_keeps_messages_short(
    cli: InProcessCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "company,role,interview date,stage\n"
        f"Acme,{'R' * HUGE},2026-11-02,\n"
        f"Globex,Dev,{'9' * HUGE},\n"
        "Initech,Dev,9999-12-31,\n"
        f"Hooli,Dev,2026-11-02,{'x' * HUGE}\n"
        "Good,Dev,2026-11-02,\n",
        encoding="utf-8",
    )
    result = cli("import", "--csv", str(sheet))
    assert result.code == 0, result
    lines = result.err.splitlines()
    assert len(lines) == 4, result
    assert all(len(line) < SHORT_MESSAGE for line in lines), lines
    assert "role: is too long" in lines[0]
    assert "interview date" in lines[1] and "20,000 characters" in lines[1]
    assert "2099" in lines[2]
    assert "unknown stage" in lines[3] and "20,000 characters" in lines[3]
    assert [row["company"] for row in cli.listing()] == ["Good"]


async def test_the_add_form_refuses_and_keeps_its_message_short(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        before = db_path.read_bytes()
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationFormScreen)
        form.query_one("#field-company").value = "Acme"  # type: ignore[attr-defined]
        form.query_one("#field-role").value = "R" * 201  # type: ignore[attr-defined]
        form.query_one("#field-interviewed").value = "9" * 5000  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        role_error = str(form.query_one("#error-role").render())
        when_error = str(form.query_one("#error-interviewed").render())
        assert "too long" in role_error
        assert "5,000 characters" in when_error and len(when_error) < SHORT_MESSAGE
        assert db_path.read_bytes() == before


# -- the store itself: what the mail inbox (and any future way in) writes through -------------


@pytest.fixture
def store(db_path: Path, zone: Timezone) -> Repository:
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    return repository


def _new(now: DateTime, **changes: object) -> NewApplication:
    return replace(NewApplication("Acme", "Engineer", NewInterview(held_at=now)), **changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"role": "R" * HUGE},
        {"company": "Acme\nLtd"},
        {"company": "Acme\x00"},
        {"company": "   "},
        {"notes": "x" * 20_001},
        {"interview": NewInterview(held_at=pendulum.datetime(9999, 12, 31))},
    ],
    ids=["long-role", "newline", "nul", "blank", "long-notes", "far-date"],
)
def test_the_store_refuses_what_the_form_refuses(
    store: Repository, now: DateTime, changes: dict[str, object]
) -> None:
    with pytest.raises(FieldError):
        store.add_application(_new(now, **changes), now)
    assert store.summaries() == []


def test_every_store_write_checks_its_values(store: Repository, now: DateTime) -> None:
    application_id = store.add_application(_new(now), now)
    far = pendulum.datetime(2150, 1, 1)
    attempts = [
        lambda: store.add_note(application_id, "a\x00b", now),
        lambda: store.snooze(application_id, far, now),
        lambda: store.record_reply(application_id, when=far, decision_by=None, now=now),
        lambda: store.add_interview(application_id, NewInterview(held_at=far), now),
        lambda: store.record_offer(
            application_id,
            deadline=None,
            conditions=[(ConditionKind.OTHER, "two\nlines")],
            notes="",
            now=now,
        ),
    ]
    before = store.detail(application_id)
    for attempt in attempts:
        with pytest.raises(FieldError):
            attempt()
    assert store.detail(application_id) == before
