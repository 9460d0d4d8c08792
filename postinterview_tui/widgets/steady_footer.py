"""A Footer that rebuilds its keys only when the keys it would show have changed."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

KeySignature = tuple[tuple[Any, ...], ...]


class SteadyFooter(Footer):
    """Textual's Footer, minus the rebuild on every focus change.

    The stock Footer recomposes all its keys whenever the focused widget changes, even when
    the keys shown stay the same (moving between two board columns, say). That rebuild costs
    more than the rest of a key press, so this one compares what it would show first.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: KeySignature | None = None

    def shown_keys(self, screen: Screen[Any]) -> KeySignature:
        """Everything of the screen's active bindings that the footer's keys depend on."""
        app = screen.app
        return tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                id(binding.group),
            )
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild only when the keys to show differ from the ones last drawn."""
        signature = self.shown_keys(screen)
        if self._bindings_ready and signature == self._drawn:
            return
        will_draw = screen.app.app_focus and self.is_attached and screen is self.screen
        super().bindings_changed(screen)
        if will_draw:
            self._drawn = signature
