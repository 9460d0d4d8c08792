"""The environment and the terminal a command meets: ``TZ`` in every form the C library reads,
``POSTINTERVIEW_NOW`` out of range, a full or closed stdout, unsafe characters in paths, and a
bare date typed for an interview held earlier today."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ._support import InProcessCli, assert_no_control_characters, assert_one_error_line


def _held_at(db_path: Path) -> str:
    with sqlite3.connect(db_path) as conn:
        return str(conn.execute("SELECT held_at FROM interviews ORDER BY id DESC").fetchone()[0])


@pytest.mark.parametrize(
    ("tz", "held_at_utc"),
    [
        pytest.param(":/etc/localtime", None, id="colon-file"),
        pytest.param("/etc/localtime", None, id="file"),
        pytest.param("UTC0", "2026-07-01T10:00:00Z", id="posix-utc"),
        pytest.param("CET-1CEST,M3.5.0,M10.5.0/3", "2026-07-01T08:00:00Z", id="posix-rule"),
        pytest.param(":Europe/Berlin", "2026-07-01T08:00:00Z", id="colon-name"),
    ],
)
def test_every_tz_form_the_c_library_reads_is_accepted(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch, tz: str, held_at_utc: str | None
) -> None:
    monkeypatch.setenv("TZ", tz)
    result = cli("add", "--company", "Acme", "--role", "R", "--interviewed", "2026-07-01 10:00")
    assert (result.code, result.err) == (0, ""), result
    held_at = _held_at(cli.db_path)
    if held_at_utc is not None:
        assert held_at.replace("+00:00", "Z") == held_at_utc
    else:  # /etc/localtime: whatever the system zone is, the file's rules apply
        import zoneinfo
        from datetime import datetime

        with open("/etc/localtime", "rb") as handle:
            system = zoneinfo.ZoneInfo.from_file(handle)
        expected = datetime(2026, 7, 1, 10, tzinfo=system).timestamp()
        assert datetime.fromisoformat(held_at.replace("Z", "+00:00")).timestamp() == expected


def test_a_posix_rule_follows_its_daylight_saving(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
    cli.add("Acme", "R", "--interviewed", "2026-12-01 10:00")
    assert _held_at(cli.db_path).replace("+00:00", "Z") == "2026-12-01T09:00:00Z"


def test_an_unknown_tz_falls_back_to_the_system_zone_with_a_warning(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Mars/Olympus_Mons")
    result = cli("add", "--company", "Acme", "--role", "R")
    assert result.code == 0, result
    (warning,) = result.err_lines
    assert warning.startswith("postinterview: warning: TZ='Mars/Olympus_Mons'"), warning
    assert "system zone" in warning
    assert cli("list").out.count("Acme") == 1  # the change was made


@pytest.mark.parametrize("value", ["9999-12-31T00:00:00Z", "1969-07-20T20:17:00Z"])
def test_postinterview_now_outside_the_years_is_refused(cli: InProcessCli, value: str) -> None:
    cli.add()
    before = cli.state()
    message = assert_one_error_line(cli("add", "--company", "A", "--role", "R", now=value))
    assert "POSTINTERVIEW_NOW" in message and "2000 and 2099" in message
    assert cli.state() == before


def test_a_full_stdout_exits_3_and_keeps_the_change(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    env = {**os.environ, "POSTINTERVIEW_NOW": "2026-11-25T10:00:00Z"}
    command = [sys.executable, "-m", "postinterview_tui", "--db", str(db)]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*command, "add", "--company", "Acme", "--role", "R"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
        )
    assert done.returncode == 3, done.stderr
    assert done.stderr.splitlines() == [
        "postinterview: error: could not write the output (No space left on device); "
        "anything the command saved is kept"
    ]
    listed = subprocess.run(
        [*command, "list"], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    assert "Acme" in listed.stdout


def test_a_closed_stdout_exits_3(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    env = {**os.environ, "POSTINTERVIEW_NOW": "2026-11-25T10:00:00Z"}
    command = [sys.executable, "-m", "postinterview_tui", "--db", str(db)]
    for number in range(3):
        subprocess.run(
            [*command, "add", "--company", f"C{number}", "--role", "R"],
            env=env,
            check=True,
            capture_output=True,
        )
    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: the first write fails with a broken pipe
    try:
        done = subprocess.run(
            [*command, "list"],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
        )
    finally:
        os.close(writer)
    assert done.returncode == 3, done.stderr
    assert "could not write the output" in done.stderr
    assert "Exception ignored" not in done.stderr


def test_doctor_prints_paths_as_safe_text(cli: InProcessCli, tmp_path: Path) -> None:
    folder = tmp_path / "evil\x1b]0;owned\x07\x1b[31mred"
    folder.mkdir()
    path = folder / "p.db"
    cli.ok("add", "--company", "Acme", "--role", "R", db=path)
    for result in (cli("doctor", db=path), cli("doctor", db=folder / "missing.db")):
        assert result.code == 0, result
        assert_no_control_characters(result.out + result.err)
        assert "Database:" in result.out and "red" in result.out


@pytest.mark.parametrize("typed", ["today", "2026-11-25"])
def test_interviewed_today_before_noon_is_not_in_the_future(cli: InProcessCli, typed: str) -> None:
    morning = "2026-11-25T08:00:00Z"
    cli.add("Acme", "R", "--interviewed", typed, now=morning)
    (shown,) = cli.json("show", "1", now=morning)["interviews"]
    assert shown["held_at"] == "2026-11-25T08:00:00+00:00"
    (listed,) = cli.listing(now=morning)
    (due,) = cli.agenda(now=morning)
    assert listed["next_due"] == due["due"] if "due" in due else listed["next_due"]
