"""``check_settings`` checks only the values set away from their defaults (the app checks its
settings at every start): that holds because every default passes its own rule, with the
choices the app gives or without them."""

from __future__ import annotations

from dataclasses import replace

from postinterview_tui.domain.settings import (
    RULES,
    SettingChoices,
    Settings,
    check_settings,
    format_setting,
    parse_setting,
)

CHOICES = SettingChoices(themes=frozenset({"textual-dark", "nord"}), binding_ids=frozenset())


def test_every_default_passes_its_own_rule() -> None:
    defaults = Settings()
    for rule in RULES:
        default = getattr(defaults, rule.field)
        text = format_setting(rule.key, default)
        for choices in (None, CHOICES):
            assert parse_setting(rule.key, text, choices) == default, rule.key


def test_a_value_away_from_its_default_is_still_checked() -> None:
    hand_edited = replace(Settings(), theme="no-such-theme", smtp_port=0, window_days=3)
    checked, problems = check_settings(hand_edited, CHOICES)
    assert checked == replace(Settings(), window_days=3)
    assert len(problems) == 2
