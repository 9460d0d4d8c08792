"""The commands of every screen (the app's own keys), the board and an application's detail."""

from __future__ import annotations

from postinterview_tui.tui.commands.command import Command

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
    # The screen scrolls itself (no focused scrolling container to take these keys).
    *(
        Command(f"detail.{name}", keys, action, title, title, show=False, palette=False)
        for name, keys, action, title in (
            ("scroll-up", "up,k", "scroll_up", "Scroll up"),
            ("scroll-down", "down,j", "scroll_down", "Scroll down"),
            ("page-up", "pageup", "page_up", "Page up"),
            ("page-down", "pagedown", "page_down", "Page down"),
            ("top", "home", "scroll_home", "To the top"),
            ("bottom", "end", "scroll_end", "To the end"),
        )
    ),
)
