"""Two processes writing to the same file at once: both finish, nothing is lost or damaged."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pendulum import Timezone

from postinterview_tui.storage.repository import Repository

from ._support import health, query

WRITES_PER_PROCESS = 150

# Each worker opens the file, says "ready", waits for "go" so both really overlap, then does a
# mix of writes on its own applications (with reads in between) and prints each new id only
# after the add that created it has committed.
WORKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import pendulum

    from postinterview_tui.domain.records import (
        ApplicationEdit, NewApplication, NewInterview, NewInterviewer,
    )
    from postinterview_tui.domain.stages import CloseReason, Stage
    from postinterview_tui.storage.repository import Repository

    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    zone = pendulum.timezone("Europe/London")
    start = pendulum.parse("2026-11-25T10:00:00+00:00")
    repo = Repository.open(Path(path), zone=zone, create=False)
    assert repo is not None
    print("ready", flush=True)
    assert sys.stdin.readline().strip() == "go"
    targets = [Stage.THANKED, Stage.FOLLOWED_UP, Stage.OFFER, Stage.CLOSED, Stage.INTERVIEWED]
    mine = []
    for number in range(count):
        when = start.add(seconds=number)
        kind = number % 4
        if kind == 0 or not mine:
            new = NewApplication(
                f"{tag} company {number}", "Engineer",
                NewInterview(when.subtract(days=1), interviewers=(NewInterviewer("Ana"),)),
                notes=f"written by {tag}\\nline two",
            )
            application_id = repo.add_application(new, when)
            mine.append(application_id)
            print(f"added {application_id}", flush=True)
        elif kind == 1:
            application_id = mine[number % len(mine)]
            current = repo.summary(application_id).stage
            target = next(s for s in targets[number % 5:] + targets if s is not current)
            reason = CloseReason.OTHER if target is Stage.CLOSED else None
            repo.move(application_id, target, when=when, now=when, reason=reason, force=True)
        elif kind == 2:
            repo.edit(mine[-1], ApplicationEdit(role=f"Engineer {number}"), when)
        else:
            repo.add_note(mine[0], f"{tag} note {number}", when)
        repo.summaries(limit=25)
    repo.close()
    print("done", flush=True)
    """
)


@pytest.mark.slow
def test_two_processes_writing_at_once(tmp_path: Path, db_path: Path, zone: Timezone) -> None:
    created = Repository.open(db_path, zone=zone)  # the file exists before both start
    assert created is not None
    created.close()
    script = tmp_path / "worker.py"
    script.write_text(WORKER)

    workers = {
        tag: subprocess.Popen(
            [sys.executable, str(script), str(db_path), tag, str(WRITES_PER_PROCESS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("one", "two")
    }
    try:
        for worker in workers.values():
            assert worker.stdout is not None
            assert worker.stdout.readline().strip() == "ready"
        outputs = {}
        # Release both, then collect: communicate() writes "go" and waits for the end.
        for worker in workers.values():
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        for tag, worker in workers.items():
            outputs[tag] = worker.communicate(timeout=120)
    finally:
        for worker in workers.values():
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    promised: dict[str, list[int]] = {}
    for tag, worker in workers.items():
        out, err = outputs[tag]
        assert worker.returncode == 0, err
        assert "locked" not in out + err
        assert "busy" not in (out + err).lower()
        lines = out.splitlines()
        assert lines[-1] == "done"
        promised[tag] = [int(line.split()[1]) for line in lines if line.startswith("added ")]
        assert len(promised[tag]) == (WRITES_PER_PROCESS + 3) // 4

    stored = dict(query(db_path, "SELECT id, company FROM applications WHERE deleted_at IS NULL"))
    for tag, application_ids in promised.items():
        for application_id in application_ids:
            assert str(stored[application_id]).startswith(f"{tag} company ")
    assert set(promised["one"]).isdisjoint(promised["two"])
    assert len(stored) == len(promised["one"]) + len(promised["two"])
    assert health(db_path) == ("ok", [])
    # Every write of both is there: one note per fourth write, per process.
    notes = query(db_path, "SELECT count(*) FROM events WHERE kind = 'note-added'")[0][0]
    assert notes == 2 * (WRITES_PER_PROCESS // 4)
    actions = query(db_path, "SELECT count(*) FROM actions")[0][0]
    assert actions == 2 * WRITES_PER_PROCESS
