"""The README stays true: its key table is the app's, its commands exist, its set-up lines are
the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from postinterview_tui.cli.group import cli, run
from postinterview_tui.tui.commands.table import markdown_key_table

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_key_table_matches_the_command_table() -> None:
    assert markdown_key_table() in README


def test_first_lines_give_the_two_set_up_commands() -> None:
    commands = [line for line in README.splitlines()[:20] if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    assert commands[0].endswith("postinterview --demo")
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npytest\n" in ci


def test_every_subcommand_in_the_readme_exists() -> None:
    run(["--help"])  # registers the subcommands
    used = set(re.findall(r"^postinterview ([a-z]+)", README, flags=re.M))
    used |= set(re.findall(r"`postinterview ([a-z]+)", README))
    assert used, "no commands found"
    unknown = used - set(cli.commands)
    assert not unknown


def test_every_setting_in_the_readme_exists() -> None:
    from postinterview_tui.domain.settings import KEYS

    documented = set(re.findall(r"`((?:rules|review|user|ui|mail)\.[a-z_]+)`", README))
    assert documented <= set(KEYS)
    assert set(KEYS) <= documented


def test_contributing_says_where_each_kind_of_change_goes() -> None:
    section = README.split("## Contributing", 1)[1].split("\n## ", 1)[0]
    for folder in ("domain/", "storage/", "cli/", "tui/screens/", "tui/widgets/", "tui/commands/"):
        assert f"`{folder}`" in section, folder
        assert (ROOT / "postinterview_tui" / folder).is_dir(), folder
