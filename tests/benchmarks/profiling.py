"""Where the time goes at 10,000 applications (pyinstrument; ``pip install pyinstrument``).

``python -m tests.benchmarks.profiling [--size N] [--out DIR]`` writes one text report per case
to ``DIR`` (default ``tests/benchmarks/profiles``):

* ``startup``: the whole process, ``postinterview --db`` to the first frame of the board;
* ``today``: ``postinterview today``;
* ``move-ui`` / ``move-store``: a stage move: the event-loop side (key, board redraw, frame)
  sampled over many moves, and the worker-thread side (``Repository.move`` + ``load_board``)
  run directly, since pyinstrument samples one thread;
* ``review-ui`` / ``review-store``: the daily review, the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.common import (  # noqa: E402
    BENCH_DIR,
    NOW_TEXT,
    REPO_ROOT,
    TERMINAL_SIZE,
    ZONE_NAME,
    child_env,
    python,
    work_dir,
)


def _report(profiler: Any) -> str:
    return str(profiler.output_text(unicode=True, color=False, show_all=False))


def profile_startup(db: Path, home: Path, out: Path) -> None:
    env = child_env(
        home,
        BENCH_KIND="app",
        BENCH_PHASE="profile",
        BENCH_DB=str(db),
        BENCH_OUT=str(home / "profile.json"),
        BENCH_PROFILE_OUT=str(out),
        BENCH_SIZE=f"{TERMINAL_SIZE[0]}x{TERMINAL_SIZE[1]}",
        BENCH_T0=repr(time.perf_counter()),
    )
    for _ in range(2):  # the first run warms the byte-code and page caches
        subprocess.run(
            [python(), str(BENCH_DIR / "child.py")],
            env=env,
            check=True,
            stdin=subprocess.DEVNULL,
            cwd=REPO_ROOT,
        )


def profile_today(db: Path, home: Path, out: Path) -> None:
    command = [python(), "-m", "pyinstrument", "-r", "text", "-o", str(out), "-m"]
    command += ["postinterview_tui", "--db", str(db), "today"]
    for _ in range(2):
        subprocess.run(command, env=child_env(home), check=True, capture_output=True, cwd=home)


async def profile_interactions(db: Path, out_dir: Path, size: int, moves: int) -> None:
    from pyinstrument import Profiler

    from postinterview_tui.domain.agenda import build_agenda
    from postinterview_tui.domain.stages import Stage
    from postinterview_tui.tui.state.board_data import load_board
    from tests.benchmarks.latency import FrameProbe, _board, _close, _quiet, build, timed_press

    app: Any = build(db)
    probe = FrameProbe(app)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await _quiet(pilot)
        screen = _board(app)
        card = screen.board.columns[Stage.INTERVIEWED][0]
        column = screen.column(Stage.INTERVIEWED)
        column.select_id(card.id)
        column.focus()
        await _quiet(pilot)
        profiler = Profiler(interval=0.0005, async_mode="disabled")
        for index in range(moves):
            key, target = (">", Stage.THANKED) if index % 2 == 0 else ("<", Stage.INTERVIEWED)
            profiler.start()
            await timed_press(
                pilot,
                probe,
                key,
                lambda s, t=target: s is screen and s.board.stage_of(card.id) is t,
            )
            profiler.stop()
            await _quiet(pilot)
        (out_dir / f"move-ui-{size}.txt").write_text(_report(profiler))

        repository = app.repository
        clock = app.clock
        profiler = Profiler(interval=0.0005, async_mode="disabled")
        profiler.start()
        for index in range(moves):
            target = Stage.THANKED if index % 2 == 0 else Stage.INTERVIEWED
            now = clock()
            repository.move(card.id, target, when=now, now=now)
            load_board(repository)
        profiler.stop()
        (out_dir / f"move-store-{size}.txt").write_text(_report(profiler))

        if "r" in app.screen.active_bindings:
            profiler = Profiler(interval=0.0005, async_mode="disabled")
            for _ in range(3):
                profiler.start()
                await timed_press(
                    pilot,
                    probe,
                    "r",
                    lambda s: type(s).__name__ == "ReviewScreen" and getattr(s, "data", 1),
                )
                profiler.stop()
                await _quiet(pilot)
                await pilot.press("escape")
                await _quiet(pilot)
                column.focus()
                await _quiet(pilot)
            (out_dir / f"review-ui-{size}.txt").write_text(_report(profiler))
            profiler = Profiler(interval=0.0005, async_mode="disabled")
            profiler.start()
            for _ in range(3):
                settings = repository.settings()
                build_agenda(repository.open_summaries(), settings, clock(), app.zone)
            profiler.stop()
            (out_dir / f"review-store-{size}.txt").write_text(_report(profiler))
    _close(app)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--moves", type=int, default=12)
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "profiles")
    args = parser.parse_args(argv)
    from tests.benchmarks.run import prepare_databases

    os.environ.setdefault("POSTINTERVIEW_NOW", NOW_TEXT)
    os.environ.setdefault("TZ", ZONE_NAME)
    args.out.mkdir(parents=True, exist_ok=True)
    home = work_dir()
    try:
        source = prepare_databases({args.size}, fresh=False)[args.size]
        db = home / "profile.db"
        shutil.copyfile(source, db)
        profile_startup(db, home, args.out / f"startup-{args.size}.txt")
        profile_today(db, home, args.out / f"today-{args.size}.txt")
        asyncio.run(profile_interactions(db, args.out, args.size, args.moves))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    for path in sorted(args.out.glob(f"*-{args.size}.txt")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
