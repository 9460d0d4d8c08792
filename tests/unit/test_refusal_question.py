"""A rule the user may overrule is asked about as a question, never stated with Yes/No under it
(issue 15 §4c): the dialog text is the reason, then a question."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.tui.screens.writes import refusal_question


def test_too_soon_asks_follow_up_anyway() -> None:
    refusal = RuleRefusal(
        "a follow-up now would be too soon after the last contact",
        confirmable=True,
        question="Follow up anyway?",
    )
    assert refusal_question(refusal) == (
        "A follow-up now would be too soon after the last contact. Follow up anyway?"
    )


@given(
    message=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
    question=st.sampled_from(["", "Accept anyway", "Send another anyway?", "  "]),
)
def test_every_overrulable_refusal_ends_with_a_question(message: str, question: str) -> None:
    text = refusal_question(RuleRefusal(message, confirmable=True, question=question))
    assert text.endswith("?")
    assert text.count("?") >= 1
