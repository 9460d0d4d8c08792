"""Stages, close reasons and the immutable records the rules read."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from postinterview_tui.domain.models import ApplicationSummary, Progress
from postinterview_tui.domain.records import ApplicationDetail, ApplicationEdit, Contact, Interview
from postinterview_tui.domain.stages import (
    STAGE_ORDER,
    CloseReason,
    Stage,
    parse_close_reason,
    parse_stage,
)

from ._support import BERLIN, NEW_YORK, at

B, N = BERLIN, NEW_YORK


def test_board_order_ids_and_labels() -> None:
    assert [(stage.value, stage.label, stage.position) for stage in STAGE_ORDER] == [
        ("interviewed", "Interviewed", 0),
        ("thanked", "Thank-you sent", 1),
        ("followed-up", "Followed up", 2),
        ("offer", "Offer", 3),
        ("accepted", "Accepted", 4),
        ("closed", "Closed", 5),
    ]
    assert [stage for stage in Stage if not stage.is_open] == [Stage.ACCEPTED, Stage.CLOSED]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("interviewed", Stage.INTERVIEWED),
        ("1", Stage.INTERVIEWED),
        (" 3 ", Stage.FOLLOWED_UP),
        ("6", Stage.CLOSED),
        ("Followed-Up", Stage.FOLLOWED_UP),
        ("followed up", Stage.FOLLOWED_UP),
        ("thank-you sent", Stage.THANKED),
        ("  OFFER ", Stage.OFFER),
    ],
)
def test_parse_stage(text: str, expected: Stage) -> None:
    assert parse_stage(text) is expected


@pytest.mark.parametrize("text", ["", "0", "7", "done", "thank", "interview"])
def test_parse_stage_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="unknown stage"):
        parse_stage(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not-selected", CloseReason.NOT_SELECTED),
        (" Withdrew ", CloseReason.WITHDREW),
        ("declined-offer", CloseReason.DECLINED_OFFER),
        ("no-response", CloseReason.NO_RESPONSE),
        ("other", CloseReason.OTHER),
    ],
)
def test_parse_close_reason(text: str, expected: CloseReason) -> None:
    assert parse_close_reason(text) is expected


@pytest.mark.parametrize("text", ["", "Not selected", "rejected"])
def test_parse_close_reason_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="unknown reason"):
        parse_close_reason(text)


def test_close_reason_labels() -> None:
    assert [reason.label for reason in CloseReason] == [
        "Not selected",
        "I withdrew",
        "I declined the offer",
        "No response",
        "Other",
    ]


PROGRESS = Progress(
    Stage.FOLLOWED_UP,
    last_interview_at=at(B, 2026, 11, 2, 10),
    thanked_at=at(B, 2026, 11, 2, 18),
    last_follow_up_at=at(B, 2026, 11, 16, 10),
    last_reply_at=at(N, 2026, 11, 12, 9),  # 15:00 in Berlin
)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(at(B, 2026, 11, 1), None, id="before-everything"),
        pytest.param(at(B, 2026, 11, 2, 10), at(B, 2026, 11, 2, 10), id="at-interview"),
        pytest.param(at(B, 2026, 11, 5), at(B, 2026, 11, 2, 18), id="after-thanks"),
        pytest.param(at(B, 2026, 11, 12, 14, 59), at(B, 2026, 11, 2, 18), id="before-reply"),
        pytest.param(at(B, 2026, 11, 12, 15), at(N, 2026, 11, 12, 9), id="at-reply-other-zone"),
        pytest.param(at(B, 2026, 11, 30), at(B, 2026, 11, 16, 10), id="after-follow-up"),
    ],
)
def test_last_contact_before(moment: object, expected: object) -> None:
    assert PROGRESS.last_contact_before(moment) == expected  # type: ignore[arg-type]


def test_last_contact_is_the_latest_of_any_kind() -> None:
    assert PROGRESS.last_contact == at(B, 2026, 11, 16, 10)
    assert Progress(Stage.INTERVIEWED).last_contact is None
    assert Progress(Stage.INTERVIEWED).last_contact_before(at(B, 2026, 11, 1)) is None
    replied = dataclasses.replace(PROGRESS, last_reply_at=at(N, 2026, 11, 20, 9))
    assert replied.last_contact == at(N, 2026, 11, 20, 9)


def test_records_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PROGRESS.follow_ups = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Contact("a").name = "b"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (ApplicationEdit(), {}),
        (ApplicationEdit(company="Acme"), {"company": "Acme"}),
        (ApplicationEdit(location="", notes="n"), {"location": "", "notes": "n"}),
        (
            ApplicationEdit(role="Dev", recruiter=Contact("Jo", "jo@x.example")),
            {"role": "Dev", "recruiter": Contact("Jo", "jo@x.example")},
        ),
    ],
)
def test_application_edit_changed_fields(
    edit: ApplicationEdit, expected: dict[str, object]
) -> None:
    assert edit.changed_fields() == expected


def test_latest_interview_is_by_time_not_by_position() -> None:
    summary = ApplicationSummary(
        id=1,
        company="Acme",
        role="Dev",
        stage=Stage.INTERVIEWED,
        created_at=at(B, 2026, 11, 1),
        updated_at=at(B, 2026, 11, 1),
        progress=Progress(Stage.INTERVIEWED),
    )
    late = Interview(id=2, held_at=at(B, 2026, 11, 20, 10), decision_by=date(2026, 12, 1))
    early = Interview(id=1, held_at=at(N, 2026, 11, 20, 3))  # 09:00 Berlin
    detail = ApplicationDetail(summary=summary, interviews=(late, early))
    assert detail.latest_interview == late
    assert detail.id == 1
    assert ApplicationDetail(summary=summary).latest_interview is None


def test_parse_stage_refuses_superscript_digits_with_its_own_message() -> None:
    with pytest.raises(ValueError, match="unknown stage"):
        parse_stage("²")
