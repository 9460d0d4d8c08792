"""Target 6: a settings change the rules read, at 100,000 applications, computes every due
again in the same transaction. Times the whole ``config set`` write, commit included.

``python -m tests.benchmarks.recompute DB`` prints a JSON object: the seconds the write took,
and how many applications have stored dues afterwards. The file is changed: give it a copy.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from postinterview_tui.clock import local_zone, make_clock
from postinterview_tui.storage.repository import Repository


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    zone = local_zone()
    now = make_clock(zone)()
    repository = Repository.open(path, zone=zone, create=False)
    assert repository is not None
    try:
        before = repository.settings().follow_up_days
        started = time.perf_counter()
        repository.set_setting("rules.follow_up_days", str(before + 1), now)
        seconds = time.perf_counter() - started
        with repository.exclusive():
            with_dues = repository.db.execute(
                "SELECT count(DISTINCT application_id) FROM dues"
            ).fetchone()[0]
    finally:
        repository.close()
    print(json.dumps({"seconds": seconds, "applications_with_dues": with_dues}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
