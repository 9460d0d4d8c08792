"""Card wording: one form everywhere, what is next and then when, in the full and short forms."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.cards import SHORT_LABELS, card_status
from postinterview_tui.domain.models import ApplicationSummary, Condition, Progress
from postinterview_tui.domain.review import close_step
from postinterview_tui.domain.rules import ActionKind, pending_actions
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import CloseReason, ConditionKind, ConditionStatus, Stage

from ._support import NOW, PROPERTY, tz

ZONE = tz("Europe/Berlin")
# "due now": less than an hour past due (issue 20: "0h late" read as a glitch).
WHEN = r"(in \d+d|today|tomorrow|due (now|today|tomorrow|in \d+d)|\d+[hd] late)"
FULL_WHAT = {
    ActionKind.THANK_YOU: r"thank-you( \(\d+/\d+ sent\))?",
    ActionKind.FOLLOW_UP: r"follow up( again)?",
    ActionKind.OFFER_DEADLINE: r"reply to the offer( \(\d+/\d+ conditions met\))?",
    ActionKind.OFFER_CONDITION: r"check-in( \(\d+/\d+ conditions met\))?",
}


def _summary(progress: Progress, stage: Stage) -> ApplicationSummary:
    return ApplicationSummary(1, "Acme", "Engineer", stage, NOW, NOW, progress)


moments = st.integers(min_value=-30 * 24, max_value=30 * 24).map(lambda h: NOW.add(hours=h))
conditions = st.lists(
    st.sampled_from([ConditionStatus.PENDING, ConditionStatus.CLEARED]).map(
        lambda status: Condition(1, ConditionKind.REFERENCES, "refs", status, NOW)
    ),
    max_size=3,
).map(tuple)


@st.composite
def summaries(draw: st.DrawFn) -> ApplicationSummary:
    stage = draw(
        st.sampled_from([Stage.INTERVIEWED, Stage.THANKED, Stage.FOLLOWED_UP, Stage.OFFER])
    )
    total = draw(st.integers(0, 3))
    progress = Progress(
        stage=stage,
        last_interview_at=draw(moments),
        interviewers_total=total,
        interviewers_thanked=draw(st.integers(0, total)),
        thanked_at=draw(st.none() | moments),
        follow_ups=draw(st.integers(0, 1)),
        last_follow_up_at=draw(st.none() | moments),
        offer_deadline=draw(st.none() | moments) if stage is Stage.OFFER else None,
        conditions=draw(conditions) if stage is Stage.OFFER else (),
    )
    return _summary(progress, stage)


@PROPERTY
@given(summary=summaries(), hours=st.integers(0, 24 * 20))
def test_every_card_says_what_is_next_and_when_in_both_forms(
    summary: ApplicationSummary, hours: int
) -> None:
    now = NOW.add(hours=hours)
    settings = Settings()
    status = card_status(summary, settings, now, ZONE)
    items = pending_actions(summary.progress, settings, ZONE)
    if status.text.startswith("interview ") or not items:
        return
    action = items[0].action
    if action is ActionKind.MOVE_ON:
        return  # advice, not a dated step (worded by the agenda's own rule)
    assert re.fullmatch(rf"{FULL_WHAT[action]} {WHEN}", status.text), status
    assert re.fullmatch(rf"{re.escape(SHORT_LABELS[action])} {WHEN}", status.short), status
    if status.text.endswith(" due now"):
        # "now" alone would not say it is due: both forms keep "due now".
        assert status.short == f"{SHORT_LABELS[action]} due now", status
        return
    # The short form keeps the same "when" as the full one (less the word "due").
    assert status.text.replace(" due ", " ").endswith(
        status.short.removeprefix(SHORT_LABELS[action])
    )


def test_the_issue_s_cards_all_name_the_next_step() -> None:
    """Thank-you sent, Followed up and Offer cards: "follow up in 2d", never a bare "in 2d"."""
    thanked = Progress(Stage.THANKED, NOW.subtract(days=2), 1, 1, thanked_at=NOW.subtract(days=2))
    followed = Progress(
        Stage.FOLLOWED_UP,
        NOW.subtract(days=20),
        1,
        1,
        thanked_at=NOW.subtract(days=19),
        follow_ups=1,
        last_follow_up_at=NOW.subtract(days=2),
    )
    offer = Progress(Stage.OFFER, NOW.subtract(days=9), offer_deadline=NOW.add(days=3))
    shorts = [
        card_status(_summary(progress, progress.stage), Settings(), NOW, ZONE).short
        for progress in (thanked, followed, offer)
    ]
    assert shorts[0].startswith("follow up in ")
    assert shorts[1].startswith("follow up in ")
    assert shorts[2].startswith("reply in ")


def test_closed_cards_give_the_reason_in_one_form_that_fits_the_narrowest_column() -> None:
    # Issue 15 §5: "closed: I withdrew" beside plain "not selected" (the long form where it
    # fitted, the short one where it did not) read as two wordings in one column.
    progress = Progress(Stage.CLOSED)
    narrowest_text = 20 - 3  # the narrowest column (20 cells) less its bar and margins
    for reason in [*CloseReason, None]:
        summary = ApplicationSummary(1, "A", "R", Stage.CLOSED, NOW, NOW, progress, reason)
        status = card_status(summary, Settings(), NOW, ZONE)
        assert not status.short and not status.shortest, "one form at every width"
        assert len(status.text) <= narrowest_text
        assert not status.text.startswith("closed"), "the column already says Closed"
        if reason is not None:
            assert close_step(reason).done == f"closed: {reason.phrase}"


def test_close_reason_phrases() -> None:
    assert [reason.phrase for reason in CloseReason] == [
        "not selected",
        "I withdrew",
        "I declined the offer",
        "no response",
        "another reason",
    ]


def test_interview_card_names_the_interview_in_both_forms() -> None:
    progress = Progress(Stage.INTERVIEWED, NOW.add(days=3))
    status = card_status(_summary(progress, Stage.INTERVIEWED), Settings(), NOW, ZONE)
    # The short form fits the narrowest column whole.
    assert status.text == "interview Tue 12:00"
    assert (status.short, status.shortest) == ("round Tue 12:00", "round Tue")
