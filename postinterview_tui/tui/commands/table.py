"""One table of user commands: each gives a binding (with a stable id), a footer entry, a help
line and a command-palette entry, so keys, footer, help and palette cannot drift apart.

The commands themselves are declared per screen (``board``, ``screens``, ``dialogs``); this
module puts them together, in the order the help screen and the README list them, and is what
the rest of the app imports.
"""

from __future__ import annotations

from postinterview_tui.tui.commands.board import APP_COMMANDS, BOARD_COMMANDS, DETAIL_COMMANDS
from postinterview_tui.tui.commands.command import Command, bindings, key_text
from postinterview_tui.tui.commands.dialogs import DIALOG_COMMANDS, dialog_bindings
from postinterview_tui.tui.commands.screens import (
    DRAFT_COMMANDS,
    FORM_COMMANDS,
    INSIGHTS_COMMANDS,
    OFFER_COMMANDS,
    OFFER_FORM_COMMANDS,
    REVIEW_COMMANDS,
    SETTINGS_COMMANDS,
    TEMPLATE_COMMANDS,
    TIMELINE_COMMANDS,
    UNMATCHED_COMMANDS,
)

__all__ = [
    "APP_COMMANDS",
    "BOARD_COMMANDS",
    "DETAIL_COMMANDS",
    "DIALOG_COMMANDS",
    "DRAFT_COMMANDS",
    "FORM_COMMANDS",
    "INSIGHTS_COMMANDS",
    "OFFER_COMMANDS",
    "OFFER_FORM_COMMANDS",
    "OPENERS",
    "REVIEW_COMMANDS",
    "SCREEN_GROUPS",
    "SETTINGS_COMMANDS",
    "TEMPLATE_COMMANDS",
    "TIMELINE_COMMANDS",
    "UNMATCHED_COMMANDS",
    "Command",
    "all_commands",
    "bindings",
    "dialog_bindings",
    "key_text",
    "markdown_key_table",
]

SCREEN_GROUPS: tuple[tuple[str, tuple[Command, ...]], ...] = (
    ("Everywhere", APP_COMMANDS),
    ("Board", BOARD_COMMANDS),
    ("Application details", DETAIL_COMMANDS),
    ("Forms", FORM_COMMANDS),
    ("Drafting panel", DRAFT_COMMANDS),
    ("Note templates", TEMPLATE_COMMANDS),
    ("Daily review", REVIEW_COMMANDS),
    ("Unmatched mail", UNMATCHED_COMMANDS),
    ("Timeline", TIMELINE_COMMANDS),
    ("Offer panel", OFFER_COMMANDS),
    ("Recording an offer", OFFER_FORM_COMMANDS),
    ("Insights", INSIGHTS_COMMANDS),
    ("Settings", SETTINGS_COMMANDS),
    ("Dialogs", DIALOG_COMMANDS),
)

# Screens any full screen can open from the command palette:
# (title, help, app method that opens it, the screen class it opens).
OPENERS: tuple[tuple[str, str, str, str], ...] = (
    ("Daily review", "Overdue, due and upcoming actions", "open_review", "ReviewScreen"),
    (
        "Timeline of all applications",
        "The last 30 days and the next 14",
        "open_timeline",
        "TimelineScreen",
    ),
    (
        "Insights",
        "Applications per stage, reply times and outcomes",
        "open_insights",
        "InsightsScreen",
    ),
    (
        "Edit note templates",
        "Change the text new drafts start from",
        "action_open_templates",
        "TemplatesScreen",
    ),
    (
        "Unmatched mail",
        "Ingested messages tied to no application, to link them",
        "open_unmatched",
        "UnmatchedScreen",
    ),
    (
        "Settings",
        "Your name, signature, the rules' day counts, theme",
        "open_settings",
        "SettingsScreen",
    ),
)


def all_commands() -> list[Command]:
    """Every command of every screen."""
    return [command for _, group in SCREEN_GROUPS for command in group]


def markdown_key_table() -> str:
    """Every key of every screen as Markdown tables, for the README (a test keeps it current)."""
    parts: list[str] = []
    for group, commands in SCREEN_GROUPS:
        if group == "Dialogs":
            continue
        parts.append(f"**{group}**\n\n| Keys | What it does |\n| --- | --- |")
        for command in commands:
            keys = key_text(command, {}).replace("|", "\\|")
            parts.append(f"| `{keys}` | {command.title} |")
        if group == "Everywhere":
            parts.append("| `ctrl+p` | Command palette: every command, and Go to application… |")
        parts.append("")
    return "\n".join(parts).strip() + "\n"
