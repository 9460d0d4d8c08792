"""What an undo says: which change it took back, naming the application it was made to."""

from __future__ import annotations

from collections.abc import Sequence

from postinterview_tui.domain.text import safe_line, shorten

_PHRASES = {
    "add application": "adding {company}",
    "add interview": "the interview added to {company}",
    "record reply": "the reply recorded for {company}",
    "edit": "the edit of {company}",
    "add note": "the note on {company}",
    "delete": "deleting {company}",
    "record offer": "the offer recorded for {company}",
    "condition cleared": "clearing a condition of {company}",
    "condition failed": "a failed condition of {company}",
    "condition check-in": "the condition check-in with {company}",
    "snooze": "snoozing {company}",
    "thank-you sent": "the thank-you to {company}",
    "note sent": "the note sent to {company}",
}
COMPANY_WIDTH = 40


def undo_message(label: str, companies: Sequence[str]) -> str:
    """``move of Acme to Thank-you sent`` from an action's label and the companies it touched.

    Args:
        label: the action's stored label (``move to Thank-you sent``, ``edit``...).
        companies: the companies of the applications the action changed, in order.
    """
    names = [shorten(safe_line(name), COMPANY_WIDTH) for name in companies if name.strip()]
    if not names:
        return label
    company = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"
    if label.startswith("move to "):
        return f"move of {company} to {label.removeprefix('move to ')}"
    phrase = _PHRASES.get(label)
    return phrase.format(company=company) if phrase else f"{label} ({company})"
