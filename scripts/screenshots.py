"""Regenerate the README's screenshots from the demo data with a fixed clock.

Run ``python -m scripts.screenshots [OUTPUT_DIR]``; it writes SVGs, and PNGs too when
``rsvg-convert`` (Debian's librsvg2-bin) is installed.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import pendulum

from postinterview_tui.demo import write_demo_database
from postinterview_tui.tui.app import PostInterviewApp, build_app

FIXED_NOW = pendulum.datetime(2026, 11, 25, 10, 0, tz="Europe/London")
Scene = Callable[[PostInterviewApp], Awaitable[None]]


async def _settle(app: PostInterviewApp, pilot: object) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]


def _scenes() -> list[tuple[str, tuple[int, int], list[str]]]:
    """(name, terminal size, keys to press) for each screenshot."""
    return [
        ("board", (140, 36), []),
        ("narrow", (80, 24), []),
        ("detail", (120, 36), ["j", "j", "enter"]),
        ("help", (120, 50), ["question_mark"]),
        ("drafting", (130, 40), ["j", "j", "t"]),
        ("review", (120, 36), ["r"]),
        ("offer", (120, 40), ["l", "l", "l", "enter", "o"]),
    ]


async def _shoot(name: str, size: tuple[int, int], keys: list[str], folder: Path) -> Path:
    zone = pendulum.timezone("Europe/London")
    with tempfile.TemporaryDirectory() as scratch:
        db_path = Path(scratch) / "demo.db"
        write_demo_database(db_path, now=FIXED_NOW, zone=zone)
        app = build_app(db_path, zone=zone, clock=lambda: FIXED_NOW, demo=True)
        async with app.run_test(size=size) as pilot:
            await _settle(app, pilot)
            for key in keys:
                await pilot.press(key)
                await _settle(app, pilot)
            path = app.save_screenshot(filename=f"{name}.svg", path=str(folder))
        app.repository.close()
    return Path(path)


def main(argv: list[str] | None = None) -> int:
    """Write every screenshot into the folder given (default ``screenshots/``)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    converter = shutil.which("rsvg-convert")
    for name, size, keys in _scenes():
        svg = asyncio.run(_shoot(name, size, keys, folder))
        if converter:
            subprocess.run([converter, str(svg), "-o", str(svg.with_suffix(".png"))], check=True)
        print(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
