"""The keys of the dialogs (confirm, choose, close), shared by every dialog."""

from __future__ import annotations

from textual.binding import BindingType

from postinterview_tui.tui.commands.command import Command, bindings

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


def dialog_bindings(*ids: str) -> list[BindingType]:
    """The bindings of the dialog commands with these ids."""
    chosen = [command for command in DIALOG_COMMANDS if command.id in ids]
    assert len(chosen) == len(ids), ids
    return bindings(chosen)
