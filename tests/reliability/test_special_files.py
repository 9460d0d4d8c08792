"""Special files and paths (issue 14, item 5): named pipes, devices and hard links are refused
at once, never opened, replaced or given a journal; a killed backup's copy is cleaned up."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ._kills import cli_argv, run


def _fast(argv: list[str]) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    try:
        result = run(argv, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{argv[4:]} hung")
    # Under a second of its own; starting Python on a loaded machine is allowed for.
    assert time.monotonic() - started < 5
    return result


def _device(path: Path) -> Path:
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # the null device
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def _seeded(tmp_path: Path) -> Path:
    db = tmp_path / "jobs.db"
    assert run(cli_argv(db, "add", "--company", "Acme", "--role", "R")).returncode == 0
    return db


@pytest.mark.parametrize("args", [["list"], ["add", "--company", "A", "--role", "R"], []])
def test_a_named_pipe_as_the_database_is_refused_at_once(tmp_path: Path, args: list[str]) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    result = _fast(cli_argv(fifo, *args))
    assert result.returncode == 3, result
    assert "named pipe" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pipe.db"]


def test_a_device_as_the_database_is_refused_and_gets_no_journal(tmp_path: Path) -> None:
    device = _device(tmp_path / "null")
    for args in (["list"], ["add", "--company", "A", "--role", "R"]):
        result = _fast(cli_argv(device, *args))
        assert result.returncode == 3, result
        assert "device" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["null"]


def test_a_hard_linked_database_is_refused_and_restoring_a_link_to_itself_is_quick(
    tmp_path: Path,
) -> None:
    db = _seeded(tmp_path)
    link = tmp_path / "other-name.db"
    os.link(db, link)
    before = db.read_bytes()
    restored = _fast(cli_argv(db, "restore", str(link)))
    assert restored.returncode == 2, restored
    assert "the database itself" in restored.stderr
    for path in (db, link):
        result = _fast(cli_argv(path, "list"))
        assert result.returncode == 3, result
        assert "hard links" in result.stderr
    assert db.read_bytes() == before
    link.unlink()
    assert _fast(cli_argv(db, "list")).returncode == 0


@pytest.mark.parametrize(
    "command", [["export", "-o"], ["ics", "-o"], ["export", "--format", "csv", "-o"]]
)
def test_export_never_replaces_a_named_pipe_or_a_device(tmp_path: Path, command: list[str]) -> None:
    db = _seeded(tmp_path)
    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    targets = [fifo]
    if os.geteuid() == 0:
        targets.append(_device(tmp_path / "out.dev"))
    for target in targets:
        mode = target.lstat().st_mode
        result = _fast(cli_argv(db, *command, str(target)))
        assert result.returncode == 2, result
        assert "not a regular file" in result.stderr
        assert target.lstat().st_mode == mode  # still the pipe or the device
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".out")]


def test_export_still_replaces_a_symlink_never_writing_through_it(tmp_path: Path) -> None:
    db = _seeded(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched")
    link = tmp_path / "export.json"
    link.symlink_to(outside)
    assert _fast(cli_argv(db, "export", "-o", str(link))).returncode == 0
    assert outside.read_text() == "untouched"
    assert not link.is_symlink() and "Acme" in link.read_text()


def test_a_killed_backups_leftover_copy_is_cleaned_by_the_next_backup(tmp_path: Path) -> None:
    db = _seeded(tmp_path)
    folder = tmp_path / "backups"
    assert run(cli_argv(db, "backup")).returncode == 0
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id that no longer runs
    dead = folder / f".jobs-20261125-100000.db.{gone.pid}.tmp"
    dead.write_bytes(b"x" * 4096)
    Path(f"{dead}-journal").write_bytes(b"x")
    old = folder / f".jobs-20261101-100000.db.{os.getpid()}.tmp"  # a live id, but days old
    old.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    busy = folder / f".jobs-20261125-100001.db.{os.getpid()}.tmp"  # another window's copy
    busy.write_bytes(b"x")
    assert run(cli_argv(db, "backup")).returncode == 0
    assert sorted(path.name for path in folder.iterdir() if path.name.startswith(".")) == [
        busy.name
    ]
