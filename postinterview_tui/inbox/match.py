"""Matching a message to one application, by four rules tried in order.

1. thread: ``In-Reply-To``/``References`` name a note sent from the app or a message already
   matched; 2. address: the sender (or a calendar's organizer or attendee) is an interviewer or
   recruiter of exactly one open application; 3. domain: the sender's domain is that of such an
   address of exactly one open application (webmail never counts); 4. name: the company's name
   appears in the subject or the first lines. The user's own address never counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from postinterview_tui.inbox.classify import own_words, phrases
from postinterview_tui.inbox.message import IncomingMessage, Person

FIRST_LINES = 5
"""How many non-empty lines of the body rule 4 reads, besides the subject."""
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


class Rule(StrEnum):
    """Which rule decided the application (``none`` and ``ambiguous`` decided nothing)."""

    THREAD = "thread"
    ADDRESS = "address"
    DOMAIN = "domain"
    NAME = "name"
    LINKED = "linked"
    """The user linked it by hand."""
    NONE = "none"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An application as matching sees it."""

    application_id: int
    company: str
    addresses: frozenset[str]
    """Its interviewers' and recruiter's addresses, lower case."""
    is_open: bool = True


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The application a message belongs to (``None`` when unmatched), and why."""

    application_id: int | None
    rule: Rule
    detail: str


def company_key(name: str) -> str:
    """A company name reduced for comparison: "Acme Inc." and "ACME" both give "acme"."""
    words = _NOT_ALNUM.sub(" ", name.lower()).split()
    suffixes = set(phrases().get("company_suffixes", ()))
    while words and words[-1] in suffixes:
        words.pop()
    while words and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def domain_of(address: str) -> str:
    """The domain of an address, lower case ("" without one)."""
    return address.rpartition("@")[2].lower() if "@" in address else ""


def match_message(
    message: IncomingMessage,
    candidates: Sequence[Candidate],
    threads: Mapping[str, int],
    *,
    user_email: str = "",
) -> MatchResult:
    """Find the application ``message`` belongs to.

    Args:
        message: the message as read.
        candidates: every application that is not deleted (open or not).
        threads: Message-IDs already tied to an application (notes sent, messages matched).
        user_email: the user's own address, never taken for an interviewer's.
    """
    for reference in (*message.in_reply_to, *reversed(message.references)):
        if reference in threads:
            return MatchResult(threads[reference], Rule.THREAD, f"replies to <{reference}>")
    own = user_email.strip().lower()
    senders = [
        person.address for person in _people_of(message) if person.address and person.address != own
    ]
    open_ones = [item for item in candidates if item.is_open]
    ambiguous: list[str] = []
    by_address = _only(item for item in open_ones if any(a in item.addresses for a in senders))
    if by_address is not None:
        return MatchResult(
            by_address, Rule.ADDRESS, f"{_first_known(senders, open_ones)} is theirs"
        )
    if _count(item for item in open_ones if any(a in item.addresses for a in senders)) > 1:
        ambiguous.append("the sender is a contact of several open applications")
    webmail = set(phrases().get("webmail_domains", ()))
    domains = {domain_of(a) for a in senders} - webmail - {domain_of(own), ""}
    with_domain = [
        item for item in open_ones if domains & {domain_of(address) for address in item.addresses}
    ]
    if len(with_domain) == 1:
        found = sorted(domains & {domain_of(a) for a in with_domain[0].addresses})[0]
        return MatchResult(with_domain[0].application_id, Rule.DOMAIN, f"sent from {found}")
    if len(with_domain) > 1:
        ambiguous.append("the sender's domain belongs to several open applications")
    text = f" {_NOT_ALNUM.sub(' ', _opening(message).lower())} "
    named = [
        item for item in open_ones if (key := company_key(item.company)) and f" {key} " in text
    ]
    if len(named) == 1:
        return MatchResult(named[0].application_id, Rule.NAME, f"names {named[0].company!r}"[:300])
    if len(named) > 1:
        ambiguous.append("it names several companies with open applications")
    if ambiguous:
        return MatchResult(None, Rule.AMBIGUOUS, "; ".join(ambiguous))
    return MatchResult(None, Rule.NONE, "no rule matched an open application")


def _people_of(message: IncomingMessage) -> list[Person]:
    people: list[Person] = []
    if message.event is not None:
        if message.event.organizer is not None:
            people.append(message.event.organizer)
        people.extend(message.event.attendees)
    if message.sender is not None:
        people.insert(0, message.sender)
    return people


def _only(items: Iterable[Candidate]) -> int | None:
    found = {item.application_id for item in items}
    return found.pop() if len(found) == 1 else None


def _count(items: Iterable[Candidate]) -> int:
    return len({item.application_id for item in items})


def _first_known(senders: Sequence[str], candidates: Sequence[Candidate]) -> str:
    for address in senders:
        if any(address in item.addresses for item in candidates):
            return address
    return senders[0] if senders else ""


def _opening(message: IncomingMessage) -> str:
    lines = [line for line in own_words(message.text).splitlines() if line.strip()]
    return "\n".join([message.subject, *lines[:FIRST_LINES]])
