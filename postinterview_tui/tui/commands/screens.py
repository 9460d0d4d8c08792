"""The commands of the other full screens: offer, insights, settings, forms, review, unmatched
mail, timeline, drafting and templates."""

from __future__ import annotations

from postinterview_tui.tui.commands.command import Command

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
        "review.undo",
        "u",
        "undo",
        "Undo",
        "Undo the last change",
        "This window's last change: a dismissal, a link, an acceptance, a done or a snooze.",
        show=False,
    ),
    Command(
        "review.unmatched",
        "m",
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
    Command(
        "unmatched.undo",
        "u",
        "undo",
        "Undo",
        "Undo the last change",
        "This window's last change: a link made here comes back to the list.",
    ),
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
        "drafting.write-another",
        "w",
        "write_another",
        "Write another",
        "Write another note to someone already thanked",
        "Shown on a note already sent, which stays as it went; marking the new one asks first.",
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
