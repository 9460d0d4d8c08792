"""The ``postinterview`` command line. It imports no Textual unless the app is launched.

Exit codes: 0 ok; 1 ``today --check`` found overdue items; 2 bad input (one line on stderr);
3 the database file cannot be used; 4 an unexpected error (details in the log file); 5 a note
could not be delivered (``send``: nothing marked sent).
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from postinterview_tui import __version__
from postinterview_tui.clock import ClockError, make_clock, read_zone

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3, 4
PROG = "postinterview"
KIND_CHOICES = ("phone", "video", "technical", "onsite", "panel", "final", "other")
STAGE_HELP = "interviewed, thanked, followed-up, offer, accepted, closed (or 1-6)"

log = logging.getLogger("postinterview_tui.cli")
F = TypeVar("F", bound=Callable[..., Any])


class BadInput(Exception):
    """Input the command cannot accept (exit 2)."""


class OutputFailed(Exception):
    """Standard output could not be written (its reader went away, or its disk is full).

    Raised in place of the ``OSError``: click answers a broken pipe itself with exit 1 and
    nothing said, where a user must learn that the output is lost and the change is kept.
    """

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or "the output was closed")
        self.reason = error.strerror or "the output was closed"


class Runtime:
    """What every command needs: the file, the zone and the clock.

    A plain class: a dataclass generates its methods when this module is imported, which every
    command pays for.
    """

    def __init__(self, db_path: Path, debug: bool) -> None:
        self.db_path = db_path
        self.debug = debug
        self.zone, warning = read_zone()
        if warning:
            from postinterview_tui.domain.text import safe_line

            click.echo(f"{PROG}: warning: {safe_line(warning)}", err=True)
        self.clock = make_clock(self.zone)

    def repository(self, *, create: bool) -> Any:
        """Open the store (``None`` when the file is missing and ``create`` is false)."""
        from postinterview_tui.storage.repository import Repository

        return Repository.open(
            self.db_path, zone=self.zone, create=create, on_recompute=_recompute_progress
        )

    def existing(self) -> Any:
        """Open the store for a command that needs existing data."""
        repository = self.repository(create=False)
        if repository is None:
            raise BadInput(f"no database at {self.db_path} yet: add an application first")
        return repository


def _recompute_progress(done: int, total: int) -> None:
    """One line on stderr, rewritten in place, while a start computes every due again (after
    an upgrade, or when the rules or the zone changed since the last run). A few hundred
    applications take a blink: no line for those."""
    if total < 1000:
        return
    click.echo(f"\rUpdating what is due: {done:,} of {total:,} applications", err=True, nl=False)
    if done >= total:
        click.echo("", err=True)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.find_root().meta["postinterview.db"] = value


def db_option(function: F) -> F:
    """``--db PATH``, accepted before or after the command name."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=_remember_db,
        expose_value=False,
        help="Database file (default: $POSTINTERVIEW_DB or the user data directory).",
    )(function)


def complete_ids(
    ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[click.shell_completion.CompletionItem]:
    """Shell completion for application ids, with company and role as help."""
    import click.shell_completion  # only completion needs it, not every command

    from postinterview_tui.domain.text import safe_line

    try:
        repository = runtime(ctx).repository(create=False)
        summaries = repository.summaries() if repository else []
    except Exception:  # completion must never print an error into the shell
        return []
    return [
        click.shell_completion.CompletionItem(
            str(item.id), help=safe_line(f"{item.company} — {item.role}")
        )
        for item in summaries
        if str(item.id).startswith(incomplete)
    ]


def complete_stages(
    _ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[click.shell_completion.CompletionItem]:
    """Shell completion for stage ids."""
    import click.shell_completion

    from postinterview_tui.domain.stages import Stage

    return [
        click.shell_completion.CompletionItem(stage.value, help=stage.label)
        for stage in Stage
        if stage.value.startswith(incomplete)
    ]


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


_COMMANDS_MODULE = "postinterview_tui.cli_commands"
LAZY_SUBCOMMANDS: dict[str, str] = {
    "add": f"{_COMMANDS_MODULE}:add",
    "interview": f"{_COMMANDS_MODULE}:interview",
    "reply": f"{_COMMANDS_MODULE}:reply",
    "move": f"{_COMMANDS_MODULE}:move",
    "list": f"{_COMMANDS_MODULE}:list_",
    "today": "postinterview_tui.cli_today:today",
    "show": f"{_COMMANDS_MODULE}:show",
    "edit": f"{_COMMANDS_MODULE}:edit",
    "delete": f"{_COMMANDS_MODULE}:delete",
    "undo": f"{_COMMANDS_MODULE}:undo",
    "note": f"{_COMMANDS_MODULE}:note",
    "purge": f"{_COMMANDS_MODULE}:purge",
    "config": f"{_COMMANDS_MODULE}:config",
    "doctor": "postinterview_tui.cli_doctor:doctor",
    "offer": "postinterview_tui.cli_offers:offer",
    "condition": "postinterview_tui.cli_offers:condition",
    "accept": "postinterview_tui.cli_offers:accept",
    "decline": "postinterview_tui.cli_offers:decline",
    "reopen": "postinterview_tui.cli_offers:reopen",
    "export": "postinterview_tui.cli_data:export",
    "import": "postinterview_tui.cli_data:import_",
    "backup": "postinterview_tui.cli_data:backup",
    "restore": "postinterview_tui.cli_data:restore",
    "ics": "postinterview_tui.cli_calendar:ics",
    "ingest": "postinterview_tui.cli_inbox:ingest",
    "inbox": "postinterview_tui.cli_inbox:inbox",
    "draft": "postinterview_tui.cli_send:draft",
    "send": "postinterview_tui.cli_send:send",
}
"""Every subcommand and where it lives (a test checks this against each module's COMMANDS)."""


def runtime(ctx: click.Context) -> Runtime:
    """The runtime for this invocation."""
    from postinterview_tui.storage.paths import default_db_path

    root = ctx.find_root()
    path = root.meta.get("postinterview.db") or default_db_path()
    return Runtime(db_path=Path(path), debug=bool(root.meta.get("postinterview.debug")))


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

        resume_collection()  # the subcommand is loaded by now (see collection.py)
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


def print_json(value: Any) -> None:
    """JSON output: indented, ASCII-only (so no control character reaches the terminal)."""
    click.echo(json.dumps(value, indent=2, sort_keys=False))
