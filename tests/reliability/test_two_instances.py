"""Two instances editing the same 20 applications at once: no lock error reaches either, and
nothing is lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.storage.repository import Repository

EDITS = 500
APPLICATIONS = 20

WORKER = textwrap.dedent(
    """
    import random, sys
    from pathlib import Path
    import pendulum
    from postinterview_tui.domain.records import ApplicationEdit
    from postinterview_tui.domain.stages import STAGE_ORDER, CloseReason, Stage
    from postinterview_tui.domain.moves import RuleRefusal
    from postinterview_tui.storage.repository import Repository

    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    zone = pendulum.timezone("Europe/London")
    now = pendulum.datetime(2026, 11, 25, 10, tz=zone)
    rng = random.Random(tag)
    repo = Repository.open(Path(path), zone=zone, create=False)
    ids = [item.id for item in repo.summaries()]
    print("ready", flush=True)
    assert sys.stdin.readline().strip() == "go"
    for number in range(count):
        target = rng.choice(ids)
        marker = f"{tag}-{number}"
        choice = rng.random()
        if choice < 0.5:
            repo.add_note(target, marker, now)
            print(f"note {target} {marker}", flush=True)
        elif choice < 0.8:
            repo.edit(target, ApplicationEdit(location=marker), now)
            print(f"edit {target} {marker}", flush=True)
        else:
            stage = rng.choice(STAGE_ORDER)
            reason = CloseReason.OTHER if stage is Stage.CLOSED else None
            try:
                repo.move(target, stage, when=now, now=now, reason=reason, force=True)
            except RuleRefusal:
                continue
            print(f"move {target} {stage.value}", flush=True)
    print("done", flush=True)
    """
)


@pytest.mark.slow
def test_two_instances_editing_the_same_applications(
    db_path: Path, zone: Timezone, now: DateTime
) -> None:
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    for number in range(APPLICATIONS):
        repository.add_application(
            NewApplication(f"Shared {number}", "Engineer", NewInterview(now.subtract(days=2))),
            now,
        )
    repository.close()
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db_path), tag, str(EDITS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("left", "right")
    ]
    for worker in workers:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outputs = [worker.communicate(timeout=600) for worker in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
        assert "locked" not in err and "locked" not in out
        assert out.strip().endswith("done")

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        notes = {
            row[0] for row in conn.execute("SELECT data FROM events WHERE kind = 'note-added'")
        }
        edited = conn.execute("SELECT count(*) FROM events WHERE kind = 'edited'").fetchone()[0]
        reported_edits = 0
        for out, _ in outputs:
            for line in out.splitlines():
                kind, *rest = line.split()
                if kind == "note":
                    assert f'{{"text": "{rest[1]}"}}' in notes, line
                elif kind == "edit":
                    reported_edits += 1
        # Every edit that was reported as saved left its event: none was silently lost.
        assert edited == reported_edits
        # Each row holds a value one of the two wrote, whole.
        locations = [row[0] for row in conn.execute("SELECT location FROM applications")]
        written = {
            line.split()[2]
            for out, _ in outputs
            for line in out.splitlines()
            if line.startswith("edit ")
        }
        assert all(location in written for location in locations if location)
    finally:
        conn.close()
