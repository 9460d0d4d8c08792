"""The one module that touches Textual's private API.

Each patch names the upstream issue that would make it unnecessary, checks that what it patches
still exists (the attribute, the method), and turns itself off rather than crash when Textual
changes: the app then behaves as stock Textual does. :data:`PATCHES` says which ones apply;
``tests/ui/test_workarounds.py`` fails when one stops applying or is removed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)

# -- 1. Drawn lines of closed widgets (Textualize/textual#6665) ---------------------------------

_CLEAR_INNER_OUTER: Callable[[], None] | None
try:
    from textual._styles_cache import StylesCache

    _CLEAR_INNER_OUTER = StylesCache.get_inner_outer.cache_clear
except (ImportError, AttributeError):  # pragma: no cover - a later Textual
    _CLEAR_INNER_OUTER = None


def forget_closed_widgets() -> None:
    """Let Textual free the drawn lines of widgets that are gone.

    Textual 8 caches ``StylesCache.get_inner_outer`` with ``functools.lru_cache`` on the
    method, so the cache's keys keep every widget's line cache alive after the widget is gone,
    up to 1,024 of them (https://github.com/Textualize/textual/issues/6665). Measured here:
    0.19 MiB more for every review and detail screen opened and closed, with no plateau in
    sight after 60. What the cache saves is two colour additions, so it is simply emptied when
    a screen closes.
    """
    if _CLEAR_INNER_OUTER is not None:
        _CLEAR_INNER_OUTER()


# -- 2. A crash says one line and where the log is (Textualize/textual#5931) --------------------
# Textual has no public hook for an unhandled exception: it prints a long traceback with the
# local variables (the user's notes among them) on the terminal. This writes the traceback to
# the log file and prints one line pointing there instead.

_CRASH_PARTS = all(
    hasattr(App, name) for name in ("_handle_exception", "_fatal_error", "_close_messages_no_wait")
)


def crash_message() -> Text:
    """The one line printed when the app stops on an unexpected error."""
    from postinterview_tui.logs import log_file

    return Text(
        f"postinterview: error: something unexpected went wrong; details are in {log_file()}"
    )


class LoggedCrashes(App[int]):
    """An App base whose unexpected errors go to the log file, with one line on screen."""

    def _handle_exception(self, error: Exception) -> None:
        log.error("unexpected error in the app", exc_info=error)
        super()._handle_exception(error)

    if _CRASH_PARTS:

        def _fatal_error(self) -> None:
            self.bell()
            self._exit_renderables.append(crash_message())
            self._close_messages_no_wait()


PATCHES: dict[str, bool] = {
    "forget_closed_widgets": _CLEAR_INNER_OUTER is not None,
    "crash_goes_to_the_log": _CRASH_PARTS,
}
"""Which patches apply to the installed Textual (each turns itself off when it cannot)."""
