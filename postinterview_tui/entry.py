"""The ``postinterview`` console script (and ``python -m postinterview_tui``)."""

from __future__ import annotations

from postinterview_tui.tui.collection import pause_collection


def main() -> None:
    """Run the command line; the collector is paused until the command has loaded (a
    subcommand resumes it before it works, the app after its first frame)."""
    pause_collection()
    from postinterview_tui.cli.group import main as cli_main

    cli_main()
