"""``today`` and ``list`` on an 80-column terminal: nothing wraps; pipes keep one line an item."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

from postinterview_tui.cli.output import cells, cut_to_cells
from tests.cli._support import NOW_TEXT, InProcessCli

LONG_COMPANY = "Northwind Analytics and Distributed Systems Consultancy"


def _on_a_terminal(db: Path, *args: str, columns: int = 80) -> list[str]:
    """Run the real command with its output on a pseudo-terminal ``columns`` wide."""
    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = dict(os.environ, POSTINTERVIEW_NOW=NOW_TEXT)
    process = subprocess.Popen(
        [sys.executable, "-m", "postinterview_tui", "--db", str(db), *args],
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the terminal closes when the command exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(parent)
    assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n").splitlines()


def _fill(cli: InProcessCli) -> list[int]:
    ids = [
        cli.add(LONG_COMPANY, "Senior staff data platform engineer", "--interviewed", "yesterday"),
        cli.add("Quillstone", "Platform engineer", "--interviewed", "-2d"),
        cli.add("株式会社テスト東京本社", "データエンジニア", "--interviewed", "yesterday"),
    ]
    cli.ok("move", str(ids[1]), "thanked")
    return ids


def test_today_and_list_fit_an_80_column_terminal(cli: InProcessCli) -> None:
    ids = _fill(cli)
    for command in ("today", "list"):
        lines = _on_a_terminal(cli.db_path, command)
        too_wide = [line for line in lines if cells(line) > 80]
        assert not too_wide, f"{command} wraps at 80 columns: {too_wide}"
        shown = "\n".join(lines)
        for app_id in ids:
            assert f"{app_id} " in shown
        assert "Quillstone — Platform engineer" in shown


def test_a_pipe_keeps_one_line_an_item(cli: InProcessCli) -> None:
    _fill(cli)
    piped = cli.ok("today").out.splitlines()
    assert any(cells(line) > 80 for line in piped), "one line an item, whatever its length"
    assert not any(line.startswith("     ") for line in piped), "no second lines in a pipe"


def test_two_line_items_keep_every_part_and_cut_only_at_the_edge() -> None:
    assert cut_to_cells("株式会社テスト", 6) == "株式…"
    assert cells(cut_to_cells("株式会社テスト", 6)) <= 6
    assert cut_to_cells("short", 80) == "short"
