"""Key → repaint latency inside one process, driven with Textual's pilot.

A latency is the time from the start of ``pilot.press(key)`` to the first frame that shows the
result: ``App._display`` is wrapped on the app instance, and every composed frame checks the
predicates of the measurements waiting on it (see :class:`FrameProbe`). Headless, a frame is
fully composed; only the write to the terminal is skipped, for the bare app as for ours.

Used by :mod:`tests.benchmarks.run` (as ``python -m tests.benchmarks.latency``, one process per
app so the measurements cannot disturb each other) and by ``tests/perf/test_benchmark_smoke.py``
(in-process, on small data).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Static

from tests.benchmarks.common import NOW_TEXT, TERMINAL_SIZE, child_env, python

Predicate = Callable[[Screen[Any]], bool]
PRESS_TIMEOUT = 20.0


# -- frames ---------------------------------------------------------------------------------


@dataclass
class _Waiter:
    predicate: Predicate
    event: asyncio.Event = field(default_factory=asyncio.Event)
    time: float = 0.0
    cpu: float = 0.0  # process CPU time (all threads) at that frame


class FrameProbe:
    """Wraps ``app._display``: resolves waiters whose predicate holds on a composed frame."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.frames = 0
        self.last_cpu: list[float] = []
        """CPU seconds (all threads) of the last :func:`timed_press`, one per predicate."""
        self._waiters: list[_Waiter] = []
        original = app._display

        def display(screen: Screen[Any], renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            now = time.perf_counter()
            cpu = time.process_time()
            self.frames += 1
            for waiter in list(self._waiters):
                try:
                    ready = waiter.predicate(screen)
                except Exception:  # the screen is half-built: not this frame
                    ready = False
                if ready:
                    waiter.time = now
                    waiter.cpu = cpu
                    waiter.event.set()
                    self._waiters.remove(waiter)

        app._display = display  # type: ignore[method-assign]

    def expect(self, predicate: Predicate) -> _Waiter:
        """Start waiting for the first frame on which ``predicate(screen)`` is true."""
        waiter = _Waiter(predicate)
        self._waiters.append(waiter)
        return waiter

    def cancel(self, waiter: _Waiter) -> None:
        if waiter in self._waiters:
            self._waiters.remove(waiter)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for workers and pending messages (the app is idle afterwards)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def timed_press(
    pilot: Pilot[Any], probe: FrameProbe, key: str, predicate: Predicate, *extra: Predicate
) -> list[float]:
    """Press ``key``; seconds until the first frame where ``predicate`` (then each ``extra``)
    holds. Raises TimeoutError if it never does.

    The process CPU time spent over the same span (all threads; steadier than wall time on a
    busy machine) is left in ``probe.last_cpu``.
    """
    waiters = [probe.expect(item) for item in (predicate, *extra)]
    started = time.perf_counter()
    started_cpu = time.process_time()
    await pilot.press(key)
    try:
        for waiter in waiters:
            await asyncio.wait_for(waiter.event.wait(), PRESS_TIMEOUT)
    finally:
        for waiter in waiters:
            probe.cancel(waiter)
    probe.last_cpu = [waiter.cpu - started_cpu for waiter in waiters]
    return [waiter.time - started for waiter in waiters]


async def _quiet(pilot: Pilot[Any]) -> None:
    """Settle and collect garbage so one press does not pay for the previous one's litter."""
    await settle(pilot)
    gc.collect()
    await pilot.pause()


# -- the bare app ---------------------------------------------------------------------------


class _Pane(Static, can_focus=True):
    """A focusable Static (the bare app's stand-in for a board column)."""

    DEFAULT_CSS = "_Pane { height: 1fr; } _Pane:focus { background: $primary 20%; }"


class _Page(Screen[None]):
    """A trivial pushed screen: one Static and a Footer."""

    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Static("a page", id="page")
        yield Footer()


class BareApp(App[None]):
    """The floor: one Static and a Footer; ``x`` updates the Static.

    Two more floors, reported for information: ``f`` moves the focus between two focusable
    panes (what any focus change costs with a Footer, which recomposes on every focus change),
    and ``p`` pushes a trivial screen (what opening any screen costs).
    """

    BINDINGS = [("x", "bump", "Bump"), ("f", "swap_focus", "Focus"), ("p", "page", "Page")]

    def __init__(self, *, panes: bool = False) -> None:
        super().__init__()
        self.count = 0
        self.panes = panes

    def compose(self) -> ComposeResult:
        yield Static("hello", id="hello")
        if self.panes:
            yield _Pane("left", id="left")
            yield _Pane("right", id="right")
        yield Footer()

    def action_bump(self) -> None:
        self.count += 1
        self.query_one("#hello", Static).update(f"bumped {self.count}")

    def action_swap_focus(self) -> None:
        left = self.query_one("#left", _Pane)
        (self.query_one("#right", _Pane) if left.has_focus else left).focus()

    def action_page(self) -> None:
        self.push_screen(_Page())


async def bare_first_frame(size: tuple[int, int] = TERMINAL_SIZE) -> float:
    """Seconds from creating the bare app to its first frame (in-process)."""
    started = time.perf_counter()
    app = BareApp()
    probe = FrameProbe(app)
    waiter = probe.expect(lambda screen: bool(screen.children))
    async with app.run_test(size=size):
        await asyncio.wait_for(waiter.event.wait(), PRESS_TIMEOUT)
    return waiter.time - started


async def bare_key_latencies(
    presses: int, *, warmup: int = 5, size: tuple[int, int] = TERMINAL_SIZE
) -> list[float]:
    """Key → repaint of the bare app, ``presses`` times (after ``warmup`` untimed presses)."""
    return (await bare_latencies(presses, warmup=warmup, size=size, floors=False))["bare_key"]


async def bare_latencies(
    presses: int,
    *,
    warmup: int = 5,
    size: tuple[int, int] = TERMINAL_SIZE,
    floors: bool = True,
) -> dict[str, list[float]]:
    """``bare_key`` (the baseline of target 2) and, with ``floors``, ``bare_focus`` and
    ``bare_push`` (Textual's own cost of a focus change and of opening a screen) and
    ``bare_commit`` (a durable commit on this disk: :func:`commit_floor`)."""
    app = BareApp(panes=floors)
    probe = FrameProbe(app)
    samples: dict[str, list[float]] = {"bare_key": []}
    async with app.run_test(size=size) as pilot:
        await _quiet(pilot)
        for index in range(warmup + presses):
            expected = app.count + 1
            (latency,) = await timed_press(
                pilot, probe, "x", lambda _screen, n=expected: app.count == n
            )
            if index >= warmup:
                samples["bare_key"].append(latency)
                samples.setdefault("bare_key_cpu", []).append(probe.last_cpu[0])
            await _quiet(pilot)
        if not floors:
            return samples
        samples["bare_focus"] = []
        panes = [app.query_one("#left"), app.query_one("#right")]
        panes[0].focus()
        await _quiet(pilot)
        for index in range(warmup + presses):
            target = panes[(index + 1) % 2]
            (latency,) = await timed_press(pilot, probe, "f", lambda s, t=target: s.focused is t)
            if index >= warmup:
                samples["bare_focus"].append(latency)
                samples.setdefault("bare_focus_cpu", []).append(probe.last_cpu[0])
            await _quiet(pilot)
        samples["bare_push"] = []
        for index in range(warmup + presses // 2):
            (latency,) = await timed_press(pilot, probe, "p", lambda s: isinstance(s, _Page))
            if index >= warmup:
                samples["bare_push"].append(latency)
                samples.setdefault("bare_push_cpu", []).append(probe.last_cpu[0])
            await _quiet(pilot)
            await pilot.press("escape")
            await _quiet(pilot)
        samples["bare_commit"] = await commit_floor(pilot, warmup, presses)
    return samples


async def commit_floor(pilot: Pilot[Any], warmup: int, presses: int) -> list[float]:
    """Seconds of one durable SQLite commit (one row changed) in a worker thread, with the
    journal and sync the app chooses for this SQLite build, each after the same settling as a
    press: what any write that survives a power cut costs on this disk (reported with the
    floors, for information: a stage move is held to ``bare_focus``, its commit included)."""
    from postinterview_tui.storage.connection import choose_durability

    durability = choose_durability(sqlite3.sqlite_version_info)
    samples = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_HOME")) as directory:
        db = sqlite3.connect(
            Path(directory, "floor.db"), isolation_level=None, check_same_thread=False
        )
        try:
            db.execute(f"PRAGMA journal_mode = {durability.journal_mode}")
            db.execute(f"PRAGMA synchronous = {durability.synchronous}")
            db.execute("CREATE TABLE floor (id INTEGER PRIMARY KEY, value INTEGER)")
            db.execute("INSERT INTO floor VALUES (1, 0)")

            def commit(value: int) -> float:
                started = time.perf_counter()
                db.execute("BEGIN IMMEDIATE")
                db.execute("UPDATE floor SET value = ? WHERE id = 1", [value])
                db.execute("COMMIT")
                return time.perf_counter() - started

            for index in range(warmup + presses):
                await _quiet(pilot)
                seconds = await asyncio.to_thread(commit, index)
                if index >= warmup:
                    samples.append(seconds)
        finally:
            db.close()
    return samples


# -- the real app ---------------------------------------------------------------------------


def _wrap_timing(owner: Any, name: str, log: list[tuple[str, float, float]]) -> Callable[[], None]:
    """Replace ``owner.name`` by a wrapper that logs (name, start, end); signature kept.

    Returns:
        A function that puts the original back.
    """
    original = getattr(owner, name)
    had_own = name in vars(owner) if hasattr(owner, "__dict__") else True

    def restore() -> None:
        if had_own:
            setattr(owner, name, original)
        else:
            delattr(owner, name)

    if name.startswith("watch_"):

        def watcher(self: Any, value: Any) -> None:
            started = time.perf_counter()
            try:
                original(self, value)
            finally:
                log.append((name, started, time.perf_counter()))

        setattr(owner, name, watcher)
        return restore

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            log.append((name, started, time.perf_counter()))

    setattr(owner, name, wrapper)
    return restore


def build(db_path: Path) -> App[Any]:
    """The real app on ``db_path``, with the clock and zone of the environment."""
    from postinterview_tui.clock import local_zone, make_clock
    from postinterview_tui.tui.app import build_app

    zone = local_zone()
    return build_app(db_path, zone=zone, clock=make_clock(zone))


async def app_first_frame(db_path: Path, size: tuple[int, int] = TERMINAL_SIZE) -> float:
    """Seconds from ``build_app`` (which reads the board) to the first frame showing it."""
    started = time.perf_counter()
    app = build(db_path)
    probe = FrameProbe(app)
    waiter = probe.expect(
        lambda screen: (
            type(screen).__name__ == "BoardScreen" and getattr(screen, "board", None) is not None
        )
    )
    async with app.run_test(size=size):
        await asyncio.wait_for(waiter.event.wait(), PRESS_TIMEOUT)
    _close(app)
    return waiter.time - started


def _close(app: App[Any]) -> None:
    repository = getattr(app, "repository", None)
    if repository is not None:
        with contextlib.suppress(Exception):
            repository.close()


def _board(app: App[Any]) -> Any:
    from postinterview_tui.tui.screens.board import BoardScreen

    for screen in app.screen_stack:
        if isinstance(screen, BoardScreen):
            return screen
    raise RuntimeError("no board screen")


def _fixed_now() -> Any:
    import pendulum

    return pendulum.parse(NOW_TEXT)


def _column_text(column: Any) -> str:
    return "\n".join(column.render_line(y).text for y in range(column.size.height))


@dataclass
class AppLatencies:
    """Samples (seconds) per measured action, and notes on anything not measured."""

    samples: dict[str, list[float]] = field(default_factory=dict)
    phases: dict[str, list[float]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.samples.setdefault(name, []).append(value)

    def as_json(self) -> dict[str, Any]:
        return {"samples": self.samples, "phases": self.phases, "notes": self.notes}


async def app_latencies(
    db_path: Path,
    *,
    presses: int = 20,
    screens: int = 8,
    warmup: int = 2,
    live: int = 0,
    size: tuple[int, int] = TERMINAL_SIZE,
    only: tuple[str, ...] = ("focus_jk", "focus_hl", "move", "detail", "review"),
) -> AppLatencies:
    """Measure the board's key → repaint latencies on ``db_path``.

    * ``focus_jk``: j/k in the column with the most rows (cursor shown on the next card);
    * ``focus_hl``: l/h between Interviewed and Thank-you sent (focus shown on the column);
    * ``move``: ``>`` then ``<`` on a card in Interviewed: change committed, board re-read, card
      drawn in its new column (``move`` = first frame showing it there; ``move_focused`` = the
      first frame where the cursor is on it in its new column);
    * ``detail``: enter → the detail screen showing the application (escape goes back, untimed);
    * ``review``: ``r`` → the daily review showing its agenda (if ``r`` is bound);
    * ``live`` (when > 0): another process moves a card; seconds from its commit to the first
      frame showing the card in its new column.
    """
    from postinterview_tui.domain.stages import STAGE_ORDER, Stage
    from postinterview_tui.tui.screens import board as board_module

    result = AppLatencies()
    log: list[tuple[str, float, float]] = []
    app = build(db_path)
    restorers = [
        _wrap_timing(app.repository, "move", log),
        _wrap_timing(board_module, "load_board", log),
        _wrap_timing(board_module.BoardScreen, "watch_board", log),
    ]
    probe = FrameProbe(app)
    try:
        async with app.run_test(size=size) as pilot:
            await _quiet(pilot)
            screen = _board(app)
            data = screen.board
            assert data is not None
            columns = {stage: screen.column(stage) for stage in STAGE_ORDER}

            def focus(stage: Stage, app_id: int | None = None) -> Any:
                column = columns[stage]
                if app_id is not None:
                    assert column.select_id(app_id), f"{app_id} not in {stage}"
                column.focus()
                return column

            # j/k, in the column with the most rows (the fold row counts: it can be highlighted).
            if "focus_jk" in only:
                stage = max(
                    STAGE_ORDER, key=lambda s: columns[s].card_count + bool(columns[s].folded_more)
                )
                column = columns[stage]
                if column.card_count + bool(column.folded_more) >= 2:
                    first = data.columns[stage][0].id
                    focus(stage, first)
                    await _quiet(pilot)
                    for index in range(warmup + presses):
                        key, expected = ("j", 1) if index % 2 == 0 else ("k", 0)
                        (latency,) = await timed_press(
                            pilot,
                            probe,
                            key,
                            lambda _s, c=column, e=expected: c.cursor == e and c.has_focus,
                        )
                        if index >= warmup:
                            result.add("focus_jk", latency)
                            result.add("focus_jk_cpu", probe.last_cpu[0])
                        await _quiet(pilot)
                    result.notes["focus_jk"] = f"column {stage.value} ({column.card_count} cards)"
                else:
                    result.notes["focus_jk"] = "not available: no column with two rows"

            if "focus_hl" in only:
                focus(Stage.INTERVIEWED)
                await _quiet(pilot)
                for index in range(warmup + presses):
                    key, target = (
                        ("l", Stage.THANKED)
                        if index % 2 == 0
                        else (
                            "h",
                            Stage.INTERVIEWED,
                        )
                    )
                    (latency,) = await timed_press(
                        pilot, probe, key, lambda s, c=columns[target]: c.has_focus
                    )
                    if index >= warmup:
                        result.add("focus_hl", latency)
                        result.add("focus_hl_cpu", probe.last_cpu[0])
                    await _quiet(pilot)

            # A card whose round is over, one person interviewed: moving it to Thank-you sent
            # asks no question (with several, the board first asks whether all of them were
            # thanked) and the rules allow it (no thank-you before the round).
            held_by = _fixed_now()
            interviewed = [
                item
                for item in screen.board.columns[Stage.INTERVIEWED]
                if item.progress.interviewers_total <= 1
                and item.progress.last_interview_at is not None
                and item.progress.last_interview_at <= held_by
            ]
            card = interviewed[0] if interviewed else None
            if card is None:
                result.notes["move"] = result.notes["detail"] = "not available: no card"
            if card is not None and "move" in only:
                focus(Stage.INTERVIEWED, card.id)
                await _quiet(pilot)
                for index in range(warmup + presses):
                    key, target = (
                        (">", Stage.THANKED)
                        if index % 2 == 0
                        else (
                            "<",
                            Stage.INTERVIEWED,
                        )
                    )
                    log.clear()
                    started = time.perf_counter()
                    shown, focused = await timed_press(
                        pilot,
                        probe,
                        key,
                        lambda s, t=target: (
                            s is screen and s.board is not None and s.board.stage_of(card.id) is t
                        ),
                        lambda s, t=target: (
                            s is screen
                            and columns[t].has_focus
                            and columns[t].highlighted_id == card.id
                        ),
                    )
                    if index >= warmup:
                        result.add("move", shown)
                        result.add("move_cpu", probe.last_cpu[0])
                        result.add("move_focused", focused)
                        _record_phases(result, log, started, started + shown)
                    await _quiet(pilot)
                text = _column_text(columns[Stage.INTERVIEWED])
                if card.company[:12] not in text:
                    result.notes["move_check"] = "FAILED: the card is not drawn in its column"

            if card is not None and "detail" in only:
                from postinterview_tui.tui.screens.detail import DetailScreen

                def detail_shown(s: Screen[Any]) -> bool:
                    if not isinstance(s, DetailScreen):
                        return False
                    page = s.query_one("#detail-page", Static)
                    return not str(page.content).startswith("Loading")

                for index in range(warmup + screens):
                    focus(Stage.INTERVIEWED, card.id)
                    await _quiet(pilot)
                    (latency,) = await timed_press(pilot, probe, "enter", detail_shown)
                    if index >= warmup:
                        result.add("detail", latency)
                        result.add("detail_cpu", probe.last_cpu[0])
                    await _quiet(pilot)
                    await pilot.press("escape")
                    await _quiet(pilot)
                    assert app.screen is screen, "escape did not return to the board"

            if "review" in only:
                focus(Stage.INTERVIEWED)
                await _quiet(pilot)
                if "r" not in app.screen.active_bindings:
                    result.notes["review"] = "not available: r is not bound on the board"
                else:

                    def review_shown(s: Screen[Any]) -> bool:
                        if type(s).__name__ != "ReviewScreen":
                            return False
                        if hasattr(s, "data"):
                            return s.data is not None
                        return not s.app.workers._workers  # unknown screen: idle = loaded

                    for index in range(warmup + screens):
                        (latency,) = await timed_press(pilot, probe, "r", review_shown)
                        if index >= warmup:
                            result.add("review", latency)
                            result.add("review_cpu", probe.last_cpu[0])
                        await _quiet(pilot)
                        await pilot.press("escape")
                        await _quiet(pilot)
                        if app.screen is not screen:
                            result.notes["review"] = "escape did not return to the board"
                            break
                        focus(Stage.INTERVIEWED)
                        await _quiet(pilot)

            if live and card is not None:
                await _live_refresh(result, pilot, probe, screen, db_path, card.id, live)
    finally:
        for restore in restorers:
            restore()
        _close(app)
    return result


def _record_phases(
    result: AppLatencies, log: list[tuple[str, float, float]], started: float, shown: float
) -> None:
    """Split one move into: key → write starts, write, → board read, read, → redraw, redraw,
    → frame (from the timing wrappers; the last of each kind before the frame)."""
    spans: dict[str, tuple[float, float]] = {}
    for name, begin, end in log:
        if begin >= started and end <= shown:
            spans[name] = (begin, end)
    if not {"move", "load_board", "watch_board"} <= spans.keys():
        return
    move, load, watch = spans["move"], spans["load_board"], spans["watch_board"]
    for name, value in (
        ("key_to_write", move[0] - started),
        ("write", move[1] - move[0]),
        ("write_to_read", load[0] - move[1]),
        ("read", load[1] - load[0]),
        ("read_to_redraw", watch[0] - load[1]),
        ("redraw", watch[1] - watch[0]),
        ("redraw_to_frame", shown - watch[1]),
    ):
        result.phases.setdefault(name, []).append(value)


async def _live_refresh(
    result: AppLatencies,
    pilot: Pilot[Any],
    probe: FrameProbe,
    screen: Any,
    db_path: Path,
    app_id: int,
    repeats: int,
) -> None:
    """Another process moves the card; time from its commit to the frame that shows it."""
    from postinterview_tui.domain.stages import Stage

    await _quiet(pilot)
    current = screen.board.stage_of(app_id)
    for _ in range(repeats):
        target = Stage.THANKED if current is Stage.INTERVIEWED else Stage.INTERVIEWED
        waiter = probe.expect(
            lambda s, t=target: (
                s is screen and s.board is not None and s.board.stage_of(app_id) is t
            )
        )
        process = await asyncio.create_subprocess_exec(
            python(),
            "-m",
            "tests.benchmarks.writer",
            str(db_path),
            str(app_id),
            target.value,
            stdout=asyncio.subprocess.PIPE,
            env=child_env(Path(os.environ.get("BENCH_HOME", "/tmp"))),
        )
        output, _ = await process.communicate()
        committed = float(output.decode().strip().splitlines()[-1])
        try:
            await asyncio.wait_for(waiter.event.wait(), 10)
        finally:
            probe.cancel(waiter)
        result.add("live_refresh", waiter.time - committed)
        current = target
        await _quiet(pilot)
        await asyncio.sleep(0.3)


# -- as a child process ---------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=("bare", "app"), required=True)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--screens", type=int, default=8)
    parser.add_argument("--live", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.kind == "bare":
        payload: dict[str, Any] = {"samples": asyncio.run(bare_latencies(args.presses))}
    else:
        # As the console script does (postinterview_tui.entry): no collection while loading;
        # the app freezes what loading made once its first frame is out.
        from postinterview_tui.tui.collection import pause_collection

        pause_collection()
        measured = asyncio.run(
            app_latencies(args.db, presses=args.presses, screens=args.screens, live=args.live)
        )
        payload = measured.as_json()
    args.out.write_text(json.dumps(payload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
