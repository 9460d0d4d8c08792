"""A Footer that rebuilds its keys only when the keys it would show have changed."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from postinterview_tui.tui.workarounds import (
    dim_footer_key,
    footer_is_ready,
    footer_keys,
    key_of,
)

KeySignature = tuple[tuple[Any, ...], ...]


class SteadyFooter(Footer):
    """Textual's Footer, minus the rebuild on every focus change.

    The stock Footer recomposes all its keys whenever the focused widget changes, even when
    the keys shown stay the same (moving between two board columns, say). That rebuild costs
    more than the rest of a key press, so this one compares what it would show first. The
    parts of Textual's footer it needs are private: they live in ``tui/workarounds.py``, and
    without them this footer rebuilds as the stock one does.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: KeySignature | None = None
        self._pending = False  # a rebuild is on its way: it draws the keys of that moment

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

    def compose(self) -> ComposeResult:
        """Textual's keys, remembering which ones they are."""
        self._pending = False
        if footer_is_ready(self):
            self._drawn = self.shown_keys(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild only when the keys to show differ from the ones last drawn; when only
        whether some keys are enabled changed, restyle those keys in place.

        Nothing is worked out while a rebuild is on its way (it draws the keys as they are
        then: a screen opening announces its keys more than once before its footer is
        drawn) nor while another screen covers this one (the board when the detail opens:
        its keys are not in use, and Textual announces them again when it is back on top).
        Either would only delay the next frame.
        """
        if self._pending or screen is not screen.app.screen:
            return
        if footer_is_ready(self):
            signature = self.shown_keys(screen)
            if signature == self._drawn:
                return
            if self._restyled(signature):
                self._drawn = signature
                return
        self._pending = bool(screen.app.app_focus and self.is_attached and screen is self.screen)
        super().bindings_changed(screen)

    def _restyled(self, signature: KeySignature) -> bool:
        """Dim or undim keys in place when only their enabled state changed (moving between
        the first column and the next enables "back", say): rebuilding every key costs more
        than the rest of the key press. False when anything else changed."""
        drawn = self._drawn
        if drawn is None or len(drawn) != len(signature):
            return False
        if any(
            _without_enabled(old) != _without_enabled(new)
            for old, new in zip(drawn, signature, strict=True)
        ):
            return False
        enabled = {(entry[0], entry[3]): entry[ENABLED] for entry in signature}
        keys = footer_keys(self)
        if keys is None or any(key_of(key) not in enabled for key in keys):
            return False
        for key in keys:
            dim_footer_key(key, not enabled[key_of(key)])
        return True


ENABLED = 4
"""Where a key's enabled flag sits in a :data:`KeySignature` entry."""


def _without_enabled(entry: tuple[Any, ...]) -> tuple[Any, ...]:
    return entry[:ENABLED] + entry[ENABLED + 1 :]
