"""The patches of Textual's private API (tui/workarounds.py) apply to the Textual we pin, and
each one does what it is there for: remove or break one and a test here or named below fails.

- forget_closed_widgets: tests/ui/test_memory.py (screens opened and closed pile up lines);
- crash_goes_to_the_log: the test below.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from postinterview_tui.tui.workarounds import PATCHES

CRASHING_APP = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import pendulum

    from postinterview_tui.logs import setup_logging
    from postinterview_tui.tui.app import build_app
    from postinterview_tui.tui.screens.board import BoardScreen

    def explode(self, *args):
        raise RuntimeError("boom from the test")

    BoardScreen.on_mount = explode
    setup_logging(False)
    zone = pendulum.timezone("Europe/London")
    now = pendulum.datetime(2026, 11, 25, 10, 0, tz=zone)
    app = build_app(Path(sys.argv[1]), zone=zone, clock=lambda: now)
    app.run(headless=True)
    sys.exit(app.return_code or 0)
    """
)


def test_every_patch_applies_to_the_pinned_textual() -> None:
    assert [name for name, applies in PATCHES.items() if not applies] == []


def test_a_crash_prints_one_line_and_logs_the_trace(
    tmp_path: Path, isolated_environment: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_APP, str(tmp_path / "crash.db")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "400"},  # one line, not wrapped at 80
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("postinterview: error: something unexpected went wrong;")
    assert "boom" not in result.stderr
    log_path = Path(lines[0].rsplit("details are in ", 1)[1])
    logged = log_path.read_text()
    assert "unexpected error in the app" in logged and "boom from the test" in logged
