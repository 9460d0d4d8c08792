"""User settings: the etiquette rules' day counts, the review window and the note signature.

Every number the rules use is a setting. Settings are stored as text by the store; this module
parses and validates them so a bad value never reaches the rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from datetime import date

WEEKDAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Settings:
    """All settings with their defaults. Field names map to dotted keys (see :data:`KEYS`)."""

    thank_you_hours: int = 24
    follow_up_days: int = 5
    after_decision_days: int = 2
    second_follow_up_days: int = 5
    max_follow_ups: int = 2
    too_soon_days: int = 3
    move_on_days: int = 5
    condition_check_in_days: int = 5
    weekend_days: tuple[int, ...] = (5, 6)
    skip_dates: tuple[date, ...] = ()
    window_days: int = 7
    user_name: str = ""
    user_signature: str = ""
    theme: str = "textual-dark"


# Dotted setting key -> field name.
KEYS: dict[str, str] = {
    "rules.thank_you_hours": "thank_you_hours",
    "rules.follow_up_days": "follow_up_days",
    "rules.after_decision_days": "after_decision_days",
    "rules.second_follow_up_days": "second_follow_up_days",
    "rules.max_follow_ups": "max_follow_ups",
    "rules.too_soon_days": "too_soon_days",
    "rules.move_on_days": "move_on_days",
    "rules.condition_check_in_days": "condition_check_in_days",
    "rules.weekend_days": "weekend_days",
    "rules.skip_dates": "skip_dates",
    "review.window_days": "window_days",
    "user.name": "user_name",
    "user.signature": "user_signature",
    "ui.theme": "theme",
}

_LIMITS: dict[str, tuple[int, int]] = {
    "thank_you_hours": (1, 24 * 14),
    "follow_up_days": (1, 60),
    "after_decision_days": (0, 30),
    "second_follow_up_days": (1, 60),
    "max_follow_ups": (1, 5),
    "too_soon_days": (0, 30),
    "move_on_days": (1, 90),
    "condition_check_in_days": (1, 60),
    "window_days": (0, 365),
}


def parse_setting(key: str, text: str) -> object:
    """Turn the text of a setting into its value.

    Args:
        key: a dotted key from :data:`KEYS`.
        text: the value as typed, or as stored (JSON for lists).

    Returns:
        The parsed value, of the type the :class:`Settings` field has.

    Raises:
        ValueError: unknown key or a value out of range, with a message for the user.
    """
    if key not in KEYS:
        raise ValueError(f"unknown setting {key!r} (known: {', '.join(sorted(KEYS))})")
    name = KEYS[key]
    if name in _LIMITS:
        low, high = _LIMITS[name]
        try:
            number = int(text.strip())
        except ValueError:
            raise ValueError(f"{key} must be a whole number, not {text!r}") from None
        if not low <= number <= high:
            raise ValueError(f"{key} must be between {low} and {high}")
        return number
    if name == "weekend_days":
        return _parse_weekdays(key, text)
    if name == "skip_dates":
        return _parse_dates(key, text)
    if len(text) > 2000:
        raise ValueError(f"{key} is too long (at most 2000 characters)")
    return text


def format_setting(key: str, value: object) -> str:
    """The stored/printed text of a setting value (the inverse of :func:`parse_setting`)."""
    name = KEYS[key]
    if name == "weekend_days":
        assert isinstance(value, tuple)
        return json.dumps([WEEKDAY_NAMES[day] for day in value])
    if name == "skip_dates":
        assert isinstance(value, tuple)
        return json.dumps([day.isoformat() for day in value])
    return str(value)


def settings_from_texts(texts: dict[str, str]) -> Settings:
    """Build settings from stored texts, ignoring unknown keys and unreadable values."""
    values: dict[str, object] = {}
    for key, text in texts.items():
        if key not in KEYS:
            continue
        try:
            values[KEYS[key]] = parse_setting(key, text)
        except ValueError:
            continue
    return replace(Settings(), **values)  # type: ignore[arg-type]


def settings_as_texts(settings: Settings) -> dict[str, str]:
    """Every setting as ``{dotted key: text}``, for ``config get`` and export."""
    by_field = {field.name: getattr(settings, field.name) for field in fields(settings)}
    return {key: format_setting(key, by_field[name]) for key, name in KEYS.items()}


def _split_list(text: str) -> list[str]:
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError:
            raise ValueError(f"not a list: {text!r}") from None
        if not isinstance(items, list):
            raise ValueError(f"not a list: {text!r}")
        return [str(item).strip() for item in items]
    return [part.strip() for part in stripped.split(",") if part.strip()]


def _parse_weekdays(key: str, text: str) -> tuple[int, ...]:
    days: set[int] = set()
    for item in _split_list(text):
        short = item.lower()[:3]
        if short not in WEEKDAY_NAMES:
            raise ValueError(f"{key}: {item!r} is not a day (use mon, tue, ... sun)")
        days.add(WEEKDAY_NAMES.index(short))
    if len(days) >= 7:
        raise ValueError(f"{key} cannot cover every day of the week")
    return tuple(sorted(days))


def _parse_dates(key: str, text: str) -> tuple[date, ...]:
    result: set[date] = set()
    for item in _split_list(text):
        try:
            result.add(date.fromisoformat(item))
        except ValueError:
            raise ValueError(f"{key}: {item!r} is not a date (use YYYY-MM-DD)") from None
    return tuple(sorted(result))
