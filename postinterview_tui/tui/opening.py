"""Opening a screen with its data: read off the event loop, then push, in one render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.worker import get_current_worker

from postinterview_tui.storage.errors import StoreError
from postinterview_tui.tui.screens.writes import report_store_error

T = TypeVar("T")


def open_once_read(
    app: App[Any], group: str, read: Callable[[], T], push: Callable[[T], None]
) -> None:
    """Run ``read`` off the event loop, then ``push`` its result on it: a screen that opens
    with its data, in one render. Asking again cancels the read before; a read that fails
    is reported, and nothing opens."""

    def read_then_push() -> None:
        try:
            data = read()
        except StoreError as error:
            app.call_from_thread(report_store_error, app, error)
            return
        if get_current_worker().is_cancelled:
            return  # asked again meanwhile (a double key press): the later read opens it
        app.call_from_thread(push, data)

    # A closure, not arguments: Textual describes a worker by the repr of its arguments,
    # and a board's repr is huge.
    app.run_worker(read_then_push, thread=True, group=group, exclusive=True, exit_on_error=False)
