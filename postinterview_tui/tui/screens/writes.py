"""The one way a screen writes to the store.

A screen hands :meth:`StoreWrites.run` a *job*: a function that gets a :class:`WriteContext`
(the repository, the time, and whether the user insisted) and writes. The helper

- runs the job in a thread worker owned by the app (closing the screen does not cancel it);
- when a rule refuses and may be overruled, asks the rule's question and, on "yes", runs the
  job again with ``force``; when it may not, says why;
- reports a failed save (nothing was written: the store rolled it back);
- on success, announces the write on :attr:`StoreWrites.changed`, a Textual signal. Screens
  that show stored data (the board first of all) listen with :meth:`StoreWrites.follow` and
  read again, so whatever screen wrote, the board is up to date before the user is back on it.

Usage, from a screen::

    self.pi_app.writes.run(
        self,
        lambda write: write.repository.snooze(app_id, until, write.now),
        about=app_id,
        done=lambda _: self.load(),
        say="Snoozed.",
    )

``done`` and ``undone`` run on the event loop, and only while the screen is still attached;
``say`` is shown either way. A screen that shows stored data listens for writes::

    def on_mount(self) -> None:
        self.pi_app.writes.follow(self._store_changed)  # gets a StoreChange

"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from textual.signal import Signal

from postinterview_tui.domain.refusals import RuleRefusal
from postinterview_tui.domain.text import safe_line
from postinterview_tui.storage.errors import StoreError

if TYPE_CHECKING:
    from pendulum import DateTime
    from textual.app import App
    from textual.dom import DOMNode

    from postinterview_tui.clock import Clock
    from postinterview_tui.storage.repository import Repository

log = logging.getLogger(__name__)
T = TypeVar("T")

EXPECTED_FAILURES: tuple[type[Exception], ...] = (StoreError, ValueError, OSError)
"""Errors a write may meet in normal use (a locked or full disk, a value refused by
validation): reported as "could not save". Anything else is a bug: logged with its trace,
and still reported, so that no write fails silently."""


@dataclass(frozen=True, slots=True)
class StoreChange:
    """What a write changed, as announced on :attr:`StoreWrites.changed`."""

    application_id: int | None
    """The application written, or None when the write is not about one (settings, undo)."""


@dataclass(frozen=True, slots=True)
class WriteContext:
    """What a write job gets: where to write, the time of the write, and whether the user
    confirmed a write the rules asked about (pass it on as ``force``)."""

    repository: Repository
    now: DateTime
    force: bool


GO_AHEAD_QUESTION = "Go ahead anyway?"
"""Asked when a rule that may be overruled names no question of its own: a Yes/No dialog
always ends with a question, never with a statement."""


def refusal_question(refusal: RuleRefusal) -> str:
    """The dialog text for a refusal the user may overrule: the reason, then the question."""
    message = refusal.message[:1].upper() + refusal.message[1:]
    question = refusal.question.strip() or GO_AHEAD_QUESTION
    if not question.endswith("?"):
        question = f"{question.rstrip('.')}?"
    return f"{message.rstrip('.')}. {question}"


class StoreWrites:
    """Runs the screens' writes and announces each one (see the module's docstring)."""

    def __init__(self, app: App[Any], repository: Repository, clock: Clock) -> None:
        self._app = app
        self._repository = repository
        self._clock = clock
        self.changed: Signal[StoreChange] = Signal(app, "store-changed")
        """Published on the event loop after every write made through :meth:`run` (or
        :meth:`announce`). Listen with :meth:`follow`."""

    def follow(self, method: Callable[[StoreChange], object]) -> None:
        """Call ``method``, a method of a mounted screen or widget, after every write.

        Held weakly: a screen that closes is freed (with its drawn lines) rather than kept
        alive by its subscription until the next write. ``method`` runs at once, inside the
        announcement: keep it short (start a read in a worker).
        """
        node: DOMNode = method.__self__  # type: ignore[attr-defined]
        weak = weakref.WeakMethod(method)

        def call(change: StoreChange) -> None:
            if (bound := weak()) is not None:
                bound(change)

        self.changed.subscribe(node, call, immediate=True)

    def run(
        self,
        owner: DOMNode,
        job: Callable[[WriteContext], T],
        *,
        about: int | Callable[[T], int | None] | None = None,
        done: Callable[[T], object] | None = None,
        undone: Callable[[str], object] | None = None,
        say: str | Callable[[T], str] | None = None,
        force: bool = False,
        announce: bool = True,
    ) -> None:
        """Run ``job`` off the event loop, then announce the change.

        Args:
            owner: the screen (or widget) asking; ``done`` and ``undone`` run only while it
                is attached, and the overrule question is asked only then.
            job: writes, in a thread; what it returns goes to ``done`` and ``say``.
            about: the application written (None for writes not about one), or a function
                that tells it from what ``job`` returned (a new application's id).
            done: on the event loop after the write and its announcement.
            undone: on the event loop when nothing was written (refused, not confirmed, or
                failed), with the reason in words, e.g. to put back a row taken off a list.
            say: a notification after the write (shown even if ``owner`` has closed).
            force: run the job with ``force`` from the start.
            announce: False for a write that no other screen shows (a draft's text, saved
                as it is typed): announcing it would make the board read itself again.
        """

        def attempt() -> None:
            write = WriteContext(self._repository, self._clock(), force)
            try:
                result = job(write)
            except RuleRefusal as refusal:
                self._app.call_from_thread(self._refused, refusal, retry, undone, owner)
                return
            except EXPECTED_FAILURES as error:
                self._app.call_from_thread(self._failed, error, undone, owner)
                return
            except Exception as error:  # a bug: say so rather than fail silently
                log.exception("a write failed unexpectedly")
                self._app.call_from_thread(self._failed, error, undone, owner)
                return
            self._app.call_from_thread(self._succeeded, result, about, done, say, owner, announce)

        def retry() -> None:
            self.run(
                owner,
                job,
                about=about,
                done=done,
                undone=undone,
                say=say,
                force=True,
                announce=announce,
            )

        # A closure, not arguments: Textual describes a worker by the repr of its arguments.
        self._app.run_worker(attempt, thread=True, group="store-write", exit_on_error=False)

    def undo(
        self,
        owner: DOMNode,
        done: Callable[[str], object] | None = None,
        undone: Callable[[str], object] | None = None,
    ) -> None:
        """Undo this window's last change (refused if a later change made elsewhere touched
        it), say what was undone, then ``done`` (or ``undone`` when it failed): the one undo
        of every screen's ``u``."""

        def undo(write: WriteContext) -> str:
            from postinterview_tui.storage.errors import NothingToUndo

            try:
                # This window's own last change: another window's (or the CLI's) is theirs.
                label = write.repository.undo_and_describe(write.now, own=True)
            except NothingToUndo as error:
                return error.message[:1].upper() + error.message[1:] + "."
            return f"Undid: {label}"

        self.run(owner, undo, say=lambda said: said, done=done, undone=undone)

    def write_now(self, job: Callable[[WriteContext], object]) -> None:
        """Run ``job`` here, on the event loop, unannounced: for a screen that is closing, or
        the app quitting, where a worker started now might never run. It is for one small
        row; a failure rings the bell (the screen is going: nowhere left to say more)."""
        try:
            job(WriteContext(self._repository, self._clock(), False))
        except EXPECTED_FAILURES:
            self._app.bell()

    def announce(self, change: StoreChange) -> None:
        """Tell the subscribers about a write made outside :meth:`run` (on the event loop)."""
        self.changed.publish(change)

    # -- on the event loop ------------------------------------------------------------------

    def _succeeded(
        self,
        result: T,
        about: int | Callable[[T], int | None] | None,
        done: Callable[[T], object] | None,
        say: str | Callable[[T], str] | None,
        owner: DOMNode,
        announce: bool,
    ) -> None:
        if say is not None:
            text = say if isinstance(say, str) else say(result)
            if text:
                self._app.notify(safe_line(text), markup=False)
        if done is not None and owner.is_attached:
            done(result)
        # After ``done``: a screen that has already shown the write (the board patches a move
        # in) is current, and reads nothing again.
        if announce:
            self.announce(StoreChange(about(result) if callable(about) else about))

    def _refused(
        self,
        refusal: RuleRefusal,
        retry: Callable[[], None],
        undone: Callable[[str], object] | None,
        owner: DOMNode,
    ) -> None:
        if not (refusal.confirmable and owner.is_attached):
            self._app.notify(safe_line(refusal.message), severity="warning", markup=False)
            self._undone(undone, owner, refusal.message)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                retry()
            else:
                self._undone(undone, owner, "not confirmed")

        from postinterview_tui.tui.screens.dialogs import ConfirmScreen

        self._app.push_screen(ConfirmScreen(refusal_question(refusal)), answered)

    def _failed(
        self, error: Exception, undone: Callable[[str], object] | None, owner: DOMNode
    ) -> None:
        report_store_error(self._app, error)
        self._undone(undone, owner, error_text(error))

    @staticmethod
    def _undone(undone: Callable[[str], object] | None, owner: DOMNode, reason: str) -> None:
        if undone is not None and owner.is_attached:
            undone(reason)


def error_text(error: Exception) -> str:
    """An error in the user's words (store errors carry them in ``message``)."""
    return str(getattr(error, "message", None) or error or type(error).__name__)


def report_store_error(app: App[Any], error: Exception) -> None:
    """Tell the user a change could not be saved (nothing is lost: it was rolled back)."""
    app.notify(safe_line(error_text(error)), title="Could not save", severity="error", markup=False)
