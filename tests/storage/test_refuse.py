"""Files not ours, newer, or damaged are refused with a clear message and left untouched."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pendulum
import pytest
from pendulum import Timezone

from postinterview_tui.storage import connection, opening, schema
from postinterview_tui.storage.errors import StoreUnusable
from postinterview_tui.storage.repository import Repository

from ._support import age_file, file_state, sample_application, sidecars

ZONE = pendulum.timezone("Europe/London")
NOW = pendulum.datetime(2026, 11, 25, 10, 0, tz=ZONE)
PAGE = 4096


def _build_populated(path: Path, count: int = 30) -> None:
    """A real database of ours with a few pages of data."""
    repository = Repository.open(path, zone=ZONE)
    assert repository is not None
    for number in range(count):
        new = replace(sample_application(NOW, company=f"Company {number}"), notes="R" * 400)
        repository.add_application(new, NOW)
    repository.close()


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a populated database of ours, built once for the module."""
    path = tmp_path_factory.mktemp("template") / "postinterview.db"
    _build_populated(path)
    data = path.read_bytes()
    assert len(data) > 8 * PAGE  # enough pages to truncate and overwrite in the middle
    return data


def _plain_sqlite_with_a_table(path: Path, populated: bytes) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('soup')")
    conn.commit()
    conn.close()


def _other_application_id(path: Path, populated: bytes) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()


def _their_tables_with_a_user_version(path: Path, populated: bytes) -> None:
    _plain_sqlite_with_a_table(path, populated)
    _set_pragma(path, "user_version", 7)


def _garbage(path: Path, populated: bytes) -> None:
    path.write_bytes(b"this is a text file, not a database\n" * 300)


def _zero_header(path: Path, populated: bytes) -> None:
    path.write_bytes(bytes(2 * PAGE))


def _zero_header_on_real_data(path: Path, populated: bytes) -> None:
    data = bytearray(populated)
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def _truncated(size: Callable[[int], int]) -> Callable[[Path, bytes], None]:
    def build(path: Path, populated: bytes) -> None:
        path.write_bytes(populated[: size(len(populated))])

    return build


def _overwritten_page(path: Path, populated: bytes) -> None:
    data = bytearray(populated)
    data[5 * PAGE : 6 * PAGE] = b"\xff" * PAGE
    path.write_bytes(bytes(data))


def _set_pragma(path: Path, name: str, value: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA {name} = {value}")
    conn.close()


def _newer_user_version(path: Path, populated: bytes) -> None:
    path.write_bytes(populated)
    _set_pragma(path, "user_version", schema.LATEST_VERSION + 1)


def _much_newer_user_version(path: Path, populated: bytes) -> None:
    path.write_bytes(populated)
    _set_pragma(path, "user_version", 99)


def _unknown_migration_name(path: Path, populated: bytes) -> None:
    path.write_bytes(populated)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES (?, '0099-from-the-future', '2027-01-01 00:00:00')",
        [schema.MIGRATION_SET],
    )
    conn.commit()
    conn.close()


# (builder, words the message must contain)
CASES: dict[str, tuple[Callable[[Path, bytes], None], str]] = {
    "plain-sqlite-with-a-table": (_plain_sqlite_with_a_table, "another program"),
    "other-application-id": (_other_application_id, "another program"),
    "their-tables-with-a-user-version": (_their_tables_with_a_user_version, "another program"),
    "garbage-bytes": (_garbage, "not a SQLite file"),
    "zero-filled-file": (_zero_header, "not a SQLite file"),
    "zero-filled-header": (_zero_header_on_real_data, "not a SQLite file"),
    "truncated-to-the-magic-string": (_truncated(lambda size: 16), "damaged"),
    "truncated-inside-the-header": (_truncated(lambda size: 60), "damaged"),
    "truncated-to-one-page": (_truncated(lambda size: PAGE), "damaged"),
    "truncated-mid-page": (_truncated(lambda size: size // 2 + 123), "damaged"),
    "truncated-by-the-last-page": (_truncated(lambda size: size - PAGE), "damaged"),
    "overwritten-page": (_overwritten_page, "damaged"),
    "newer-user-version": (_newer_user_version, "newer version"),
    "much-newer-user-version": (_much_newer_user_version, "newer version"),
    "unknown-migration-name": (_unknown_migration_name, "newer version"),
}


@pytest.mark.parametrize("create", [True, False], ids=["writing-open", "reading-open"])
@pytest.mark.parametrize("case", list(CASES))
def test_unusable_file_is_refused_and_left_byte_identical(
    tmp_path: Path, zone: Timezone, populated: bytes, case: str, create: bool
) -> None:
    build, words = CASES[case]
    path = tmp_path / "postinterview.db"
    build(path, populated)
    age_file(path)
    before = file_state(path)
    listing = sorted(tmp_path.iterdir())

    with pytest.raises(StoreUnusable) as raised:
        Repository.open(path, zone=zone, create=create)

    message = raised.value.message
    assert words in message
    assert str(path) in message
    assert "Traceback" not in message
    assert file_state(path) == before
    assert sidecars(path) == []
    assert sorted(tmp_path.iterdir()) == listing


def test_newer_schema_message_names_both_versions(
    tmp_path: Path, zone: Timezone, populated: bytes
) -> None:
    path = tmp_path / "postinterview.db"
    _much_newer_user_version(path, populated)
    with pytest.raises(StoreUnusable, match="upgrade") as raised:
        Repository.open(path, zone=zone)
    assert "99" in raised.value.message
    assert str(schema.LATEST_VERSION) in raised.value.message


def test_refusal_happens_before_any_read_write_connection(
    tmp_path: Path, zone: Timezone, populated: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "postinterview.db"
    _plain_sqlite_with_a_table(path, populated)

    def forbidden(target: Path) -> object:
        raise AssertionError(f"opened {target} for writing before checking it")

    monkeypatch.setattr(opening, "connect", forbidden)
    with pytest.raises(StoreUnusable):
        Repository.open(path, zone=zone)


def test_file_locked_by_another_program_is_reported_as_busy_not_damaged(
    tmp_path: Path, zone: Timezone, populated: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "postinterview.db"
    path.write_bytes(populated)
    age_file(path)
    before = file_state(path)
    real_connect = sqlite3.connect

    def impatient(*args: object, **kwargs: object) -> sqlite3.Connection:
        # The checking connection waits 5 s for a lock; make that 0.2 s to keep the test quick.
        kwargs["timeout"] = min(float(kwargs.get("timeout", 5)), 0.2)  # type: ignore[arg-type]
        return real_connect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(connection.sqlite3, "connect", impatient)
    holder = real_connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of writing
    try:
        with pytest.raises(StoreUnusable) as raised:
            Repository.open(path, zone=zone)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert file_state(path) == before
    message = raised.value.message
    assert "locked" in message or "in use" in message
    assert "damaged" not in message
