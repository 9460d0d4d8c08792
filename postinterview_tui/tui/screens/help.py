"""The help screen: every key, grouped by screen, from the same table as the bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from postinterview_tui.tui.commands.table import SCREEN_GROUPS, dialog_bindings, key_text

INTRO = (
    "postinterview keeps track of what comes after an interview: a thank-you note within a "
    "day, a polite follow-up after a week or so, offers and their conditions, and closing "
    "what is over. Cards move between stages with the keys below; ctrl+p finds any command."
)

KEYMAP_HINT = (
    "The dim name after each command is its id: remap keys with postinterview config set "
    'ui.keymap \'{"board.new": "a"}\'.'
)


class HelpScreen(ModalScreen[None]):
    """Every key of every screen."""

    CSS_PATH = "../styles/help.tcss"

    BINDINGS = dialog_bindings("help.close")

    def compose(self) -> ComposeResult:
        keymap: dict[str, str] = dict(getattr(self.app, "_keymap", {}) or {})
        with VerticalScroll(id="help"):
            yield Static("postinterview: keys", id="help-title")
            yield Static(Content(INTRO), id="help-intro")
            yield Static(Content(KEYMAP_HINT), classes="hint")
            for group, commands in SCREEN_GROUPS:
                yield Static(group, classes="help-group")
                # The dim id is what the ui.keymap setting remaps (as the README says).
                rows = [
                    Content.assemble(
                        (f"{key_text(command, keymap):<19}", "bold $accent"),
                        "  ",
                        command.title,
                        "  ",
                        (command.id, "dim"),
                    )
                    for command in commands
                ]
                if group == "Everywhere":
                    rows.append(
                        Content.assemble((f"{'ctrl+p':<19}", "bold $accent"), "  Command palette")
                    )
                yield Static(Content("\n").join(rows), classes="help-keys")
            yield Static("escape closes this screen", classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
