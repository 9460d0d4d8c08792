"""200 kills spread over every command that writes; the next command always works.

Issue 14, item 1. Each round runs one real ``postinterview`` command (add, move, edit, note,
reply, interview, offer, condition, undo, delete, import, restore, backup, in turn) and kills
it with SIGKILL: every other round at a random moment, the others at the removal of the
rollback journal (the commit point, through ``strace``), which leaves a hot journal. Then:

- the next command (``list --json``) must exit 0: a command that cannot open the file is a
  lock-out and counts as a failure, as does a killed command that reported it could not open;
- ``PRAGMA integrity_check`` must be ok and no change half made;
- a command that finished (exit 0) before its kill is acknowledged: its change must be there.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ._kills import at_journal_unlink, child_env, cli_argv, run, strace

KILLS = 200
MAX_ROUNDS = 400
"""Rounds whose command finished before its kill do not count as kills: the loop goes on
until 200 commands were really killed (at most this many rounds)."""
COMMANDS = (
    "add",
    "move",
    "edit",
    "note",
    "reply",
    "interview",
    "offer",
    "condition",
    "undo",
    "delete",
    "import",
    "restore",
    "backup",
)
STAGES = ("interviewed", "thanked", "followed-up", "offer", "accepted", "closed")


@dataclass
class Tally:
    """What the loop saw."""

    kills: int = 0
    rounds: int = 0
    killed_commands: Counter[str] = field(default_factory=Counter)
    finished: int = 0
    refused: int = 0
    lockouts: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)


def _query(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _import_file(template: dict[str, Any], folder: Path, marker: str) -> Path:
    """The template export with fresh uids and the marker as company: new records to import."""

    def fresh(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: uuid.uuid4().hex if key == "uid" else fresh(item)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [fresh(item) for item in value]
        return value

    data = fresh(template)
    for application in data["applications"]:
        application["company"] = marker
    path = folder / f"{marker}.json"
    path.write_text(json.dumps(data))
    return path


def _plan(
    command: str, number: int, apps: list[dict[str, Any]], db: Path, work: Path, rng: random.Random
) -> tuple[list[str], Any]:
    """The arguments of one round's command, and what to check if it finishes."""
    marker = f"K{number}"
    live = [app for app in apps if app["stage"] not in ("accepted", "closed")] or apps
    app = rng.choice(live) if live else None
    app_id = str(app["id"]) if app else "1"
    if command == "add" or app is None:
        return ["add", "--company", marker, "--role", "Engineer"], ("company", marker)
    if command == "move":
        stage = rng.choice([stage for stage in STAGES if stage != app["stage"]])
        extra = ["--reason", "other"] if stage == "closed" else []
        return ["move", app_id, stage, "--force", *extra], ("stage", app["id"], stage)
    if command == "edit":
        return ["edit", app_id, "--role", marker], ("role", app["id"], marker)
    if command == "note":
        return ["note", app_id, marker], ("note", marker)
    if command == "reply":
        return ["reply", app_id], ("event", app["id"], "reply-received")
    if command == "interview":
        when = ["--when", "2026-11-24 15:00", "--kind", "final"]
        return ["interview", app_id, *when, "--interview-notes", marker], ("interview", marker)
    if command == "offer":
        terms = ["--deadline", "2026-12-20", "--condition", "references", "--notes", marker]
        return ["offer", app_id, *terms], ("offer", app["id"], marker)
    if command == "condition":
        offers = [item for item in apps if item["stage"] == "offer"] or [app]
        target = rng.choice(offers)["id"]
        return ["condition", str(target), "references", "cleared"], ("event", target, "")
    if command == "undo":
        return ["undo"], None
    if command == "delete":
        return ["delete", app_id], ("deleted", app["id"])
    if command == "import":
        template = json.loads((work / "template.json").read_text())
        return ["import", str(_import_file(template, work, marker))], ("company", marker)
    if command == "restore":
        backups = sorted((db.parent / "backups").glob("crash-2*.db"))
        if not backups:
            return ["backup"], ("backup",)
        chosen = backups[-1]
        companies = sorted(row[0] for row in _query(chosen, "SELECT company FROM applications"))
        return ["restore", chosen.name], ("restored", companies)
    return ["backup"], ("backup",)


def _acknowledged(db: Path, check: Any, backups_before: set[str]) -> bool:
    """True when a finished command's change is in the file."""
    if check is None:
        return True
    kind, *args = check
    if kind == "company":
        return bool(_query(db, "SELECT 1 FROM applications WHERE company = ?", (args[0],)))
    if kind == "stage":
        return _query(db, "SELECT stage FROM applications WHERE id = ?", (args[0],)) == [(args[1],)]
    if kind == "role":
        return _query(db, "SELECT role FROM applications WHERE id = ?", (args[0],)) == [(args[1],)]
    if kind == "note":
        rows = _query(db, "SELECT data FROM events WHERE kind = 'note-added'")
        return any(json.loads(data).get("text") == args[0] for (data,) in rows)
    if kind == "event":
        return bool(_query(db, "SELECT 1 FROM events WHERE application_id = ?", (args[0],)))
    if kind == "interview":
        return bool(_query(db, "SELECT 1 FROM interviews WHERE notes = ?", (args[0],)))
    if kind == "offer":
        return _query(db, "SELECT offer_notes FROM applications WHERE id = ?", (args[0],)) == [
            (args[1],)
        ]
    if kind == "deleted":
        rows = _query(db, "SELECT deleted_at FROM applications WHERE id = ?", (args[0],))
        return bool(rows) and rows[0][0] is not None
    if kind == "restored":
        now = sorted(row[0] for row in _query(db, "SELECT company FROM applications"))
        return bool(now == args[0])
    if kind == "backup":
        made = {path.name for path in (db.parent / "backups").glob("crash-2*.db")}
        new = made - backups_before
        return bool(new) and all(
            _query(db.parent / "backups" / name, "PRAGMA integrity_check") == [("ok",)]
            for name in new
        )
    raise AssertionError(kind)


def _whole(db: Path) -> str | None:
    """What is wrong with the file, or ``None``."""
    if _query(db, "PRAGMA integrity_check") != [("ok",)]:
        return "integrity_check failed"
    if _query(db, "PRAGMA foreign_key_check"):
        return "foreign_key_check failed"
    # No half-made application: each has its "created" event, and each shown one its
    # interview. An undone add is whole too: hidden (deleted_at set), its interview removed.
    half = _query(
        db,
        "SELECT id FROM applications WHERE (deleted_at IS NULL AND id NOT IN "
        "(SELECT application_id FROM interviews)) "
        "OR id NOT IN (SELECT application_id FROM events WHERE kind = 'created')",
    )
    return f"half-made applications {half}" if half else None


def _kill_at_random(argv: list[str], rng: random.Random) -> int | None:
    """Run ``argv`` and kill it at a random moment; its exit status if it finished first."""
    child = subprocess.Popen(
        argv,
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # The commands take 0.1 to 0.3 s, most of it starting Python.
    time.sleep(rng.uniform(0.03, 0.25))
    finished = child.poll()
    if finished is None:
        os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=60)
    return finished


@pytest.mark.slow
def test_two_hundred_kills_over_every_write_command(tmp_path: Path) -> None:
    strace()  # fails with how to install it when missing
    work = tmp_path / "work"
    work.mkdir()
    template_db = work / "template.db"
    assert run(cli_argv(template_db, "add", "--company", "T", "--role", "R")).returncode == 0
    assert run(cli_argv(template_db, "note", "1", "from the template")).returncode == 0
    exported = run(cli_argv(template_db, "export"))
    (work / "template.json").write_text(exported.stdout)
    db = tmp_path / "data" / "crash.db"
    for number in range(3):
        added = run(cli_argv(db, "add", "--company", f"Seed {number}", "--role", "R"))
        assert added.returncode == 0, added.stderr
    assert run(cli_argv(db, "backup")).returncode == 0

    rng = random.Random(20261205)
    tally = Tally()
    apps: list[dict[str, Any]] = json.loads(run(cli_argv(db, "list", "--json")).stdout)
    started = time.monotonic()
    for number in range(MAX_ROUNDS):
        if tally.kills >= KILLS:
            break
        tally.rounds += 1
        command = COMMANDS[number % len(COMMANDS)]
        args, check = _plan(command, number, apps, db, work, rng)
        backups_before = {path.name for path in (db.parent / "backups").glob("crash-2*.db")}
        if number % 2:
            # A backup writes no journal of the database: it is cut at its first removal of any
            # file (its copy's journal), the others at their first or second commit.
            watched = None if args[0] == "backup" else db
            nth = rng.choice((1, 2)) if args[0] in ("import", "restore") else 1
            cut = run(at_journal_unlink(watched, cli_argv(db, *args), nth=nth))
            status: int | None = cut.returncode
            finished = status == 0
            if status not in (0, -9, 137, 2):
                tally.lockouts.append(f"{number} {args[0]} (strace): {cut.stderr.strip()}")
        else:
            status = _kill_at_random(cli_argv(db, *args), rng)
            finished = status == 0
            if status not in (None, 0, 2):
                tally.lockouts.append(f"{number} {args[0]}: exit {status}")
        if status in (None, -9, 137):
            tally.kills += 1
            tally.killed_commands[args[0]] += 1
        tally.finished += finished
        tally.refused += status == 2

        after = run(cli_argv(db, "list", "--json"))
        if after.returncode != 0:
            tally.lockouts.append(f"{number} after {args[0]}: {after.stderr.strip()}")
            continue
        apps = json.loads(after.stdout)
        problem = _whole(db)
        if problem:
            tally.broken.append(f"{number} after {args[0]}: {problem}")
        if finished and not _acknowledged(db, check, backups_before):
            tally.lost.append(f"{number} {' '.join(args)}")
    elapsed = time.monotonic() - started

    # A killed backup's half-written copy is cleaned by the next backup.
    assert run(cli_argv(db, "backup")).returncode == 0
    leftovers = [path.name for path in (db.parent / "backups").iterdir() if ".tmp" in path.name]
    print(
        f"\ncrash loop: {tally.rounds} rounds, {tally.kills} kills, "
        f"{tally.finished} finished first, "
        f"{tally.refused} refused (exit 2), {len(tally.lockouts)} lock-outs, "
        f"{len(tally.lost)} lost, {len(tally.broken)} broken, {elapsed:.0f} s\n"
        f"kills per command: {dict(sorted(tally.killed_commands.items()))}"
    )
    assert tally.lockouts == []
    assert tally.lost == []
    assert tally.broken == []
    assert leftovers == []
    assert tally.kills == KILLS
    assert set(tally.killed_commands) == set(COMMANDS)  # every write command was cut short
