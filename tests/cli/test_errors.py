"""Exit codes, the one-line error, and "nothing is written on a non-zero exit".

2 is bad input, 3 a file that cannot be used, 4 an unexpected error. The database is compared
before and after: its logical content for a good file, its bytes for a refused one, and a missing
file must stay missing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from postinterview_tui.storage.schema import LATEST_VERSION

from ._support import InProcessCli, assert_one_error_line, directory_listing

# Commands refused as bad input on a file holding application 1 (interviewed yesterday, one
# interviewer, thank-you sent just now).
BAD_INPUT = [
    pytest.param(["add", "--company", "", "--role", "R"], "company", id="empty-company"),
    pytest.param(["add", "--company", "A", "--role", "   "], "role", id="blank-role"),
    pytest.param(["add", "--role", "R"], "--company", id="missing-company"),
    pytest.param(["add", "--company", "A\nB", "--role", "R"], "single line", id="two-lines"),
    pytest.param(
        ["add", "--company", "A", "--role", "R", "--interviewed", "2026-02-30"],
        "real date",
        id="bad-when",
    ),
    pytest.param(
        ["add", "--company", "A", "--role", "R", "--interviewer", "Ana <not-an-address>"],
        "e-mail",
        id="bad-interviewer",
    ),
    pytest.param(
        ["add", "--company", "A", "--role", "R", "--recruiter", "Rita <a@b> <c@d>"],
        "recruiter",
        id="bad-recruiter",
    ),
    pytest.param(
        ["add", "--company", "A", "--role", "R", "--kind", "lunch"], "--kind", id="bad-kind"
    ),
    pytest.param(["add", "--company", "A" * 201, "--role", "R"], "too long", id="long-company"),
    pytest.param(["interview", "1", "--when", "1999-06-01"], "2000", id="interview-bad-when"),
    pytest.param(["interview", "99", "--when", "now"], "99", id="interview-unknown-id"),
    pytest.param(["reply", "99"], "99", id="reply-unknown-id"),
    pytest.param(
        ["reply", "1", "--when", "2026-03-29 01:30"], "does not exist", id="reply-dst-gap"
    ),
    pytest.param(["move", "1", "nowhere"], "unknown stage", id="unknown-stage"),
    pytest.param(["move", "1", "7"], "unknown stage", id="stage-number-out-of-range"),
    pytest.param(["move", "99", "closed", "--reason", "withdrew"], "99", id="move-unknown-id"),
    pytest.param(["move", "1", "closed"], "reason", id="close-without-reason"),
    pytest.param(
        ["move", "1", "closed", "--reason", "bored"], "unknown reason", id="unknown-reason"
    ),
    pytest.param(["move", "1", "followed-up"], "too soon", id="follow-up-too-soon"),
    pytest.param(["move", "1", "thanked"], "already", id="same-stage"),
    pytest.param(["move", "abc", "thanked"], "integer", id="id-not-a-number"),
    pytest.param(["show", "99"], "99", id="show-unknown-id"),
    pytest.param(["edit", "1"], "nothing to change", id="edit-nothing"),
    pytest.param(["edit", "1", "--role", "  "], "role", id="edit-blank-role"),
    pytest.param(["edit", "99", "--company", "X"], "99", id="edit-unknown-id"),
    pytest.param(["delete", "99"], "99", id="delete-unknown-id"),
    pytest.param(["note", "1", "   "], "empty", id="note-empty"),
    pytest.param(["note", "1", "a\x00b"], "NUL", id="note-nul"),
    pytest.param(["note", "99", "hello"], "99", id="note-unknown-id"),
    pytest.param(["list", "--stage", "nowhere"], "unknown stage", id="list-unknown-stage"),
    pytest.param(["today", "--days", "-1"], "--days", id="today-negative-days"),
    pytest.param(["today", "--days", "366"], "--days", id="today-too-many-days"),
    pytest.param(
        ["config", "set", "rules.follow_up_days", "0"], "between", id="config-out-of-range"
    ),
    pytest.param(
        ["config", "set", "rules.follow_up_days", "five"], "whole number", id="config-not-a-number"
    ),
    pytest.param(["config", "set", "no.such", "1"], "unknown setting", id="config-unknown-key"),
    # A negative number reaches the setting's rule (not click's "No such option").
    pytest.param(
        ["config", "set", "rules.follow_up_days", "-1"],
        "must be between 1 and 60, not -1",
        id="config-negative",
    ),
    # Unknown names are refused with the list of the valid ones.
    pytest.param(
        ["config", "set", "ui.theme", "notatheme"],
        "'notatheme' is not one of: ansi-dark, ansi-light,",
        id="config-unknown-theme",
    ),
    pytest.param(
        ["config", "set", "ui.keymap", '{"board.nope": "a"}'],
        "'board.nope' is not a binding id; the ids (also listed by ? in the app) are: app.help,",
        id="config-unknown-binding-id",
    ),
    pytest.param(["config", "get", "no.such"], "unknown setting", id="config-get-unknown-key"),
    pytest.param(["frobnicate"], "No such command", id="unknown-command"),
    pytest.param(["list", "--colour"], "--colour", id="unknown-option"),
]


@pytest.fixture
def one_application(cli: InProcessCli) -> int:
    app = cli.add(
        "Acme", "Engineer", "--interviewed", "yesterday", "--interviewer", "Ana <ana@acme.example>"
    )
    cli.ok("move", str(app), "thanked")
    return app


@pytest.mark.usefixtures("one_application")
@pytest.mark.parametrize(("args", "hint"), BAD_INPUT)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    cli: InProcessCli, args: list[str], hint: str
) -> None:
    before, files_before = cli.state(), directory_listing(cli.db_path)
    message = assert_one_error_line(cli(*args), code=2)
    assert hint in message
    assert cli.state() == before
    assert directory_listing(cli.db_path) == files_before


@pytest.mark.parametrize(
    "args",
    [
        ["add", "--company", "", "--role", "R"],
        ["add", "--company", "A", "--role", "R", "--interviewed", "garbage"],
        ["config", "set", "rules.follow_up_days", "0"],
        ["show", "1"],
        ["move", "1", "thanked"],
        ["move", "1", "nowhere"],
        ["reply", "1"],
        ["interview", "1", "--when", "now"],
        ["edit", "1", "--company", "X"],
        ["delete", "1"],
        ["note", "1", "hello"],
        ["undo"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_bad_input_on_a_missing_file_leaves_it_missing(cli: InProcessCli, args: list[str]) -> None:
    assert_one_error_line(cli(*args), code=2)
    assert not cli.db_path.exists()
    assert not cli.db_path.parent.exists()


def test_undo_with_nothing_to_undo(cli: InProcessCli) -> None:
    cli.ok("config", "set", "user.name", "Sam")  # settings are not undoable
    before = cli.state()
    assert assert_one_error_line(cli("undo")) == "nothing to undo"
    assert cli.state() == before


def test_today_check_with_overdue_writes_nothing(cli: InProcessCli) -> None:
    cli.add("Acme", "Role", "--interviewed", "-3d")
    before = cli.state()
    result = cli("today", "--check")
    assert (result.code, result.out, result.err) == (1, "", "")
    assert cli.state() == before


@pytest.mark.parametrize(
    ("env", "value", "hint"),
    [
        ("POSTINTERVIEW_NOW", "next week", "POSTINTERVIEW_NOW"),
        ("POSTINTERVIEW_NOW", "9999-12-31T00:00:00Z", "POSTINTERVIEW_NOW"),
    ],
)
def test_bad_environment_is_bad_input(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch, env: str, value: str, hint: str
) -> None:
    cli.add()
    before = cli.state()
    monkeypatch.setenv(env, value)
    now = value if env == "POSTINTERVIEW_NOW" else "2026-11-25T10:00:00Z"
    assert hint in assert_one_error_line(cli("add", "--company", "A", "--role", "R", now=now))
    assert cli.state() == before


# -- files that cannot be used (exit 3) --------------------------------------------------------


def make_garbage(path: Path) -> None:
    path.write_bytes(b"These are my interview notes, not a database.\n" * 50)


def make_damaged(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)


def make_foreign(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()


def make_foreign_application_id(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("PRAGMA user_version = 1")
    conn.close()


def make_newer(cli: InProcessCli) -> None:
    cli.add()
    conn = sqlite3.connect(cli.db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()


def make_unknown_migration(cli: InProcessCli) -> None:
    cli.add()
    conn = sqlite3.connect(cli.db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('postinterview', '9999-from-the-future', '2027-01-01T00:00:00')"
    )
    conn.commit()
    conn.close()


UNUSABLE_KINDS = ["garbage", "damaged", "foreign", "foreign-id", "newer", "unknown-migration"]
UNUSABLE_COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["today"],
    ["today", "--check"],
    ["show", "1"],
    ["add", "--company", "Acme", "--role", "Engineer"],
    ["move", "1", "thanked"],
    ["note", "1", "hello"],
    ["undo"],
    ["purge"],
    ["config", "get"],
    ["config", "set", "user.name", "Sam"],
]


def make_unusable(kind: str, cli: InProcessCli) -> None:
    path = cli.db_path
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "garbage":
        make_garbage(path)
    elif kind == "damaged":
        make_damaged(path)
    elif kind == "foreign":
        make_foreign(path)
    elif kind == "foreign-id":
        make_foreign_application_id(path)
    elif kind == "newer":
        make_newer(cli)
    else:
        make_unknown_migration(cli)


@pytest.mark.parametrize("args", UNUSABLE_COMMANDS, ids=lambda args: "-".join(args[:2]))
@pytest.mark.parametrize("kind", UNUSABLE_KINDS)
def test_unusable_file_exits_3_and_is_left_byte_identical(
    cli: InProcessCli, kind: str, args: list[str]
) -> None:
    make_unusable(kind, cli)
    before = cli.db_path.read_bytes()
    files_before = directory_listing(cli.db_path)
    message = assert_one_error_line(cli(*args), code=3)
    assert str(cli.db_path) in message
    assert cli.db_path.read_bytes() == before
    assert directory_listing(cli.db_path) == files_before


@pytest.mark.parametrize(
    ("kind", "hint"),
    [
        ("garbage", "not a SQLite file"),
        ("foreign", "another program"),
        ("foreign-id", "another program"),
        ("newer", "newer version"),
        ("unknown-migration", "newer version"),
        ("damaged", "damaged"),
    ],
)
def test_unusable_file_messages(cli: InProcessCli, kind: str, hint: str) -> None:
    make_unusable(kind, cli)
    assert hint in assert_one_error_line(cli("list"), code=3)


def test_an_empty_sqlite_file_from_nowhere_is_adopted(cli: InProcessCli) -> None:
    """A SQLite file with no tables and no application id is not someone else's: it is used."""
    cli.db_path.parent.mkdir(parents=True)
    sqlite3.connect(cli.db_path).close()
    assert cli.add() == 1


def test_database_path_that_cannot_be_created(cli: InProcessCli, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    result = cli("add", "--company", "A", "--role", "R", db=blocker / "postinterview.db")
    assert blocker.read_text() == "x"
    assert "cannot create" in assert_one_error_line(result, code=3)


def test_database_path_that_is_a_directory_from_the_environment(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("POSTINTERVIEW_DB", str(tmp_path))
    assert "directory" in assert_one_error_line(cli("list", db=None), code=3)


# -- unexpected errors (exit 4) ----------------------------------------------------------------


def test_unexpected_error_exits_4_with_one_line_and_logs_the_details(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path
) -> None:
    from postinterview_tui.storage.repository import Repository

    cli.add()

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom from the test")

    monkeypatch.setattr(Repository, "summaries", explode)
    message = assert_one_error_line(cli("list"), code=4)
    assert "boom" not in message
    assert message.startswith("something unexpected went wrong; details are in ")
    log_path = Path(message.rsplit(" ", 1)[-1])
    assert log_path.is_relative_to(isolated_environment)
    assert "RuntimeError: boom from the test" in log_path.read_text(encoding="utf-8")


def test_unexpected_error_inside_a_write_writes_nothing(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The repository imports the move rules when it moves something: patch them at the source.
    import postinterview_tui.domain.moves as moves_module

    app = cli.add("Acme", "Role", "--interviewed", "yesterday")
    before = cli.state()

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom in the middle of a move")

    monkeypatch.setattr(moves_module, "plan_move", explode)
    assert_one_error_line(cli("move", str(app), "thanked"), code=4)
    assert cli.state() == before


# -- known bugs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["show", "99999999999999999999"], ["move", "99999999999999999999", "thanked"]],
    ids=["show", "move"],
)
def test_huge_id_is_an_unknown_id(cli: InProcessCli, args: list[str]) -> None:
    cli.add()
    before = cli.state()
    assert "99999999999999999999" in assert_one_error_line(cli(*args), code=2)
    assert cli.state() == before
