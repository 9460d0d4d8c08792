"""When the garbage collector runs while the program starts.

Starting the board allocates hundreds of thousands of long-lived objects (Textual, Rich,
pendulum, our modules, the first board). Python's cyclic collector keeps scanning them as
they pile up: measured at start-up, about 25 ms of generation-1 collections during the imports
and one 33 ms full collection in the middle of drawing the first frame. None of that memory is
garbage, so the collector is paused while the program loads, and the objects that survive
loading are frozen (never scanned again) before it resumes: later collections only look at
what the session itself creates, and no key press pays for a full scan of the start-up heap.
"""

from __future__ import annotations

import gc


def pause_collection() -> None:
    """Stop cyclic garbage collection while the program loads (reference counting still
    frees nearly everything at once)."""
    gc.disable()


def resume_collection(*, collect_first: bool = True) -> None:
    """Freeze what loading created and collect again; safe to call more than once.

    ``collect_first=False`` (a command-line subcommand) skips the full collection of what
    loading left in cycles: a process that ends in a moment gains nothing from freeing them,
    and that collection was 13-20 ms of every ``postinterview today`` (2026-12-05)."""
    if gc.isenabled():
        return
    if collect_first:
        gc.collect()  # what loading left in cycles, before the rest is frozen for good
    gc.freeze()
    gc.enable()


def collect_closed_screen() -> None:
    """Free a screen that was just closed: its widgets point at each other, so only the
    collector frees them, and the next screen opened should reuse that memory, not add to it
    (objects frozen at start-up are not scanned: this costs a few milliseconds)."""
    if gc.isenabled():
        gc.collect()
