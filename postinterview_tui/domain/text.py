"""Making user text safe to show: no terminal control characters, no direction overrides.

User text is data. Rendering code wraps it in ``Content``/``Text`` so it is never markup; this
module removes what a terminal would act on (ESC, C1 codes, BEL...) before it gets that far.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional
# embeddings/overrides/isolates that can make text read differently from how it is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")
_SURROGATES = re.compile("[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """Remove terminal control characters and direction overrides; keep newlines and tabs."""
    return _UNSAFE.sub("", _SURROGATES.sub("\ufffd", text))


def safe_line(text: str) -> str:
    """Like :func:`safe_text`, folded onto one line (for cards, rows and tables)."""
    return _LINE_BREAKS.sub(" ", safe_text(text)).strip()


def shorten(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters, ending with an ellipsis when cut."""
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + "…"


QUOTED_LIMIT = 40
"""How much of a refused value an error message repeats."""


def quoted(value: object, limit: int = QUOTED_LIMIT) -> str:
    """A value for an error message: quoted, safe, and cut with its length when long.

    ``quoted("x" * 20000)`` gives ``'xxxx…' (20,000 characters)``: an error never repeats a
    huge value whole.
    """
    text = value if isinstance(value, str) else repr(value)
    cut = safe_line(text[:limit])
    if len(text) <= limit:
        return repr(cut) if isinstance(value, str) else cut
    return f"{cut!r}… ({len(text):,} characters)"
