"""Backups: consistent while others write, verified, private, thinned, and restorable safely."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.storage.files.backup import (
    BackupError,
    backup_database,
    backups_dir,
    backups_of,
    maybe_auto_backup,
    restore_backup,
    thin_backups,
    verify_backup,
)
from postinterview_tui.storage.files.backups import KEEP_NEWEST, backups_to_keep
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.schema import LATEST_VERSION

from ._support import (
    V1_FIXTURE,
    age_file,
    dump,
    health,
    query,
    sample_application,
    sidecars,
)

UTC = pendulum.timezone("UTC")


@pytest.fixture
def repository_at(zone: Timezone) -> Iterator[Callable[[Path], Repository]]:
    """Open repositories on any path; all are closed after the test."""
    opened: list[Repository] = []

    def opener(path: Path) -> Repository:
        repository = Repository.open(path, zone=zone, create=True)
        assert repository is not None
        opened.append(repository)
        return repository

    yield opener
    for repository in opened:
        with contextlib.suppress(sqlite3.ProgrammingError):  # some tests close their own
            repository.close()


def companies(path: Path) -> list[object]:
    return [row[0] for row in query(path, "SELECT company FROM applications ORDER BY id")]


def assert_good_backup(path: Path) -> None:
    """A backup opens on its own (no journal next to it), is healthy and private."""
    assert sidecars(path) == []
    assert health(path) == ("ok", [])
    assert query(path, "PRAGMA journal_mode") == [("delete",)]
    assert path.stat().st_mode & 0o777 == 0o600
    assert sidecars(path) == []


# -- taking a backup ---------------------------------------------------------------------------


def test_a_backup_is_a_checked_private_copy_in_the_backups_folder(
    db_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    repo.add_application(sample_application(now), now)

    info = backup_database(repo, now)

    assert info.path == db_path.parent / "backups" / "postinterview-20261125-100000.db"
    assert info.size == info.path.stat().st_size > 0
    assert backups_dir(db_path).stat().st_mode & 0o777 == 0o700
    assert_good_backup(info.path)
    assert dump(info.path) == dump(db_path)
    assert verify_backup(info.path) == query(db_path, "PRAGMA user_version")[0][0]
    # A second one in the same second gets its own name.
    again = backup_database(repo, now)
    assert again.path.name == "postinterview-20261125-100000-1.db"
    assert [item.path for item in backups_of(db_path)] == [again.path, info.path]


def test_a_backup_of_a_wal_database_holds_what_is_only_in_the_wal(
    db_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    assert repo.db.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    repo.db.execute("PRAGMA wal_autocheckpoint = 0")
    repo.add_application(sample_application(now, company="Only in the WAL"), now)
    assert Path(f"{db_path}-wal").stat().st_size > 0

    info = backup_database(repo, now)

    assert_good_backup(info.path)
    assert companies(info.path) == ["Only in the WAL"]


def test_backups_never_copy_the_file(
    db_path: Path,
    tmp_path: Path,
    now: DateTime,
    monkeypatch: pytest.MonkeyPatch,
    repository_at: Callable[[Path], Repository],
) -> None:
    repo = repository_at(db_path)
    repo.add_application(sample_application(now), now)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a live database must never be copied as a file")

    for name in ("copy", "copy2", "copyfile", "copyfileobj", "move"):
        monkeypatch.setattr(shutil, name, refuse)
    info = backup_database(repo, now)
    repo.add_application(sample_application(now, company="Later"), now)
    restore_backup(db_path, info.path, now)
    assert companies(db_path) == ["Acme Ltd"]


def test_a_backup_refuses_to_overwrite_and_cleans_up_when_it_cannot_write(
    db_path: Path, tmp_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"precious")
    with pytest.raises(BackupError, match="already exists"):
        backup_database(repo, now, existing)
    assert existing.read_bytes() == b"precious"
    with pytest.raises(BackupError, match="cannot write"):
        backup_database(repo, now, tmp_path / "no-such-folder" / "b.db")
    assert not (tmp_path / "no-such-folder").exists()


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import pendulum

    from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
    from postinterview_tui.storage.repository import Repository

    path, count = sys.argv[1], int(sys.argv[2])
    zone = pendulum.timezone("Europe/London")
    now = pendulum.parse("2026-11-25T10:00:00+00:00")
    repo = Repository.open(Path(path), zone=zone, create=False)
    for number in range(count):
        interview = NewInterview(now, interviewers=(NewInterviewer("Ana"), NewInterviewer("Ben")))
        repo.add_application(NewApplication(f"Writer {number}", "Engineer", interview), now)
        if number == 10:
            print("writing", flush=True)
    repo.close()
    """
)


@pytest.mark.slow
def test_backups_taken_while_another_process_writes_are_whole(
    db_path: Path, tmp_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    repo.add_application(sample_application(now), now)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), "400"],
        stdout=subprocess.PIPE,
        text=True,
    )
    taken: list[tuple[int, Path, int]] = []
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing"
        while writer.poll() is None or len(taken) < 3:
            before = query(db_path, "SELECT count(*) FROM applications")[0][0]
            info = backup_database(repo, now.add(seconds=len(taken)))
            after = query(db_path, "SELECT count(*) FROM applications")[0][0]
            taken.append((int(before), info.path, int(after)))
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == 0
    assert len(taken) >= 3
    for before, path, after in taken:
        assert_good_backup(path)
        count = query(path, "SELECT count(*) FROM applications")[0][0]
        assert before <= count <= after
        # Whole actions only: every application has its interview and both interviewers.
        assert query(
            path,
            "SELECT count(*) FROM applications WHERE id NOT IN (SELECT application_id FROM "
            "interviews)",
        ) == [(0,)]
    counts = [query(path, "SELECT count(*) FROM applications")[0][0] for _, path, _ in taken]
    assert counts == sorted(counts) and counts[0] < counts[-1]  # really taken during the writes


# -- checking and restoring ----------------------------------------------------------------------


def _damaged(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b""), "no postinterview data"),
        (lambda p: p.write_bytes(b"just text\n"), "not a SQLite file"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(), "another"),
        (None, "damaged"),
    ],
    ids=["empty", "text", "foreign", "truncated"],
)
def test_a_bad_backup_is_refused_and_nothing_changes(
    make: Callable[[Path], object] | None,
    message: str,
    db_path: Path,
    tmp_path: Path,
    now: DateTime,
    repository_at: Callable[[Path], Repository],
) -> None:
    repo = repository_at(db_path)
    for number in range(30):
        repo.add_application(sample_application(now, company=f"Co {number}"), now)
    bad = tmp_path / "bad.db"
    if make is None:
        bad = backup_database(repo, now).path
        _damaged(bad)
    else:
        make(bad)
    before = db_path.read_bytes()
    listing = sorted(p.name for p in db_path.parent.iterdir())

    with pytest.raises(BackupError, match=message):
        restore_backup(db_path, bad, now)

    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == listing


def test_restore_keeps_the_current_data_aside_and_never_overwrites_it(
    db_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    repo.add_application(sample_application(now, company="Before"), now)
    backup = backup_database(repo, now).path
    backup_bytes = backup.read_bytes()
    repo.add_application(sample_application(now, company="After"), now)
    current = dump(db_path)

    aside = restore_backup(db_path, backup, now.add(minutes=1))

    assert aside == db_path.parent / "postinterview.before-restore-20261125-100100.db"
    assert dump(aside) == current
    assert health(aside) == ("ok", [])
    assert companies(db_path) == ["Before"]
    assert health(db_path) == ("ok", [])
    assert backup.read_bytes() == backup_bytes
    # Restoring again in the same second keeps both earlier states.
    second = restore_backup(db_path, backup, now.add(minutes=1))
    assert second is not None and second != aside and aside.exists()
    assert companies(second) == ["Before"]


def test_a_window_left_open_sees_the_restored_data_and_keeps_working(
    db_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    window = repository_at(db_path)  # the app, still running in another terminal
    window.add_application(sample_application(now, company="Kept"), now)
    backup = backup_database(window, now).path
    window.add_application(sample_application(now, company="Undone by the restore"), now)
    version = window.data_version()

    restore_backup(db_path, backup, now)

    assert window.data_version() != version  # so the app knows to reload
    assert [item.company for item in window.summaries()] == ["Kept"]
    window.add_application(sample_application(now, company="Added after"), now)
    assert companies(db_path) == ["Kept", "Added after"]
    assert health(db_path) == ("ok", [])


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_database_is_renamed_aside_byte_for_byte(
    damage: str, db_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    for number in range(30):
        repo.add_application(sample_application(now, company=f"Co {number}"), now)
    backup = backup_database(repo, now).path
    repo.close()
    if damage == "garbage":
        db_path.write_bytes(b"\x00garbage" * 1000)
    else:
        _damaged(db_path)
    damaged = db_path.read_bytes()

    aside = restore_backup(db_path, backup, now)

    assert aside is not None and aside.read_bytes() == damaged
    assert health(db_path) == ("ok", [])
    assert len(companies(db_path)) == 30
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_restore_with_no_database_creates_it(
    db_path: Path, tmp_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(tmp_path / "elsewhere.db")
    repo.add_application(sample_application(now), now)
    backup = backup_database(repo, now).path
    assert restore_backup(db_path, backup, now) is None
    assert companies(db_path) == ["Acme Ltd"]
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_restoring_the_database_onto_itself_is_refused(
    db_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repository_at(db_path).add_application(sample_application(now), now)
    before = db_path.read_bytes()
    with pytest.raises(BackupError, match="the database itself"):
        restore_backup(db_path, db_path, now)
    assert db_path.read_bytes() == before


# -- thinning ----------------------------------------------------------------------------------

NOW = pendulum.datetime(2026, 11, 28, 12, 0, tz=UTC)  # a Saturday

THINNING = [
    # (taken at, kept?, why)
    ("2026-11-28T13:00:00", True, "in the future (the clock went back): kept"),
    ("2026-11-28T11:59:00", True, "last day: all kept"),
    ("2026-11-28T09:00:00", True, "last day: all kept"),
    ("2026-11-27T13:00:00", True, "last day: all kept"),
    ("2026-11-27T11:00:00", False, "Friday: a newer one from that day is kept"),
    ("2026-11-26T20:00:00", True, "newest of Thursday"),
    ("2026-11-26T08:00:00", False, "Thursday already has one"),
    ("2026-11-22T09:00:00", True, "newest of Sunday 22nd (within the week)"),
    ("2026-11-21T11:00:00", False, "over a week old; its ISO week already has the 22nd"),
    ("2026-11-15T10:00:00", True, "newest of the week of 9-15 November"),
    ("2026-11-10T10:00:00", False, "that week already has the 15th"),
    ("2026-10-01T10:00:00", True, "newest of its week, within two months"),
    ("2026-09-20T10:00:00", False, "over two months old"),
    ("2026-06-01T10:00:00", False, "over two months old"),
]


def _utc(text: str) -> DateTime:
    moment = pendulum.parse(text, tz=UTC)
    assert isinstance(moment, DateTime)
    return moment


def test_thinning_keeps_all_of_a_day_then_daily_then_weekly() -> None:
    # Ten backups dated after now (the clock went back) are the newest ten, always kept: the
    # rest are kept or not by their age alone.
    ahead = [NOW.add(minutes=minutes) for minutes in range(5, 55, 5)]
    kept = backups_to_keep([*ahead, *(_utc(text) for text, _, _ in THINNING)], NOW)
    assert set(ahead) <= kept
    result = [(text, _utc(text) in kept, why) for text, _, why in THINNING]
    assert result == THINNING


def test_thinning_always_keeps_the_newest_ten() -> None:
    old = [NOW.subtract(days=100 + days) for days in range(KEEP_NEWEST + 5)]
    assert backups_to_keep(old, NOW) == set(old[:KEEP_NEWEST])
    assert backups_to_keep(old[:3], NOW) == set(old[:3])
    assert backups_to_keep([], NOW) == frozenset()


def test_a_clock_far_ahead_never_thins_away_the_newest_ten() -> None:
    # Seven backups from 20 November to 4 December; the clock then says June 2027.
    taken = [pendulum.datetime(2026, 11, 20, 9, tz=UTC).add(days=2 * day) for day in range(7)]
    june = pendulum.datetime(2027, 6, 1, 12, tz=UTC)
    assert backups_to_keep([*taken, june], june) == {*taken, june}
    many = [pendulum.datetime(2026, 11, 1, tz=UTC).add(days=day) for day in range(30)]
    assert backups_to_keep([*many, june], june) == {june, *many[-(KEEP_NEWEST - 1) :]}


def test_a_clock_far_behind_keeps_every_backup_dated_after_it() -> None:
    taken = [pendulum.datetime(2026, 11, 1, tz=UTC).add(days=day) for day in range(30)]
    past = pendulum.datetime(2020, 1, 1, 12, tz=UTC)
    assert backups_to_keep([*taken, past], past) == {*taken, past}


def _by_age_alone(times: list[DateTime], now: DateTime) -> frozenset[DateTime]:
    """What thinning keeps of ``times`` once ten newer backups (dated after ``now``) take up
    the newest-ten rule."""
    ahead = {now.add(minutes=minutes) for minutes in range(5, 55, 5)}
    kept = backups_to_keep([*ahead, *times], now)
    assert ahead <= kept
    return kept - ahead


def test_thinning_uses_the_local_calendar_day() -> None:
    zone = pendulum.timezone("America/New_York")
    now = NOW.in_timezone(zone)  # 07:00 in New York
    # 02:00 and 06:00 UTC on the 26th are the evening of the 25th and the small hours of the
    # 26th in New York: two different local days, so both are kept.
    times = [_utc("2026-11-26T06:00:00"), _utc("2026-11-26T02:00:00")]
    assert _by_age_alone(times, now) == set(times)
    assert _by_age_alone(times, NOW) == {times[0]}


@given(
    st.lists(st.integers(min_value=-3_600, max_value=120 * 86_400), max_size=40),
    st.integers(min_value=0, max_value=30 * 86_400),
)
def test_thinning_is_stable_and_keeps_every_recent_backup(ages: list[int], later: int) -> None:
    times = [NOW.subtract(seconds=age) for age in ages]
    kept = backups_to_keep(times, NOW)
    assert kept <= set(times)
    assert backups_to_keep(kept, NOW) == kept  # thinning again removes nothing more
    assert {t for t in times if NOW - t < pendulum.duration(days=1)} <= kept
    if times:
        assert max(times) in kept
    # Days later, what is kept is chosen from what was kept: nothing is brought back.
    assert backups_to_keep(kept, NOW.add(seconds=later)) <= kept


def test_thinning_removes_only_backup_files(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    ahead = [NOW.add(minutes=minutes) for minutes in range(5, 55, 5)]
    for moment in ahead:  # the newest ten, always kept: the rest go by their age
        (folder / f"postinterview-{moment.strftime('%Y%m%d-%H%M%S')}.db").write_bytes(b"x")
    names = [f"postinterview-{_utc(text).strftime('%Y%m%d-%H%M%S')}.db" for text, _, _ in THINNING]
    for name in names:
        (folder / name).write_bytes(b"x")
    others = ["notes.txt", "postinterview-old.db", "pre-migrate-v1-20260101.db"]
    for name in others:
        (folder / name).write_bytes(b"keep me")

    removed = thin_backups(tmp_path / "postinterview.db", NOW)

    expected_gone = {name for name, (_, kept, _) in zip(names, THINNING, strict=True) if not kept}
    assert {path.name for path in removed} == expected_gone
    left = {path.name for path in folder.iterdir()}
    assert left == (set(names) - expected_gone) | set(others) | {
        f"postinterview-{moment.strftime('%Y%m%d-%H%M%S')}.db" for moment in ahead
    }


# -- automatic backups -------------------------------------------------------------------------


def test_automatic_backups_follow_changes_at_most_every_few_minutes(
    db_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    app = repo.add_application(sample_application(now), now)

    first = maybe_auto_backup(repo, now)
    assert first is not None and companies(first.path) == ["Acme Ltd"]
    assert maybe_auto_backup(repo, now.add(minutes=10)) is None  # nothing changed
    repo.add_note(app, "a change", now.add(minutes=11))
    assert maybe_auto_backup(repo, now.add(minutes=12)) is not None
    repo.add_note(app, "another change", now.add(minutes=13))
    assert maybe_auto_backup(repo, now.add(minutes=14)) is None  # too soon after the last
    assert maybe_auto_backup(repo, now.add(minutes=17, seconds=1)) is not None
    assert len(backups_of(db_path)) == 3


def test_automatic_backups_notice_changes_made_by_another_window(
    db_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    repo.add_application(sample_application(now), now)
    assert maybe_auto_backup(repo, now) is not None
    other = Repository.open(db_path, zone=repo.zone, create=False)
    assert other is not None
    other.add_application(sample_application(now, company="From the other window"), now)
    other.close()
    latest = maybe_auto_backup(repo, now.add(minutes=6))
    assert latest is not None
    assert companies(latest.path) == ["Acme Ltd", "From the other window"]


def test_a_new_process_makes_no_backup_when_nothing_changed_since_the_last_one(
    db_path: Path, now: DateTime, zone: Timezone, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    repo.add_application(sample_application(now), now)
    assert maybe_auto_backup(repo, now) is not None
    repo.close()

    reopened = repository_at(db_path)
    assert maybe_auto_backup(reopened, now.add(hours=1)) is None
    reopened.add_application(sample_application(now, company="New"), now)
    assert maybe_auto_backup(reopened, now.add(hours=1)) is not None


def test_automatic_backups_thin_the_old_ones(
    db_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    repo = repository_at(db_path)
    repo.add_application(sample_application(now), now)
    folder = backups_dir(db_path)
    folder.mkdir(parents=True)
    # Fourteen daily backups from September, all over two months old.
    stamps = [f"202609{day:02d}-100000" for day in range(1, 15)]
    for stamp in stamps:
        old = folder / f"postinterview-{stamp}.db"
        old.write_bytes(b"old")
        age_file(old)  # written long before the database last changed, as real ones were

    made = maybe_auto_backup(repo, now)

    assert made is not None
    # The newest ten are kept whatever their age: the new one and the nine latest old ones.
    assert sorted(path.name for path in folder.iterdir()) == [
        *(f"postinterview-{stamp}.db" for stamp in stamps[-(KEEP_NEWEST - 1) :]),
        "postinterview-20261125-100000.db",
    ]


def test_a_backup_from_an_older_version_is_brought_up_to_date_when_restored(
    db_path: Path, tmp_path: Path, now: DateTime, repository_at: Callable[[Path], Repository]
) -> None:
    old = tmp_path / "old-backup.db"
    shutil.copyfile(V1_FIXTURE, old)  # a closed file from schema version 1
    old_companies = companies(old)
    repository_at(db_path).add_application(sample_application(now), now)

    restore_backup(db_path, old, now)

    assert query(db_path, "PRAGMA user_version") == [(LATEST_VERSION,)]
    assert companies(db_path) == old_companies
    assert query(old, "PRAGMA user_version") == [(1,)]  # the backup itself is left as it was
