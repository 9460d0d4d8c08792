"""One writer for the user's files: readable only by them, and whole or not there at all."""

from __future__ import annotations

import ast
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from postinterview_tui.storage.files.private import write_private_file

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "postinterview_tui"
WRITER = PACKAGE / "storage" / "files" / "private.py"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_replaced_file_becomes_private_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old, readable by everyone")
    target.chmod(0o644)
    write_private_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]  # no temporary left


def test_a_new_file_is_private_and_an_existing_one_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    write_private_file(target, b"first", replace=False)
    assert (target.read_bytes(), mode(target)) == (b"first", 0o600)
    with pytest.raises(FileExistsError):
        write_private_file(target, b"second", replace=False)
    assert target.read_bytes() == b"first"


@pytest.mark.parametrize("replace", [True, False])
def test_a_missing_folder_leaves_no_file(tmp_path: Path, replace: bool) -> None:
    with pytest.raises(OSError):
        write_private_file(tmp_path / "missing-folder" / "export.json", b"data", replace=replace)
    assert list(tmp_path.iterdir()) == []


_FULL_DISK = """
import json, os, resource, signal, sys
from pathlib import Path
from postinterview_tui.storage.files.private import write_private_file
# The file-size limit makes a write fail part-way, as a full disk does.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
target = Path(sys.argv[1])
try:
    write_private_file(target, b"x" * 50_000, replace=sys.argv[2] == "replace")
except OSError as error:
    print(json.dumps({"error": error.errno}))
else:
    print(json.dumps({"error": None}))
"""


@pytest.mark.parametrize("replace", [True, False])
def test_a_write_that_fails_part_way_leaves_the_old_file_or_nothing(
    tmp_path: Path, replace: bool
) -> None:
    target = tmp_path / "export.json"
    if replace:
        target.write_bytes(b"the old export")
    result = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(target), "replace" if replace else "new"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout)["error"] is not None, "the write did not fail"
    if replace:
        assert target.read_bytes() == b"the old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == (["export.json"] if replace else [])


def private_writes(source: str) -> list[int]:
    """Lines that make a file private or exclusive by hand: a 0o600 mode, fchmod, O_EXCL."""
    return sorted(
        node.lineno
        for node in ast.walk(ast.parse(source))
        if (isinstance(node, ast.Constant) and node.value == 0o600 and type(node.value) is int)
        or (isinstance(node, ast.Attribute) and node.attr in ("fchmod", "O_EXCL"))
    )


def test_only_the_one_writer_makes_private_files() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} line {line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != WRITER
        for line in private_writes(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert private_writes(WRITER.read_text(encoding="utf-8"))


def test_the_check_sees_each_way_of_writing_a_private_file() -> None:
    source = "import os\nfd = os.open(p, os.O_CREAT | os.O_EXCL, 0o600)\nos.fchmod(fd, 384)\n"
    assert private_writes(source) == [2, 2, 3, 3]
