"""The inbox's records: a message as decided at ingest, and as stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from pendulum import DateTime

from postinterview_tui.inbox.classify import Kind, Verdict
from postinterview_tui.inbox.match import MatchResult, Rule
from postinterview_tui.inbox.message import IncomingMessage
from postinterview_tui.inbox.proposals import Proposal, Step


class ProposalStatus:
    """The states of a proposal (plain strings: they are stored and printed as they are)."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class Decided:
    """A message with everything ingest decided about it, ready to be stored."""

    message: IncomingMessage
    received: DateTime
    verdict: Verdict
    match: MatchResult
    proposal: Proposal | None
    body: str | None = None
    """The whole text, kept only with the setting ``mail.keep_bodies``."""


@dataclass(frozen=True, slots=True)
class InboxEntry:
    """A stored inbox message with its proposal."""

    id: int
    message_id: str
    from_name: str
    from_address: str
    subject: str
    received_at: DateTime
    kind: Kind
    kind_reason: str
    sentence: str
    application_id: int | None
    company: str
    """The matched application's company ("" when unmatched)."""
    rule: Rule
    match_detail: str
    step: Step | None
    words: str
    data: dict[str, object] = field(default_factory=dict)
    status: str | None = None
    source: str = ""
    event: dict[str, object] | None = None

    @property
    def sender(self) -> str:
        """``Name <address>``, or whichever of them there is."""
        if self.from_name and self.from_address:
            return f"{self.from_name} <{self.from_address}>"
        return self.from_name or self.from_address

    @property
    def proposal_line(self) -> str:
        """The review's line: "Acme: rejection: close it as not selected?"."""
        who = self.company or "Unmatched"
        return f"{who}: {self.kind}: {self.words}"
