"""A few checks in a real child process: exit status, stderr, ``--version`` and imports.

Each spawn costs about half a second, so everything else is tested in-process.
"""

from __future__ import annotations

import json
from pathlib import Path

from postinterview_tui import __version__

from ._support import InProcessCli, SubprocessCli, assert_one_error_line


def test_version(spawn: SubprocessCli) -> None:
    result = spawn("--version")
    assert (result.code, result.out, result.err) == (
        0,
        f"postinterview, version {__version__}\n",
        "",
    )


def test_command_line_path_imports_no_textual(spawn: SubprocessCli, tmp_path: Path) -> None:
    # In this process pytest may already have imported Textual, so look in a fresh interpreter.
    db = str(tmp_path / "data" / "postinterview.db")
    script = f"""
import json, sys
from postinterview_tui.cli.group import run
codes = [
    run(['--db', {db!r}, 'add', '--company', 'Acme', '--role', 'R', '--interviewed', '-3d']),
    run(['--db', {db!r}, 'move', '1', 'thanked']),
    run(['--db', {db!r}, 'list']),
    run(['--db', {db!r}, 'list', '--json']),
    run(['--db', {db!r}, 'show', '1']),
    run(['--db', {db!r}, 'today']),
    run(['--db', {db!r}, 'today', '--json']),
    run(['--db', {db!r}, 'move', '1', 'nowhere']),
]
loaded = sorted(name for name in sys.modules if name.split('.')[0] == 'textual')
print(json.dumps({{'codes': codes, 'textual': loaded}}))
"""
    result = spawn.python(script)
    assert result.code == 0, result
    report = json.loads(result.out.splitlines()[-1])
    assert report["codes"] == [0, 0, 0, 0, 0, 0, 0, 2]
    assert report["textual"] == []


def test_add_then_check_exit_statuses(spawn: SubprocessCli, tmp_path: Path) -> None:
    db = str(tmp_path / "jobs.db")
    added = spawn("add", "--company", "Acme", "--role", "R", "--interviewed", "-3d", "--db", db)
    assert (added.code, added.out, added.err) == (0, "1\n", "")
    check = spawn("--db", db, "today", "--check")
    assert (check.code, check.out, check.err) == (1, "", "")


def test_bad_input_exits_2_with_exactly_one_stderr_line(
    spawn: SubprocessCli, tmp_path: Path
) -> None:
    db = tmp_path / "missing" / "postinterview.db"
    result = spawn("--db", str(db), "add", "--company", "", "--role", "R")
    assert assert_one_error_line(result, code=2) == "company: is required"
    assert not db.parent.exists()


def test_rule_refusal_exits_2_and_leaves_the_file_byte_identical(
    cli: InProcessCli, spawn: SubprocessCli
) -> None:
    app = cli.add("Acme", "R", "--interviewed", "yesterday")
    cli.ok("move", str(app), "thanked")
    before = cli.db_path.read_bytes()
    siblings = sorted(path.name for path in cli.db_path.parent.iterdir())
    result = spawn("--db", str(cli.db_path), "move", str(app), "followed-up")
    assert "too soon" in assert_one_error_line(result, code=2)
    assert cli.db_path.read_bytes() == before
    assert sorted(path.name for path in cli.db_path.parent.iterdir()) == siblings


def test_unusable_file_exits_3_with_one_line_and_is_untouched(
    spawn: SubprocessCli, tmp_path: Path
) -> None:
    db = tmp_path / "notes.txt"
    db.write_bytes(b"not a database\n" * 100)
    result = spawn("--db", str(db), "add", "--company", "A", "--role", "R")
    assert "not a SQLite file" in assert_one_error_line(result, code=3)
    assert db.read_bytes() == b"not a database\n" * 100
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_unexpected_error_exits_4_with_one_line_and_no_traceback(
    spawn: SubprocessCli, tmp_path: Path
) -> None:
    db = str(tmp_path / "postinterview.db")
    script = f"""
from postinterview_tui.cli.group import main, run
from postinterview_tui.storage.repository import Repository
assert run(['--db', {db!r}, 'add', '--company', 'A', '--role', 'R']) == 0
def explode(*args, **kwargs):
    raise ZeroDivisionError('boom')
Repository.summaries = explode
main(['--db', {db!r}, 'list'])
"""
    result = spawn.python(script)
    assert result.code == 4, result
    assert result.out == "1\n"
    assert len(result.err.splitlines()) == 1, result
    assert result.err.startswith("postinterview: error: something unexpected went wrong")
    assert "Traceback" not in result.err
