"""Opening an up-to-date file reads it without loading the migrations (nor sqlite-utils)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.storage import schema, schema_version
from postinterview_tui.storage.repository import Repository

from ._support import sample_application

ROOT = Path(__file__).resolve().parents[2]

_OPEN_AND_READ = """
import json, sys
from pathlib import Path
import pendulum
from postinterview_tui.tui.state.board_data import load_board
from postinterview_tui.storage.repository import Repository
zone = pendulum.timezone("Europe/London")
repository = Repository.open(Path(sys.argv[1]), zone=zone, create=False)
board = load_board(repository, now=pendulum.now(zone), zone=zone)
print(json.dumps({"total": board.total, "modules": sorted(sys.modules)}))
"""


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )


def test_the_light_constants_match_the_migrations() -> None:
    names = tuple(step.name for step in schema.migrations._migrations)
    assert names == schema_version.MIGRATION_NAMES
    assert len(names) == schema.LATEST_VERSION


def test_reading_an_up_to_date_file_loads_no_migrations(
    db_path: Path, zone: Timezone, now: DateTime
) -> None:
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    repository.add_application(sample_application(now), now)
    repository.close()
    result = _run(_OPEN_AND_READ, str(db_path))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["total"] == 1
    loaded = set(report["modules"])
    assert "postinterview_tui.storage.schema" not in loaded
    assert not {name for name in loaded if name.split(".")[0] == "sqlite_utils"}


def test_today_on_an_up_to_date_file_loads_no_sqlite_utils(
    db_path: Path, zone: Timezone, now: DateTime
) -> None:
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    repository.add_application(sample_application(now), now)
    repository.close()
    code = (
        "import sys, runpy; sys.argv = ['postinterview', '--db', sys.argv[1], 'today'];"
        "import atexit, json;"
        "atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules))));"
        "runpy.run_module('postinterview_tui', run_name='__main__')"
    )
    result = _run(code, str(db_path))
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stderr[result.stderr.index("[") :]))
    assert "postinterview_tui.cli.today" in loaded  # it did run the command
    assert not {name for name in loaded if name.split(".")[0] == "sqlite_utils"}


def test_a_new_file_is_still_created_with_the_full_schema(db_path: Path, zone: Timezone) -> None:
    repository = Repository.open(db_path, zone=zone)
    assert repository is not None
    version = repository.db.execute("PRAGMA user_version").fetchone()[0]
    repository.close()
    assert version == schema_version.LATEST_VERSION
