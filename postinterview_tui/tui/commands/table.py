"""One table of user commands: each gives a binding (with a stable id), a footer entry, a help
line and a command-palette entry, so keys, footer, help and palette cannot drift apart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Command:
    """A user command."""

    id: str
    """Stable dotted id, used by the ``ui.keymap`` setting to remap keys."""
    keys: str
    """Comma-separated Textual key names."""
    action: str
    """The action run by the key and by the palette entry."""
    description: str
    """Short footer text."""
    title: str
    """Palette and help title."""
    help: str = ""
    """One more sentence for the palette and help screen."""
    show: bool = True
    """Shown in the footer."""
    key_display: str | None = None
    """How the keys read in the footer and help (defaults to Textual's own)."""
    palette: bool = True
    """Offered in the command palette."""
    priority: bool = False


APP_COMMANDS: tuple[Command, ...] = (
    Command(
        "app.help",
        "question_mark,f1",
        "app.show_help",
        "Help",
        "Show keys and help",
        "Every key of the screen you are on.",
        key_display="?",
    ),
    Command("app.quit", "q", "app.quit", "Quit", "Quit", "Leave postinterview; nothing is lost."),
)

BOARD_COMMANDS: tuple[Command, ...] = (
    Command(
        "board.column-left",
        "left,h",
        "column_left",
        "Column ←",
        "Previous column",
        show=False,
        palette=False,
    ),
    Command(
        "board.column-right",
        "right,l",
        "column_right",
        "Column →",
        "Next column",
        show=False,
        palette=False,
    ),
    Command(
        "board.card-up", "up,k", "card_up", "Card ↑", "Previous card", show=False, palette=False
    ),
    Command(
        "board.card-down", "down,j", "card_down", "Card ↓", "Next card", show=False, palette=False
    ),
    Command(
        "board.move-next",
        "shift+right,greater_than_sign",
        "move_next",
        "Next stage",
        "Move card to the next stage",
        "Records what the move means (thank-you sent...).",
        key_display=">",
    ),
    Command(
        "board.move-previous",
        "shift+left,less_than_sign",
        "move_previous",
        "Back",
        "Move card to the previous stage",
        "A correction; the history keeps both.",
        key_display="<",
    ),
    *(
        Command(
            f"board.move-to-{number}",
            str(number),
            f"move_to({number})",
            f"To {number}",
            f"Move card to stage {number}: {label}",
            show=False,
        )
        for number, label in enumerate(
            ("Interviewed", "Thank-you sent", "Followed up", "Offer", "Accepted", "Closed"),
            start=1,
        )
    ),
    Command(
        "board.new",
        "n",
        "new_application",
        "New",
        "New application",
        "Add an application and its interview.",
    ),
    Command("board.edit", "e", "edit_application", "Edit", "Edit application"),
    Command(
        "board.draft-thank-you",
        "t",
        "draft_thank_you",
        "Thank-you",
        "Draft thank-you note",
        "One note per interviewer; on an offer or closed card, the note that fits it.",
    ),
    Command(
        "board.reopen",
        "R",
        "reopen",
        "Reopen",
        "Reopen a closed application",
        "Back to the stage it was in before it closed.",
        show=False,
    ),
    Command(
        "board.draft-follow-up",
        "f",
        "draft_follow_up",
        "Follow-up",
        "Draft follow-up note",
        "Warns when it would be too soon.",
        show=False,
    ),
    # The daily loop (issue 20): what happened since, recorded from the board.
    Command(
        "board.reply",
        "y",
        "record_reply",
        "Reply",
        "Record a reply…",
        "They wrote back: restarts the follow-up count, with their new decision date if any.",
    ),
    Command(
        "board.add-round",
        "a",
        "add_round",
        "Round",
        "Add an interview round…",
        "Another interview, held or scheduled (a future time).",
        show=False,
    ),
    Command(
        "board.open",
        "enter",
        "open_detail",
        "Open",
        "Open application details",
        "Details, interviews and the full history.",
        show=False,
    ),
    Command(
        "board.delete",
        "delete,backspace",  # many laptop keyboards have no Delete key
        "delete_application",
        "Delete",
        "Delete application",
        "Asks first; undo brings it back.",
        show=False,
    ),
    Command("board.undo", "u", "undo", "Undo", "Undo the last change", "Moves, edits and deletes."),
    Command(
        "board.filter",
        "slash",
        "filter",
        "Filter",
        "Filter cards by text",
        "Type part of a company or role; escape clears it.",
        key_display="/",
    ),
    Command(
        "board.clear-filter",
        "escape",
        "clear_filter",
        "Clear filter",
        "Clear the filter",
        show=False,
        palette=False,
    ),
    Command(
        "board.review",
        "r",
        "daily_review",
        "Review",
        "Daily review",
        "Overdue, due and upcoming actions, each done from the keyboard.",
        show=False,
    ),
    Command(
        "board.insights",
        "i",
        "insights",
        "Insights",
        "Insights",
        "Applications per stage, reply times, follow-ups and outcomes.",
        show=False,
    ),
    Command(
        "board.timeline",
        "g",
        "timeline",
        "Timeline",
        "Timeline of all applications",
        "The last 30 days and the next 14, filterable by company.",
        show=False,
    ),
    Command(
        "board.settings",
        "comma",
        "settings",
        "Settings",
        "Settings",
        "Your name, signature, the rules' day counts, theme.",
        show=False,
        key_display=",",
    ),
)

DETAIL_COMMANDS: tuple[Command, ...] = (
    Command("detail.back", "escape", "app.pop_screen", "Back", "Back to the board"),
    Command("detail.edit", "e", "edit_application", "Edit", "Edit application"),
    Command("detail.draft-thank-you", "t", "draft_thank_you", "Thank-you", "Draft thank-you note"),
    Command("detail.draft-follow-up", "f", "draft_follow_up", "Follow-up", "Draft follow-up note"),
    Command(
        "detail.offer",
        "o",
        "open_offer",
        "Offer",
        "Open the offer panel",
        "Conditions, the reply deadline, accept or decline.",
    ),
    # The daily loop (issue 20).
    Command(
        "detail.reply",
        "y",
        "record_reply",
        "Reply",
        "Record a reply…",
        "They wrote back: restarts the follow-up count, with their new decision date if any.",
        show=False,  # the footer holds no more at 80 columns; help and palette list it
    ),
    Command(
        "detail.add-round",
        "a",
        "add_round",
        "Round",
        "Add an interview round…",
        "Another interview, held or scheduled (a future time).",
        show=False,
    ),
    Command(
        "detail.edit-interview",
        "i",
        "edit_interview",
        "Interview",
        "Edit an interview…",
        "Its time, kind, interviewers (a thank-you stays with its person) and topics.",
        show=False,
    ),
)

OFFER_COMMANDS: tuple[Command, ...] = (
    Command("offer.back", "escape", "app.pop_screen", "Back", "Back", palette=False),
    Command("offer.clear", "c", "clear_condition", "Cleared", "Mark the condition cleared"),
    Command("offer.fail", "x", "fail_condition", "Failed", "Mark the condition failed"),
    Command(
        "offer.accept",
        "a",
        "accept",
        "Accept",
        "Accept the offer",
        "Asks first while conditions are pending.",
    ),
    Command("offer.decline", "d", "decline", "Decline", "Decline the offer", "Asks first."),
)

OFFER_FORM_COMMANDS: tuple[Command, ...] = (
    Command("offer-form.save", "ctrl+s", "save", "Save", "Record the offer", priority=True),
    Command("offer-form.cancel", "escape", "cancel", "Cancel", "Close without recording it"),
)

INSIGHTS_COMMANDS: tuple[Command, ...] = (
    Command("insights.back", "escape,q", "app.pop_screen", "Back", "Back", palette=False),
)

SETTINGS_COMMANDS: tuple[Command, ...] = (
    Command(
        "settings.save",
        "ctrl+s",
        "save",
        "Save",
        "Save the settings",
        "Checks every value first; nothing is written while one is wrong.",
        priority=True,
    ),
    Command(
        "settings.close",
        "escape",
        "close",
        "Close",
        "Close the settings",
        "Asks first when something changed.",
    ),
)

FORM_COMMANDS: tuple[Command, ...] = (
    Command("form.save", "ctrl+s", "save", "Save", "Save", priority=True),
    Command(
        "form.cancel",
        "escape",
        "cancel",
        "Cancel",
        "Close without saving",
        "Asks first when something was typed.",
    ),
)

REVIEW_COMMANDS: tuple[Command, ...] = (
    Command(
        "review.done",
        "d",
        "mark_done",
        "Done",
        "Mark the action done",
        "Records what it means: thank-you sent, follow-up sent, check-in, closed...",
    ),
    Command("review.snooze", "s", "snooze", "Snooze", "Snooze", "1 day, 3 days, 1 week or a date."),
    Command("review.draft-thank-you", "t", "draft('thank-you')", "Thank-you", "Draft a thank-you"),
    Command("review.draft-follow-up", "f", "draft('follow-up')", "Follow-up", "Draft a follow-up"),
    Command("review.close", "c", "close_application", "Close", "Close with a reason"),
    Command("review.open", "enter", "open_application", "Open", "Open the application"),
    Command("review.down", "j", "cursor(1)", "Down", "Next row", show=False, palette=False),
    Command("review.up", "k", "cursor(-1)", "Up", "Previous row", show=False, palette=False),
    Command("review.back", "escape", "back", "Back", "Back from the review", palette=False),
    # The Inbox group (issue 17): keys for proposals from ingested mail, named in the row's hint.
    Command(
        "review.inbox-accept",
        "a",
        "inbox_accept",
        "Accept",
        "Accept the inbox proposal",
        "Does what the message calls for: close, record the reply, add the round...",
        show=False,
    ),
    Command(
        "review.inbox-dismiss",
        "x",
        "inbox_dismiss",
        "Dismiss",
        "Dismiss the inbox proposal",
        "Nothing changes.",
        show=False,
    ),
    Command(
        "review.inbox-link",
        "l",
        "inbox_link",
        "Link",
        "Link the message to another application",
        show=False,
    ),
    Command(
        "review.inbox-explain",
        "e",
        "inbox_explain",
        "Explain",
        "Explain the inbox message",
        "The rule that matched it and the phrase that decided its kind.",
        show=False,
    ),
    Command(
        "review.unmatched",
        "u",
        "app.open_unmatched",
        "Unmatched",
        "Unmatched mail",
        "Messages tied to no application, to link them.",
        show=False,
    ),
)

UNMATCHED_COMMANDS: tuple[Command, ...] = (
    Command("unmatched.link", "l", "link", "Link", "Link the message to an application"),
    Command("unmatched.explain", "e,enter", "explain", "Explain", "Explain the message"),
    Command("unmatched.down", "j", "cursor(1)", "Down", "Next row", show=False, palette=False),
    Command("unmatched.up", "k", "cursor(-1)", "Up", "Previous row", show=False, palette=False),
    Command("unmatched.back", "escape", "back", "Back", "Back", palette=False),
)

TIMELINE_COMMANDS: tuple[Command, ...] = (
    Command(
        "timeline.filter",
        "slash",
        "filter",
        "Filter",
        "Filter the timeline by company",
        "Type part of a company name; escape clears it.",
        key_display="/",
    ),
    Command("timeline.open", "enter", "open_application", "Open", "Open the row's application"),
    Command("timeline.down", "j", "cursor(1)", "Down", "Next row", show=False, palette=False),
    Command("timeline.up", "k", "cursor(-1)", "Up", "Previous row", show=False, palette=False),
    Command(
        "timeline.back",
        "escape",
        "back",
        "Back",
        "Back from the timeline",
        "Clears the filter first.",
        palette=False,
    ),
)

DRAFT_COMMANDS: tuple[Command, ...] = (
    Command("drafting.close", "escape", "close", "Close", "Close the drafting panel", "Saved."),
    Command(
        "drafting.copy",
        "ctrl+g",
        "copy_draft",
        "Copy",
        "Copy the note to the clipboard",
        "Some terminals block this; then save it to a file.",
        priority=True,
    ),
    Command(
        "drafting.save-file",
        "ctrl+s",
        "save_file",
        "Save file",
        "Save the note to a text file",
        "In Documents/postinterview.",
        priority=True,
    ),
    Command(
        "drafting.editor",
        "ctrl+o",
        "open_editor",
        "Editor",
        "Edit the note in your $EDITOR",
        priority=True,
    ),
    Command(
        "drafting.mail",
        "ctrl+l",
        "mail_link",
        "E-mail",
        "Open the note as a new e-mail",
        "A mailto: link with the subject and text.",
        priority=True,
    ),
    Command(
        "drafting.mark-sent",
        "ctrl+n",
        "mark_sent",
        "Mark sent",
        "Mark the note sent",
        "Records it and moves the card.",
        priority=True,
    ),
    Command(
        "drafting.send",
        "ctrl+r",
        "send_now",
        "Send",
        "Send the note now",
        "By e-mail (settings: user.email and a send command or SMTP); asks first.",
        priority=True,
    ),
    Command(
        "drafting.template",
        "ctrl+t",
        "choose_template",
        "Template",
        "Start from another template",
        "The current draft stays in the history.",
        priority=True,
    ),
)

TEMPLATE_COMMANDS: tuple[Command, ...] = (
    Command("templates.close", "escape", "close", "Close", "Close the templates"),
    Command(
        "templates.save", "ctrl+s", "save_template", "Save", "Save the template", priority=True
    ),
    Command(
        "templates.reset",
        "ctrl+o",
        "reset_template",
        "Reset",
        "Reset the template to the original text",
        priority=True,
    ),
)

DIALOG_COMMANDS: tuple[Command, ...] = (
    Command("confirm.yes", "y", "answer(True)", "Yes", "Yes (in a question)", palette=False),
    Command("confirm.no", "n,escape", "answer(False)", "No", "No (in a question)", palette=False),
    Command("close.cancel", "escape", "cancel", "Cancel", "Cancel closing", palette=False),
    Command("snooze.cancel", "escape", "cancel", "Cancel", "Cancel the snooze", palette=False),
    Command(
        "offer.cancel",
        "escape",
        "cancel",
        "Cancel",
        "Decide about the offer later",
        palette=False,
    ),
    Command(
        "template-picker.cancel",
        "escape",
        "cancel",
        "Cancel",
        "Keep the current template",
        palette=False,
    ),
    Command("name.cancel", "escape", "cancel", "Skip", "Skip giving your name", palette=False),
    Command("link.close", "escape", "dismiss", "Close", "Close the mail link", palette=False),
    Command(
        "link.copy",
        "ctrl+g",
        "copy_link",
        "Copy",
        "Copy the mail link",
        palette=False,
        priority=True,
    ),
    # The daily loop (issue 20): questions a move asks, picking a round to correct.
    Command("choice.cancel", "escape", "cancel", "Cancel", "Cancel (in a question)", palette=False),
    Command("round-picker.cancel", "escape", "cancel", "Cancel", "Pick no round", palette=False),
    Command(
        "thanked-who.cancel", "escape", "cancel", "Cancel", "Record no thank-you", palette=False
    ),
    Command(
        "thanked-who.save",
        "ctrl+s",
        "save",
        "Record",
        "Record the ticked thank-yous",
        palette=False,
        priority=True,
    ),
    Command("explain.close", "escape", "dismiss", "Close", "Close the explanation", palette=False),
    Command("link-picker.cancel", "escape", "cancel", "Cancel", "Link nothing", palette=False),
    Command(
        "send.confirm",
        "ctrl+r",
        "confirm",
        "Send",
        "Send the note (in the send dialog)",
        palette=False,
        priority=True,
    ),
    Command("send.cancel", "escape", "cancel", "Cancel", "Keep the note unsent", palette=False),
    Command(
        "help.close",
        "escape,q,question_mark",
        "dismiss",
        "Close",
        "Close the help",
        palette=False,
    ),
)


def dialog_bindings(*ids: str) -> list[Binding]:
    """The bindings of the dialog commands with these ids."""
    chosen = [command for command in DIALOG_COMMANDS if command.id in ids]
    assert len(chosen) == len(ids), ids
    return bindings(chosen)


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


def bindings(commands: Iterable[Command]) -> list[BindingType]:
    """Textual bindings for a set of commands, each carrying the command's id."""
    return [
        Binding(
            command.keys,
            command.action,
            command.description,
            show=command.show,
            key_display=command.key_display,
            id=command.id,
            tooltip=command.help,
            priority=command.priority,
        )
        for command in commands
    ]


def all_commands() -> list[Command]:
    """Every command of every screen."""
    return [command for _, group in SCREEN_GROUPS for command in group]


_KEY_NAMES = {
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "question_mark": "?",
    "slash": "/",
    "comma": ",",
}


def key_text(command: Command, keymap: dict[str, str]) -> str:
    """How a command's keys read (after the user's remapping), e.g. "shift+right / >"."""
    keys = keymap.get(command.id, command.keys)
    names = [_KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(",")]
    return " / ".join(dict.fromkeys(names))


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
