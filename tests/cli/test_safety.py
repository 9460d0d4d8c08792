"""User text never reaches the terminal with its control characters; JSON is ASCII-escaped.

The runner turns off click's own stripping of ``ESC [`` sequences, so the output checked here is
what a terminal would receive.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ._support import InProcessCli, assert_no_control_characters, assert_one_error_line

EVIL_COMPANY = "\x1b]0;pwn\x07Evil\x1b[2J\x9b31m"
EVIL_ROLE = "Data\x1b[31m engineer\x08\x7f\u202eosla"
EVIL_NOTES = "line one\x1b[1A\nline\x9dtwo\x1b]8;;http://x.example\x1b\\"
EVIL_PERSON = "Ana\x1b[5m Ruiz <ana@acme.example>"
EVIL_NOTE = "called\x1bc them\x07"


@pytest.fixture
def evil_app(cli: InProcessCli) -> int:
    app = cli.add(
        EVIL_COMPANY,
        EVIL_ROLE,
        "--interviewed",
        "yesterday",
        "--interviewer",
        EVIL_PERSON,
        "--recruiter",
        "Rita\x1b[8m <rita@agency.example>",
        "--notes",
        EVIL_NOTES,
        "--location",
        "Leeds\x1b[2K",
        "--link",
        "https://acme.example/\x1b[0m",
    )
    cli.ok("note", str(app), EVIL_NOTE)
    return app


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "1"], ["today"], ["today", "--days", "30"]],
    ids=["list", "show", "today", "today-days"],
)
def test_text_output_has_no_control_characters(
    cli: InProcessCli, evil_app: int, args: list[str]
) -> None:
    assert evil_app == 1
    out = cli.ok(*args).out
    assert "Evil" in out  # the printable part is still shown
    assert_no_control_characters(out)
    assert "\u202e" not in out  # no direction override either


def test_show_keeps_the_printable_parts(cli: InProcessCli, evil_app: int) -> None:
    out = cli.ok("show", str(evil_app)).out
    lines = out.splitlines()
    assert lines[0] == "#1  ]0;pwnEvil[2J31m — Data[31m engineerosla"
    assert "Interview held Tue 24 Nov 2026 12:00 (other) with Ana[5m Ruiz" in lines
    assert "  Wed 25 Nov 2026 10:00  Note: calledc them" in lines
    assert "Recruiter: Rita[8m <rita@agency.example>" in lines
    assert lines[lines.index("Notes:") + 1 : lines.index("Notes:") + 3] == [
        "  line one[1A",
        "  linetwo]8;;http://x.example\\",
    ]


@pytest.mark.parametrize(
    "args",
    [["list", "--json"], ["show", "1", "--json"], ["today", "--json"]],
    ids=["list", "show", "today"],
)
def test_json_output_is_ascii_and_keeps_the_text(
    cli: InProcessCli, evil_app: int, args: list[str]
) -> None:
    out = cli.ok(*args).out
    assert out.isascii()
    assert_no_control_characters(out.replace("\n", ""))
    assert "\\u001b" in out and "\\u009b" in out
    data = json.loads(out)
    rows = data["items"] if isinstance(data, dict) and "items" in data else data
    first = rows[0] if isinstance(rows, list) else rows
    assert first["company"] == EVIL_COMPANY  # escaped, not altered
    assert first["role"] == EVIL_ROLE


def test_show_json_keeps_every_field_exactly(cli: InProcessCli, evil_app: int) -> None:
    detail = cli.json("show", str(evil_app))
    assert detail["notes"] == EVIL_NOTES
    assert detail["interviews"][0]["interviewers"][0]["name"] == "Ana\x1b[5m Ruiz"
    assert detail["events"][-1]["data"] == {"text": EVIL_NOTE}


def test_non_ascii_text_round_trips_through_json(cli: InProcessCli) -> None:
    app = cli.add("Café Ñandú 株式会社", "Ingénieur 🚀")
    out = cli.ok("show", str(app), "--json").out
    assert out.isascii()
    assert json.loads(out)["company"] == "Café Ñandú 株式会社"
    assert "Café Ñandú 株式会社 — Ingénieur 🚀" in cli.ok("list").out


@pytest.mark.parametrize(
    "args",
    [
        ["move", "1", "\x1b[2Jnowhere"],
        ["move", "1", "closed", "--reason", "\x1b]0;pwn\x07"],
        ["show", "\x1b[2J"],
        ["add", "--company", "A", "--role", "R", "--kind", "\x1b[2J"],
        ["add", "--company", "A", "--role", "R", "--interviewed", "\x1b[2J"],
        ["add", "--company", "A", "--role", "R", "--interviewer", "Ana <\x1b[2J>"],
        ["config", "get", "\x1b[2J"],
        ["config", "set", "rules.weekend_days", "\x1b[2J"],
        ["\x1b[2J"],
    ],
    ids=lambda args: "-".join(arg for arg in args[:2] if arg.isprintable()) or "command",
)
def test_error_lines_have_no_control_characters(
    cli: InProcessCli, evil_app: int, args: list[str]
) -> None:
    assert evil_app == 1
    result = cli(*args)
    assert_one_error_line(result)
    assert_no_control_characters(result.err.rstrip("\n"))


# -- known bugs --------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["config", "get", "user.name"], ["config", "get"]])
def test_config_get_has_no_control_characters(cli: InProcessCli, args: list[str]) -> None:
    cli.ok("config", "set", "user.name", "\x1b]0;pwn\x07Sam\x1b[2J")
    out = cli.ok(*args).out
    assert "Sam" in out
    assert_no_control_characters(out)


def test_error_about_a_file_does_not_echo_control_characters(
    cli: InProcessCli, tmp_path: Path
) -> None:
    path = tmp_path / "evil\x1b]0;pwn\x07.db"
    path.write_bytes(b"not a database\n")
    result = cli("list", db=path)
    assert_one_error_line(result, code=3)
    assert_no_control_characters(result.err.rstrip("\n"))
