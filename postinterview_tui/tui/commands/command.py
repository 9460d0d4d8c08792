"""What a user command is, and how it becomes a Textual binding and the words for its keys."""

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
