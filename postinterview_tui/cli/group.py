"""The ``postinterview`` command line. It imports no Textual unless the app is launched.

Exit codes: 0 ok; 1 ``today --check`` found overdue items; 2 bad input (one line on stderr);
3 the database file cannot be used; 4 an unexpected error (details in the log file); 5 a note
could not be delivered (``send``: nothing marked sent).
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from postinterview_tui import __version__
from postinterview_tui.cli.runtime import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_UNUSABLE,
    PROG,
    BadInput,
    db_option,
    runtime,
)
from postinterview_tui.clock import ClockError

log = logging.getLogger("postinterview_tui.cli")


class OutputFailed(Exception):
    """Standard output could not be written (its reader went away, or its disk is full).

    Raised in place of the ``OSError``: click answers a broken pipe itself with exit 1 and
    nothing said, where a user must learn that the output is lost and the change is kept.
    """

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or "the output was closed")
        self.reason = error.strerror or "the output was closed"


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when one runs or is listed.

    This is click's documented "lazily loading subcommands" pattern: ``today`` then loads only
    its own module, not the offer, data, calendar and doctor commands and the forms they use.
    ``--help`` and shell completion still list every command (they load them all).
    """

    def __init__(
        self, *args: Any, lazy_subcommands: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands: dict[str, str] = lazy_subcommands or {}
        """Command name -> ``"module:attribute"`` of its click command."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, loaded or not, sorted as click sorts them."""
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, importing its module the first time."""
        if cmd_name not in self.commands and cmd_name in self.lazy_subcommands:
            self.add_command(self._load(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a failed write to stdout becomes :class:`OutputFailed`."""
        try:
            return super().invoke(ctx)
        except OSError as error:
            if _is_output_failure(error):
                raise OutputFailed(error) from error
            raise

    def load_all(self) -> None:
        """Import every lazy subcommand (for tests and tools that read ``self.commands``)."""
        for name in self.lazy_subcommands:
            self.get_command(click.Context(self), name)

    def _load(self, cmd_name: str) -> click.Command:
        module_name, attribute = self.lazy_subcommands[cmd_name].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attribute} is not a click command")
        return command


_COMMANDS_MODULE = "postinterview_tui.cli.applications"
LAZY_SUBCOMMANDS: dict[str, str] = {
    "add": f"{_COMMANDS_MODULE}:add",
    "interview": f"{_COMMANDS_MODULE}:interview",
    "reply": f"{_COMMANDS_MODULE}:reply",
    "move": f"{_COMMANDS_MODULE}:move",
    "list": f"{_COMMANDS_MODULE}:list_",
    "today": "postinterview_tui.cli.today:today",
    "show": f"{_COMMANDS_MODULE}:show",
    "edit": f"{_COMMANDS_MODULE}:edit",
    "delete": f"{_COMMANDS_MODULE}:delete",
    "undo": f"{_COMMANDS_MODULE}:undo",
    "note": f"{_COMMANDS_MODULE}:note",
    "purge": f"{_COMMANDS_MODULE}:purge",
    "config": f"{_COMMANDS_MODULE}:config",
    "doctor": "postinterview_tui.cli.doctor:doctor",
    "offer": "postinterview_tui.cli.offers:offer",
    "condition": "postinterview_tui.cli.offers:condition",
    "accept": "postinterview_tui.cli.offers:accept",
    "decline": "postinterview_tui.cli.offers:decline",
    "reopen": "postinterview_tui.cli.offers:reopen",
    "export": "postinterview_tui.cli.data:export",
    "import": "postinterview_tui.cli.data:import_",
    "backup": "postinterview_tui.cli.data:backup",
    "restore": "postinterview_tui.cli.data:restore",
    "ics": "postinterview_tui.cli.ics:ics",
    "ingest": "postinterview_tui.cli.inbox:ingest",
    "inbox": "postinterview_tui.cli.inbox:inbox",
    "draft": "postinterview_tui.cli.send:draft",
    "send": "postinterview_tui.cli.send:send",
}
"""Every subcommand and where it lives (a test checks this against each module's COMMANDS)."""


@click.group(
    cls=LazyGroup,
    lazy_subcommands=LAZY_SUBCOMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Examples:\n\n"
    "  postinterview --demo            look around with sample data\n\n"
    "  postinterview add --company Acme --role 'Data engineer'"
    " --interviewer 'Ana Ruiz <ana@acme.example>'\n\n"
    "  postinterview today --check || echo 'follow-ups overdue'",
)
@db_option
@click.option("--demo", is_flag=True, help="Open the app on a temporary copy of sample data.")
@click.option("--debug", is_flag=True, help="Write more detail to the log file.")
@click.version_option(__version__, prog_name=PROG)
@click.pass_context
def cli(ctx: click.Context, demo: bool, debug: bool) -> None:
    """Keep track of everything after a job interview: thank-you notes, polite follow-ups,
    offers with conditions, and moving on. With no command, opens the board."""
    ctx.find_root().meta["postinterview.debug"] = debug
    from postinterview_tui.logs import setup_logging

    setup_logging(debug)
    if ctx.invoked_subcommand is not None:
        from postinterview_tui.tui.collection import resume_collection

        # The subcommand is loaded by now (see collection.py); it ends in a moment.
        resume_collection(collect_first=False)
        return
    rt = runtime(ctx)
    from postinterview_tui.tui.launch import launch_app

    launch_app(rt.db_path, zone=rt.zone, clock=rt.clock, demo=demo)


def _register_commands() -> None:
    """Load every subcommand into ``cli.commands`` (the command line itself loads them lazily)."""
    assert isinstance(cli, LazyGroup)
    cli.load_all()


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (errors become one line on stderr)."""
    try:
        result = cli.main(
            args=list(argv) if argv is not None else None, prog_name=PROG, standalone_mode=False
        )
        sys.stdout.flush()  # a full or closed stdout shows here, not at exit
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.UsageError as error:
        return _fail(error.format_message(), EXIT_BAD_INPUT)
    except click.Abort:
        return _fail("aborted", EXIT_BAD_INPUT)
    except Exception as error:
        return _exit_code_for(error)
    return int(result) if isinstance(result, int) else EXIT_OK


def _exit_code_for(error: Exception) -> int:
    """The exit code (and the line on stderr) for an error a command raised.

    The error classes are imported here, once something has failed, rather than at start-up:
    a command that succeeds need not load the forms, moves and validation modules they live in.
    """
    from postinterview_tui.domain.forms import FormErrors
    from postinterview_tui.domain.moves import RuleRefusal
    from postinterview_tui.domain.validation import FieldError
    from postinterview_tui.domain.when import WhenError
    from postinterview_tui.storage.errors import (
        EditConflict,
        NotFound,
        NothingToUndo,
        StoreError,
    )

    if isinstance(
        error,
        (BadInput, WhenError, FieldError, NotFound, NothingToUndo, EditConflict, ClockError),
    ):
        return _fail(str(error), EXIT_BAD_INPUT)
    if isinstance(error, FormErrors):
        field, message = next(iter(error.errors.items()))
        return _fail(f"{field.replace('_', '-')}: {message}", EXIT_BAD_INPUT)
    if isinstance(error, RuleRefusal):
        hint = " (use --force to do it anyway)" if error.confirmable else ""
        return _fail(error.message + hint, EXIT_BAD_INPUT)
    if isinstance(error, StoreError):
        return _fail(error.message, EXIT_UNUSABLE)
    if isinstance(error, OSError) and _is_output_failure(error):
        error = OutputFailed(error)
    if isinstance(error, OutputFailed):
        _silence_stdout()
        reason = error.reason
        return _fail(
            f"could not write the output ({reason}); anything the command saved is kept",
            EXIT_UNUSABLE,
        )
    from postinterview_tui.logs import log_file

    log.exception("unexpected error", exc_info=error)
    return _fail(f"something unexpected went wrong; details are in {log_file()}", EXIT_INTERNAL)


def _is_output_failure(error: OSError) -> bool:
    """A write to standard output failed: its reader went away, or its disk is full.

    Every other file the commands write reports its own errors (the database through SQLite,
    exports and backups as bad input), so an ``OSError`` of these kinds reaching here is stdout.
    """
    import errno

    failures = {errno.EPIPE, errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EDQUOT}
    return isinstance(error, BrokenPipeError) or error.errno in failures


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail again."""
    import os

    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test's capture): nothing is flushed at exit
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fileno)
    finally:
        os.close(null)


def _fail(message: str, code: int) -> int:
    from postinterview_tui.domain.text import safe_line

    first_line = " ".join(safe_line(str(message)).split())
    click.echo(f"{PROG}: error: {first_line}", err=True)
    return code


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script's entry point."""
    sys.exit(run(argv))
