"""Classifying a message: transparent phrase rules, no guessing.

The kinds are tried in a fixed order and the first phrase found decides; :class:`Verdict` keeps
that phrase and the sentence it was found in, so ``inbox show`` can explain the decision. The
phrases live in ``phrases.json`` beside this module (one file, easy to extend).

The order favours precision on rejections: a calendar is an invitation; a reply sent by an
auto-responder is automatic whatever it says; job alerts and newsletters are unrelated before
anything else is looked for (they mention filled positions); then rejection, offer and
invitation phrases; then acknowledgements and auto-replies; anything else is unrelated when it
matched no application, automatic when sent by a machine (bulk, list) and a human reply otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from postinterview_tui.inbox.message import MAX_SENTENCE, IncomingMessage


class Kind(StrEnum):
    """What a message is about."""

    REJECTION = "rejection"
    INVITATION = "invitation"
    OFFER = "offer"
    REPLY = "reply"
    AUTOMATIC = "automatic"
    UNRELATED = "unrelated"


PHRASE_KINDS: tuple[Kind, ...] = (
    Kind.UNRELATED,
    Kind.REJECTION,
    Kind.OFFER,
    Kind.INVITATION,
    Kind.AUTOMATIC,
)
"""The kinds decided by a phrase, in the order they are tried."""

_RESPONDER_HEADERS = (
    "auto-submitted: auto-replied",
    "x-autoreply",
    "x-autorespond",
    "x-auto-reply",
)
_QUOTE_START = re.compile(
    r"^(on .{4,200} wrote:|-{2,} ?original message ?-{2,}|-{2,} ?forwarded message ?-{2,}"
    r"|from: .+@.+)$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


@dataclass(frozen=True, slots=True)
class Verdict:
    """A kind and why: the phrase (or header) that decided it and the sentence around it."""

    kind: Kind
    reason: str
    """The phrase or header that decided, or a plain explanation ("no phrase matched")."""
    sentence: str = ""
    """The sentence holding the phrase, at most 300 characters."""


@cache
def phrases() -> dict[str, tuple[str, ...]]:
    """The phrase lists from ``phrases.json`` (read once), normalised as messages are."""
    text = resources.files("postinterview_tui.inbox").joinpath("phrases.json").read_text("utf-8")
    data = json.loads(text)
    return {
        key: tuple(normalise(item) for item in value)
        for key, value in data.items()
        if isinstance(value, list)
    }


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces: the form phrases are matched in."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    return " ".join(text.split())


def own_words(text: str) -> str:
    """The body without what it quotes (``>`` lines, and everything after "On … wrote:")."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if _QUOTE_START.match(stripped.lower()):
            break
        if stripped.startswith(">"):
            continue
        lines.append(line)
    return "\n".join(lines)


def classify(message: IncomingMessage, *, matched: bool) -> Verdict:
    """Decide the kind of ``message``.

    Args:
        message: the message as read.
        matched: whether it matched an application (a human message that matched none and
            says nothing about one is unrelated, not a reply).
    """
    if message.event is not None:
        what = "a calendar cancellation" if message.event.cancelled else "a calendar invitation"
        return Verdict(Kind.INVITATION, what, message.event.summary[:MAX_SENTENCE])
    headers = [item.lower() for item in message.automatic_headers]
    for header in headers:
        if header.startswith(_RESPONDER_HEADERS):
            return Verdict(Kind.AUTOMATIC, f"header {header}")
    body = own_words(message.text)
    searchable = _padded(normalise(f"{message.subject}\n{body}"))
    lists = phrases()
    for kind in PHRASE_KINDS:
        for phrase in lists.get(str(kind), ()):
            if f" {phrase} " in searchable:
                return Verdict(kind, phrase, _sentence_with(phrase, message.subject, body))
    if not matched:
        return Verdict(Kind.UNRELATED, "matched no application and names no decision")
    if headers:
        return Verdict(Kind.AUTOMATIC, f"header {headers[0]}")
    return Verdict(Kind.REPLY, "a message from them that is none of the other kinds")


_WORD_EDGES = re.compile(r"[^\w'@.-]+")


def _padded(text: str) -> str:
    """Text with punctuation turned into spaces, so phrases match on whole words."""
    return f" {_WORD_EDGES.sub(' ', text).replace('. ', ' ').strip(' .')} "


def _sentence_with(phrase: str, subject: str, body: str) -> str:
    for sentence in [subject, *_SENTENCE_END.split(body)]:
        if f" {phrase} " in _padded(normalise(sentence)):
            return " ".join(sentence.split())[:MAX_SENTENCE]
    return " ".join(subject.split())[:MAX_SENTENCE]
