"""Starting the full-screen app (imported only when it is launched)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click
from pendulum import Timezone

from postinterview_tui.clock import Clock
from postinterview_tui.storage.errors import StoreDamaged, StoreMissing


def launch_app(db_path: Path, *, zone: Timezone, clock: Clock, demo: bool) -> None:
    """Run the app on ``db_path``, or on a throw-away copy of the sample data with ``demo``.

    A damaged file is never replaced by an empty database: the user is offered the latest
    good backup (the damaged file is kept aside), or told how to restore one.
    """
    from postinterview_tui.tui.app import build_app

    if demo:
        _launch_demo(zone=zone, clock=clock)
        return
    try:
        app = build_app(db_path, zone=zone, clock=clock)
    except StoreDamaged as damage:
        if not offer_restore(db_path, damage, clock):
            raise
        app = build_app(db_path, zone=zone, clock=clock)
    app.run()


def offer_restore(db_path: Path, damage: StoreDamaged, clock: Clock) -> bool:
    """Offer to restore the newest good backup of a damaged file. True once restored."""
    from postinterview_tui.storage.files.backup import (
        BackupError,
        backups_of,
        restore_backup,
        restore_command,
        verify_backup,
    )

    good = None
    for info in backups_of(db_path):
        try:
            verify_backup(info.path)
        except BackupError:
            continue
        good = info
        break
    missing = isinstance(damage, StoreMissing)
    if good is None or not sys.stdin.isatty():
        if good is not None and not missing:  # a missing file's message names it already
            damage.message += f"; restore a backup with `{restore_command(db_path, good.path)}`"
        return False
    taken = good.taken_at.in_timezone(clock().timezone or "UTC").format("ddd D MMM YYYY HH:mm")
    from postinterview_tui.domain.text import safe_line

    click.echo(f"postinterview: {safe_line(damage.message)}", err=True)
    kept = "" if missing else " (the damaged file is kept aside)"
    question = f"Restore the latest good backup, from {taken}?{kept}"
    if not click.confirm(question, default=True, err=True):
        return False
    aside = restore_backup(db_path, good.path, clock())
    where = f" The damaged file is kept as {safe_line(str(aside))}." if aside is not None else ""
    click.echo(f"Restored.{where}", err=True)
    return True


def _launch_demo(*, zone: Timezone, clock: Clock) -> None:
    from postinterview_tui.demo import write_demo_database
    from postinterview_tui.tui.app import build_app

    folder = Path(tempfile.mkdtemp(prefix="postinterview-demo-"))
    try:
        demo_path = folder / "demo.db"
        write_demo_database(demo_path, now=clock(), zone=zone)
        build_app(demo_path, zone=zone, clock=clock, demo=True).run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
