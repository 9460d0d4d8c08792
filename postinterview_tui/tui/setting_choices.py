"""The lists some settings must be one of: Textual's themes and the command table's binding ids.

The domain's setting rules cannot import either (see ``domain.settings``); everything that checks
a setting the user typed, and the app reading its settings at start, passes these in.
"""

from __future__ import annotations

from functools import cache

from postinterview_tui.domain.settings import SettingChoices


@cache
def known_choices() -> SettingChoices:
    """Every theme name and every binding id ``ui.theme`` and ``ui.keymap`` accept."""
    from textual.theme import BUILTIN_THEMES

    from postinterview_tui.tui.commands.table import all_commands

    return SettingChoices(
        themes=frozenset(BUILTIN_THEMES),
        binding_ids=frozenset(command.id for command in all_commands()),
    )
