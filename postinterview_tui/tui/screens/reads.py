"""The one way a screen reads from the store.

A screen hands :meth:`StoreReads.run` a *read* (a function that reads and returns what the
screen shows) and ``done`` (what to do with it). The helper

- runs the read in a thread worker owned by the screen, so closing the screen cancels it, and
  (with ``exclusive``) a newer read in the same ``group`` cancels the older one;
- reports a failed read once (the store's words in an error notification titled "Could not
  read": nothing was changed), then calls ``failed`` if the screen has more to do (close, say so
  inline), and turns any :class:`.PendingRead` line still waiting on that screen into a "could
  not be read" line, so no screen keeps saying it is loading;
- delivers the result on the event loop, only to a screen still attached, and never from a
  read that a newer one replaced.

Usage, from a screen::

    def load(self) -> None:
        app = self.pi_app
        app.reads.run(
            self,
            lambda: app.repository.detail(self.application_id),
            self._show,
            group="offer-load",
            exclusive=True,
        )

Writes go through :mod:`.writes`; this module is its counterpart for reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen
from textual.widget import Widget
from textual.worker import get_current_worker

from postinterview_tui.domain.text import safe_line
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.tui.screens.writes import error_text
from postinterview_tui.tui.widgets.pending_read import PendingRead

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

T = TypeVar("T")


class StoreReads:
    """Runs the screens' reads (see the module's docstring)."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app

    def run(
        self,
        owner: DOMNode,
        read: Callable[[], T],
        done: Callable[[T], object],
        *,
        group: str = "default",
        exclusive: bool = False,
        failed: Callable[[StoreError], object] | None = None,
    ) -> None:
        """Run ``read`` off the event loop, then ``done`` with its result on it.

        Args:
            owner: the screen (or widget, or the app) asking: it owns the worker, and
                ``done`` and ``failed`` run only while it is attached.
            read: reads, in a thread; a :class:`StoreError` it raises is reported.
            done: on the event loop with what ``read`` returned.
            group: the worker group (with ``exclusive``: the reads that replace each other).
            exclusive: cancel this owner's reads still running in ``group``.
            failed: on the event loop after the report of a failed read (close the screen,
                show a line of its own).
        """

        def read_then_deliver() -> None:
            try:
                result = read()
            except StoreError as error:
                self._app.call_from_thread(self._failed, error, failed, owner)
                return
            if get_current_worker().is_cancelled:
                return  # replaced by a newer read (or the screen closed): that one shows
            self._app.call_from_thread(self._deliver, result, done, owner)

        # A closure, not arguments: Textual describes a worker by the repr of its arguments.
        owner.run_worker(
            read_then_deliver,
            group=group,
            exclusive=exclusive,
            thread=True,
            exit_on_error=False,
        )

    # -- on the event loop ------------------------------------------------------------------

    @staticmethod
    def _deliver(result: T, done: Callable[[T], object], owner: DOMNode) -> None:
        if owner.is_attached:
            done(result)

    def _failed(
        self, error: StoreError, failed: Callable[[StoreError], object] | None, owner: DOMNode
    ) -> None:
        report_read_error(self._app, error)
        if not owner.is_attached:
            return
        if failed is not None:
            failed(error)
        # The lines of the screen that asked (a read the app itself runs has none).
        screen = owner if isinstance(owner, Screen) else None
        if screen is None and isinstance(owner, Widget):
            screen = owner.screen
        if screen is not None:
            for line in screen.query(PendingRead):
                line.read_failed()


def report_read_error(app: App[Any], error: Exception) -> None:
    """Tell the user something could not be read (a read changes nothing: nothing is lost)."""
    app.notify(safe_line(error_text(error)), title="Could not read", severity="error", markup=False)
