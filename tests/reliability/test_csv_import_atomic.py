"""CSV import is all or nothing: killed part-way it leaves no row (none added but not moved to
its stage); it backs up existing data first; a re-run of the same file adds nothing twice."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROWS = 400
STAGES = ("interviewed", "thanked", "followed-up", "closed")
ENV = {"POSTINTERVIEW_NOW": "2026-11-25T10:00:00Z", "TZ": "Europe/London"}


def _sheet(path: Path, rows: int = ROWS) -> Path:
    lines = ["company,role,interview date,stage"]
    lines += [
        f"Company {n},Role {n},2026-11-{1 + n % 20:02d},{STAGES[n % len(STAGES)]}"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "postinterview_tui", "--db", str(db), *args]


def _run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(db, *args),
        capture_output=True,
        text=True,
        env={**os.environ, **ENV},
        timeout=120,
    )


def _counts(db: Path) -> tuple[int, int]:
    """Applications, and those still in Interviewed although the sheet put them further on.

    A plain writable connection: SQLite rolls back a hot journal a kill left behind.
    """
    with sqlite3.connect(db) as conn:
        total = conn.execute("SELECT count(*) FROM applications").fetchone()[0]
        stuck = conn.execute(
            "SELECT count(*) FROM applications WHERE company LIKE 'Company %' "
            "AND stage = 'interviewed' AND CAST(substr(company, 9) AS INTEGER) % 4 != 0"
        ).fetchone()[0]
    return int(total), int(stuck)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_csv_import_leaves_nothing_or_everything(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "sheet.csv")
    rng = random.Random(14)
    outcomes = []
    for attempt in range(4):
        db = tmp_path / f"kill{attempt}" / "p.db"
        db.parent.mkdir()
        assert _run(db, "add", "--company", "Before", "--role", "R").returncode == 0
        journal = Path(f"{db}-journal")
        child = subprocess.Popen(
            _command(db, "import", "--csv", str(sheet)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **ENV},
        )
        deadline = time.monotonic() + 60
        while not journal.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0.0, 0.15))  # somewhere inside the import's writing
        child.send_signal(signal.SIGKILL)
        child.wait()
        total, stuck = _counts(db)
        outcomes.append(total)
        assert total in (1, 1 + ROWS), f"a kill left {total - 1} of {ROWS} rows"
        assert stuck == 0
    assert 1 in outcomes  # at least one kill landed inside the transaction


def test_csv_import_backs_up_first_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "sheet.csv", rows=30)
    db = tmp_path / "data" / "p.db"
    assert (
        _run(
            db,
            "add",
            "--company",
            "Company 0",
            "--role",
            "Role 0",
            "--interviewed",
            "2026-11-01 09:00",
        ).returncode
        == 0
    )
    first = _run(db, "import", "--csv", str(sheet))
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("Backed up your data first: ")
    backup = Path(lines[0].removeprefix("Backed up your data first: "))
    if not backup.is_absolute():
        backup = Path.cwd() / backup
    assert backup.exists()
    with sqlite3.connect(backup) as conn:  # the backup holds the data from before the import
        assert conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 1
    assert lines[1] == "Imported 29 applications (#2–#30)"
    assert lines[2] == "1 already there, skipped (line 2)."
    second = _run(db, "import", "--csv", str(sheet))
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines()[0] == "Nothing new to import."
    assert "30 already there" in second.stdout
    assert _counts(db)[0] == 30


def test_a_large_csv_import_is_summed_up(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "sheet.csv", rows=2000)
    db = tmp_path / "p.db"
    done = _run(db, "import", "--csv", str(sheet))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Imported 2,000 applications (#1–#2000)\n"
    assert done.stderr == ""  # not a terminal: no progress bar
