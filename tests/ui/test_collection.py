"""The collector is paused while the program loads and resumes once the board is drawn."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from postinterview_tui.tui.collection import (
    collect_closed_screen,
    pause_collection,
    resume_collection,
)
from tests.ui.board_pilot import BoardPilots


@pytest.fixture(autouse=True)
def _restore_collector() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_resume_freezes_what_loading_created_and_collects_again() -> None:
    pause_collection()
    assert not gc.isenabled()
    survivors = [[index] for index in range(1_000)]  # long-lived objects made while loading
    resume_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(survivors)
    frozen = gc.get_freeze_count()
    resume_collection()  # a second call changes nothing
    assert gc.get_freeze_count() == frozen


def test_a_closed_screen_is_collected_only_while_collecting() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the collector frees it

    freed: list[int] = []
    pause_collection()
    node = Node()
    import weakref

    weakref.finalize(node, freed.append, 1)
    del node
    collect_closed_screen()
    assert freed == [], "paused: nothing is collected"
    gc.enable()
    collect_closed_screen()
    assert freed == [1]


async def test_the_app_resumes_collection_after_its_first_frame(board_pilot: BoardPilots) -> None:
    board_pilot.write_demo()
    pause_collection()
    async with board_pilot(size=(120, 30)):
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0


def test_the_console_script_collects_again_before_a_command_runs(tmp_path: Path) -> None:
    probe = (
        "import gc, sys\n"
        "import postinterview_tui.cli.runtime as cli\n"
        "real = cli.runtime\n"
        "def spy(ctx):\n"
        "    print('collecting' if gc.isenabled() else 'paused', file=sys.stderr)\n"
        "    return real(ctx)\n"
        "cli.runtime = spy\n"
        "from postinterview_tui.entry import main\n"
        "sys.argv = ['postinterview', '--db', sys.argv[1], 'list']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "data.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "collecting" in done.stderr and "paused" not in done.stderr
