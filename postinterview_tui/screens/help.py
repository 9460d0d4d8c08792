"""The help screen: every key, grouped by screen, from the same table as the bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from postinterview_tui.commands import SCREEN_GROUPS, Command

INTRO = (
    "postinterview keeps track of what comes after an interview: a thank-you note within a "
    "day, a polite follow-up after a week or so, offers and their conditions, and closing "
    "what is over. Cards move between stages with the keys below; ctrl+p finds any command."
)


def key_text(command: Command, keymap: dict[str, str]) -> str:
    """How a command's keys read, after the user's remapping."""
    keys = keymap.get(command.id, command.keys)
    if command.key_display and command.id not in keymap:
        shown = [command.key_display]
        shown += [key for key in keys.split(",")[1:] if len(key) > 1]
        return " / ".join(dict.fromkeys(shown))
    return " / ".join(key.replace("_", " ") for key in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """Every key of every screen."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        keymap: dict[str, str] = dict(getattr(self.app, "_keymap", {}) or {})
        with VerticalScroll(id="help"):
            yield Static("postinterview: keys", id="help-title")
            yield Static(Content(INTRO), id="help-intro")
            for group, commands in SCREEN_GROUPS:
                yield Static(group, classes="help-group")
                rows = [
                    Content.assemble(
                        (f"{key_text(command, keymap):>22}", "bold $accent"),
                        "  ",
                        command.title,
                    )
                    for command in commands
                ]
                if group == "Everywhere":
                    rows.append(
                        Content.assemble((f"{'ctrl+p':>22}", "bold $accent"), "  Command palette")
                    )
                yield Static(Content("\n").join(rows), classes="help-keys")
            yield Static("escape closes this screen", classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
