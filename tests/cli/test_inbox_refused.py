"""An ingest whose write the database refuses (a constraint or trigger: an application purged
by another window while the mail was matched) says so in one line and saves nothing; the next
run reads the same mail (issue 17, bad input)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ._mail import REJECTION, message
from ._support import InProcessCli, assert_one_error_line

ANA = "Ana Ruiz <ana@acme.example>"


def test_a_refused_ingest_is_one_line_and_saves_nothing(cli: InProcessCli, tmp_path: Path) -> None:
    cli.add("Acme Inc.", "Data engineer", "--interviewer", ANA, "--interviewed", "-2d")
    db = sqlite3.connect(cli.db_path)
    with db:
        db.execute(
            "CREATE TRIGGER refuse_mail BEFORE INSERT ON inbox_messages "
            "BEGIN SELECT RAISE(ABORT, 'mail refused'); END"
        )
    before = cli.state()
    mail = tmp_path / "r.eml"
    mail.write_bytes(message(body=REJECTION).as_bytes())
    said = assert_one_error_line(cli("ingest", str(mail)), code=3)
    assert said == (
        "could not save the messages read: the database refused them (mail refused); "
        "nothing was saved, and the next ingest reads them again"
    )
    assert cli.state() == before
    with db:
        db.execute("DROP TRIGGER refuse_mail")
    db.close()
    rows = cli.json("ingest", str(mail))
    assert [(row["duplicate"], row["kind"]) for row in rows] == [(False, "rejection")]
