"""The post-interview pipeline: stages in board order, close reasons and interview kinds."""

from __future__ import annotations

from enum import StrEnum

from postinterview_tui.domain.text import quoted


class Stage(StrEnum):
    """A column of the board. The values are stable ids used in the database and the CLI."""

    INTERVIEWED = "interviewed"
    THANKED = "thanked"
    FOLLOWED_UP = "followed-up"
    OFFER = "offer"
    ACCEPTED = "accepted"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        """The human name shown as a column heading."""
        return STAGE_LABELS[self]

    @property
    def position(self) -> int:
        """Zero-based position on the board, left to right."""
        return STAGE_ORDER.index(self)

    @property
    def is_open(self) -> bool:
        """True while the application still needs something from the user."""
        return self not in (Stage.ACCEPTED, Stage.CLOSED)


STAGE_ORDER: tuple[Stage, ...] = tuple(Stage)

OPEN_STAGES: frozenset[Stage] = frozenset(stage for stage in Stage if stage.is_open)
"""``Stage.is_open`` as a set, for code that asks it of thousands of applications."""

AGENDA_STAGES: frozenset[Stage] = OPEN_STAGES | {Stage.ACCEPTED}
"""The stages whose applications can have agenda items: the open ones, and Accepted, where an
offer condition still pending keeps its check-ins and a failed one asks for a talk, until each
is settled. Only Closed never asks for anything."""

STAGE_LABELS: dict[Stage, str] = {
    Stage.INTERVIEWED: "Interviewed",
    Stage.THANKED: "Thank-you sent",
    Stage.FOLLOWED_UP: "Followed up",
    Stage.OFFER: "Offer",
    Stage.ACCEPTED: "Accepted",
    Stage.CLOSED: "Closed",
}


class CloseReason(StrEnum):
    """Why an application was closed."""

    NOT_SELECTED = "not-selected"
    WITHDREW = "withdrew"
    DECLINED_OFFER = "declined-offer"
    NO_RESPONSE = "no-response"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The reason in plain words, as a choice in a list: "No response"."""
        return CLOSE_REASON_LABELS[self]

    @property
    def phrase(self) -> str:
        """The reason inside a sentence, worded the same way everywhere: "closed: no response",
        "closed: I withdrew" (cards, the review, the timeline, ``show``)."""
        return CLOSE_REASON_PHRASES[self]

    @property
    def card_words(self) -> str:
        """The reason alone, short enough for the narrowest board column: "I declined"."""
        return CLOSE_REASON_CARD_WORDS[self]


CLOSE_REASON_LABELS: dict[CloseReason, str] = {
    CloseReason.NOT_SELECTED: "Not selected",
    CloseReason.WITHDREW: "I withdrew",
    CloseReason.DECLINED_OFFER: "I declined the offer",
    CloseReason.NO_RESPONSE: "No response",
    CloseReason.OTHER: "Other",
}

CLOSE_REASON_PHRASES: dict[CloseReason, str] = {
    CloseReason.NOT_SELECTED: "not selected",
    CloseReason.WITHDREW: "I withdrew",
    CloseReason.DECLINED_OFFER: "I declined the offer",
    CloseReason.NO_RESPONSE: "no response",
    CloseReason.OTHER: "another reason",
}

CLOSE_REASON_CARD_WORDS: dict[CloseReason, str] = {
    CloseReason.NOT_SELECTED: "not selected",
    CloseReason.WITHDREW: "I withdrew",
    CloseReason.DECLINED_OFFER: "I declined",
    CloseReason.NO_RESPONSE: "no response",
    CloseReason.OTHER: "other reason",
}


class InterviewKind(StrEnum):
    """The format of an interview round."""

    PHONE = "phone"
    VIDEO = "video"
    TECHNICAL = "technical"
    ONSITE = "onsite"
    PANEL = "panel"
    FINAL = "final"
    OTHER = "other"


class ConditionKind(StrEnum):
    """Something a conditional offer depends on."""

    REFERENCES = "references"
    BACKGROUND = "background"
    MEDICAL = "medical"
    RIGHT_TO_WORK = "right-to-work"
    OTHER = "other"


class ConditionStatus(StrEnum):
    """Where an offer condition stands."""

    PENDING = "pending"
    CLEARED = "cleared"
    FAILED = "failed"


class EventKind(StrEnum):
    """Kinds of entries in an application's append-only history."""

    CREATED = "created"
    INTERVIEW_HELD = "interview-held"
    THANK_YOU_SENT = "thank-you-sent"
    FOLLOW_UP_SENT = "follow-up-sent"
    REPLY_RECEIVED = "reply-received"
    OFFER_RECEIVED = "offer-received"
    CONDITION_CLEARED = "condition-cleared"
    CONDITION_FAILED = "condition-failed"
    CONDITION_CHECKED_IN = "condition-checked-in"
    STAGE_MOVED = "stage-moved"
    CLOSED = "closed"
    REOPENED = "reopened"
    EDITED = "edited"
    NOTE_ADDED = "note-added"
    DELETED = "deleted"
    RESTORED = "restored"
    UNDONE = "undone"
    SNOOZED = "snoozed"


def parse_stage(text: str) -> Stage:
    """Read a stage id (or its board number 1-6, or its label) typed by a user.

    Raises:
        ValueError: the text names no stage.
    """
    cleaned = text.strip().lower()
    if cleaned.isdecimal() and cleaned.isascii() and 1 <= int(cleaned) <= len(STAGE_ORDER):
        return STAGE_ORDER[int(cleaned) - 1]
    for stage in Stage:
        if cleaned in (stage.value, stage.label.lower()):
            return stage
    names = ", ".join(stage.value for stage in Stage)
    raise ValueError(f"unknown stage {quoted(text)} (choose from {names})")


def parse_close_reason(text: str) -> CloseReason:
    """Read a close reason id.

    Raises:
        ValueError: the text names no reason.
    """
    cleaned = text.strip().lower()
    for reason in CloseReason:
        if cleaned == reason.value:
            return reason
    names = ", ".join(reason.value for reason in CloseReason)
    raise ValueError(f"unknown reason {quoted(text)} (choose from {names})")
