"""Matching and reading rules, without a database: the order of the four rules, company names,
the user's own address, bounded memory and hostile headers."""

from __future__ import annotations

import io
import tracemalloc

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.inbox.classify import Kind, classify
from postinterview_tui.inbox.match import Candidate, Rule, company_key, match_message
from postinterview_tui.inbox.message import IncomingMessage, Person
from postinterview_tui.inbox.parse import MAX_TEXT, read_message
from tests.cli._mail import REJECTION, message

LONDON = pendulum.timezone("Europe/London")
ACME = Candidate(1, "Acme Inc.", frozenset({"ana@acme.example"}))
GLOBEX = Candidate(2, "Globex", frozenset({"priya@globex.example", "hr@gmail.com"}))
INITECH = Candidate(3, "Initech", frozenset({"bob@initech.example"}), is_open=False)


def _message(
    sender: str = "x@nowhere.example", subject: str = "", text: str = "", **kw: object
) -> IncomingMessage:
    return IncomingMessage(
        message_id="m@x",
        sender=Person("", sender),
        subject=subject,
        date=None,
        text=text,
        **kw,  # type: ignore[arg-type]
    )


def test_the_thread_rule_comes_first_even_from_an_unknown_address() -> None:
    found = match_message(
        _message("stranger@elsewhere.example", in_reply_to=("sent-1@postinterview",)),
        [ACME, GLOBEX],
        {"sent-1@postinterview": 2},
    )
    assert (found.application_id, found.rule) == (2, Rule.THREAD)


def test_an_address_beats_a_company_name_in_the_subject() -> None:
    found = match_message(_message("ana@acme.example", subject="Globex news"), [ACME, GLOBEX], {})
    assert (found.application_id, found.rule) == (1, Rule.ADDRESS)


def test_the_domain_rule_and_webmail_never_counting() -> None:
    colleague = match_message(_message("ben@acme.example"), [ACME, GLOBEX], {})
    assert (colleague.application_id, colleague.rule) == (1, Rule.DOMAIN)
    someone = match_message(_message("someone@gmail.com"), [ACME, GLOBEX], {})
    assert someone.application_id is None


def test_the_name_rule_reads_the_subject_and_first_lines() -> None:
    by_subject = match_message(_message(subject="Your ACME application"), [ACME, GLOBEX], {})
    assert (by_subject.application_id, by_subject.rule) == (1, Rule.NAME)
    late = "\n".join(["line"] * 10 + ["Acme"])
    assert match_message(_message(text=late), [ACME, GLOBEX], {}).application_id is None


def test_two_companies_named_is_ambiguous_and_closed_applications_do_not_count() -> None:
    both = match_message(_message(subject="Acme and Globex merge"), [ACME, GLOBEX], {})
    assert (both.application_id, both.rule) == (None, Rule.AMBIGUOUS)
    closed = match_message(_message("bob@initech.example"), [ACME, INITECH], {})
    assert closed.application_id is None


def test_the_users_own_address_is_never_an_interviewer() -> None:
    mine = Candidate(4, "Umbrella", frozenset({"sam@home.example"}))
    found = match_message(_message("sam@home.example"), [mine], {}, user_email="sam@home.example")
    assert found.application_id is None


@given(
    st.sampled_from(["Acme", "ACME", "acme"]),
    st.sampled_from(["", " Inc.", ", Inc", " Ltd", " GmbH", " LLC."]),
)
def test_company_names_compare_without_case_punctuation_or_suffix(name: str, suffix: str) -> None:
    assert company_key(name + suffix) == "acme"


@given(st.text(max_size=200))
def test_any_subject_or_body_is_classified_without_error(text: str) -> None:
    verdict = classify(_message(subject=text, text=text), matched=True)
    assert verdict.kind in set(Kind)
    assert len(verdict.sentence) <= 300


def test_a_huge_message_is_read_in_bounded_memory() -> None:
    head = message(body=REJECTION).as_bytes()
    huge = head + b"\n" + b"x" * (60 * 1024 * 1024)
    tracemalloc.start()
    try:
        parsed = read_message(io.BytesIO(huge), zone=LONDON, source="big")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert classify(parsed, matched=True).kind is Kind.REJECTION
    assert len(parsed.text) <= MAX_TEXT
    assert peak < 40 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB for a 60 MiB message"


def test_hostile_headers_are_read_as_text() -> None:
    raw = (
        b"From: =?utf-8?b?QW5hG1szMW0=?= <ana@acme.example>\r\n"
        b"Subject: \x1b]0;title\x07 [b]x[/b] \xff\xfe\r\n"
        b"Message-ID: <\x00evil@x>\r\n"
        b"Date: not a date\r\n\r\nbody\r\n"
    )
    parsed = read_message(io.BytesIO(raw), zone=LONDON, source="h")
    assert "\x00" not in parsed.message_id
    assert parsed.date is None
    assert parsed.sender is not None and parsed.sender.address == "ana@acme.example"
