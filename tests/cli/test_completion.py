"""Shell completion offers commands, stages and application ids."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _complete(db: Path, words: str, cword: int) -> list[str]:
    env = {
        **os.environ,
        "POSTINTERVIEW_DB": str(db),
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "_POSTINTERVIEW_COMPLETE": "bash_complete",
    }
    script = "from postinterview_tui.cli.group import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if "," in line]


def test_completes_commands_stages_and_ids(db_path: Path) -> None:
    from postinterview_tui.cli.group import run

    assert run(["--db", str(db_path), "add", "--company", "Acme", "--role", "Dev"]) == 0
    assert run(["--db", str(db_path), "add", "--company", "Bolt", "--role", "QA"]) == 0
    assert "move" in _complete(db_path, "postinterview mo", 1)
    assert _complete(db_path, "postinterview move 1 fo", 3) == ["followed-up"]
    assert _complete(db_path, "postinterview move ", 2) == ["2", "1"]  # most recently changed first
    assert _complete(db_path, "postinterview show ", 2) == ["2", "1"]  # most recently changed first


def test_no_database_means_no_id_suggestions(tmp_path: Path) -> None:
    assert _complete(tmp_path / "missing.db", "postinterview show ", 2) == []
    assert not (tmp_path / "missing.db").exists()


def test_every_subcommand_help_has_an_example() -> None:
    from postinterview_tui.cli.group import _register_commands, cli

    _register_commands()
    for name, command in cli.commands.items():
        assert "xample" in (command.epilog or ""), name
    assert "xample" in (cli.epilog or "")
