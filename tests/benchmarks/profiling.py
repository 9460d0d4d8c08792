"""Where the time goes, with the standard library's ``cProfile`` (nothing to install).

``python -m tests.benchmarks.profiling [--size N] [--out DIR]`` writes, per case, a ``.prof``
file (open it with ``python -m pstats``) and a text report of the functions by cumulative
time to ``DIR`` (default ``tests/benchmarks/profiles``):

* ``startup``: the whole process, ``postinterview --db`` to the first frame of the board;
* ``today``: ``postinterview today``;
* ``move-ui`` / ``move-store``: a stage move: the event loop (key, board redraw, frame) over
  many moves, and the write in the worker thread (``Repository.move``, its commit included),
  profiled in that thread;
* ``detail-ui``: enter on a card to the frame showing the detail screen;
* ``review-ui`` / ``review-store``: the daily review, the same way: the key to the frame
  showing the review, and its read in the worker thread (``read_review``, which the board's
  ``r`` calls before pushing the screen, and the screen after its writes).

Imports: ``python -X importtime -m postinterview_tui --db FILE today 2> imports.txt``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
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


def _report(stats_file: Path, lines: int = 60) -> None:
    """Write ``<name>.txt`` beside ``stats_file``: the functions by cumulative time."""
    text = io.StringIO()
    pstats.Stats(str(stats_file), stream=text).sort_stats("cumulative").print_stats(lines)
    stats_file.with_suffix(".txt").write_text(text.getvalue())


def _save(profiler: cProfile.Profile, out: Path) -> None:
    profiler.create_stats()
    if not profiler.stats:  # type: ignore[attr-defined]
        # Said plainly rather than as pstats' TypeError: the profiled function is no longer
        # the one the app calls (the case must follow the code).
        raise RuntimeError(f"{out.name}: nothing was profiled")
    profiler.dump_stats(str(out))
    _report(out)


def _in_thread(owner: Any, name: str, profiler: cProfile.Profile) -> Callable[[], None]:
    """Profile every call of ``owner.name`` (made in a worker thread) with ``profiler``;
    returns the function that puts the original back."""
    original = getattr(owner, name)

    def profiled(*args: Any, **kwargs: Any) -> Any:
        profiler.enable()
        try:
            return original(*args, **kwargs)
        finally:
            profiler.disable()

    setattr(owner, name, profiled)
    return lambda: setattr(owner, name, original)


def profile_startup(db: Path, home: Path, out: Path) -> None:
    env = child_env(
        home,
        BENCH_KIND="app",
        BENCH_PHASE="profile",
        BENCH_PROFILER="cprofile",
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
    _report(out)


def profile_today(db: Path, home: Path, out: Path) -> None:
    command = [python(), "-m", "cProfile", "-o", str(out), "-m"]
    command += ["postinterview_tui", "--db", str(db), "today"]
    for _ in range(2):
        subprocess.run(command, env=child_env(home), check=True, capture_output=True, cwd=home)
    _report(out)


async def profile_interactions(db: Path, out_dir: Path, size: int, moves: int) -> None:
    from postinterview_tui.domain.stages import Stage
    from postinterview_tui.tui.screens import review as review_module
    from postinterview_tui.tui.screens.detail import DetailScreen
    from postinterview_tui.tui.state import review_data
    from tests.benchmarks.latency import (
        FrameProbe,
        _board,
        _close,
        _fixed_now,
        _quiet,
        build,
        timed_press,
    )

    app: Any = build(db)
    probe = FrameProbe(app)
    store = cProfile.Profile()
    restore_move = _in_thread(app.repository, "move", store)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await _quiet(pilot)
        screen = _board(app)
        held_by = _fixed_now()
        # One person interviewed, round over: ">" asks nothing (as in tests.benchmarks.latency).
        card = next(
            item
            for item in screen.board.columns[Stage.INTERVIEWED]
            if item.progress.interviewers_total <= 1
            and item.progress.last_interview_at is not None
            and item.progress.last_interview_at <= held_by
        )

        async def on_card() -> None:
            screen.column(Stage.INTERVIEWED).select_id(card.id)
            screen.column(Stage.INTERVIEWED).focus()
            await _quiet(pilot)

        await on_card()
        loop = cProfile.Profile()
        for index in range(moves):
            key, target = (">", Stage.THANKED) if index % 2 == 0 else ("<", Stage.INTERVIEWED)
            loop.enable()
            await timed_press(
                pilot,
                probe,
                key,
                lambda s, t=target: s is screen and s.board.stage_of(card.id) is t,
            )
            loop.disable()
            await _quiet(pilot)
        restore_move()
        _save(loop, out_dir / f"move-ui-{size}.prof")
        _save(store, out_dir / f"move-store-{size}.prof")

        loop = cProfile.Profile()
        for _ in range(moves // 2):
            await on_card()
            loop.enable()
            await timed_press(pilot, probe, "enter", lambda s: isinstance(s, DetailScreen))
            loop.disable()
            await _quiet(pilot)
            await pilot.press("escape")
            await _quiet(pilot)
        _save(loop, out_dir / f"detail-ui-{size}.prof")

        loop, store = cProfile.Profile(), cProfile.Profile()
        # The board's r reads the review before it pushes the screen (review_data's function,
        # looked up at each press); the screen reads again with its own import after writes.
        restore_opening = _in_thread(review_data, "read_review", store)
        restore_read = _in_thread(review_module, "read_review", store)
        for _ in range(moves // 2):
            await on_card()
            loop.enable()
            await timed_press(
                pilot,
                probe,
                "r",
                lambda s: type(s).__name__ == "ReviewScreen" and getattr(s, "data", None),
            )
            loop.disable()
            await _quiet(pilot)
            await pilot.press("escape")
            await _quiet(pilot)
        restore_read()
        restore_opening()
        _save(loop, out_dir / f"review-ui-{size}.prof")
        _save(store, out_dir / f"review-store-{size}.prof")
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
        profile_startup(db, home, args.out / f"startup-{args.size}.prof")
        profile_today(db, home, args.out / f"today-{args.size}.prof")
        asyncio.run(profile_interactions(db, args.out, args.size, args.moves))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    for path in sorted(args.out.glob(f"*-{args.size}.txt")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
