"""Starting the full-screen app (imported only when it is launched)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pendulum import Timezone

from postinterview_tui.clock import Clock


def launch_app(db_path: Path, *, zone: Timezone, clock: Clock, demo: bool) -> None:
    """Run the app on ``db_path``, or on a throw-away copy of the sample data with ``demo``."""
    from postinterview_tui.app import build_app

    if not demo:
        build_app(db_path, zone=zone, clock=clock).run()
        return
    from postinterview_tui.demo import write_demo_database

    folder = Path(tempfile.mkdtemp(prefix="postinterview-demo-"))
    try:
        demo_path = folder / "demo.db"
        write_demo_database(demo_path, now=clock(), zone=zone)
        build_app(demo_path, zone=zone, clock=clock, demo=True).run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
