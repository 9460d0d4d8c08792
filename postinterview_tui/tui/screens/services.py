"""What a screen may use of the app, typed once: the store to read, the write helper, the clock
and the screens it can open. Screens reach it with :func:`services`, never by importing the
app module (the app provides every member below)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from pendulum import Timezone
    from textual.screen import Screen

    from postinterview_tui.clock import Clock
    from postinterview_tui.storage.repository import Repository
    from postinterview_tui.tui.screens.reads import StoreReads
    from postinterview_tui.tui.screens.writes import StoreWrites


class Services(Protocol):
    """The app as screens see it."""

    @property
    def repository(self) -> Repository:
        """The store: read it inside :attr:`reads`, write it through :attr:`writes`."""

    @property
    def reads(self) -> StoreReads:
        """The one way to read (thread, a failed read reported once, result on the loop)."""

    @property
    def writes(self) -> StoreWrites:
        """The one way to write (thread, errors, overrule question, announcement)."""

    @property
    def zone(self) -> Timezone:
        """The user's time zone."""

    @property
    def clock(self) -> Clock:
        """The time now (fixed in tests and the demo)."""

    @property
    def demo(self) -> bool:
        """True when showing the demo data."""

    def report_store_error(self, error: Exception) -> None:
        """Tell the user a read or write failed."""

    # Textual's own, used with the members above (the app is a Textual App).

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``callback`` on the event loop, from a worker thread."""

    def push_screen(
        self, screen: Screen[Any], callback: Callable[[Any], object] | None = None
    ) -> Any:
        """Open ``screen``; ``callback`` gets what it returns when it closes."""

    def notify(self, message: str, **options: Any) -> None:
        """Show a notification."""

    def run_worker(self, work: Callable[..., Any], **options: Any) -> Any:
        """Run ``work`` in a worker the app owns (closing a screen does not cancel it)."""

    def open_detail(self, application_id: int) -> None:
        """Open an application's detail screen."""

    def open_offer(self, application_id: int) -> None:
        """Open an application's offer panel."""

    def open_drafting(
        self, application_id: int, kind: str, done: Callable[[bool | None], None] | None = None
    ) -> None:
        """Open the drafting panel; ``done`` gets whether a note was marked sent."""

    def open_new_application_form(self, done: Callable[[int | None], None] | None = None) -> None:
        """Open the new-application form; ``done`` gets the new id."""

    def open_edit_form(
        self, application_id: int, done: Callable[[int | None], None] | None = None
    ) -> None:
        """Open the edit form of an application."""

    def open_review(self) -> None:
        """Open the daily review."""

    def open_timeline(self) -> None:
        """Open the timeline."""

    def open_insights(self) -> None:
        """Open the insights screen."""

    def open_settings(self) -> None:
        """Open the settings."""


def services(node: DOMNode) -> Services:
    """The running app's services, for ``node`` (a mounted screen or widget)."""
    return cast("Services", node.app)


class UsesServices:
    """Gives a screen (or a mixin of one) :attr:`pi_app`: the app, typed once, here."""

    @property
    def pi_app(self) -> Services:
        """The app, as screens see it."""
        return services(cast(DOMNode, self))
