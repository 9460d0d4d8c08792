"""Settings: defaults match the rules, texts parse and format back, bad values are refused."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.settings import (
    KEYS,
    RULES,
    SettingChoices,
    Settings,
    check_settings,
    format_setting,
    parse_setting,
    settings_as_texts,
    settings_from_texts,
)

from ._support import PROPERTY


def test_defaults_are_the_documented_rules() -> None:
    assert Settings() == Settings(
        thank_you_hours=24,
        follow_up_days=5,
        after_decision_days=2,
        second_follow_up_days=5,
        max_follow_ups=2,
        too_soon_days=3,
        move_on_days=5,
        condition_check_in_days=5,
        weekend_days=(5, 6),
        skip_dates=(),
        window_days=7,
        user_name="",
        user_signature="",
        theme="textual-dark",
    )
    # literal spot checks, in case both sides above were changed together
    defaults = Settings()
    assert (defaults.thank_you_hours, defaults.too_soon_days, defaults.weekend_days) == (
        24,
        3,
        (5, 6),
    )


def test_every_field_has_exactly_one_key() -> None:
    assert sorted(KEYS.values()) == sorted(field.name for field in fields(Settings))


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        ("rules.thank_you_hours", "24", 24),
        ("rules.thank_you_hours", " 48 ", 48),
        ("rules.thank_you_hours", "1", 1),
        ("rules.thank_you_hours", "336", 336),
        ("rules.follow_up_days", "60", 60),
        ("rules.after_decision_days", "0", 0),
        ("rules.max_follow_ups", "5", 5),
        ("rules.too_soon_days", "0", 0),
        ("rules.move_on_days", "90", 90),
        ("review.window_days", "0", 0),
        ("review.window_days", "365", 365),
        ("rules.weekend_days", "sat,sun", (5, 6)),
        ("rules.weekend_days", '["sat", "sun"]', (5, 6)),
        ("rules.weekend_days", "Sunday, Saturday", (5, 6)),
        ("rules.weekend_days", "fri, sat", (4, 5)),
        ("rules.weekend_days", "sat,sat", (5,)),
        ("rules.weekend_days", "", ()),
        ("rules.weekend_days", "[]", ()),
        ("rules.weekend_days", "mon,tue,wed,thu,fri,sat", (0, 1, 2, 3, 4, 5)),
        ("rules.skip_dates", "2026-12-25, 2026-12-24", (date(2026, 12, 24), date(2026, 12, 25))),
        ("rules.skip_dates", '["2026-12-24", "2026-12-24"]', (date(2026, 12, 24),)),
        ("rules.skip_dates", "", ()),
        ("user.name", "Zoë Ng", "Zoë Ng"),
        ("user.signature", "Best,\nZoë", "Best,\nZoë"),
        ("user.signature", "s" * 2000, "s" * 2000),
        ("ui.theme", "nord", "nord"),
    ],
)
def test_parse_setting(key: str, text: str, expected: object) -> None:
    assert parse_setting(key, text) == expected


@pytest.mark.parametrize(
    ("key", "text", "fragment"),
    [
        ("rules.nope", "1", "unknown setting"),
        ("thank_you_hours", "1", "unknown setting"),
        ("rules.thank_you_hours", "0", "between 1 and 336"),
        ("rules.thank_you_hours", "337", "between 1 and 336"),
        ("rules.follow_up_days", "0", "between 1 and 60"),
        ("rules.max_follow_ups", "6", "between 1 and 5"),
        ("rules.too_soon_days", "-1", "between 0 and 30"),
        ("review.window_days", "366", "between 0 and 365"),
        ("rules.follow_up_days", "five", "whole number"),
        ("rules.follow_up_days", "5.0", "whole number"),
        ("rules.follow_up_days", "", "whole number"),
        ("rules.weekend_days", "funday", "is not a day"),
        ("rules.weekend_days", "sa", "is not a day"),
        ("rules.weekend_days", "mon,tue,wed,thu,fri,sat,sun", "every day"),
        ("rules.weekend_days", '["sat"', "not a list"),
        ("rules.weekend_days", "[5, 6]", "is not a day"),
        ("rules.skip_dates", "2026-02-30", "is not a date"),
        ("rules.skip_dates", "tomorrow", "is not a date"),
        ("rules.skip_dates", '["2026-12-24",', "not a list"),
        ("user.signature", "s" * 2001, "too long"),
    ],
)
def test_parse_setting_refuses(key: str, text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_setting(key, text)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("rules.weekend_days", (5, 6), '["sat", "sun"]'),
        ("rules.weekend_days", (), "[]"),
        ("rules.skip_dates", (date(2026, 12, 24),), '["2026-12-24"]'),
        ("rules.follow_up_days", 5, "5"),
        ("user.name", "Zoë", "Zoë"),
    ],
)
def test_format_setting(key: str, value: object, expected: str) -> None:
    assert format_setting(key, value) == expected
    assert parse_setting(key, expected) == value


def test_settings_from_texts_ignores_unknown_keys_and_unreadable_values() -> None:
    result = settings_from_texts(
        {
            "rules.follow_up_days": "7",
            "rules.too_soon_days": "not a number",
            "rules.max_follow_ups": "99",
            "rules.weekend_days": '["fri", "sat"]',
            "something.else": "x",
        }
    )
    assert result == Settings(follow_up_days=7, weekend_days=(4, 5))


def test_default_settings_round_trip_through_texts() -> None:
    texts = settings_as_texts(Settings())
    assert texts["rules.weekend_days"] == '["sat", "sun"]'
    assert texts["rules.skip_dates"] == "[]"
    assert texts["rules.thank_you_hours"] == "24"
    assert set(texts) == set(KEYS)
    assert settings_from_texts(texts) == Settings()


def _bounded(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=low, max_value=high)


valid_settings = st.builds(
    Settings,
    thank_you_hours=_bounded(1, 336),
    follow_up_days=_bounded(1, 60),
    after_decision_days=_bounded(0, 30),
    second_follow_up_days=_bounded(1, 60),
    max_follow_ups=_bounded(1, 5),
    too_soon_days=_bounded(0, 30),
    move_on_days=_bounded(1, 90),
    condition_check_in_days=_bounded(1, 60),
    weekend_days=st.sets(_bounded(0, 6), max_size=6).map(lambda days: tuple(sorted(days))),
    skip_dates=st.sets(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))).map(
        lambda days: tuple(sorted(days))
    ),
    window_days=_bounded(0, 365),
    user_name=st.text(max_size=50),
    user_signature=st.text(max_size=200),
    theme=st.sampled_from(["textual-dark", "nord", "gruvbox", "solarized-light"]),
)


@PROPERTY
@given(settings=valid_settings)
def test_property_settings_round_trip_through_texts(settings: Settings) -> None:
    assert settings_from_texts(settings_as_texts(settings)) == settings


CHOICES = SettingChoices(
    themes=frozenset({"textual-dark", "nord"}), binding_ids=frozenset({"board.new", "app.quit"})
)


@pytest.mark.parametrize(
    ("key", "text", "fragment"),
    [
        ("ui.theme", "notatheme", "'notatheme' is not one of: nord, textual-dark"),
        ("ui.theme", "", "is not one of: nord, textual-dark"),
        ("ui.keymap", '{"board.nope": "a"}', "'board.nope' is not a binding id"),
        ("ui.keymap", '{"board.nope": "a"}', "are: app.quit, board.new"),
    ],
)
def test_names_outside_the_choices_are_refused_with_the_valid_ones(
    key: str, text: str, fragment: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        parse_setting(key, text, CHOICES)


def test_known_names_pass_with_the_choices() -> None:
    assert parse_setting("ui.theme", " nord ", CHOICES) == "nord"
    assert parse_setting("ui.keymap", '{"board.new": "a"}', CHOICES) == (("board.new", "a"),)


@pytest.mark.parametrize("text", ["-1", "-60", " -5 "])
def test_negative_numbers_get_the_rules_own_message(text: str) -> None:
    with pytest.raises(ValueError, match=r"must be between 1 and 60, not -\d+"):
        parse_setting("rules.follow_up_days", text)


def test_a_hand_edited_file_is_read_with_the_same_rules() -> None:
    read = settings_from_texts({"ui.theme": "notatheme", "ui.keymap": '{"board.nope": "a"}'})
    checked, problems = check_settings(read, CHOICES)
    assert (checked.theme, checked.keymap) == ("textual-dark", ())
    assert len(problems) == 2
    assert "'notatheme' is not one of: nord, textual-dark; using the default" in problems[0]
    assert "'board.nope' is not a binding id" in problems[1]
    good = Settings(theme="nord", keymap=(("board.new", "a"),))
    assert check_settings(good, CHOICES) == (good, ())


def test_every_setting_declares_its_rule_once() -> None:
    keys = [rule.key for rule in RULES]
    assert len(keys) == len(set(keys))
    assert [rule.field for rule in RULES] == [field.name for field in fields(Settings)]
