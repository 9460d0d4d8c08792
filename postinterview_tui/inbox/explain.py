"""``inbox show``'s explanation of a stored message: what decided its application and kind."""

from __future__ import annotations

import textwrap

from pendulum import Timezone

from postinterview_tui.domain.text import safe_line
from postinterview_tui.inbox.match import Rule
from postinterview_tui.inbox.records import InboxEntry

INDENT = " " * 13
WRAP = 56
"""Quoted text is wrapped to this width under its label (the dialog is 72 wide)."""

RULE_WORDS: dict[Rule, str] = {
    Rule.THREAD: "rule 1, thread: it answers a note you sent or a message already matched",
    Rule.ADDRESS: "rule 2, address: the sender is one of its contacts",
    Rule.DOMAIN: "rule 3, domain: the sender writes from its contacts' domain",
    Rule.NAME: "rule 4, name: it names the company",
    Rule.LINKED: "you linked it",
    Rule.NONE: "no rule matched an open application",
    Rule.AMBIGUOUS: "several applications matched, so none was chosen",
}


def explanation_lines(
    entry: InboxEntry, zone: Timezone, *, short_source: bool = False
) -> list[str]:
    """The lines of ``inbox show`` (every piece of message text made safe to print);
    ``short_source`` names only the file a message was read from, for a narrow dialog."""
    received = entry.received_at.in_timezone(zone).format("ddd D MMM YYYY HH:mm")
    lines = [
        f"Inbox message {entry.id}",
        f"  From:      {safe_line(entry.sender)}",
        f"  Subject:   {safe_line(entry.subject)}",
        f"  Date:      {received}",
    ]
    if entry.source:
        source = entry.source.rsplit("/", 1)[-1] if short_source else entry.source
        lines.append(f"  Read from: {safe_line(source)}")
    if entry.application_id is not None:
        lines.append(
            f"  Matched:   {safe_line(entry.company)} (application {entry.application_id})"
        )
    else:
        lines.append("  Matched:   nothing (link it: postinterview inbox link ID APP_ID)")
    lines.append(f"  Because:   {RULE_WORDS[entry.rule]}")
    if entry.match_detail and entry.rule is not Rule.LINKED:
        detail = textwrap.wrap(f"({safe_line(entry.match_detail)})", width=WRAP)
        lines.extend(f"{INDENT}{line}" for line in detail)
    lines.append(
        f"  Kind:      {entry.kind}, decided by {safe_line(entry.kind_reason)!r}"
        if entry.kind_reason
        else f"  Kind:      {entry.kind}"
    )
    if entry.sentence:
        quoted = textwrap.wrap(f'"{safe_line(entry.sentence)}"', width=WRAP)
        lines.extend(f"{INDENT}{line}" for line in quoted)
    if entry.words:
        lines.append(f"  Proposal:  {safe_line(entry.words)} ({entry.status})")
    else:
        lines.append("  Proposal:  none")
    return lines
