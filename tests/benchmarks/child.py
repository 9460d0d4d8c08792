"""One benchmark process: the real app (through the real command line) or a bare Textual app.

Run by :mod:`tests.benchmarks.run`, never imported by it. Settings come from the environment:

``BENCH_KIND``   ``app`` (``postinterview --db BENCH_DB``, headless) or ``bare`` (one Static +
                 Footer, the floor any Textual app pays);
``BENCH_PHASE``  ``startup`` (exit at the first frame), ``idle`` (sit idle and measure CPU),
                 ``memory`` (a short session of keys, then report peak RSS) or ``profile``
                 (``startup`` under pyinstrument, report written to ``BENCH_PROFILE_OUT``);
``BENCH_T0``     ``time.perf_counter()`` in the parent just before it spawned this process
                 (CLOCK_MONOTONIC is system-wide on Linux, so the two clocks agree);
``BENCH_OUT``    where to write the JSON result.

"First frame" is the first call of ``App._display`` with a compositor update (headless: the
frame is fully composed, only the terminal write is skipped) while the board screen is current
and holds its data, i.e. the first frame that shows the board.
"""

from __future__ import annotations

import os
import time

T_MAIN = time.perf_counter()  # after interpreter start-up, before any import of ours

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

KIND = os.environ.get("BENCH_KIND", "bare")
PHASE = os.environ.get("BENCH_PHASE", "startup")
T0 = float(os.environ.get("BENCH_T0", T_MAIN))
OUT = os.environ.get("BENCH_OUT", "")
WIDTH, HEIGHT = (int(part) for part in os.environ.get("BENCH_SIZE", "160x50").split("x"))
IDLE_WINDOWS = int(os.environ.get("BENCH_IDLE_WINDOWS", "5"))
IDLE_WINDOW_SECONDS = float(os.environ.get("BENCH_IDLE_WINDOW_SECONDS", "2"))

if KIND == "app":
    # The first thing the console script does (postinterview_tui.entry.main).
    from postinterview_tui.tui.collection import pause_collection

    pause_collection()

marks: dict[str, float] = {"main": T_MAIN}
result: dict[str, Any] = {"kind": KIND, "phase": PHASE}
PROFILER = os.environ.get("BENCH_PROFILER", "pyinstrument")
profiler: Any = None
if PHASE == "profile":
    if PROFILER == "cprofile":
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    else:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()

from textual.app import App  # noqa: E402  (patched before the app module is imported)

first_frame_seen = False


def cpu_seconds() -> float:
    """User + system CPU of this process (all threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def max_rss_kib() -> int:
    """Peak resident set size so far (KiB on Linux)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def board_ready(app: App[Any], screen: Any) -> bool:
    """True when ``screen`` is the board and shows its data."""
    if KIND == "bare":
        return screen is app.screen and bool(screen.children)
    return type(screen).__name__ == "BoardScreen" and getattr(screen, "board", None) is not None


def verify_board(screen: Any) -> bool:
    """Check the frame really shows cards: a column's first line is its first card's title."""
    if KIND == "bare":
        return True
    board = screen.board
    if board.total == 0:
        return bool(screen.query_one("#empty-state").display)
    from postinterview_tui.domain.stages import STAGE_ORDER

    for stage in STAGE_ORDER:
        items = board.columns[stage]
        if items:
            column = screen.column(stage)
            line = column.render_line(0).text
            return items[0].company[:10] in line
    return False


_original_display = App._display


def _display(self: App[Any], screen: Any, renderable: Any) -> None:
    global first_frame_seen
    _original_display(self, screen, renderable)
    if first_frame_seen or renderable is None or self._batch_count:
        return
    if board_ready(self, screen):
        marks["first_frame"] = time.perf_counter()
        first_frame_seen = True
        result["rss_at_first_frame_kib"] = max_rss_kib()
        result["cpu_at_first_frame"] = cpu_seconds()  # steadier than wall time when busy
        if profiler is not None:
            profiler.disable() if PROFILER == "cprofile" else profiler.stop()
        result["verified"] = verify_board(screen)
        if PHASE in ("startup", "profile"):
            self.exit()


App._display = _display  # type: ignore[method-assign]


async def _wait_first_frame() -> None:
    while not first_frame_seen:
        await asyncio.sleep(0.005)


async def _settle(pilot: Any) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def auto_pilot(pilot: Any) -> None:
    """What the ``idle`` and ``memory`` phases do once the first frame is out."""
    await _wait_first_frame()
    await _settle(pilot)
    if PHASE == "idle":
        await asyncio.sleep(IDLE_WINDOW_SECONDS)  # let start-up work and the first polls pass
        windows = []
        for _ in range(IDLE_WINDOWS):
            cpu, wall = cpu_seconds(), time.perf_counter()
            await asyncio.sleep(IDLE_WINDOW_SECONDS)
            windows.append((cpu_seconds() - cpu) / (time.perf_counter() - wall))
        result["idle_cpu_fraction_windows"] = windows
    elif PHASE == "memory":
        if KIND == "bare":
            for _ in range(20):
                await pilot.press("x")
        else:
            for keys in (("j", "j", "k", "l", "l", "h", "h"), (">",), ("<",), ("enter",)):
                await pilot.press(*keys)
                await _settle(pilot)
            await pilot.press("escape")
            await _settle(pilot)
            if "r" in pilot.app.screen.active_bindings:
                await pilot.press("r")
                await _settle(pilot)
                await asyncio.sleep(0.5)
                await pilot.press("escape")
                await _settle(pilot)
        await asyncio.sleep(1.5)  # one board poll and its reload, if any
        await _settle(pilot)
    result["max_rss_kib"] = max_rss_kib()
    pilot.app.exit()


_original_run = App.run


def _run(self: App[Any], *args: Any, **kwargs: Any) -> Any:
    marks["run"] = time.perf_counter()
    kwargs["headless"] = True
    kwargs["size"] = (WIDTH, HEIGHT)
    if PHASE in ("idle", "memory"):
        kwargs["auto_pilot"] = auto_pilot
    return _original_run(self, *args, **kwargs)


App.run = _run  # type: ignore[method-assign]


def run_bare() -> int:
    from textual.app import ComposeResult
    from textual.widgets import Footer, Static

    class BareApp(App[None]):
        BINDINGS = [("x", "bump", "Bump")]

        def compose(self) -> ComposeResult:
            yield Static("hello", id="hello")
            yield Footer()

        def action_bump(self) -> None:
            self.query_one("#hello", Static).update("bumped")

    BareApp().run()
    return 0


def run_app() -> int:
    from postinterview_tui.cli.group import run

    return run(["--db", os.environ["BENCH_DB"]])


def main() -> int:
    code = run_bare() if KIND == "bare" else run_app()
    marks["run_returned"] = time.perf_counter()
    result["exit_code"] = code
    result.setdefault("max_rss_kib", max_rss_kib())
    result["cpu_seconds"] = cpu_seconds()
    result["since_t0"] = {name: value - T0 for name, value in marks.items()}
    if profiler is not None and OUT:
        out = os.environ.get("BENCH_PROFILE_OUT", OUT + ".profile.txt")
        if PROFILER == "cprofile":
            profiler.dump_stats(out)
        else:
            with open(out, "w") as handle:
                handle.write(profiler.output_text(unicode=True, color=False, show_all=False))
    if OUT:
        with open(OUT, "w") as handle:
            json.dump(result, handle)
    return code


if __name__ == "__main__":
    sys.exit(main())
