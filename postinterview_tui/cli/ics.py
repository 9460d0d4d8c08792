"""``postinterview ics``: the agenda as an iCalendar file, for a calendar app to import.

One event per item of ``postinterview today --json --days N``. Each event's UID comes from the
application id, the action and the offer condition, so importing a newer file updates the
events already there instead of adding copies. ``icalendar`` is imported only when the command
runs, so the rest of the command line stays quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from postinterview_tui.cli.runtime import db_option, runtime, write_output_file

if TYPE_CHECKING:
    from pendulum import DateTime, Timezone

    from postinterview_tui.domain.agenda import AgendaItem

DEFAULT_DAYS = 30
EVENT_MINUTES = 15
UID_DOMAIN = "postinterview.local"
PRODID = "-//postinterview//daily review//EN"


def event_uid(application_id: int, action: str, condition_id: int | None) -> str:
    """The stable UID of an agenda item's event, e.g. ``7-follow-up-0@postinterview.local``."""
    return f"{application_id}-{action}-{condition_id or 0}@{UID_DOMAIN}"


@click.command(
    epilog="Example: postinterview ics -o ~/postinterview.ics  (import it again to update)"
)
@db_option
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default="-",
    help="Write to FILE (readable by you only); '-' or no option prints it.",
)
@click.option(
    "--days",
    type=click.IntRange(0, 365),
    default=DEFAULT_DAYS,
    show_default=True,
    help="Days ahead to include (overdue items are always in).",
)
@click.pass_context
def ics(ctx: click.Context, output: str, days: int) -> None:
    """Export what is overdue, due and coming up as an iCalendar (.ics) file."""
    rt = runtime(ctx)
    now = rt.clock()
    repository = rt.repository(create=False)
    items: list[AgendaItem] = []
    if repository is not None:
        items = repository.stored_agenda(now, days)
    data = calendar_bytes(items, now, rt.zone)
    if output == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_output_file(Path(output).expanduser(), data)


def calendar_bytes(items: Sequence[AgendaItem], now: DateTime, zone: Timezone) -> bytes:
    """The iCalendar text for agenda items, one event each, stamped ``now``."""
    from datetime import timedelta

    from icalendar import Calendar, Event

    from postinterview_tui.domain.review import row_text
    from postinterview_tui.domain.text import safe_line

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "postinterview")
    stamp = now.in_timezone("UTC").replace(microsecond=0)
    for item in items:
        text = row_text(item, now, zone)
        name = safe_line(f"{text.company} — {text.role}")
        action = safe_line(text.action)
        event = Event()
        event.add("uid", event_uid(item.application_id, str(item.action), item.condition_id))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due.in_timezone("UTC").replace(microsecond=0))
        event.add("duration", timedelta(minutes=EVENT_MINUTES))
        event.add("summary", f"{action[:1].upper()}{action[1:]} · {safe_line(text.company)}")
        lines = [f"{name}: {action}"]
        if text.detail:
            lines.append(safe_line(text.detail))
        lines.append(f"postinterview show {item.application_id}")
        event.add("description", "\n".join(lines))
        event.add("categories", ["postinterview", str(item.action)])
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


COMMANDS = (ics,)
