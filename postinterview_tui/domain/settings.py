"""User settings: the etiquette rules' day counts, the review window and the note signature.

Every number the rules use is a setting. Settings are stored as text by the store; this module
parses and validates them so a bad value never reaches the rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date

from postinterview_tui.domain import mail_settings

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
    keymap: tuple[tuple[str, str], ...] = ()
    """Remapped keys: (binding id, comma-separated keys)."""
    # Sending notes (see domain.mail_settings): the From address, then a command or a server.
    user_email: str = ""
    send_command: str = ""
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password_command: str = ""
    smtp_security: str = "starttls"
    # Reading mail (issue 17): `postinterview ingest --imap`, and what is kept of a message.
    imap_host: str = ""
    imap_port: int = 993
    imap_user: str = ""
    imap_password_command: str = ""
    """A command printing the IMAP password (``pass show mail/imap``); the password itself is
    never stored."""
    imap_folder: str = "INBOX"
    imap_security: str = "tls"
    imap_max_per_run: int = 200
    keep_bodies: bool = False


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
    "ui.keymap": "keymap",
    # Sending notes.
    "user.email": "user_email",
    "mail.send_command": "send_command",
    "mail.smtp_host": "smtp_host",
    "mail.smtp_port": "smtp_port",
    "mail.smtp_user": "smtp_user",
    "mail.smtp_password_command": "smtp_password_command",
    "mail.smtp_security": "smtp_security",
    # Reading mail.
    "mail.imap_host": "imap_host",
    "mail.imap_port": "imap_port",
    "mail.imap_user": "imap_user",
    "mail.imap_password_command": "imap_password_command",
    "mail.imap_folder": "imap_folder",
    "mail.imap_security": "imap_security",
    "mail.imap_max_per_run": "imap_max_per_run",
    "mail.keep_bodies": "keep_bodies",
}

# Sending and reading mail: field name -> its parser.
_MAIL_PARSERS: dict[str, Callable[[str, str], object]] = {
    "user_email": mail_settings.parse_address,
    "send_command": mail_settings.parse_command,
    "smtp_host": mail_settings.parse_host,
    "smtp_port": mail_settings.parse_port,
    "smtp_user": mail_settings.parse_user,
    "smtp_password_command": mail_settings.parse_command,
    "smtp_security": mail_settings.parse_security,
    # Reading mail.
    "imap_host": mail_settings.parse_host,
    "imap_port": mail_settings.parse_port,
    "imap_user": mail_settings.parse_user,
    "imap_password_command": mail_settings.parse_command,
    "imap_folder": mail_settings.parse_user,
    "imap_security": mail_settings.parse_security,
    "keep_bodies": mail_settings.parse_on_off,
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
    "imap_max_per_run": (1, 5000),
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
    if name == "keymap":
        return _parse_keymap(key, text)
    if name in _MAIL_PARSERS:
        return _MAIL_PARSERS[name](key, text)
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
    if name == "keymap":
        assert isinstance(value, tuple)
        return json.dumps(dict(value), sort_keys=True)
    if name == "keep_bodies":
        return "on" if value else "off"
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


_BINDING_ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$")
_KEY_NAME = re.compile(r"^[a-z0-9_+]+$")


def _parse_keymap(key: str, text: str) -> tuple[tuple[str, str], ...]:
    try:
        mapping = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError:
        raise ValueError(f'{key} must be JSON like {{"board.new": "a,ctrl+n"}}') from None
    if not isinstance(mapping, dict):
        raise ValueError(f'{key} must be a JSON object like {{"board.new": "a"}}')
    pairs = []
    for binding_id, keys in mapping.items():
        if not isinstance(binding_id, str) or not _BINDING_ID.match(binding_id):
            raise ValueError(f"{key}: {binding_id!r} is not a binding id (like board.new)")
        if not isinstance(keys, str) or not keys.strip():
            raise ValueError(f'{key}: the keys for {binding_id} must be text like "a,ctrl+n"')
        names = [name.strip() for name in keys.split(",")]
        if not all(_KEY_NAME.match(name) for name in names):
            raise ValueError(f"{key}: {keys!r} is not a list of key names")
        pairs.append((binding_id, ",".join(names)))
    return tuple(sorted(pairs))
