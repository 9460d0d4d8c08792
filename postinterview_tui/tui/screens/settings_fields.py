"""What the settings screen lists: its sections, each field's label and explanation, the ids of
its widgets, and how a stored value reads in its field."""

from __future__ import annotations

import json

from postinterview_tui.domain.settings import KEYS

# (section, ((dotted key, label, one-line explanation), ...)). Every key of KEYS but the theme
# (a Select, applied at once) and the keymap (JSON, for `postinterview config set`).
SECTIONS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "You",
        (
            ("user.name", "Your name", "Fills $my_name in notes, and signs them."),
            ("user.signature", "Signature", "Ends every note; empty means just your name."),
            ("user.email", "Your e-mail address", "The From of notes you send from the app."),
        ),
    ),
    (
        "When things are due",
        (
            (
                "rules.thank_you_hours",
                "Thank-you within (hours)",
                "Hours after an interview before its thank-you is overdue.",
            ),
            (
                "rules.follow_up_days",
                "First follow-up after (days)",
                "Business days after the thank-you or their last reply.",
            ),
            (
                "rules.after_decision_days",
                "After their decision date (days)",
                "Business days past the decision date they gave you.",
            ),
            (
                "rules.second_follow_up_days",
                "Next follow-up after (days)",
                "Business days between one follow-up and the next.",
            ),
            (
                "rules.max_follow_ups",
                "Follow-ups before moving on",
                "After this many unanswered, the app suggests moving on.",
            ),
            (
                "rules.too_soon_days",
                "Too soon (days)",
                "Following up sooner after any contact gets a warning.",
            ),
            (
                "rules.move_on_days",
                "Move on after (days)",
                "Business days after the last follow-up, then move on.",
            ),
            (
                "rules.condition_check_in_days",
                "Offer condition check-in (days)",
                "Business days between check-ins on an offer condition.",
            ),
            (
                "rules.weekend_days",
                "Weekend days",
                "Not business days: mon, tue … sun, separated by commas.",
            ),
            (
                "rules.skip_dates",
                "Days off",
                "Holidays skipped: YYYY-MM-DD, separated by commas.",
            ),
            (
                "rules.holidays",
                "Public holidays",
                "Your country's holidays are days off too: US, DE-BY, GB-SCT; empty: none.",
            ),
        ),
    ),
    (
        "Daily review",
        (
            (
                "review.window_days",
                "Look ahead (days)",
                "How far ahead the review and cards show what's coming.",
            ),
        ),
    ),
    (
        "Sending notes",
        (
            (
                "mail.send_command",
                "Send command",
                "Like msmtp -t: gets the message on its input. Set, it wins over SMTP.",
            ),
            ("mail.smtp_host", "SMTP server", "Like smtp.example.org (when no send command)."),
            ("mail.smtp_port", "SMTP port", "587 for STARTTLS, 465 for TLS."),
            ("mail.smtp_security", "SMTP security", "starttls, tls, or none (this machine only)."),
            ("mail.smtp_user", "SMTP login", "Empty when the server needs none."),
            (
                "mail.smtp_password_command",
                "Password command",
                "Prints the password, like pass show mail/smtp; never stored.",
            ),
        ),
    ),
    (
        "Your inbox",
        (
            (
                "mail.imap_host",
                "IMAP server",
                "For `postinterview ingest --imap`; empty: not used.",
            ),
            ("mail.imap_port", "IMAP port", "993 for TLS, 143 for STARTTLS."),
            ("mail.imap_user", "IMAP user", "The login name on the IMAP server."),
            (
                "mail.imap_password_command",
                "Password command",
                "Prints the password, e.g. pass show mail/imap (it is never stored).",
            ),
            ("mail.imap_folder", "IMAP folder", "The folder read (read-only), INBOX by default."),
            ("mail.imap_security", "IMAP security", "tls, starttls, or none (this machine only)."),
            (
                "mail.imap_ca_file",
                "IMAP CA file",
                "A PEM file of the CA to trust instead of the system's; empty: the system's.",
            ),
            ("mail.imap_max_per_run", "Messages per run", "At most this many new messages a run."),
            ("mail.keep_bodies", "Keep whole bodies", "off keeps only headers and one sentence."),
        ),
    ),
)

FIELD_KEYS: tuple[str, ...] = tuple(key for _, rows in SECTIONS for key, _, _ in rows)
"""The keys edited as text, in screen order."""

THEME_HELP = "Colours of the whole app; applied and kept at once."
LIST_KEYS = frozenset({"rules.weekend_days", "rules.skip_dates"})
"""Stored as JSON lists; shown as comma lists, which parse_setting also accepts."""


def field_id(key: str) -> str:
    """The widget id of a setting's field (the Settings field name is a valid id)."""
    return f"setting-{KEYS[key]}"


def error_id(key: str) -> str:
    """The widget id of the message beside a setting's field."""
    return f"error-{KEYS[key]}"


def display_text(key: str, stored: str) -> str:
    """How a stored setting reads in its field: lists as "sat, sun" rather than JSON."""
    if key in LIST_KEYS:
        try:
            items = json.loads(stored)
        except json.JSONDecodeError:
            return stored
        if isinstance(items, list):
            return ", ".join(str(item) for item in items)
    return stored


def field_message(key: str, error: ValueError) -> str:
    """parse_setting's message without the dotted key (the field's label says which)."""
    message = str(error)
    for prefix in (f"{key}: ", f"{key} "):
        if message.startswith(prefix):
            message = message.removeprefix(prefix)
            break
    return message[:1].upper() + message[1:]
