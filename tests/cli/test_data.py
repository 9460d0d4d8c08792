"""``export``, ``import``, ``backup`` and ``restore`` through the real command line."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.demo import write_demo_database

from ._support import (
    InProcessCli,
    assert_no_control_characters,
    assert_one_error_line,
    directory_listing,
)

LATER = "2026-11-26T09:30:00Z"
HOSTILE = '=HYPERLINK("https://evil.example") \x1b]0;pwn\x07 [bold]x[/] \u202e مرحبا'


def rich(cli: InProcessCli, now: DateTime, zone: Timezone) -> None:
    """The demo data plus hostile text in applications, notes, conditions and settings."""
    write_demo_database(cli.db_path, now=now, zone=zone)
    app = cli.add(HOSTILE, "-Role +x", "--notes", f"notes\n{HOSTILE}", "--interviewed", "-2d")
    cli.ok("note", str(app), f"a note\n{HOSTILE}")
    cli.ok("reply", str(app), "--decision-by", "2026-12-01")
    cli.ok("offer", str(app), "--condition", f"references={HOSTILE}", "--notes", HOSTILE)
    cli.ok("condition", str(app), "references", "failed")
    cli.ok("decline", str(app), "--reflection", HOSTILE)
    cli.ok("config", "set", "user.signature", f"Best,\n{HOSTILE}")


def private(path: Path) -> bool:
    return path.stat().st_mode & 0o777 == 0o600


def sqlite_count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


# -- export and import round trip --------------------------------------------------------------


def test_export_import_export_is_identical_apart_from_the_time(
    cli: InProcessCli, tmp_path: Path, now: DateTime, zone: Timezone
) -> None:
    rich(cli, now, zone)
    first = tmp_path / "first.json"
    assert cli.ok("export", "-o", str(first)).out == ""
    assert private(first)
    assert cli.ok("export").out == first.read_text()  # stdout when there is no -o
    copy = tmp_path / "copy" / "postinterview.db"

    imported = cli.ok("import", str(first), db=copy).out

    assert "Dry run" not in imported and "already there" in imported
    second = tmp_path / "second.json"
    cli.ok("export", "--output", str(second), now=LATER, db=copy)
    pairs = zip(first.read_text().splitlines(), second.read_text().splitlines(), strict=True)
    differing = [(a, b) for a, b in pairs if a != b]
    assert differing == [
        (
            '  "exported_at": "2026-11-25T10:00:00+00:00",',
            '  "exported_at": "2026-11-26T09:30:00+00:00",',
        )
    ]
    assert cli.ok("list", "--json", db=copy).out == cli.ok("list", "--json").out


def test_export_with_no_database_is_empty_and_creates_nothing(cli: InProcessCli) -> None:
    data = json.loads(cli.ok("export").out)
    assert data["applications"] == [] and data["format"] == "postinterview"
    assert cli.ok("export", "--format", "csv").out.startswith("id,company,role,stage,")
    assert directory_listing(cli.db_path) is None


def test_export_refuses_to_write_over_the_database(cli: InProcessCli) -> None:
    cli.add()
    before = cli.db_path.read_bytes()
    message = assert_one_error_line(cli("export", "-o", str(cli.db_path)))
    assert "is the database itself" in message
    journal = cli.db_path.parent / "postinterview.db-journal"
    assert "is the database itself" in assert_one_error_line(cli("export", "-o", str(journal)))
    assert cli.db_path.read_bytes() == before
    assert not journal.exists()
    elsewhere = cli.db_path.parent.parent / "postinterview.db-export.json"
    cli.ok("export", "-o", str(elsewhere))  # a similar name in another folder is fine
    assert json.loads(elsewhere.read_text())["format"] == "postinterview"


def test_export_to_a_missing_folder_is_one_error_line(cli: InProcessCli, tmp_path: Path) -> None:
    cli.add()
    message = assert_one_error_line(cli("export", "-o", str(tmp_path / "nope" / "x.json")))
    assert message.startswith("cannot write ")


def test_csv_export_is_private_and_never_runs_formulas(
    cli: InProcessCli, tmp_path: Path, now: DateTime, zone: Timezone
) -> None:
    rich(cli, now, zone)
    target = tmp_path / "sheet.csv"
    cli.ok("export", "--format", "csv", "-o", str(target))
    assert private(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    hostile = [row for row in rows if "HYPERLINK" in row["company"]]
    assert len(hostile) == 1
    assert hostile[0]["company"].startswith("'=HYPERLINK(")
    assert hostile[0]["role"] == "'-Role +x"
    assert hostile[0]["history"] == ("interviewed 2026-11-23; offer 2026-11-25; closed 2026-11-25")
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert_no_control_characters("".join(cells).replace("\t", ""))


# -- import: refusing what it cannot read ------------------------------------------------------


BAD_FILES = {
    "not JSON": "this is not json {",
    "foreign": json.dumps({"format": "jobtracker", "version": 1}),
    "newer": json.dumps({"format": "postinterview", "version": 2, "exported_at": "x"}),
    "missing field": None,  # a real export with a record missing its company
    "bad type": None,  # a real export with an id given as text
}


def bad_file(cli: InProcessCli, tmp_path: Path, case: str) -> Path:
    path = tmp_path / f"{case}.json"
    text = BAD_FILES[case]
    if text is None:
        data = json.loads(cli.ok("export").out)
        if case == "missing field":
            del data["applications"][0]["company"]
        else:
            data["interviews"][0]["id"] = "1"
        text = json.dumps(data)
    path.write_text(text)
    return path


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_one_error_line_and_changes_nothing(
    cli: InProcessCli, tmp_path: Path, case: str
) -> None:
    cli.add()
    cli.add("Globex", "Analyst")
    path = bad_file(cli, tmp_path, case)
    before = cli.db_path.read_bytes()
    listing = directory_listing(cli.db_path)

    message = assert_one_error_line(cli("import", str(path)))

    assert message.startswith(f"{path}: ")
    assert cli.db_path.read_bytes() == before
    assert directory_listing(cli.db_path) == listing  # not even a backup


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_creates_no_database(cli: InProcessCli, tmp_path: Path, case: str) -> None:
    source = tmp_path / "source.db"
    cli.ok("add", "--company", "Acme", "--role", "R", db=source)
    path = tmp_path / "bad.json"
    if BAD_FILES[case] is None:
        original, cli.db_path = cli.db_path, source
        path = bad_file(cli, tmp_path, case)
        cli.db_path = original
    else:
        path.write_text(str(BAD_FILES[case]))
    assert_one_error_line(cli("import", str(path)))
    assert directory_listing(cli.db_path) is None


def test_import_of_a_missing_or_binary_file(cli: InProcessCli, tmp_path: Path) -> None:
    assert "cannot read" in assert_one_error_line(cli("import", str(tmp_path / "none.json")))
    binary = tmp_path / "latin1.csv"
    binary.write_bytes("Société,Rôle\n".encode("latin-1"))
    assert "not UTF-8" in assert_one_error_line(cli("import", "--csv", str(binary)))


# -- import alongside existing data ------------------------------------------------------------


def test_dry_run_shows_the_plan_and_writes_nothing(
    cli: InProcessCli, tmp_path: Path, now: DateTime, zone: Timezone
) -> None:
    rich(cli, now, zone)
    export = tmp_path / "export.json"
    cli.ok("export", "-o", str(export))
    target = tmp_path / "other" / "postinterview.db"
    cli.ok("add", "--company", "Mine", "--role", "R", db=target)
    before = target.read_bytes()

    out = cli.ok("import", str(export), "--dry-run", db=target).out

    assert target.read_bytes() == before
    assert directory_listing(target) == ("postinterview.db",)
    assert "would be added" in out
    assert "Application #1 in the file would become #15 (#1 was taken)." in out
    assert out.endswith("Dry run: nothing was written.\n")
    missing = tmp_path / "missing" / "postinterview.db"
    assert "Dry run" in cli.ok("import", str(export), "--dry-run", db=missing).out
    assert not missing.parent.exists()


def test_import_into_existing_data_backs_up_first_then_adds_and_is_idempotent(
    cli: InProcessCli, tmp_path: Path, now: DateTime, zone: Timezone
) -> None:
    rich(cli, now, zone)
    export = tmp_path / "export.json"
    cli.ok("export", "-o", str(export))
    exported = json.loads(export.read_text())
    target = tmp_path / "other" / "postinterview.db"
    cli.ok("add", "--company", "Mine", "--role", "R", db=target)

    out = cli.ok("import", str(export), db=target).out.splitlines()

    assert out[0].startswith("Backed up your data first: ")
    backup = Path(out[0].split(": ", 1)[1])
    assert sqlite_count(backup, "SELECT count(*) FROM applications") == 1
    added = len(exported["applications"])
    assert f"applications:  {added:>6} added, 0 already there (skipped)" in out
    assert "Application #1 in the file is now #15 (#1 was taken)." in out
    total = 1 + len(exported["applications"])
    assert sqlite_count(target, "SELECT count(*) FROM applications") == total
    before = target.read_bytes()
    backups = directory_listing(backup)

    again = cli.ok("import", str(export), db=target, now=LATER).out

    assert again.splitlines()[-1] == "Nothing new to import."
    assert "Backed up" not in again
    assert target.read_bytes() == before
    assert directory_listing(backup) == backups


# -- import --csv ------------------------------------------------------------------------------

SPREADSHEET = (
    "Company,ROLE,Interview Date,Stage\r\n"
    "Acme,Engineer,2026-11-02,thanked\r\n"
    "Globex,Analyst,31/12/2026,interviewed\r\n"
    ",Designer,2026-11-03,\r\n"
    "Initech,Developer,2026-11-04,rejected\r\n"
    '"Multi, Inc","Role with ""quotes""",2026-11-05,Offer\r\n'
    '"Line\r\nBreak Co",Dev,2026-11-06,closed\r\n'
    ",,,\r\n"
    "Hooli,,2026-11-07,\r\n"
    "Umbrella,Chemist,2026-11-08 14:30,6\r\n"
)


def test_csv_import_takes_the_good_rows_and_reports_each_bad_one_by_line(
    cli: InProcessCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(("\ufeff" + SPREADSHEET).encode("utf-8"))  # Excel's BOM

    result = cli("import", "--csv", str(sheet))

    assert result.code == 0, result
    assert result.out == "Imported 3 applications (#1–#3)\nRejected 5 rows (see above).\n"
    lines = result.err.splitlines()
    assert [line.split(":")[1].strip() for line in lines] == [
        "line 3",
        "line 4",
        "line 5",
        "line 7",
        "line 10",
    ]
    assert lines[0].startswith("postinterview: line 3: interview date: cannot read '31/12/2026'")
    assert lines[1] == "postinterview: line 4: company: is required"
    assert lines[2].startswith("postinterview: line 5: unknown stage 'rejected'")
    assert lines[3] == "postinterview: line 7: company: must be a single line"
    assert lines[4] == "postinterview: line 10: role: is required"
    rows = {row["company"]: row["stage"] for row in cli.listing()}
    assert rows == {"Acme": "thanked", "Multi, Inc": "offer", "Umbrella": "closed"}
    shown = cli.json("show", "2")
    assert (shown["role"], shown["interviews"][0]["held_at"]) == (
        'Role with "quotes"',
        "2026-11-05T12:00:00+00:00",
    )
    assert cli.json("show", "3")["close_reason"] == "other"


@pytest.mark.parametrize(
    "text",
    [
        "company,role,interview_date\nAcme,Engineer,2026-11-02\n",
        "Company;Role;Interviewed;Stage\nAcme;Engineer;2026-11-02;thanked\n",
        "COMPANY\tROLE\tINTERVIEW-DATE\tnotes\nAcme\tEngineer\t2026-11-02\tignored\n",
        "Role, Company , Interview  Date\nEngineer,Acme,2026-11-02\n",
    ],
    ids=["snake", "semicolons", "tabs-upper", "reordered"],
)
def test_csv_headers_are_matched_loosely(cli: InProcessCli, tmp_path: Path, text: str) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(text)
    assert cli.ok("import", "--csv", str(sheet)).out == "Imported 1 application (#1)\n"
    (row,) = cli.listing()
    assert (row["company"], row["role"]) == ("Acme", "Engineer")


def test_csv_where_every_row_is_rejected_exits_2_and_creates_nothing(
    cli: InProcessCli, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("company,role,interview date\n,Dev,2026-11-02\nAcme,Dev,yesterday-ish\n")
    result = cli("import", "--csv", str(sheet))
    assert result.code == 2 and result.out == ""
    assert result.err.splitlines() == [
        "postinterview: line 2: company: is required",
        "postinterview: line 3: interview date: cannot read 'yesterday-ish' as a date; "
        "use YYYY-MM-DD, YYYY-MM-DD HH:MM, ISO 8601, now, today, yesterday, tomorrow or ±N{h,d,w}",
        "postinterview: error: none of the 2 rows could be imported",
    ]
    assert directory_listing(cli.db_path) is None


def test_csv_without_a_needed_column(cli: InProcessCli, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Company,Position,Date\nAcme,Dev,2026-11-02\n")
    message = assert_one_error_line(cli("import", "--csv", str(sheet)))
    assert message == (f"{sheet} has no 'role' column (its columns: 'Company', 'Position', 'Date')")
    assert directory_listing(cli.db_path) is None


def test_csv_dry_run_writes_nothing(cli: InProcessCli, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SPREADSHEET)
    result = cli("import", "--csv", str(sheet), "--dry-run")
    assert result.code == 0
    assert result.out == (
        "3 applications would be added.\nDry run: nothing was written.\n"
        "Rejected 5 rows (see above).\n"
    )
    assert directory_listing(cli.db_path) is None


# -- backup and restore ------------------------------------------------------------------------


def test_backup_then_list_then_restore(cli: InProcessCli) -> None:
    cli.add("Before")
    first = cli.ok("backup").out
    folder = cli.db_path.parent / "backups"
    copy = folder / "postinterview-20261125-100000.db"
    # The size said is the copy's own (a schema step that adds a table adds a page).
    assert first == f"Backed up to {copy} ({copy.stat().st_size / 1024:.1f} KB).\n"
    assert private(copy)
    cli.add("After")
    cli.ok("backup", now=LATER)

    listing = cli.ok("restore").out.splitlines()

    later = folder / "postinterview-20261126-093000.db"
    assert listing == [
        f"2026-11-26 09:30:00   {later.stat().st_size / 1024:.1f} KB  {later.name}",
        f"2026-11-25 10:00:00   {copy.stat().st_size / 1024:.1f} KB  {copy.name}",
    ]
    cli.add("Lost unless kept aside")
    out = cli.ok("restore", "postinterview-20261125-100000.db", now=LATER).out.splitlines()
    aside = cli.db_path.parent / "postinterview.before-restore-20261126-093000.db"
    assert out == [
        "Restored postinterview-20261125-100000.db.",
        f"The data you had before is kept in {aside}.",
    ]
    assert [row["company"] for row in cli.listing()] == ["Before"]
    assert sqlite_count(aside, "SELECT count(*) FROM applications") == 3


def test_backup_to_a_path_or_folder(cli: InProcessCli, tmp_path: Path) -> None:
    cli.add()
    target = tmp_path / "mine.db"
    assert cli.ok("backup", str(target)).out.startswith(f"Backed up to {target} (")
    assert private(target)
    folder = tmp_path / "stick"
    folder.mkdir()
    cli.ok("backup", str(folder))
    assert directory_listing(folder / "x") == ("postinterview-20261125-100000.db",)
    assert "already exists" in assert_one_error_line(cli("backup", str(target)))
    assert "is the database itself" in assert_one_error_line(cli("backup", str(cli.db_path)))


def test_backup_and_restore_errors(cli: InProcessCli, tmp_path: Path) -> None:
    assert "no database" in assert_one_error_line(cli("backup"))
    assert cli.ok("restore").out == (
        f"No backups of {cli.db_path.name} in {cli.db_path.parent / 'backups'} yet.\n"
    )
    cli.add()
    before = cli.db_path.read_bytes()
    assert "no backup at" in assert_one_error_line(cli("restore", "nothing-here.db"))
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    assert "not a SQLite file" in assert_one_error_line(cli("restore", str(junk)))
    assert cli.db_path.read_bytes() == before
    assert directory_listing(cli.db_path) == ("postinterview.db",)


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import pendulum

    from postinterview_tui.domain.records import NewApplication, NewInterview
    from postinterview_tui.storage.repository import Repository

    zone = pendulum.timezone("Europe/London")
    now = pendulum.parse("2026-11-25T10:00:00+00:00")
    repo = Repository.open(Path(sys.argv[1]), zone=zone, create=False)
    for number in range(300):
        repo.add_application(NewApplication(f"Writer {number}", "Dev", NewInterview(now)), now)
        if number == 10:
            print("writing", flush=True)
    repo.close()
    """
)


@pytest.mark.slow
def test_backup_command_while_another_process_writes(cli: InProcessCli, tmp_path: Path) -> None:
    cli.add()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(cli.db_path)], stdout=subprocess.PIPE, text=True
    )
    made = []
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        for number in range(3):
            target = tmp_path / f"during-{number}.db"
            cli.ok("backup", str(target))
            made.append(target)
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == 0
    for target in made:
        conn = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)  # on its own
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("SELECT count(*) FROM applications").fetchone()[0] >= 1
        finally:
            conn.close()
        assert not Path(f"{target}-journal").exists() and not Path(f"{target}-wal").exists()
