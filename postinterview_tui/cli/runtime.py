"""What every command shares: the runtime (file, zone, clock), the common options, shell
completion, bad input, exit codes and JSON output. Command modules import this, never the group.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from postinterview_tui.clock import make_clock, read_zone
from postinterview_tui.domain.stages import InterviewKind, Stage

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3, 4
PROG = "postinterview"
KIND_CHOICES = tuple(kind.value for kind in InterviewKind)
STAGE_HELP = f"{', '.join(stage.value for stage in Stage)} (or 1-{len(Stage)})"

F = TypeVar("F", bound=Callable[..., Any])


class BadInput(Exception):
    """Input the command cannot accept (exit 2)."""


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


def runtime(ctx: click.Context) -> Runtime:
    """The runtime for this invocation."""
    from postinterview_tui.storage.paths import default_db_path

    root = ctx.find_root()
    path = root.meta.get("postinterview.db") or default_db_path()
    return Runtime(db_path=Path(path), debug=bool(root.meta.get("postinterview.debug")))


def print_json(value: Any) -> None:
    """JSON output: indented, ASCII-only (so no control character reaches the terminal)."""
    click.echo(json.dumps(value, indent=2, sort_keys=False))


def write_output_file(path: Path, data: bytes) -> None:
    """Write a command's ``--output`` file, readable only by the user and whole or not at all.

    Raises:
        BadInput: the folder is missing, ``path`` is a folder, a pipe or a device, or the write
            failed (the message says which); no file is left half-written.
    """
    from postinterview_tui.domain.text import safe_line
    from postinterview_tui.storage.files.private import write_private_file

    shown = safe_line(str(path))
    if not path.parent.is_dir():
        raise BadInput(
            f"cannot write {shown}: the folder {safe_line(str(path.parent))} does not exist"
        )
    try:
        write_private_file(path, data)
    except OSError as error:
        raise BadInput(f"cannot write {shown}: {error.strerror or error}") from None
