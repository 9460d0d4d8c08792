"""Another process changing the file: move one application, print when the commit finished.

``python -m tests.benchmarks.writer DB ID STAGE`` prints ``time.perf_counter()`` taken right
after the commit (CLOCK_MONOTONIC, comparable with the app process on Linux).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from postinterview_tui.clock import local_zone, make_clock
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.repository import Repository


def main(argv: list[str]) -> int:
    path, application_id, stage = Path(argv[0]), int(argv[1]), Stage(argv[2])
    zone = local_zone()
    now = make_clock(zone)()
    repository = Repository.open(path, zone=zone, create=False)
    assert repository is not None
    repository.move(application_id, stage, when=now, now=now, force=True)
    committed = time.perf_counter()
    repository.close()
    print(committed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
