"""User settings: the etiquette rules' day counts, the review window, the note signature, the look.

Every setting is checked in one place, here: its :class:`SettingRule` in :data:`RULES` names the
function that turns its text into a value or refuses it with a message for the user. Every way a
value comes in goes through that function: ``config set``, the settings screen, the app saving
its theme, and a value read from the file at start (which may have been edited by hand).

Adding a setting takes two steps:

1. a field with its default on :class:`Settings`;
2. a :class:`SettingRule` in :data:`RULES` with the dotted key, the field's name and its parser:
   ``whole_number(low, high)``, ``free_text()``, ``one_of("themes")`` or a function of your own
   ``(key, text, choices) -> value`` that raises ``ValueError`` with a message saying what is
   accepted. Give ``format`` too when the value is not text or a number (how it is stored).

Some values must be one of a list the domain cannot know (Textual's themes, the command table's
binding ids). Their parsers take a :class:`SettingChoices`; the layer that knows the lists builds
it (``postinterview_tui.tui.setting_choices.known_choices``). Without it (``None``) such a value is
only checked for its shape, and :meth:`Repository.set_setting` refuses to store it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import date

from postinterview_tui.domain.public_holidays import parse_holidays_code

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
    holidays: str = ""
    """Public holidays that are not working days: a country code, optionally with a subdivision
    (``US``, ``DE-BY``, ``GB-SCT``); empty for none."""
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
    imap_ca_file: str = ""
    """A PEM file of the CA certificates trusted for the IMAP server instead of the system's
    (for a server with a certificate of its own); empty: the system's store."""
    imap_max_per_run: int = 200
    keep_bodies: bool = False


@dataclass(frozen=True, slots=True)
class SettingChoices:
    """The names some settings must be one of, from the layers that define them."""

    themes: frozenset[str] = field(default_factory=frozenset)
    """Theme names (Textual's)."""
    binding_ids: frozenset[str] = field(default_factory=frozenset)
    """Command ids of the command table, which ``ui.keymap`` remaps."""


Parser = Callable[[str, str, "SettingChoices | None"], object]
"""``(dotted key, text, choices) -> value``; raises ``ValueError`` with a message for the user."""


@dataclass(frozen=True, slots=True)
class SettingRule:
    """How one setting is read, checked and written back."""

    key: str
    """Dotted key, as typed in ``config set``."""
    field: str
    """The :class:`Settings` field it fills."""
    parse: Parser
    format: Callable[[object], str] = str
    needs_choices: bool = False
    """True when the value must be one of a :class:`SettingChoices` list."""


def whole_number(low: int, high: int) -> Parser:
    """A parser for a whole number from ``low`` to ``high`` (negative text included)."""

    def parse(key: str, text: str, choices: SettingChoices | None) -> int:
        try:
            number = int(text.strip())
        except ValueError:
            raise ValueError(f"{key} must be a whole number, not {text!r}") from None
        if not low <= number <= high:
            raise ValueError(f"{key} must be between {low} and {high}, not {number}")
        return number

    return parse


def free_text(max_length: int = 2000) -> Parser:
    """A parser for any text up to ``max_length`` characters."""

    def parse(key: str, text: str, choices: SettingChoices | None) -> str:
        if len(text) > max_length:
            raise ValueError(f"{key} is too long (at most {max_length} characters)")
        return text

    return parse


_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def one_of(choice_set: str) -> Parser:
    """A parser for a name that must be in ``SettingChoices.<choice_set>``."""

    def parse(key: str, text: str, choices: SettingChoices | None) -> str:
        name = text.strip()
        if choices is None:
            if not _NAME.match(name) or len(name) > 60:
                raise ValueError(f"{key}: {text!r} is not a name")
            return name
        known: frozenset[str] = getattr(choices, choice_set)
        if name not in known:
            raise ValueError(f"{key}: {text!r} is not one of: {', '.join(sorted(known))}")
        return name

    return parse


def plain(parse: Callable[[str, str], object]) -> Parser:
    """A parser from a ``(key, text) -> value`` function that needs no choices."""

    def parse_plain(key: str, text: str, choices: SettingChoices | None) -> object:
        return parse(key, text)

    return parse_plain


def _mail(name: str) -> Parser:
    """The parser of a mail setting: ``domain.mail_settings``'s function ``name``, loaded the
    first time a mail setting is read or set (the board and ``today`` need none of it)."""

    def parse_mail(key: str, text: str, choices: SettingChoices | None) -> object:
        from postinterview_tui.domain import mail_settings

        parse: Callable[[str, str], object] = getattr(mail_settings, name)
        return parse(key, text)

    return parse_mail


def _parse_weekdays(key: str, text: str, choices: SettingChoices | None) -> tuple[int, ...]:
    days: set[int] = set()
    for item in _split_list(text):
        short = item.lower()[:3]
        if short not in WEEKDAY_NAMES:
            raise ValueError(f"{key}: {item!r} is not a day (use mon, tue, ... sun)")
        days.add(WEEKDAY_NAMES.index(short))
    if len(days) >= 7:
        raise ValueError(f"{key} cannot cover every day of the week")
    return tuple(sorted(days))


def _format_weekdays(value: object) -> str:
    assert isinstance(value, tuple)
    return json.dumps([WEEKDAY_NAMES[day] for day in value])


def _parse_dates(key: str, text: str, choices: SettingChoices | None) -> tuple[date, ...]:
    result: set[date] = set()
    for item in _split_list(text):
        try:
            result.add(date.fromisoformat(item))
        except ValueError:
            raise ValueError(f"{key}: {item!r} is not a date (use YYYY-MM-DD)") from None
    return tuple(sorted(result))


def _format_dates(value: object) -> str:
    assert isinstance(value, tuple)
    return json.dumps([day.isoformat() for day in value])


def _parse_ca_file(key: str, text: str, choices: SettingChoices | None) -> str:
    # Given choices, a value is being entered or checked: its file must be there. Read for
    # use (no choices), only its shape is checked, so a file gone later is reported by the
    # IMAP client in one line rather than silently replaced by the system's store.
    from postinterview_tui.domain.mail_settings import parse_ca_file

    return parse_ca_file(key, text, check_file=choices is not None)


_BINDING_ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$")
_KEY_NAME = re.compile(r"^[a-z0-9_+]+$")


def _parse_keymap(
    key: str, text: str, choices: SettingChoices | None
) -> tuple[tuple[str, str], ...]:
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
        if choices is not None and binding_id not in choices.binding_ids:
            raise ValueError(
                f"{key}: {binding_id!r} is not a binding id; the ids (also listed by ? in the "
                f"app) are: {', '.join(sorted(choices.binding_ids))}"
            )
        if not isinstance(keys, str) or not keys.strip():
            raise ValueError(f'{key}: the keys for {binding_id} must be text like "a,ctrl+n"')
        names = [name.strip() for name in keys.split(",")]
        if not all(_KEY_NAME.match(name) for name in names):
            raise ValueError(f"{key}: {keys!r} is not a list of key names")
        pairs.append((binding_id, ",".join(names)))
    return tuple(sorted(pairs))


def _format_keymap(value: object) -> str:
    assert isinstance(value, tuple)
    return json.dumps(dict(value), sort_keys=True)


RULES: tuple[SettingRule, ...] = (
    SettingRule("rules.thank_you_hours", "thank_you_hours", whole_number(1, 24 * 14)),
    SettingRule("rules.follow_up_days", "follow_up_days", whole_number(1, 60)),
    SettingRule("rules.after_decision_days", "after_decision_days", whole_number(0, 30)),
    SettingRule("rules.second_follow_up_days", "second_follow_up_days", whole_number(1, 60)),
    SettingRule("rules.max_follow_ups", "max_follow_ups", whole_number(1, 5)),
    SettingRule("rules.too_soon_days", "too_soon_days", whole_number(0, 30)),
    SettingRule("rules.move_on_days", "move_on_days", whole_number(1, 90)),
    SettingRule("rules.condition_check_in_days", "condition_check_in_days", whole_number(1, 60)),
    SettingRule("rules.weekend_days", "weekend_days", _parse_weekdays, _format_weekdays),
    SettingRule("rules.skip_dates", "skip_dates", _parse_dates, _format_dates),
    SettingRule("rules.holidays", "holidays", plain(parse_holidays_code)),
    SettingRule("review.window_days", "window_days", whole_number(0, 365)),
    SettingRule("user.name", "user_name", free_text()),
    SettingRule("user.signature", "user_signature", free_text()),
    SettingRule("ui.theme", "theme", one_of("themes"), needs_choices=True),
    SettingRule("ui.keymap", "keymap", _parse_keymap, _format_keymap, needs_choices=True),
    # Sending notes.
    SettingRule("user.email", "user_email", _mail("parse_address")),
    SettingRule("mail.send_command", "send_command", _mail("parse_command")),
    SettingRule("mail.smtp_host", "smtp_host", _mail("parse_host")),
    SettingRule("mail.smtp_port", "smtp_port", _mail("parse_port")),
    SettingRule("mail.smtp_user", "smtp_user", _mail("parse_user")),
    SettingRule("mail.smtp_password_command", "smtp_password_command", _mail("parse_command")),
    SettingRule("mail.smtp_security", "smtp_security", _mail("parse_security")),
    # Reading mail.
    SettingRule("mail.imap_host", "imap_host", _mail("parse_host")),
    SettingRule("mail.imap_port", "imap_port", _mail("parse_port")),
    SettingRule("mail.imap_user", "imap_user", _mail("parse_user")),
    SettingRule("mail.imap_password_command", "imap_password_command", _mail("parse_command")),
    SettingRule("mail.imap_folder", "imap_folder", _mail("parse_user")),
    SettingRule("mail.imap_security", "imap_security", _mail("parse_security")),
    SettingRule("mail.imap_ca_file", "imap_ca_file", _parse_ca_file),
    SettingRule("mail.imap_max_per_run", "imap_max_per_run", whole_number(1, 5000)),
    SettingRule(
        "mail.keep_bodies",
        "keep_bodies",
        _mail("parse_on_off"),
        lambda value: "on" if value else "off",
    ),
)
"""Every setting, in the order ``config get`` and the export list them."""

RULE_BY_KEY: dict[str, SettingRule] = {rule.key: rule for rule in RULES}

# Dotted setting key -> field name.
KEYS: dict[str, str] = {rule.key: rule.field for rule in RULES}


def setting_rule(key: str) -> SettingRule:
    """The rule of a dotted key.

    Raises:
        ValueError: unknown key, with the list of known ones.
    """
    rule = RULE_BY_KEY.get(key)
    if rule is None:
        raise ValueError(f"unknown setting {key!r} (known: {', '.join(sorted(KEYS))})")
    return rule


def parse_setting(key: str, text: str, choices: SettingChoices | None = None) -> object:
    """Turn the text of a setting into its value: the one check every way in goes through.

    Args:
        key: a dotted key from :data:`KEYS`.
        text: the value as typed, or as stored (JSON for lists).
        choices: the names themes and binding ids must be one of; ``None`` checks their shape
            only (reading for the rules, where the look does not matter).

    Returns:
        The parsed value, of the type the :class:`Settings` field has.

    Raises:
        ValueError: unknown key or a refused value, with a message for the user.
    """
    return setting_rule(key).parse(key, text, choices)


def format_setting(key: str, value: object) -> str:
    """The stored/printed text of a setting value (the inverse of :func:`parse_setting`)."""
    return RULE_BY_KEY[key].format(value)


def settings_from_texts(texts: dict[str, str], choices: SettingChoices | None = None) -> Settings:
    """Build settings from stored texts, ignoring unknown keys and unreadable values."""
    return read_settings(texts, choices)[0]


def read_settings(
    texts: dict[str, str], choices: SettingChoices | None = None
) -> tuple[Settings, tuple[str, ...]]:
    """Settings from stored texts, and why any value was refused (its default is used instead).

    Unknown keys are skipped without a word: a newer version may have written them.
    """
    values: dict[str, object] = {}
    problems: list[str] = []
    for key, text in texts.items():
        if key not in RULE_BY_KEY:
            continue
        try:
            values[KEYS[key]] = parse_setting(key, text, choices)
        except ValueError as error:
            problems.append(f"{error}; using the default")
    return replace(Settings(), **values), tuple(problems)  # type: ignore[arg-type]


def check_settings(settings: Settings, choices: SettingChoices) -> tuple[Settings, tuple[str, ...]]:
    """The same settings with every value the rules refuse (given ``choices``) set back to its
    default, and the reasons: for values read from a file that may have been edited by hand.

    Only the values set away from their defaults are checked (a default passes its own rule):
    the app checks its settings at every start, and need not load the mail settings' rules
    for a user who never set up mail.
    """
    defaults = Settings()
    texts = {
        rule.key: rule.format(getattr(settings, rule.field))
        for rule in RULES
        if getattr(settings, rule.field) != getattr(defaults, rule.field)
    }
    return read_settings(texts, choices)


def settings_as_texts(settings: Settings) -> dict[str, str]:
    """Every setting as ``{dotted key: text}``, for ``config get`` and export."""
    by_field = {item.name: getattr(settings, item.name) for item in fields(settings)}
    return {rule.key: rule.format(by_field[rule.field]) for rule in RULES}


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
