"""One table of user commands: each gives a binding (with a stable id), a footer entry, a help
line and a command-palette entry, so keys, footer, help and palette cannot drift apart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding


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
        "delete",
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
)

DETAIL_COMMANDS: tuple[Command, ...] = (
    Command("detail.back", "escape", "app.pop_screen", "Back", "Back to the board"),
    Command("detail.edit", "e", "edit_application", "Edit", "Edit application"),
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

SCREEN_GROUPS: tuple[tuple[str, tuple[Command, ...]], ...] = (
    ("Everywhere", APP_COMMANDS),
    ("Board", BOARD_COMMANDS),
    ("Application details", DETAIL_COMMANDS),
    ("Forms", FORM_COMMANDS),
)


def bindings(commands: Iterable[Command]) -> list[Binding]:
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
